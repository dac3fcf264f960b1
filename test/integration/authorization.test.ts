/**
 * Every server action and every route handler is found by reading the source tree, not from a list: each export of
 * each "use server" module and each route.ts is called, on the server, as a forged request from a browser would call
 * it, anonymously and as every role, and must refuse all who may not use it without writing anything. What a
 * function requires is read from the guard that built it (defineAction, withCapability, withArea); the few that
 * need no session are listed below with why. Anything the test cannot classify fails it, so a new action or route
 * cannot be left unchecked.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/headers", () => import("../support/request-context"));
vi.mock("next/cache", async (original) => ({ ...(await original<typeof import("next/cache")>()), revalidatePath: () => undefined, revalidateTag: () => undefined }));

import { getDb } from "@/lib/db";
import { roles, users, type Role } from "@/lib/schema";
import { areaRoles, areas, can, canViewArea, capabilityRoles, type Area, type Capability } from "@/lib/auth/permissions";
import { requireArea, requireCapability } from "@/lib/auth/session";
import { session } from "../support/request-context";

const root = process.cwd();
const relative = (file: string) => path.relative(root, file).split(path.sep).join("/");

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

const sources = ["app", "components", "lib"].flatMap((dir) => walk(path.join(root, dir))).filter((f) => /\.(ts|tsx|js|jsx)$/.test(f));
const withoutLeadingComments = (text: string) => text.replace(/^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/, "");
const directive = /["']use server["']/g;
const actionFiles = sources.filter((f) => /^["']use server["']/.test(withoutLeadingComments(readFileSync(f, "utf8"))));
const routeFiles = sources.filter((f) => /^app\/(.+\/)?route\.(ts|js)$/.test(relative(f)));

type Call = () => Promise<{ refused: "unauthenticated" | "forbidden" | null; detail: string }>;
type Entry = { label: string; call: Call } & ({ kind: "roles"; allowed: readonly Role[] } | { kind: "api-key" } | { kind: "public" });

// The only functions a caller without a session may reach, each with why and what it must still guarantee.
const publicEntries: Record<string, { why: string; check: (fn: (...args: never[]) => unknown) => Promise<void> }> = {
  "app/(auth)/actions.ts#signInAction": {
    why: "signing in is what a person without a session does; it is throttled and audited instead",
    check: async (fn) => {
      const form = new FormData();
      form.set("email", "nobody@test");
      form.set("password", "guess");
      const count = async () => (await getDb().get<{ n: number }>(sql`select count(*) as "n" from sessions`))!.n;
      const before = await count();
      await expect((fn as (s: unknown, f: FormData) => Promise<unknown>)({ error: null }, form)).resolves.toEqual({ error: "Email or password is not right.", email: "nobody@test" });
      expect(await count()).toBe(before);
    },
  },
  "app/(auth)/actions.ts#signOutAction": {
    why: "ends the caller's own session; without one there is nothing to end",
    check: async (fn) => {
      const before = await snapshot();
      await expect((fn as () => Promise<unknown>)()).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;.*\/signin/) });
      expect(await snapshot()).toEqual(before);
    },
  },
  "app/api/health/route.ts#GET": {
    why: "the demo script and monitors probe it; it says only whether the app and its database answer",
    check: async (fn) => {
      const response = await (fn as () => Promise<Response>)();
      expect(response.status).toBe(200);
      expect(Object.keys(await response.json()).sort()).toEqual(["ok", "products"]);
    },
  },
  "app/api/auth/[...nextauth]/route.ts#GET": { why: "next-auth's single sign-on callbacks and CSRF token are reached before there is a session", check: async () => {} },
  "app/api/auth/[...nextauth]/route.ts#POST": { why: "next-auth's own sign-out and single sign-on start are reached as next-auth requires", check: async () => {} },
};

// Route handlers for machines: they answer only to an API key (lib/api-keys.ts), whatever session a browser holds.
const isApiKeyRoute = (file: string) => file.startsWith("app/api/v1/");

const httpMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const routeConfig = ["dynamic", "dynamicParams", "revalidate", "fetchCache", "runtime", "preferredRegion", "maxDuration"];

function routeUrl(file: string): { url: string; params: Record<string, string | string[]> } {
  const params: Record<string, string | string[]> = {};
  const segments = file
    .replace(/^app/, "")
    .replace(/\/route\.(ts|js)$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => {
      const dynamic = /^\[(\.\.\.)?(.+)\]$/.exec(s);
      if (!dynamic) return s;
      params[dynamic[2]!] = dynamic[1] ? ["1"] : "1";
      return "1";
    });
  return { url: `http://localhost/${segments.join("/")}`, params };
}

const actionCall =
  (fn: (input: unknown) => Promise<unknown>): Call =>
  async () => {
    const result = (await fn({})) as { ok: boolean; code?: string; error?: string };
    const refused = result.ok === false && (result.code === "unauthenticated" || result.code === "forbidden") ? result.code : null;
    return { refused, detail: JSON.stringify(result) };
  };

const routeCall =
  (fn: (request: Request, context: unknown) => Promise<Response>, file: string, method: string): Call =>
  async () => {
    const { url, params } = routeUrl(file);
    const response = await fn(new Request(url, { method }), { params: Promise.resolve(params) });
    const refused = response.status === 401 ? "unauthenticated" : response.status === 403 ? "forbidden" : null;
    return { refused, detail: `HTTP ${response.status}` };
  };

const entries: Entry[] = [];
const unclassified: string[] = [];
const publicFound = new Set<string>();

for (const file of actionFiles) {
  const rel = relative(file);
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  for (const [name, value] of Object.entries(mod)) {
    const label = `${rel}#${name}`;
    if (typeof value !== "function") {
      unclassified.push(`${label} (a "use server" module may export only async functions)`);
    } else if (label in publicEntries) {
      publicFound.add(label);
    } else if ("capability" in value) {
      entries.push({ label, kind: "roles", allowed: capabilityRoles[value.capability as Capability], call: actionCall(value as never) });
    } else {
      unclassified.push(`${label} (not built by defineAction, and not listed as public)`);
    }
  }
}

for (const file of routeFiles) {
  const rel = relative(file);
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  for (const [name, value] of Object.entries(mod)) {
    const label = `${rel}#${name}`;
    if (routeConfig.includes(name)) continue;
    if (!httpMethods.includes(name) || typeof value !== "function") unclassified.push(`${label} (not an HTTP method handler or route segment setting)`);
    else if (label in publicEntries) publicFound.add(label);
    else if (isApiKeyRoute(rel)) entries.push({ label, kind: "api-key", call: routeCall(value as never, rel, name) });
    else if ("capability" in value) entries.push({ label, kind: "roles", allowed: capabilityRoles[value.capability as Capability], call: routeCall(value as never, rel, name) });
    else if ("area" in value) entries.push({ label, kind: "roles", allowed: areaRoles[value.area as Area], call: routeCall(value as never, rel, name) });
    else unclassified.push(`${label} (not built by withCapability or withArea, not under app/api/v1, not listed as public)`);
  }
}

/**
 * Every row of every table (the database's own list of them, so a new table is covered too), each table's rows in
 * a fixed order; `sessions.last_seen_at` left out, as reading a session may record when it was used.
 */
