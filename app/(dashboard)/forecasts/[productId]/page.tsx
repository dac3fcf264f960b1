import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { z } from "zod";
import { AccuracyCard } from "@/components/forecasts/accuracy-card";
import { ExceptionList } from "@/components/forecasts/exception-badges";
import { ForecastChart } from "@/components/forecasts/forecast-chart";
import { InventoryCard } from "@/components/forecasts/inventory-card";
import { OverrideGrid } from "@/components/forecasts/override-grid";
import { OverrideLog } from "@/components/forecasts/override-log";
import { PlanCard } from "@/components/forecasts/plan-card";
import { ReopenPlan } from "@/components/forecasts/reopen-plan";
import { CoverageNote } from "@/components/ui/coverage-note";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/session";
import { seriesCoverageNote } from "@/lib/forecasts/coverage";
import { productForecastPage } from "@/lib/forecasts/page-data";
import { forecastFilterSchema } from "@/lib/forecasts/queries";
import { overrideReasons } from "@/lib/forecasts/types";
import { getFormat, getMessageText } from "@/lib/i18n/server";
import { approvePlansAction, markReviewedAction, reopenPlanAction, saveOverridesAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("forecasts"))("product.title") };
}

const paramsSchema = z.object({ productId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const searchSchema = forecastFilterSchema.pick({ sl: true });

export default async function ProductForecastPage({
  params,
  searchParams,
}: {
  params: Promise<{ productId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireArea("forecasts");
  const t = await getTranslations("forecasts.product");
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const { productId } = parsed.data;
  const { sl } = searchSchema.parse(await searchParams);
  const canDecide = can(user.role, "forecast.decide");
  const back = `/forecasts?${new URLSearchParams({ sl: String(sl) })}`;

  const { run, forecast } = await productForecastPage(productId, sl);
  if (!run) {
    return (
      <>
        <PageHeader title={t("title")} />
        <EmptyState title={t("noRunTitle")}>
          <Link href="/forecasts" className="text-blue-600 underline dark:text-blue-400">
            {t("noRunLink")}
          </Link>
        </EmptyState>
      </>
    );
  }
  if (!forecast) notFound();
  const { product, plan, series } = forecast;
  const f = await getFormat();
  const coverageNote = seriesCoverageNote(series.coverage);
  const coverage = coverageNote && { text: await getMessageText(coverageNote.text), title: await getMessageText(coverageNote.title) };
  const reloadHref = `/forecasts/${productId}?${new URLSearchParams({ sl: String(sl) })}`;
  // An approved plan's forecast is locked: its order quantity was fixed from it. Reopening (with a reason) unlocks it.
  const editable = canDecide && plan.status !== "approved";

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={back} className="text-blue-600 hover:underline dark:text-blue-400">
          {t("back")}
        </Link>
      </p>
      <PageHeader
        title={t("heading", { sku: product.sku, name: product.name })}
        description={t("description", { category: product.category, run: run.id, weeks: run.horizonWeeks, first: f.date(run.firstWeek), end: f.date(run.historyEnd) })}
      />
      <section className="card mb-4" aria-labelledby="exceptions-heading">
        <h2 id="exceptions-heading" className="mb-3 font-medium">
          {t("exceptionsHeading")}
        </h2>
        <ExceptionList exceptions={forecast.exceptions} />
      </section>
      <section className="card mb-4 min-w-0">
        <ForecastChart
          sku={product.sku}
          coverage={coverage}
          input={{
            firstWeek: run.firstWeek,
            history: forecast.history,
            recent: series.recent,
            weeks: forecast.weeks,
            promotions: forecast.promotions,
            holidays: forecast.holidays,
          }}
        />
      </section>
      <div className="mb-4 grid grid-cols-1 gap-4 lg:grid-cols-3 [&>*]:min-w-0">
        <PlanCard plan={plan} runId={run.id} productId={productId} serviceLevel={sl} canDecide={canDecide} reloadHref={reloadHref} actions={{ approve: approvePlansAction, review: markReviewedAction }} />
        <InventoryCard inventory={forecast.inventory} replenishment={forecast.replenishment} serviceLevel={sl} horizonWeeks={run.horizonWeeks} />
        <AccuracyCard series={series} />
      </div>
      <section className="card mb-4 min-w-0" aria-labelledby="weeks-heading">
        <h2 id="weeks-heading" className="mb-1 font-medium">
          {t("weeksHeading")}
        </h2>
        <p className="mb-3 text-xs text-gray-600 dark:text-gray-400">
          {editable ? t("editableHint") : canDecide ? t("approvedHint") : t("readOnlyHint")}
          {coverage && (
            <>
              {" "}
              {t("modelBand")} <CoverageNote note={coverage} />
            </>
          )}
        </p>
        {canDecide && plan.status === "approved" && (
          <div className="mb-3" data-testid="reopen-plan">
            <ReopenPlan reopen={reopenPlanAction} runId={run.id} productId={productId} version={plan.version} reloadHref={reloadHref} />
          </div>
        )}
        <OverrideGrid save={saveOverridesAction} weeks={forecast.weeks} runId={run.id} productId={productId} planVersion={plan.version} editable={editable} reasons={overrideReasons} reloadHref={reloadHref} />
      </section>
      <section className="card min-w-0" aria-labelledby="log-heading">
        <h2 id="log-heading" className="mb-3 font-medium">
          {t("logHeading")}
        </h2>
        <OverrideLog entries={forecast.overrideLog} />
      </section>
    </>
  );
}
