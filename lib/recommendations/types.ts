import type { z } from "zod";
import type { ActionResult } from "@/lib/action";
import type { approveInput, rollbackInput, saveDraftInput } from "./placements";

/** The area's names from db/schema that pages and components use (app/ and components/ do not import db/). */
export { placementCodes, type PlacementCode, type PlacementRule } from "@/lib/schema";

/** The placement page's server actions as its components receive them (props passed by the page). */
export type SaveDraftAction = (input: z.input<typeof saveDraftInput>) => Promise<ActionResult<{ revision: number }>>;
export type ApprovePlacementAction = (input: z.input<typeof approveInput>) => Promise<ActionResult<{ version: number }>>;
export type RollbackPlacementAction = (input: z.input<typeof rollbackInput>) => Promise<ActionResult<{ version: number }>>;
