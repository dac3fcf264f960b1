import type { PlacementCode } from "@/db/schema";
import type { EffectsResult } from "@/lib/recommendations/overview";
import { ApproveForm } from "./approve-form";

/**
 * The approval, shown once the draft's effects are known (it waits on the same computation as the effects panel),
 * so the short-lists flag is always in front of the merchandiser before they can approve.
 */
export async function ApprovePanel({
  result,
  placement,
  expectedRevision,
  expectedVersion,
  draftDiffers,
  reloadHref,
}: {
  result: Promise<EffectsResult>;
  placement: PlacementCode;
  expectedRevision: number;
  expectedVersion: number;
  draftDiffers: boolean;
  reloadHref: string;
}) {
  const outcome = await result;
  return (
    <section className="card" aria-labelledby="approve-heading">
      <h2 id="approve-heading" className="mb-1 font-medium">
        Approve for the storefront
      </h2>
      <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">
        {expectedVersion === 0
          ? "Nothing is approved for this placement yet: the storefront API answers it once a draft is approved."
          : draftDiffers
            ? `The draft differs from the live version ${expectedVersion}.`
            : `The draft is the same as the live version ${expectedVersion}: approving records it again.`}
      </p>
      <ApproveForm key={`${expectedRevision}:${expectedVersion}`} placement={placement} expectedRevision={expectedRevision} expectedVersion={expectedVersion} flagged={outcome.ok && outcome.effects.flagged} reloadHref={reloadHref} />
    </section>
  );
}
