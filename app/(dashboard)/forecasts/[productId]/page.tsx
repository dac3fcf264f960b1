import Link from "next/link";
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
import { getDb } from "@/db/client";
import { overrideReasons } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/session";
import { seriesCoverageNote } from "@/lib/forecasts/coverage";
import { productForecast } from "@/lib/forecasts/product";
import { forecastFilterSchema, latestRun } from "@/lib/forecasts/queries";

export const metadata = { title: "Product forecast" };

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
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const { productId } = parsed.data;
  const { sl } = searchSchema.parse(await searchParams);
  const canDecide = can(user.role, "forecast.decide");
  const db = getDb();
  const back = `/forecasts?${new URLSearchParams({ sl: String(sl) })}`;

  const run = latestRun(db);
  if (!run) {
    return (
      <>
        <PageHeader title="Product forecast" />
        <EmptyState title="No forecasts have been published yet">
          <Link href="/forecasts" className="text-blue-600 underline dark:text-blue-400">
            See the forecasts page for the job status.
          </Link>
        </EmptyState>
      </>
    );
  }
  const forecast = productForecast(db, run, productId, sl);
  if (!forecast) notFound();
  const { product, plan, series } = forecast;
  const coverage = seriesCoverageNote(series.coverage);
  const reloadHref = `/forecasts/${productId}?${new URLSearchParams({ sl: String(sl) })}`;
  // An approved plan's forecast is locked: its order quantity was fixed from it. Reopening (with a reason) unlocks it.
  const editable = canDecide && plan.status !== "approved";

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={back} className="text-blue-600 hover:underline dark:text-blue-400">
          ← All forecasts
        </Link>
      </p>
      <PageHeader
        title={`${product.sku} · ${product.name}`}
        description={`${product.category} · forecast run #${run.id}: ${run.horizonWeeks} weeks from ${run.firstWeek}, actuals up to ${run.historyEnd}`}
      />
      <section className="card mb-4" aria-labelledby="exceptions-heading">
        <h2 id="exceptions-heading" className="mb-3 font-medium">
          Exceptions
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
        <PlanCard plan={plan} runId={run.id} productId={productId} serviceLevel={sl} canDecide={canDecide} reloadHref={reloadHref} />
        <InventoryCard inventory={forecast.inventory} replenishment={forecast.replenishment} serviceLevel={sl} horizonWeeks={run.horizonWeeks} />
        <AccuracyCard series={series} />
      </div>
      <section className="card mb-4 min-w-0" aria-labelledby="weeks-heading">
        <h2 id="weeks-heading" className="mb-1 font-medium">
          Weekly forecast and overrides
        </h2>
        <p className="mb-3 text-xs text-gray-600 dark:text-gray-400">
          {editable
            ? "Type units in the weeks to change, give each a reason (“Other” needs a note), then save them together: an override replaces the week's P50 and scales its band with it."
            : canDecide
              ? "This plan is approved, so its forecast is read-only: reopen it, with a reason, to change overrides."
              : "Read-only: only planners override."}
          {coverage && (
            <>
              {" "}
              Model P10–P90: <CoverageNote note={coverage} />
            </>
          )}
        </p>
        {canDecide && plan.status === "approved" && (
          <div className="mb-3" data-testid="reopen-plan">
            <ReopenPlan runId={run.id} productId={productId} version={plan.version} reloadHref={reloadHref} />
          </div>
        )}
        <OverrideGrid weeks={forecast.weeks} runId={run.id} productId={productId} planVersion={plan.version} editable={editable} reasons={overrideReasons} reloadHref={reloadHref} />
      </section>
      <section className="card min-w-0" aria-labelledby="log-heading">
        <h2 id="log-heading" className="mb-3 font-medium">
          Override log
        </h2>
        <OverrideLog entries={forecast.overrideLog} />
      </section>
    </>
  );
}
