import { getTranslations } from "next-intl/server";
import { FvaChart } from "@/components/forecasts/fva-chart";
import { FvaTable } from "@/components/forecasts/fva-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ForecastTabs } from "@/components/forecasts/forecast-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { requireArea } from "@/lib/auth/session";
import { forecastValueAddedPage } from "@/lib/forecasts/page-data";
import { getFormat } from "@/lib/i18n/server";

export async function generateMetadata() {
  return { title: (await getTranslations("forecasts"))("valueAdded.title") };
}

export default async function ForecastValueAddedPage() {
  await requireArea("forecasts");
  const t = await getTranslations("forecasts.valueAdded");
  const f = await getFormat();
  const { rows, pending, lastActual } = await forecastValueAddedPage();
  const pendingNote = () => (lastActual ? t("pendingThrough", { count: pending, date: f.date(lastActual) }) : t("pendingNoSales", { count: pending }));

  return (
    <>
      <PageHeader title={t("title")} description={t("explanation")} />
      <ForecastTabs active="value-added" />
      {rows.length === 0 ? (
        <EmptyState title={t("emptyTitle")}>
          {pending > 0 ? (
            <p>
              {pendingNote()} {t("scoredOnce")}
            </p>
          ) : (
            <p>{lastActual ? t("noOverridesThrough", { date: f.date(lastActual) }) : t("noOverrides")}</p>
          )}
        </EmptyState>
      ) : (
        <>
          <section className="card">
            <FvaTable rows={rows} />
            <p className="mt-3 text-xs text-gray-500 dark:text-gray-400">
              {t("footnote")}
              {pending > 0 ? ` ${pendingNote()}` : ""}
            </p>
          </section>
          {rows.some((r) => r.fva !== null) && (
            <section className="card mt-6">
              <h2 className="mb-3 font-medium">{t("byPlanner")}</h2>
              <FvaChart rows={rows} />
            </section>
          )}
        </>
      )}
    </>
  );
}
