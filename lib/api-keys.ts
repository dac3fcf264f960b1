import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { apiKeys, users } from "@/lib/schema";
import { audit, type Actor } from "@/lib/audit";
import type { ApiScope } from "@/lib/api-scopes";
import { AppError, ConflictError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";

/**
 * Machine credentials for /api/v1: `sk_live_<prefix>_<secret>`, the secret 32 random bytes (base64url), the prefix
 * 8 hex characters stored in clear so people can tell keys apart in lists and logs. Only sha256(key) is stored: the
 * key has 256 bits of entropy, so a fast hash is enough (a slow password hash protects guessable passwords, not
 * random keys) and keeps verification cheap on every request. The comparison is constant-time (timingSafeEqual).
 *
 * Verified keys are cached in memory for VERIFY_CACHE_MS, keyed by their hash; a revocation in this process
 * clears its entries at once, one made elsewhere takes effect within that time. Unknown keys are never cached.
 * No "server-only": the bench creates a key for its load test through here.
 */
export type ApiKeySummary = {
  id: number;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdBy: string | null;
  createdAt: Date;
  revokedAt: Date | null;
};

export type ApiKeyIdentity = { id: number; name: string; prefix: string; scopes: string[] };

const KEY = /^sk_live_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;
export const VERIFY_CACHE_MS = 10_000;

const sha256 = (text: string) => createHash("sha256").update(text).digest();

type Cached = { identity: ApiKeyIdentity; revoked: boolean; at: number };
const globalForKeys = globalThis as unknown as { apiKeyCache?: Map<string, Cached>; apiKeyRevocations?: { count: number } };
const verified: Map<string, Cached> = (globalForKeys.apiKeyCache ??= new Map());
/** Revocations made in this process so far: a verification that read its key before one of them does not cache it. */
const revocations: { count: number } = (globalForKeys.apiKeyRevocations ??= { count: 0 });

/** Creates a key and returns it in plain text: the only time anyone sees it. Audited without the key. */
export async function createApiKey(db: Db, user: Actor, input: { name: string; scopes: readonly ApiScope[] }): Promise<{ key: string; apiKey: ApiKeySummary }> {
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0) throw new AppError("validation", msg("data.apiKeys.errors.noScope"));
  const prefix = randomBytes(4).toString("hex");
  const key = `sk_live_${prefix}_${randomBytes(32).toString("base64url")}`;
  // The key and its audit entry are written together.
  const row = await db.transaction(async () => {
    const created = await db
      .insert(apiKeys)
      .values({ name: input.name.trim(), prefix, keyHash: sha256(key).toString("hex"), scopes: scopes.join(" "), createdBy: user.id, createdAt: new Date() })
      .returning()
      .get();
    await audit(db, { actor: user, action: "api_key.create", entityType: "api_key", entityId: created.id, after: { name: created.name, prefix, scopes } });
    return created;
  });
  return { key, apiKey: { id: row.id, name: row.name, prefix, scopes, createdBy: user.email, createdAt: row.createdAt, revokedAt: null } };
}

export async function revokeApiKey(db: Db, user: Actor, id: number): Promise<ApiKeySummary> {
  const row = await db.select().from(apiKeys).where(eq(apiKeys.id, id)).get();
  if (!row) throw new AppError("not_found", msg("data.apiKeys.errors.notFound", { id }));
  if (row.revokedAt) throw new ConflictError(msg("data.apiKeys.errors.alreadyRevoked", { name: row.name, prefix: row.prefix }));
  const revoked = await db.transaction(async () => {
    const updated = await db
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning()
      .get();
    if (!updated) throw new ConflictError(msg("data.apiKeys.errors.alreadyRevoked", { name: row.name, prefix: row.prefix }));
    await audit(db, { actor: user, action: "api_key.revoke", entityType: "api_key", entityId: id, before: { name: row.name, prefix: row.prefix, revokedAt: null }, after: { revokedAt: updated.revokedAt } });
    return updated;
  });
  // Once committed: this process stops accepting the key at once.
  revocations.count += 1;
  for (const [hash, cached] of verified) if (cached.identity.id === id) verified.delete(hash);
  return { ...summaryOf(revoked), createdBy: null };
}

export async function listApiKeys(db: Db): Promise<ApiKeySummary[]> {
  const rows = await db
    .select({ key: apiKeys, createdBy: users.email })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .orderBy(desc(apiKeys.id))
    .all();
  return rows.map(({ key, createdBy }) => ({ ...summaryOf(key), createdBy }));
}

function summaryOf(row: typeof apiKeys.$inferSelect): Omit<ApiKeySummary, "createdBy"> {
  return { id: row.id, name: row.name, prefix: row.prefix, scopes: row.scopes.split(" ").filter(Boolean) as ApiScope[], createdAt: row.createdAt, revokedAt: row.revokedAt };
}

/**
 * Checks `Authorization: Bearer <key>` for `scope`. Throws AppError "unauthenticated" (401) for a missing, malformed
 * or unknown key and "forbidden" (403) for a revoked key or one without the scope.
 */
export async function verifyApiKey(db: Db, authorization: string | null, scope: ApiScope): Promise<ApiKeyIdentity> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) throw new AppError("unauthenticated", "Send an API key in the header `Authorization: Bearer <key>`.");
  const key = match[1]!;
  const parts = KEY.exec(key);
  if (!parts) throw new AppError("unauthenticated", "The API key is not valid.");
  const hash = sha256(key);
  const cacheKey = hash.toString("hex");
  let entry = verified.get(cacheKey);
  if (!entry || Date.now() - entry.at > VERIFY_CACHE_MS) {
    const seenRevocations = revocations.count;
    const candidates = await db.select().from(apiKeys).where(eq(apiKeys.prefix, parts[1]!)).all();
    const row = candidates.find((candidate) => {
      const stored = Buffer.from(candidate.keyHash, "hex");
      return stored.length === hash.length && timingSafeEqual(stored, hash);
    });
    if (!row) {
      verified.delete(cacheKey);
      throw new AppError("unauthenticated", "The API key is not valid.");
    }
    entry = { identity: { id: row.id, name: row.name, prefix: row.prefix, scopes: row.scopes.split(" ").filter(Boolean) }, revoked: row.revokedAt !== null, at: Date.now() };
    // A revocation in this process while the row was being read may have cleared the cache already: do not put back
    // what it cleared.
    if (revocations.count === seenRevocations) verified.set(cacheKey, entry);
  }
  if (entry.revoked) throw new AppError("forbidden", "This API key was revoked.");
  if (!entry.identity.scopes.includes(scope)) throw new AppError("forbidden", `This API key lacks the '${scope}' scope.`);
  return entry.identity;
}
