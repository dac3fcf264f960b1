/**
 * The four sales channels. Ids are fixed (index + 1) so every generated row can refer to a channel by index.
 * `share` is the store-wide share of units; products and customers tilt around it.
 */
export const channelSpecs = [
  { id: 1, code: "web", name: "Web store", share: 0.45, guestRate: 0.05 },
  // The app needs a login, so nearly no guest orders there.
  { id: 2, code: "app", name: "Mobile app", share: 0.3, guestRate: 0.01 },
  { id: 3, code: "marketplace", name: "Marketplace", share: 0.15, guestRate: 0.09 },
  { id: 4, code: "store", name: "Retail stores", share: 0.1, guestRate: 0.12 },
] as const;

export type ChannelCode = (typeof channelSpecs)[number]["code"];
export const CHANNEL_COUNT = channelSpecs.length;
export const STORE_CHANNEL = 3;
export const APP_CHANNEL = 1;

/** Weekly profile per channel (Sunday first), mean 1: app and store shoppers shop at weekends. */
export const weeklyProfile: readonly (readonly number[])[] = [
  [0.95, 1.1, 1.05, 1.0, 0.98, 0.92, 1.0],
  [1.2, 0.95, 0.92, 0.93, 0.95, 0.9, 1.15],
  [1.05, 1.02, 1.0, 0.98, 0.97, 0.98, 1.0],
  [0.85, 0.75, 0.8, 0.85, 0.95, 1.25, 1.55],
].map((week) => {
  const mean = week.reduce((s, v) => s + v, 0) / week.length;
  return week.map((v) => v / mean);
});

/**
 * Relative order volume per hour of day. Hours are the store's local time, stored as UTC so that date strings and
 * timestamps agree; stores open 9:00-21:00.
 */
export const hourProfile: readonly (readonly number[])[] = [
  [0.6, 0.4, 0.25, 0.2, 0.2, 0.3, 0.6, 1.0, 1.4, 1.6, 1.7, 1.8, 2.0, 2.0, 1.8, 1.7, 1.7, 1.8, 2.0, 2.3, 2.5, 2.4, 1.9, 1.2],
  [0.9, 0.6, 0.35, 0.25, 0.2, 0.3, 0.8, 1.5, 1.8, 1.4, 1.2, 1.3, 1.6, 1.5, 1.3, 1.3, 1.4, 1.6, 1.9, 2.3, 2.7, 2.8, 2.4, 1.6],
  [0.7, 0.5, 0.35, 0.3, 0.3, 0.4, 0.7, 1.0, 1.3, 1.5, 1.6, 1.7, 1.8, 1.8, 1.7, 1.6, 1.6, 1.7, 1.9, 2.1, 2.2, 2.1, 1.7, 1.1],
  [0, 0, 0, 0, 0, 0, 0, 0, 0, 0.8, 1.2, 1.5, 1.8, 1.8, 1.6, 1.6, 1.7, 1.9, 1.9, 1.4, 0.8, 0, 0, 0],
];
