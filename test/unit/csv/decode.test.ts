import { describe, expect, it } from "vitest";
import { inEnglish } from "@/lib/i18n/translate";
import { FileDecoder } from "@/lib/csv/decode";
import { mulberry32 } from "@/models/random";

function decode(bytes: Uint8Array, size: number, encoding: "utf-8" | "windows-1252" = "utf-8") {
  const decoder = new FileDecoder(encoding);
  let text = "";
  for (let at = 0; at < bytes.length; at += size) text += decoder.push(bytes.subarray(at, at + size));
  text += decoder.end();
  return { text, problem: decoder.problem() };
}

/** Where the WHATWG decoder, with replacement, puts its first U+FFFD: the line (CRLF, CR, LF) and column. */
function firstReplacement(bytes: Uint8Array): { line: number; column: number; count: number } | null {
  const text = new TextDecoder("utf-8").decode(bytes);
  const at = text.indexOf("\uFFFD");
  if (at === -1) return null;
  const before = text.slice(0, at);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: [...lines[lines.length - 1]!].length + 1, count: [...text].filter((c) => c === "\uFFFD").length };
}

/** A seeded stream of bytes, mostly text with line breaks and now and then a stray or cut UTF-8 sequence. */
function randomBytes(seed: number, length: number): Uint8Array {
  const next = mulberry32(seed);
  const pieces = ["a", "b", ",", "\n", "\r\n", "\r", "é", "€", "🍮", "\u00ff"];
  const out: number[] = [];
  while (out.length < length) {
    const r = next();
    if (r < 0.04) out.push(0x80 + Math.floor(next() * 0x80));
    else if (r < 0.06) out.push(...Buffer.from("€").subarray(0, 2));
    else if (r < 0.07) out.push(0xed, 0xa0, 0x80);
    else out.push(...Buffer.from(pieces[Math.floor(next() * pieces.length)]!));
  }
  return Uint8Array.from(out);
}

describe("FileDecoder", () => {
  it("passes valid UTF-8 through unchanged, whatever the chunks", () => {
    const bytes = Buffer.from("sku,name\r\nA,Crème brûlée 🍮\nB,€5\n", "utf8");
    for (const size of [1, 2, 3, 5, bytes.length]) expect(decode(bytes, size)).toEqual({ text: bytes.toString("utf8"), problem: null });
  });

  it("finds the first bad byte and counts bad sequences exactly as the WHATWG decoder replaces them, at any chunking", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const bytes = randomBytes(seed, 300);
      const expected = firstReplacement(bytes);
      for (const size of [1, 3, 7, 64]) {
        const { problem } = decode(bytes, size);
        if (expected === null) {
          expect(problem, `seed ${seed}`).toBeNull();
          continue;
        }
        expect(problem?.line, `seed ${seed}, chunks of ${size}`).toBe(expected.line);
        expect(problem && inEnglish(problem.message)).toContain(`at column ${expected.column} of this line`);
        const more = expected.count - 1;
        if (more > 0) expect(problem && inEnglish(problem.message)).toContain(`and ${more} more invalid byte sequence${more === 1 ? "" : "s"} follow`);
        else expect(problem && inEnglish(problem.message)).not.toContain("more invalid");
      }
    }
  });

  it("hands on no text after the first bad byte, so no replacement character can be stored", () => {
    const { text, problem } = decode(Buffer.from("a,b\n1,caf\xe9\n2,x\n", "latin1"), 4);
    expect(text).not.toContain("\uFFFD");
    expect(text.length).toBeLessThan(10);
    expect(problem).toMatchObject({ line: 2 });
  });

  it("says when a file starts like UTF-16", () => {
    expect(inEnglish(decode(Buffer.from("\uFEFFsku", "utf16le"), 8).problem!.message)).toMatch(/byte 0xFF at column 1 .*UTF-16/);
  });

  it("converts Windows-1252, including the bytes Latin-1 lacks (€ is 0x80)", () => {
    const { text, problem } = decode(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2c, 0x80, 0x35]), 2, "windows-1252");
    expect(text).toBe("café,€5");
    expect(problem).toBeNull();
  });
});
