import type { Db } from "@/lib/db";
import type { ModelVersion } from "@/lib/schema";
import { AppError } from "@/lib/errors";
import { msg, type Message } from "@/lib/i18n/message";
import { ensureBackend } from "@/models/backend";
import { loadRecommender } from "@/models/recommendations/artifacts";
import { servingTables } from "@/models/recommendations/serve";
import type { RecommendModel } from "@/models/recommendations/types";
import { verifiedArtifactDir } from "@/lib/models/artifacts";
import { championOf, versionById } from "@/lib/models/versions";

/**
 * Loaded recommender versions, kept in memory (a scenario may pin any version, and a comparison shows two): up to
 * MAX_LOADED, the least recently used dropped first. Concurrent callers share one load. The champion is looked up
 * again at most every CHAMPION_CHECK_MS (a cheap query), so a promotion reaches the serving API within that time.
 */
const MAX_LOADED = 4;
export const CHAMPION_CHECK_MS = 2000;

export class NoRecommenderError extends AppError {
  constructor(detail: Message = msg("recommendations.errors.noModelInService")) {
    super("unavailable", detail);
  }
}

export type LoadedRecommender = { version: ModelVersion; model: RecommendModel };

type Cache = { loaded: Map<number, Promise<LoadedRecommender>>; champion: { id: number | null; at: number } };
const globalForRecommenders = globalThis as unknown as { recommenders?: Cache };
const cache: Cache = (globalForRecommenders.recommenders ??= { loaded: new Map(), champion: { id: null, at: 0 } });

/** The champion's version id (null when none), re-read at most every CHAMPION_CHECK_MS. */
export async function championVersionId(db: Db): Promise<number | null> {
  if (Date.now() - cache.champion.at >= CHAMPION_CHECK_MS) cache.champion = { id: (await championOf(db, "recommend"))?.id ?? null, at: Date.now() };
  return cache.champion.id;
}

/** Makes the next lookup read the champion again at once (after a promotion, and in tests). */
export function refreshRecommenders(): void {
  cache.champion.at = 0;
}

/** A version by id, or the champion when id is null. Throws NoRecommenderError / not_found. */
export async function recommender(db: Db, versionId: number | null): Promise<LoadedRecommender> {
  const id = versionId ?? (await championVersionId(db));
  if (id === null) throw new NoRecommenderError();
  const hit = cache.loaded.get(id);
  if (hit) {
    cache.loaded.delete(id);
    cache.loaded.set(id, hit);
    return hit;
  }
  const loading = (async () => {
    const version = await versionById(db, id);
    if (version.task !== "recommend") throw new AppError("validation", msg("recommendations.errors.notRecommender", { id }));
    if (!version.artifactPath) throw new NoRecommenderError(msg("recommendations.errors.noFiles", { version: version.version }));
    let model: RecommendModel;
    try {
      await ensureBackend();
      model = await loadRecommender(verifiedArtifactDir(version));
    } catch (error) {
      console.error(error);
      throw new NoRecommenderError(msg("recommendations.errors.notLoaded", { version: version.version }));
    }
    servingTables(model);
    return { version, model };
  })();
  cache.loaded.set(id, loading);
  loading.catch(() => cache.loaded.delete(id));
  while (cache.loaded.size > MAX_LOADED) {
    const [oldest] = cache.loaded.keys();
    if (oldest === undefined) break;
    const evicted = cache.loaded.get(oldest);
    cache.loaded.delete(oldest);
    void evicted?.then((r) => r.model.network.dispose()).catch(() => {});
  }
  return loading;
}
