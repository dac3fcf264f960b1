import type { z } from "zod";
import type { ActionResult } from "@/lib/action";
import type { bulkDecideInput, claimInput, decideInput, DecisionOutcome, releaseInput } from "./cases";
import type { Backtest, deleteRuleInput, previewRuleInput, RuleDefinition, RuleInput, toggleRuleInput, updateRuleInput } from "./rules";
import type { thresholdsInput } from "./threshold";

/** The schema's types the fraud screens need, so app/ and components/ read them from here. */
export type { CaseStatus, FraudDecision, FraudRule } from "@/lib/schema";

/**
 * The server actions of the fraud screens, as the client components that call them receive them (props passed by
 * the page): app/(dashboard)/fraud/actions.ts defines them with these inputs and results.
 */
export type ClaimCaseAction = (
  input: z.input<typeof claimInput>,
) => Promise<ActionResult<{ claimed: true; version: number } | { claimed: false; version: number; heldBy: { email: string; claimedAt: string } | null }>>;
export type ReleaseCaseAction = (input: z.input<typeof releaseInput>) => Promise<ActionResult<{ released: boolean }>>;
export type DecideCaseAction = (input: z.input<typeof decideInput>) => Promise<ActionResult<DecisionOutcome>>;
export type BulkDecideAction = (input: z.input<typeof bulkDecideInput>) => Promise<ActionResult<{ decided: number; outcomes: DecisionOutcome[] }>>;

export type PreviewRuleAction = (input: z.input<typeof previewRuleInput>) => Promise<ActionResult<{ rule: RuleDefinition; backtest: Backtest }>>;
export type SaveRuleAction = (input: RuleInput) => Promise<ActionResult<{ id: number; version: number; backtest: Backtest | null }>>;
export type UpdateRuleAction = (input: z.input<typeof updateRuleInput>) => Promise<ActionResult<{ id: number; version: number; backtest: Backtest | null }>>;
export type ToggleRuleAction = (input: z.input<typeof toggleRuleInput>) => Promise<ActionResult<{ id: number; version: number; active: boolean }>>;
export type DeleteRuleAction = (input: z.input<typeof deleteRuleInput>) => Promise<ActionResult<{ id: number; version: number; active: boolean }>>;

export type UpdateThresholdsAction = (input: z.input<typeof thresholdsInput>) => Promise<ActionResult<{ version: number }>>;

/** The case page's actions, handed to the workbench together. */
export type CaseActions = { claim: ClaimCaseAction; release: ReleaseCaseAction; decide: DecideCaseAction };
/** The rules list's actions per rule. */
export type RuleRowActions = { toggle: ToggleRuleAction; remove: DeleteRuleAction };
/** The rule form's actions. */
export type RuleFormActions = { preview: PreviewRuleAction; save: SaveRuleAction; update: UpdateRuleAction };
