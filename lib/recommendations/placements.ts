import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { placementCodes, placementDrafts, placementScenarios, users, type PlacementCode, type PlacementRule } from "@/lib/schema";
import { audit, type Actor } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { championOf, versionById } from "@/lib/models/versions";
import { loadCatalog } from "./catalog";
import { nSchema, ruleMessage, ruleProblems, rulesSchema } from "./rules";
import { messageText, ScenarioError } from "./words";

/**
 * Placements (where the storefront shows recommendations) and their scenarios: the draft a merchandiser shapes
 * (model version + rules + N) and the approved versions the serving API answers with. Approving copies the draft
 * into the next version; a rollback approves a copy of an earlier version. Stale pages are refused with a conflict
 * (the draft's revision, the live version); every write is audited.
 */
/** Each placement's defaults; `label` and `description` are the English words (pages read recommendations.placements.<code>). */
export const placements: Record<PlacementCode, { label: string; description: string; n: number; rules: PlacementRule[] }> = {
  home: { label: "Home page", description: "For you, on the home page", n: 10, rules: [{ type: "exclude-purchased" }, { type: "exclude-out-of-stock" }] },
  product: { label: "Product page", description: "More to consider, under a product", n: 8, rules: [{ type: "exclude-purchased" }, { type: "exclude-out-of-stock" }] },
  cart: { label: "Cart", description: "Add to your order, in the cart", n: 6, rules: [{ type: "exclude-purchased" }, { type: "exclude-out-of-stock" }, { type: "max-per-category", k: 2 }] },
  email: { label: "E-mail", description: "Picked for you, in the weekly e-mail", n: 6, rules: [{ type: "exclude-purchased" }, { type: "exclude-out-of-stock" }, { type: "max-per-category", k: 2 }] },
};

export const placementSchema = z.enum(placementCodes, { message: "recommendations.validation.placement" });

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

