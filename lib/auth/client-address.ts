import { isIP } from "node:net";

/**
 * The address a request came from, or null when it cannot be known.
 *
 * Route handlers and server actions get no socket address from `next start`, only headers, and `next start` sets
 * X-Forwarded-For to the socket's address only when the request has none (`??=` in next/dist/server/base-server.js):
 * a client that talks to the app directly can put any address there. So with no trusted proxy nothing in the
 * request names its sender, and we say so (null). Behind `trustedProxies` reverse proxies that each append the
 * address they were called from, the entry that many places from the right was written by our outermost proxy;
 * everything to its left came from the client and is ignored.
 */
export function clientAddress(headers: Headers, trustedProxies: number): string | null {
  if (trustedProxies === 0) return null;
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const address = hops[hops.length - trustedProxies];
  return address && isIP(address) ? address : null;
}
