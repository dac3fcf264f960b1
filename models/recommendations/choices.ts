import type { ModelChoice } from "../choices";
import type { FitReport } from "./types";

/**
 * What a recommender fit chose and why, in words (issue 13), from its report: which candidate serves (popularity,
 * the two-tower network, co-occurrence, or a blend) with its validation Recall@10 beside the others', how many
 * epochs, which softmax, and the trend half-life. Stored as report.choices and in the version's params.
 */
export function recommendChoices(report: FitReport): ModelChoice[] {
  const metric = report.validationMetric === "recall" ? "Recall@10" : "mean of Recall@10 and NDCG@10";
  const served: ModelChoice =
    report.validationUsers > 0
      ? {
          subject: "ranking served to customers with a history",
          chosen: `${candidateName(report.blend, report.bestEpoch)} (validation Recall@10 ${fmt(report.validationRecallAt10)})`,
          why:
            `highest ${metric} on ${report.validationUsers} customers active after the time cut; validation Recall@10 of the others: ` +
            otherCandidates(report).join(", "),
        }
      : {
          subject: "ranking served to customers with a history",
          chosen: `${candidateName(report.blend, report.bestEpoch)} (fixed defaults)`,
          why: "too few customers after the time cut to compare candidates on a validation slice",
        };
  const byEpoch = report.validationByEpoch ?? [];
  const epochs: ModelChoice = {
    subject: "training epochs",
    chosen: report.bestEpoch === 0 ? "none: the popularity prior scored best" : `${report.bestEpoch} (refit on all data: ${report.refitEpochs})`,
    why: byEpoch.length
      ? `best validation score of the network after each epoch (Recall@10: ${byEpoch.map((s, e) => `${e}: ${fmt(s.recall)}`).join(", ")}); stopped by ${report.stoppedBy}`
      : `no validation slice: ${report.refitEpochs} epochs by default`,
  };
  const items = report.items ?? 0;
  const loss: ModelChoice =
    report.softmax === "sampled"
      ? {
          subject: "training loss",
          chosen: `sampled softmax, ${report.sampledNegatives ?? "?"} mixed negatives per step (half in-batch, half uniform), logQ-corrected`,
          why: `the catalogue (${items} items) is larger than the negatives a step scores: the cost per example stays fixed as the store grows, and the correction keeps it consistent with the exact softmax`,
        }
      : {
          subject: "training loss",
          chosen: `exact softmax over all ${items || "the"} items`,
          why: "the catalogue is no larger than the negatives a sampled step would score",
        };
  const trend: ModelChoice = {
    subject: "popularity trend half-life",
    chosen: `${halfLife(report.trendHalfLifeSpan)} (new customers: ${halfLife(report.coldStartHalfLifeSpan)})`,
    why: "the recency weighting under which popularity ranked the validation customers' new items best (plain counts first; a decay had to beat them)",
  };
  return [served, epochs, loss, trend];
}

function candidateName(blend: number, bestEpoch: number): string {
  const base = bestEpoch === 0 ? "recency-weighted popularity" : "two-tower network";
  if (blend <= 0) return base;
  if (blend >= 1) return "item co-occurrence";
  return `${base} + item co-occurrence (λ=${blend})`;
}

function otherCandidates(report: FitReport): string[] {
  const out: string[] = [];
  const prior = report.validationByEpoch?.[0];
  if (prior && report.bestEpoch !== 0) out.push(`recency-weighted popularity ${fmt(prior.recall)}`);
  for (const [blend, recall] of Object.entries(report.validationRecallByBlend)) {
    if (Number(blend) === report.blend) continue;
    out.push(`${candidateName(Number(blend), report.bestEpoch)} ${fmt(recall)}`);
  }
  return out;
}

const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : "n/a");

function halfLife(share: number): string {
  return Number.isFinite(share) ? `${share} of the time span` : "none (plain counts)";
}