export async function getDraft(db: Db, placement: PlacementCode): Promise<Draft> {
  const row = await db
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

async function latestApproved(db: Db, placement: PlacementCode) {
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
export async function liveScenario(db: Db, placement: PlacementCode): Promise<ApprovedScenario | undefined> {
  const row = await latestApproved(db, placement);
  return row ? toApproved(row) : undefined;
}

export async function scenarioHistory(db: Db, placement: PlacementCode): Promise<ApprovedScenario[]> {
  const rows = await db
    .select(approvedColumns)
    .from(placementScenarios)
    .innerJoin(users, eq(users.id, placementScenarios.approvedBy))
    .where(eq(placementScenarios.placement, placement))
    .orderBy(desc(placementScenarios.version))
    .all();
  return rows.map(toApproved);
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
async function checkScenario(db: Db, scenario: Scenario): Promise<void> {
  const problems = ruleProblems(scenario.rules, await loadCatalog(db), scenario.n);
  if (problems.length > 0) {
    throw new ScenarioError(
      "validation",
      (t, f) =>
        problems
          .map((p) => t("recommendations.rules.problem", { number: p.rule + 1, label: messageText(t, ruleMessage(scenario.rules[p.rule]!, f)), problem: messageText(t, p.message) }))
          .join(" "),
      { problems },
    );
  }
  if (scenario.modelVersionId !== null) {
    const version = await versionById(db, scenario.modelVersionId);
    if (version.task !== "recommend" || !version.artifactPath || version.status === "failed") {
      throw new AppError("validation", msg("recommendations.errors.notUsable", { id: scenario.modelVersionId }));
    }
  }
}

export async function saveDraft(db: Db, actor: Actor & { id: number }, input: z.input<typeof saveDraftInput>): Promise<Draft> {
  const parsed = saveDraftInput.parse(input);
  return db.transaction(async (tx) => {
    await checkScenario(tx, parsed);
    const current = await tx.select().from(placementDrafts).where(eq(placementDrafts.placement, parsed.placement)).get();
    const revision = current?.revision ?? 0;
    if (revision !== parsed.expectedRevision) {
      const at = current?.updatedAt ?? null;
      throw new ScenarioError("conflict", (t, f) => t("recommendations.errors.draftChanged", { at: at ? f.dateTime(at) : "?" }), { currentRevision: revision });
    }
    const values = { modelVersionId: parsed.modelVersionId, rules: parsed.rules, n: parsed.n, revision: revision + 1, updatedBy: actor.id, updatedAt: new Date() };
    if (current) await tx.update(placementDrafts).set(values).where(eq(placementDrafts.placement, parsed.placement)).run();
    else await tx.insert(placementDrafts).values({ placement: parsed.placement, ...values }).run();
    await audit(tx, {
      actor,
      action: "recommendations.rules_saved",
      entityType: "placement",
      entityId: parsed.placement,
      before: current ? { modelVersionId: current.modelVersionId, rules: current.rules, n: current.n } : null,
      after: { modelVersionId: parsed.modelVersionId, rules: parsed.rules, n: parsed.n },
    });
    return getDraft(tx, parsed.placement);
  });
}

export const approveInput = z.object({
  placement: placementSchema,
  expectedRevision: z.coerce.number().int().min(0),
  /** The live version the page showed (0 when none). */
  expectedVersion: z.coerce.number().int().min(0),
  note: z.string().trim().max(500, "recommendations.validation.noteMax").optional(),
});

async function insertVersion(
  db: Db,
  actor: Actor & { id: number },
  placement: PlacementCode,
  expectedVersion: number,
  scenario: Scenario,
  extra: { restoredFrom?: number; note?: string; action: string },
): Promise<ApprovedScenario> {
  return db.transaction(async (tx) => {
    const latest = await latestApproved(tx, placement);
    const current = latest?.scenario.version ?? 0;
    if (current !== expectedVersion) {
      const at = latest?.scenario.approvedAt ?? null;
      throw new ScenarioError("conflict", (t, f) => t("recommendations.errors.versionApproved", { user: latest?.email ?? "none", version: current, at: at ? f.dateTime(at) : "?" }), {
        currentVersion: current,
      });
    }
    const champion = await championOf(tx, "recommend");
    if (scenario.modelVersionId === null && !champion) throw new AppError("unavailable", msg("recommendations.errors.noChampion"));
    const version = current + 1;
    await tx
      .insert(placementScenarios)
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
    await audit(tx, {
      actor,
      action: extra.action,
      entityType: "placement",
      entityId: placement,
      before: latest ? { version: current, modelVersionId: latest.scenario.modelVersionId, rules: latest.scenario.rules, n: latest.scenario.n } : null,
      after: { version, modelVersionId: scenario.modelVersionId, championVersionId: champion?.id ?? null, rules: scenario.rules, n: scenario.n, ...(extra.restoredFrom ? { restoredFrom: extra.restoredFrom } : {}), ...(extra.note ? { note: extra.note } : {}) },
    });
    return (await liveScenario(tx, placement))!;
  });
}

/** Approves the placement's draft for the storefront. Refused when the draft or the live version changed since the page was opened. */
export async function approveScenario(db: Db, actor: Actor & { id: number }, input: z.input<typeof approveInput>): Promise<ApprovedScenario> {
  const parsed = approveInput.parse(input);
  // The draft is read, checked and copied in one transaction: a save landing in between cannot slip past the check.
  return db.transaction(async (tx) => {
    const draft = await getDraft(tx, parsed.placement);
    if (draft.revision !== parsed.expectedRevision) {
      throw new AppError("conflict", msg("recommendations.errors.draftChangedBy", { user: draft.updatedBy ?? "none" }), { currentRevision: draft.revision });
    }
    await checkScenario(tx, draft);
    return insertVersion(tx, actor, parsed.placement, parsed.expectedVersion, draft, { note: parsed.note, action: "recommendations.scenario_approved" });
  });
}

export const rollbackInput = z.object({
  placement: placementSchema,
  toVersion: z.coerce.number().int().positive(),
  expectedVersion: z.coerce.number().int().min(1),
});

/** Serves an earlier approved version again, as a new version (the history only grows). */
export async function rollbackScenario(db: Db, actor: Actor & { id: number }, input: z.input<typeof rollbackInput>): Promise<ApprovedScenario> {
  const parsed = rollbackInput.parse(input);
  const target = (await scenarioHistory(db, parsed.placement)).find((s) => s.version === parsed.toVersion);
  if (!target) {
    const code = parsed.placement;
    throw new ScenarioError("not_found", (t) => t("recommendations.errors.noVersion", { placement: t(`recommendations.placements.${code}.label`), version: parsed.toVersion }));
  }
  if (parsed.toVersion >= parsed.expectedVersion) throw new AppError("validation", msg("recommendations.errors.rollbackLive", { version: parsed.toVersion }));
  return insertVersion(db, actor, parsed.placement, parsed.expectedVersion, target, {
    // No note: the pages say "Rollback to version N" from restoredFrom, in the reader's language.
    restoredFrom: target.version,
    action: "recommendations.scenario_rolled_back",
  });
}
