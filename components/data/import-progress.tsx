import { getTranslations } from "next-intl/server";
import { ImportOutcome } from "@/components/data/import-outcome";
import { importResultText } from "@/lib/csv/line-errors";
import type { ImportView } from "@/lib/csv/queries";
import type { Message } from "@/lib/i18n/message";
import { getFormat, getTranslator } from "@/lib/i18n/server";

/** One import followed from the page (a queued upload): where it stands, then its result. */
export async function ImportProgress({ view }: { view: ImportView }) {
  const [t, tr, f] = await Promise.all([getTranslations("data.progress"), getTranslator(), getFormat()]);
  const text = (message: Message) => tr(message.key, message.values);
  if (view.result) return <ImportOutcome result={importResultText(view.result, text)} />;
  if (view.status === "failed") {
    return (
      <p role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-700 dark:border-red-800 dark:bg-red-950 dark:text-red-300">
        {t("failed", { filename: view.filename, detail: view.detail.kind === "message" ? text(view.detail.message) : "" })}
      </p>
    );
  }
  const fraction = view.progress?.fraction ?? 0;
  const percent = Math.round(fraction * 100);
  const label = t("label", { filename: view.filename });
  return (
    <div className="mt-4 rounded-md border border-blue-200 bg-blue-50 p-4 text-sm dark:border-blue-900 dark:bg-blue-950" data-testid="import-progress">
      <p aria-live="polite">
        {view.status === "queued"
          ? t("queued", { filename: view.filename, size: f.number((view.fileBytes ?? 0) / 1e6, 1) })
          : t("running", { filename: view.filename, stage: view.progress?.stage ?? "starting", percent: f.percent(fraction), count: view.progress?.rowsRead ?? 0 })}
      </p>
      <progress className="mt-2 w-full" aria-label={label} max={100} value={view.status === "queued" ? undefined : percent} />
    </div>
  );
}
