import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PlansTable } from "@/components/forecasts/plans-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ForecastTabs } from "@/components/forecasts/forecast-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { requireArea } from "@/lib/auth/session";
import { approvedPlansPage } from "@/lib/forecasts/page-data";
import { getFormat } from "@/lib/i18n/server";

export async function generateMetadata() {
  return { title: (await getTranslations("forecasts"))("plans.title") };
}

const link = "text-sm text-blue-600 underline dark:text-blue-400";

export default async function ForecastPlansPage() {
  await requireArea("forecasts");
  const t = await getTranslations("forecasts.plans");
  const { run, rows } = await approvedPlansPage();
  if (!run) {
    return (
      <>
        <PageHeader title={t("title")} />
        <ForecastTabs active="plans" />
        <EmptyState title={t("noRunTitle")}>{t("noRunBody")}</EmptyState>
      </>
    );
  }

  const f = await getFormat();
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description", { weeks: run.horizonWeeks, first: f.date(run.firstWeek), end: f.date(run.historyEnd) })}
        actions={
          <span className="flex gap-4">
            {rows.length > 0 && (
              <a className={link} href="/api/export/forecast-plans">
                {t("exportCsv")}
              </a>
            )}
          </span>
        }
      />
      <ForecastTabs active="plans" />
      {rows.length === 0 ? (
        <EmptyState title={t("emptyTitle")}>
          {t.rich("emptyBody", {
            link: (chunks) => (
              <Link className="underline" href="/forecasts">
                {chunks}
              </Link>
            ),
          })}
        </EmptyState>
      ) : (
        <div className="card">
          <PlansTable rows={rows} />
        </div>
      )}
    </>
  );
}
