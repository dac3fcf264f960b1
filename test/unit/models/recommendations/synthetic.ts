import { Rng } from "@/db/seed/random";
import type { RecommendTrainRow } from "@/models/recommendations/rows";

/**
 * Implicit feedback with a known personal structure: items fall into `clusters` groups, each user likes one or
 * two groups and picks inside a group by a Zipf popularity. A recommender that learns the groups must beat
 * global popularity on a later period; one that does not, cannot.
 */
export function clusteredInteractions(options: { users: number; items: number; clusters: number; eventsPerUser: number; seed?: number }): RecommendTrainRow[] {
  const rng = new Rng(options.seed ?? 1, "synthetic-recommend");
  const perCluster = Math.ceil(options.items / options.clusters);
  const zipf = Array.from({ length: perCluster }, (_, r) => 1 / (r + 1));
  const zipfTotal = zipf.reduce((a, b) => a + b, 0);
  const start = Date.UTC(2024, 0, 1);
  const day = 86_400_000;
  const rows: RecommendTrainRow[] = [];
  for (let u = 0; u < options.users; u++) {
    const liked = [rng.int(0, options.clusters - 1), rng.int(0, options.clusters - 1)];
    const n = Math.max(2, Math.round(options.eventsPerUser * rng.lognormal(0, 0.5)));
    for (let e = 0; e < n; e++) {
      const cluster = rng.chance(0.85) ? liked[rng.int(0, 1)]! : rng.int(0, options.clusters - 1);
      let target = rng.next() * zipfTotal;
      let rank = 0;
      while (rank < perCluster - 1 && (target -= zipf[rank]!) > 0) rank++;
      const item = Math.min(options.items - 1, cluster * perCluster + rank);
      rows.push({ userId: `u${u}`, itemId: `i${item}`, timestamp: start + Math.floor(rng.next() * 180 * day), weight: 1 });
    }
  }
  return rows.sort((a, b) => a.timestamp - b.timestamp);
}
