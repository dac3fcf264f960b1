import type { Rng } from "./random";
import type { Card } from "./types";

/**
 * Made-up identities: names, e-mails on reserved example domains, card numbers that are only a hash and a fake
 * BIN, device ids and IPv4 addresses whose first octet hints at the country. None of it is real.
 */

/** Where customers live (billing country) and how often. */
export const homeCountries: readonly { code: string; weight: number }[] = [
  { code: "US", weight: 88 }, { code: "CA", weight: 4 }, { code: "GB", weight: 3 }, { code: "AU", weight: 1.5 },
  { code: "DE", weight: 1.5 }, { code: "MX", weight: 1 }, { code: "FR", weight: 1 },
];

/** Countries seen abroad: travellers' IP addresses, gifts, and fraudsters' IP addresses alike. */
export const foreignCountries = ["GB", "DE", "FR", "NL", "ES", "IT", "BR", "MX", "IN", "JP", "SG", "AU", "ZA", "PL", "TR", "CA"];

/** Destinations of parcel-forwarding services, where reshipping rings send their goods. */
export const forwarderCountries = ["HK", "AE", "SG"];

const allCountries = [...new Set([...homeCountries.map((c) => c.code), ...foreignCountries, ...forwarderCountries])];

const firstOctets: Record<string, number[]> = {
  US: [23, 24, 50, 63, 64, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 98, 99, 104, 107, 108],
  CA: [142, 184, 206], GB: [51, 81, 86], AU: [1, 101, 203], DE: [46, 79, 84], MX: [187, 189, 201], FR: [77, 88, 90],
  NL: [31, 145], ES: [83, 95], IT: [79, 93], BR: [177, 179, 191], IN: [49, 117, 122], JP: [60, 126, 133],
  SG: [116, 175], ZA: [41, 105], PL: [83, 89], TR: [78, 88], HK: [112, 119], AE: [94, 176],
};

const firstNames = [
  "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William",
  "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen", "Daniel", "Lisa",
  "Matthew", "Nancy", "Anthony", "Sandra", "Mark", "Ashley", "Steven", "Emily", "Andrew", "Michelle", "Joshua",
  "Amanda", "Kevin", "Melissa", "Brian", "Laura", "Omar", "Priya", "Wei", "Sofia", "Lucas", "Amara", "Diego",
  "Hana", "Noah", "Olivia", "Liam", "Emma", "Mateo", "Aisha", "Ethan", "Chloe", "Kenji", "Fatima",
];
const lastNames = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
  "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
  "Perez", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King",
  "Wright", "Scott", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Patel", "Kim", "Chen", "Okafor",
  "Novak", "Schmidt", "Rossi", "Tanaka", "Silva", "Cohen",
];
const emailDomains = ["example.com", "example.net", "example.org", "mail.example"];

export function pickCountry(rng: Rng): string {
  return homeCountries[rng.weightedIndex(homeCountries.map((c) => c.weight))]?.code ?? "US";
}

export function foreignCountry(rng: Rng, notThis: string): string {
  for (;;) {
    const c = rng.pick(foreignCountries);
    if (c !== notThis) return c;
  }
}

export function personName(rng: Rng): { first: string; last: string } {
  return { first: rng.pick(firstNames), last: rng.pick(lastNames) };
}

export function personalEmail(rng: Rng, first: string, last: string, n: number): string {
  const local = rng.chance(0.5) ? `${first}.${last}` : `${first[0] ?? "x"}${last}${n % 1000}`;
  return `${local.toLowerCase()}${rng.chance(0.3) ? n : ""}@${rng.pick(emailDomains)}`;
}

/** Random-looking addresses fraudsters register in bulk (a few real customers have them too). */
export function throwawayEmail(rng: Rng): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  let local = "";
  for (let i = rng.int(6, 10); i > 0; i--) local += letters[rng.int(0, 25)];
  return `${local}${rng.int(10, 9999)}@${rng.pick(emailDomains)}`;
}

/** A card: only a hash is stored, and a six-digit BIN whose 2nd-3rd digits say the issuing country. */
export function makeCard(rng: Rng, country: string): Card {
  const countryDigits = String(Math.max(0, allCountries.indexOf(country)) + 10).padStart(2, "0");
  return { hash: rng.hex(32), bin: `${rng.pick(["4", "5"])}${countryDigits}${rng.int(100, 999)}`, country };
}

export function makeDevice(rng: Rng): string {
  return `dev-${rng.hex(12)}`;
}

export function makeIp(rng: Rng, country: string): string {
  const octets = firstOctets[country] ?? [185];
  return `${rng.pick(octets)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}
