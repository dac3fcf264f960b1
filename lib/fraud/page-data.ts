import { eq } from "drizzle-orm";
import { channels } from "@/lib/schema";
import { userEmail } from "@/lib/auth/users";
import { getDb } from "@/lib/db";
import { taskJobs } from "@/lib/models/queries";
import { championOf } from "@/lib/models/versions";
import { trainingDataSummary } from "@/lib/platform/readiness";
import { caseDetail, releaseCase, type CaseUser } from "./cases";
import { decisionsByAnalyst, flagVolumeByDay, modelPerformance } from "./performance";
import { neighbours, queuePage, type QueueFilter } from "./queue";
import { queueParams } from "./queue-params";
import { listRules } from "./rules";
import { getFraudSettings } from "./settings";
import { loadEvaluation } from "./threshold";

/**
 * What each fraud page (and the claim-release route) reads, in one call per page: app/ calls these and never the
 * database or the registry itself. Each opens the app's database (lib/db) and composes the area's queries.
 */

/**
 * /fraud: the queue page, or (no case at all and no filter) what the empty state shows. `filtered`: a filter other
 * than the sort narrows the list.
 */
export async function fraudQueuePage(filter: QueueFilter, viewerId: number) {
  const db = getDb();
  const jobs = await taskJobs(db, "fraud");
  const champion = await championOf(db, "fraud");
  const list = await queuePage(db, filter, viewerId);
  const filtered = Object.keys(queueParams(filter)).some((k) => k !== "sort" && k !== "dir");
  if (list.counts.all === 0 && !filtered) {
    return { state: "pending", jobs, championVersion: champion?.version ?? null, dataSummary: await trainingDataSummary(db, "fraud") } as const;
  }
  return {
    state: "queue",
    jobs,
    list,
    filtered,
    settings: await getFraudSettings(db),
    rules: (await listRules(db)).map((r) => ({ id: r.id, name: r.name, active: r.active })),
  } as const;
}

/** /fraud/cases/[caseId]: the case, the thresholds, its neighbours in the queue's order and its channel; null: no such case. */
export async function fraudCasePage(caseId: number, filter: QueueFilter, viewerId: number) {
  const db = getDb();
  const detail = await caseDetail(db, caseId);
  if (!detail) return null;
  const settings = await getFraudSettings(db);
  const around = await neighbours(db, filter, caseId, viewerId);
  const channelId = detail.payment.channelId;
  const channel = channelId === null ? null : ((await db.select({ name: channels.name }).from(channels).where(eq(channels.id, channelId)).get())?.name ?? null);
  return { detail, settings, around, channel };
}

/** /fraud/performance: the champion's curve and confusion at the thresholds, flag volume per day, analysts' decisions. */
export async function fraudPerformancePage(flagDays: number) {
  const db = getDb();
  const champion = await championOf(db, "fraud");
  const perf = await modelPerformance(db);
  const volume = await flagVolumeByDay(db, { days: flagDays });
  return { championVersion: champion?.version ?? null, perf, volume, analysts: await decisionsByAnalyst(db) };
}

/** /fraud/rules: the rules, active first. */
export function fraudRulesPage(): ReturnType<typeof listRules> {
  return listRules(getDb());
}

/** /fraud/threshold: the thresholds in force (and who set them), the champion and its held-out evaluation. */
export async function fraudThresholdPage() {
  const db = getDb();
  const settings = await getFraudSettings(db);
  const champion = await championOf(db, "fraud");
  const evaluation = await loadEvaluation(db);
  const updatedBy = await userEmail(db, settings.updatedBy);
  return { settings, championVersion: champion?.version ?? null, evaluation, updatedBy };
}

/** POST /api/fraud/release: gives back the caller's own claim on a case. */
export function releaseOwnClaim(user: CaseUser, input: { caseId: number }): Promise<{ released: boolean }> {
  return releaseCase(getDb(), user, input);
}
