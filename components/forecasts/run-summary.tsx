import { getTranslations } from "next-intl/server";
import { RunFacts } from "@/components/ui/run-facts";
import type { ForecastRun } from "@/lib/forecasts/types";
import { getFormat } from "@/lib/i18n/server";

/** Which model made the forecasts in force, from which data, and when. */
export async function RunSummary({ run, modelVersion }: { run: ForecastRun; modelVersion: number | null }) {
  const t = await getTranslations("forecasts.runSummary");
  const f = await getFormat();
  return (
    <RunFacts
      testId="run-summary"
      facts={[
        { term: t("run"), value: t("runValue", { id: run.id }) },
        { term: t("model"), value: modelVersion === null ? t("modelUnknown") : t("modelValue", { version: modelVersion }) },
        { term: t("actualsUpTo"), value: f.date(run.historyEnd) },
        { term: t("forecast"), value: t("forecastValue", { weeks: run.horizonWeeks, first: f.date(run.firstWeek) }) },
        { term: t("published"), value: f.dateTime(run.createdAt) },
      ]}
    />
  );
}