async function snapshot(): Promise<Record<string, unknown[]>> {
  const db = getDb();
  const tables = (
    db.dialect === "postgres"
      ? await db.all<{ name: string }>(sql`select table_name as "name" from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`)
      : await db.all<{ name: string }>(sql`select name as "name" from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`)
  ).map((t) => t.name);
  // A listing that missed the app's tables would make every "writes nothing" below pass unseen.
  if (!["users", "sessions", "audit_log"].every((t) => tables.includes(t))) throw new Error(`snapshot: the app's tables are not all listed (${tables.join(", ")})`);
  const snap: Record<string, unknown[]> = {};
  for (const t of tables) {
    const rows = await db.all<Record<string, unknown>>(
      t === "sessions" ? sql`select id, user_id, role, created_at, expires_at, revoked_at, revoked_reason from sessions` : sql`select * from ${sql.identifier(t)}`,
    );
    // PostgreSQL returns rows in no particular order (an update moves a row): compare each table as a sorted list.
    snap[t] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return snap;
}

const idByRole = {} as Record<Role, number>;

beforeAll(async () => {
  const db = getDb();
  await db.run(sql`insert into channels (id, code, name) values (1,'web','Web'),(2,'app','App'),(3,'marketplace','Marketplace'),(4,'store','Store')`);
  for (const role of roles) {
    idByRole[role] = (await db.insert(users).values({ email: `${role}@test`, name: role, role, passwordHash: null, createdAt: new Date() }).returning().get()).id;
  }
});

/** Signs `role` in (or out), the new session written before the test snapshots the database. */
async function as(role: Role | null) {
  session.userId = role === null ? null : idByRole[role];
  await session.ready();
}

describe("finding every action and route handler", () => {
  it("finds the server actions and route handlers of the app", () => {
    const labels = entries.map((e) => e.label);
    expect(labels).toContain("app/(dashboard)/users/actions.ts#changeRoleAction");
    expect(labels.filter((l) => l.includes("/actions.ts#") || l.includes("-actions.ts#")).length).toBeGreaterThanOrEqual(20);
    expect(labels.filter((l) => l.startsWith("app/api/export/")).length).toBeGreaterThanOrEqual(3);
    expect(entries.some((e) => e.kind === "api-key")).toBe(true);
  });

  it("can tell who may call each of them", () => {
    expect(unclassified).toEqual([]);
  });

  it("keeps server actions where they can be found: only as exports of a module that starts with \"use server\"", () => {
    const hidden = sources.filter((f) => {
      const uses = readFileSync(f, "utf8").match(directive)?.length ?? 0;
      return uses > (actionFiles.includes(f) ? 1 : 0);
    });
    expect(hidden.map(relative)).toEqual([]);
  });

  it("lists as public only functions that exist", () => {
    expect(Object.keys(publicEntries).filter((label) => !publicFound.has(label))).toEqual([]);
  });
});

describe.each(entries.map((entry) => [entry.label, entry] as const))("%s", (_label, entry) => {
  it("refuses a caller with no session, and writes nothing", async () => {
    await as(null);
    const before = await snapshot();
    const { refused, detail } = await entry.call();
    expect(refused, detail).toBe("unauthenticated");
    expect(await snapshot()).toEqual(before);
  });

  const refusedRoles = entry.kind === "roles" ? roles.filter((r) => !entry.allowed.includes(r)) : roles;
  const expected = entry.kind === "api-key" ? "unauthenticated" : "forbidden";
  it.each(refusedRoles)(`refuses %s (${expected}), and writes nothing`, async (role) => {
    await as(role);
    const before = await snapshot();
    const { refused, detail } = await entry.call();
    expect(refused, detail).toBe(expected);
    expect(await snapshot()).toEqual(before);
  });

  if (entry.kind === "roles") {
    it.each([...entry.allowed])("lets %s past the guard", async (role) => {
      await as(role);
      const { refused, detail } = await entry.call();
      expect(refused, detail).toBeNull();
    });
  }
});

describe("public actions and routes", () => {
  it.each(Object.entries(publicEntries))("%s", async (label, { check }) => {
    await as(null);
    const [file, name] = label.split("#") as [string, string];
    const mod = (await import(pathToFileURL(path.join(root, file)).href)) as Record<string, (...args: never[]) => unknown>;
    await check(mod[name]!);
  });
});

describe("pages and capabilities", () => {
  it("has every dashboard page check its area first", () => {
    const pages = walk(path.join(root, "app", "(dashboard)")).filter((f) => f.endsWith("page.tsx"));
    expect(pages.length).toBeGreaterThan(10);
    const unguarded = pages.filter((f) => !/requireArea\("[a-z]+"\)/.test(readFileSync(f, "utf8")));
    expect(unguarded.map(relative)).toEqual([]);
  });

  it.each(roles)("refuses %s every capability of other roles, through the one server-side guard", async (role) => {
    await as(role);
    const refused = (Object.keys(capabilityRoles) as Capability[]).filter((c) => !can(role, c));
    expect(refused.length).toBeGreaterThan(0);
    for (const capability of refused) await expect(requireCapability(capability)).rejects.toMatchObject({ code: "forbidden" });
    for (const capability of Object.keys(capabilityRoles) as Capability[]) {
      if (can(role, capability)) await expect(requireCapability(capability)).resolves.toMatchObject({ role });
    }
  });

  it.each(roles)("answers 403 to %s on pages of other roles", async (role) => {
    await as(role);
    for (const area of areas) {
      if (canViewArea(role, area.key)) await expect(requireArea(area.key)).resolves.toMatchObject({ role });
      else await expect(requireArea(area.key)).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;403" });
    }
  });

  it("sends a caller with no session to sign in", async () => {
    await as(null);
    await expect(requireArea("overview")).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;.*\/signin/) });
  });
});
