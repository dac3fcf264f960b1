import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { placementCodes, placementDrafts, placementScenarios, users, type PlacementCode, type PlacementRule } from "@/db/schema";
import { audit, type Actor } from "@/lib/audit";
import { AppError, ConflictError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { championOf, versionById } from "@/models/registry/versions";
import { loadCatalog } from "./catalog";
import { nSchema, ruleLabel, ruleProblems, rulesSchema } from "./rules";

/**
 * Placements (where the storefront shows recommendations) and their scenarios: the draft a merchandiser shapes
 * (model version + rules + N) and the approved versions the serving API answers with. Approving copies the draft
 * into the next version; a rollback approves a copy of an earlier version. Stale pages are refused with a conflict
 * (the draft's revision, the live version); every write is audited.
 */
export const placements: Record<PlacementCode, { label: string; description: string; n: number; rules: PlacementRule[] }> = {
  home: { label: "Home page", description: "For you, on the home page", n: 10, rules: [{ type: "exclude-purchased" }, { type: "exclude-out-of-stock" }] },
  product: { label: "Product page", description: "More to consider, under a product", n: 8, rules: [{ type: "exclude-purchased" }, { type: "exclude-out-of-stock" }] },
  cart: { label: "Cart", description: "Add to your order, in the cart", n: 6, rules: [{ type: "exclude-purchased" }, { type: "exclude-out-of-stock" }, { type: "max-per-category", k: 2 }] },
  email: { label: "E-mail", description: "Picked for you, in the weekly e-mail", n: 6, rules: [{ type: "exclude-purchased" }, { type: "exclude-out-of-stock" }, { type: "max-per-category", k: 2 }] },
};

export const placementSchema = z.enum(placementCodes, { message: `A placement is one of ${placementCodes.join(", ")}.` });

export type Scenario = { modelVersionId: number | null; rules: PlacementRule[]; n: number };
export type Draft = Scenario & { placement: PlacementCode; revision: number; updatedAt: Date | null; updatedBy: string | null };
export type ApprovedScenario = Scenario & {
  placement: PlacementCode;
  version: number;
  championVersionId: number | null;
  restoredFrom: number | null;
  note: string | null;
  approvedAt: Date;
  approvedBy: string;
};

export function getDraft(db: Db, placement: PlacementCode): Draft {
  const row = db
    .select({ draft: placementDrafts, email: users.email })
    .from(placementDrafts)
    .leftJoin(users, eq(users.id, placementDrafts.updatedBy))
    .where(eq(placementDrafts.placement, placement))
    .get();
  if (!row) {
    const defaults = placements[placement];
    return { placement, modelVersionId: null, rules: defaults.rules, n: defaults.n, revision: 0, updatedAt: null, updatedBy: null };
  }
  const { draft } = row;
  return { placement, modelVersionId: draft.modelVersionId, rules: draft.rules, n: draft.n, revision: draft.revision, updatedAt: draft.updatedAt, updatedBy: row.email };
}

const approvedColumns = { scenario: placementScenarios, email: users.email };

function toApproved(row: { scenario: typeof placementScenarios.$inferSelect; email: string }): ApprovedScenario {
  const s = row.scenario;
  return {
    placement: s.placement,
    version: s.version,
    modelVersionId: s.modelVersionId,
    championVersionId: s.championVersionId,
    rules: s.rules,
    n: s.n,
    restoredFrom: s.restoredFrom,
    note: s.note,
    approvedAt: s.approvedAt,
    approvedBy: row.email,
  };
}

function latestApproved(db: Db, placement: PlacementCode) {
  return db
    .select(approvedColumns)
    .from(placementScenarios)
    .innerJoin(users, eq(users.id, placementScenarios.approvedBy))
    .where(eq(placementScenarios.placement, placement))
    .orderBy(desc(placementScenarios.version))
    .limit(1)
    .get();
}

/** The scenario the storefront gets for a placement (the latest approved version), or undefined. */
export function liveScenario(db: Db, placement: PlacementCode): ApprovedScenario | undefined {
  const row = latestApproved(db, placement);
  return row ? toApproved(row) : undefined;
}

export function scenarioHistory(db: Db, placement: PlacementCode): ApprovedScenario[] {
  return db
    .select(approvedColumns)
    .from(placementScenarios)
    .innerJoin(users, eq(users.id, placementScenarios.approvedBy))
    .where(eq(placementScenarios.placement, placement))
    .orderBy(desc(placementScenarios.version))
    .all()
    .map(toApproved);
}

export const saveDraftInput = z.object({
  placement: placementSchema,
  modelVersionId: z.coerce.number().int().positive().nullable(),
  rules: rulesSchema,
  n: nSchema,
  /** The draft revision the page showed: another save since makes this one stale. */
  expectedRevision: z.coerce.number().int().min(0),
});

/** Refuses a rule set the catalogue or N contradict, with every problem named by rule number. */
function checkScenario(db: Db, scenario: Scenario): void {
  const problems = ruleProblems(scenario.rules, loadCatalog(db), scenario.n);
  if (problems.length > 0) {
    throw new AppError("validation", problems.map((p) => `Rule ${p.rule + 1} (${ruleLabel(scenario.rules[p.rule]!)}): ${p.message}`).join(" "), { problems });
  }
  if (scenario.modelVersionId !== null) {
    const version = versionById(db, scenario.modelVersionId);
    if (version.task !== "recommend" || !version.artifactPath || version.status === "failed") {
      throw new AppError("validation", `Model version ${scenario.modelVersionId} is not a usable recommender.`);
    }
  }
}

export function saveDraft(db: Db, actor: Actor & { id: number }, input: z.input<typeof saveDraftInput>): Draft {
  const parsed = saveDraftInput.parse(input);
  checkScenario(db, parsed);
  db.transaction((tx) => {
    const current = tx.select().from(placementDrafts).where(eq(placementDrafts.placement, parsed.placement)).get();
    const revision = current?.revision ?? 0;
    if (revision !== parsed.expectedRevision) {
      throw new ConflictError(`This placement's rules were changed by someone else at ${current ? formatDateTime(current.updatedAt) : "?"}, after you opened the page. Reload to see them.`, { currentRevision: revision });
    }
    const values = { modelVersionId: parsed.modelVersionId, rules: parsed.rules, n: parsed.n, revision: revision + 1, updatedBy: actor.id, updatedAt: new Date() };
    if (current) tx.update(placementDrafts).set(values).where(eq(placementDrafts.placement, parsed.placement)).run();
    else tx.insert(placementDrafts).values({ placement: parsed.placement, ...values }).run();
    audit(tx, {
      actor,
      action: "recommendations.rules_saved",
      entityType: "placement",
      entityId: parsed.placement,
      before: current ? { modelVersionId: current.modelVersionId, rules: current.rules, n: current.n } : null,
      after: { modelVersionId: parsed.modelVersionId, rules: parsed.rules, n: parsed.n },
    });
  });
  return getDraft(db, parsed.placement);
}

export const approveInput = z.object({
  placement: placementSchema,
  expectedRevision: z.coerce.number().int().min(0),
  /** The live version the page showed (0 when none). */
  expectedVersion: z.coerce.number().int().min(0),
  note: z.string().trim().max(500, "A note is at most 500 characters.").optional(),
});

function insertVersion(
  db: Db,
  actor: Actor & { id: number },
  placement: PlacementCode,
  expectedVersion: number,
  scenario: Scenario,
  extra: { restoredFrom?: number; note?: string; action: string },
): ApprovedScenario {
  return db.transaction((tx) => {
    const latest = latestApproved(tx as unknown as Db, placement);
    const current = latest?.scenario.version ?? 0;
    if (current !== expectedVersion) {
      throw new ConflictError(
        `${latest?.email ?? "Someone"} approved version ${current} of this placement at ${latest ? formatDateTime(latest.scenario.approvedAt) : "?"}, after you opened the page. Reload, then decide again.`,
        { currentVersion: current },
      );
    }
    const champion = championOf(tx as unknown as Db, "recommend");
    if (scenario.modelVersionId === null && !champion) throw new AppError("unavailable", "No recommendation model is champion yet: train and promote one first, or pick a version.");
    const version = current + 1;
    tx.insert(placementScenarios)
      .values({
        placement,
        version,
        modelVersionId: scenario.modelVersionId,
        championVersionId: champion?.id ?? null,
        rules: scenario.rules,
        n: scenario.n,
        restoredFrom: extra.restoredFrom ?? null,
        note: extra.note || null,
        approvedBy: actor.id,
        approvedAt: new Date(),
      })
      .run();
    audit(tx, {
      actor,
      action: extra.action,
      entityType: "placement",
      entityId: placement,
      before: latest ? { version: current, modelVersionId: latest.scenario.modelVersionId, rules: latest.scenario.rules, n: latest.scenario.n } : null,
      after: { version, modelVersionId: scenario.modelVersionId, championVersionId: champion?.id ?? null, rules: scenario.rules, n: scenario.n, ...(extra.restoredFrom ? { restoredFrom: extra.restoredFrom } : {}), ...(extra.note ? { note: extra.note } : {}) },
    });
    return liveScenario(tx as unknown as Db, placement)!;
  });
}

/** Approves the placement's draft for the storefront. Refused when the draft or the live version changed since the page was opened. */
export function approveScenario(db: Db, actor: Actor & { id: number }, input: z.input<typeof approveInput>): ApprovedScenario {
  const parsed = approveInput.parse(input);
  const draft = getDraft(db, parsed.placement);
  if (draft.revision !== parsed.expectedRevision) {
    throw new ConflictError(`This placement's rules were changed by ${draft.updatedBy ?? "someone"} after you opened the page: reload and check the preview before approving.`, { currentRevision: draft.revision });
  }
  checkScenario(db, draft);
  return insertVersion(db, actor, parsed.placement, parsed.expectedVersion, draft, { note: parsed.note, action: "recommendations.scenario_approved" });
}

export const rollbackInput = z.object({
  placement: placementSchema,
  toVersion: z.coerce.number().int().positive(),
  expectedVersion: z.coerce.number().int().min(1),
});

/** Serves an earlier approved version again, as a new version (the history only grows). */
export function rollbackScenario(db: Db, actor: Actor & { id: number }, input: z.input<typeof rollbackInput>): ApprovedScenario {
  const parsed = rollbackInput.parse(input);
  const target = scenarioHistory(db, parsed.placement).find((s) => s.version === parsed.toVersion);
  if (!target) throw new AppError("not_found", `The ${placements[parsed.placement].label} placement has no version ${parsed.toVersion}.`);
  if (parsed.toVersion >= parsed.expectedVersion) throw new AppError("validation", `Version ${parsed.toVersion} is the live one: roll back to an earlier version.`);
  return insertVersion(db, actor, parsed.placement, parsed.expectedVersion, target, {
    restoredFrom: target.version,
    note: `Rollback to version ${target.version}`,
    action: "recommendations.scenario_rolled_back",
  });
}
