/**
 * Whether the database answered lately, as this process saw it: the PostgreSQL adapter notes each statement's fate
 * (lib/db-adapter.ts), and proxy.ts answers page requests 503 while the database is out of reach, instead of every
 * page failing with an error page. One request every PROBE_EVERY_MS still goes through: it is the probe whose first
 * statement that succeeds brings the pages back, without a restart. Kept on globalThis: the proxy and the pages are
 * bundled apart but run in one process. No imports, so the proxy stays small.
 */
export const PROBE_EVERY_MS = 5_000;

type State = { downSince: number | null; lastProbe: number };
const state: State = ((globalThis as { storefrontDbAvailability?: State }).storefrontDbAvailability ??= { downSince: null, lastProbe: 0 });

export function noteDatabaseUnreachable(now = Date.now()): void {
  state.downSince ??= now;
}

export function noteDatabaseAnswered(): void {
  state.downSince = null;
}

/** Since when the database has been out of reach (ms), or null while it answers. */
export function databaseDownSince(): number | null {
  return state.downSince;
}

/** For a page request: serve it (the database answers, or this request is the probe), or answer 503. */
export function pageVerdict(now = Date.now()): "serve" | "unavailable" {
  if (state.downSince === null) return "serve";
  if (now - state.lastProbe >= PROBE_EVERY_MS) {
    state.lastProbe = now;
    return "serve";
  }
  return "unavailable";
}
