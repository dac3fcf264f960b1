import { getTranslations } from "next-intl/server";
import type { EffectsResult } from "@/lib/recommendations/overview";
import type { ApprovePlacementAction, PlacementCode } from "@/lib/recommendations/types";
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
  approve,
}: {
  result: Promise<EffectsResult>;
  placement: PlacementCode;
  expectedRevision: number;
  expectedVersion: number;
  draftDiffers: boolean;
  reloadHref: string;
  approve: ApprovePlacementAction;
}) {
  const t = await getTranslations("recommendations.approve");
  const outcome = await result;
  return (
    <section className="card" aria-labelledby="approve-heading">
      <h2 id="approve-heading" className="mb-1 font-medium">
        {t("heading")}
      </h2>
      <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">
        {expectedVersion === 0 ? t("nothingYet") : draftDiffers ? t("differs", { version: expectedVersion }) : t("same", { version: expectedVersion })}
      </p>
      <ApproveForm key={`${expectedRevision}:${expectedVersion}`} placement={placement} expectedRevision={expectedRevision} expectedVersion={expectedVersion} flagged={outcome.ok && outcome.effects.flagged} reloadHref={reloadHref} approve={approve} />
    </section>
  );
}
