import type { TaskModule } from "../task";
import { loadRecommender, saveRecommender } from "./artifacts";
import { recommendForUsers } from "./predict";
import { parseTestRows, parseTrainRows, type RecommendPrediction, type RecommendTestRow, type RecommendTrainRow } from "./rows";
import { fitRecommender } from "./train";
import type { RecommendModel } from "./types";

/**
 * Product recommendations from implicit feedback (`npm run ml -- fit-predict recommend`):
 * train.csv user_id,item_id,timestamp[,weight] -> per test user the top 10 items they have not had yet.
 * Model: item-based two-tower network (./model.ts) with recency weighting, trained with a softmax over the
 * catalogue, early-stopped on a time-ordered validation slice, blended with item co-occurrence when that helps
 * on the same slice; cold-start users get the recency-weighted popularity ranking.
 */
export const RECOMMENDATIONS_PER_USER = 10;

export const recommendTask: TaskModule<RecommendTrainRow, RecommendTestRow, RecommendPrediction, RecommendModel> = {
  name: "recommend",
  parseTrain: parseTrainRows,
  parseTest: parseTestRows,
  fit: (rows, ctx) => fitRecommender(rows, ctx),
  async predict(model, test) {
    const lists = recommendForUsers(
      model,
      test.map((t) => t.userId),
      RECOMMENDATIONS_PER_USER,
    );
    return test.flatMap(({ userId }) => (lists.get(userId) ?? []).map((itemId, r) => ({ userId, itemId, rank: r + 1 })));
  },
  outputColumns: ["user_id", "item_id", "rank"],
  toOutputRow: (p) => [p.userId, p.itemId, p.rank],
  save: saveRecommender,
  load: loadRecommender,
  dispose: (model) => model.network.dispose(),
};

export { fitRecommender } from "./train";
export { recommendForUsers } from "./predict";
export { similarProducts, type SimilarProduct } from "./similar";
export { timeSplit, scoreRecommendations, type TimeSplit, type RankingScores } from "./evaluate";
export type { RecommendTrainRow, RecommendTestRow, RecommendPrediction } from "./rows";
export type { RecommendModel, RecommendSettings, FitReport } from "./types";
export { defaultSettings } from "./types";
