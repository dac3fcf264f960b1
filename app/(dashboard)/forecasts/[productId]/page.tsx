import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { AccuracyCard } from "@/components/forecasts/accuracy-card";
import { ExceptionList } from "@/components/forecasts/exception-badges";
import { ForecastChart } from "@/components/forecasts/forecast-chart";
import { InventoryCard } from "@/components/forecasts/inventory-card";
import { OverrideLog } from "@/components/forecasts/override-log";
import { PlanCard } from "@/components/forecasts/plan-card";
import { WeeklyTable } from "@/components/forecasts/weekly-table";
import { CoverageNote } from "@/components/ui/coverage-note";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
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
      <section className="card mb-4">
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
      <div className="mb-4 grid gap-4 lg:grid-cols-3">
        <PlanCard plan={plan} runId={run.id} productId={productId} serviceLevel={sl} canDecide={canDecide} reloadHref={reloadHref} />
        <InventoryCard inventory={forecast.inventory} replenishment={forecast.replenishment} serviceLevel={sl} horizonWeeks={run.horizonWeeks} />
        <AccuracyCard series={series} />
      </div>
      <section className="card mb-4" aria-labelledby="weeks-heading">
        <h2 id="weeks-heading" className="mb-1 font-medium">
          Weekly forecast
        </h2>
        <p className="mb-3 text-xs text-gray-500">
          An override replaces the week&apos;s P50 and scales its band with it.{canDecide ? " “Other” needs a note." : " Read-only: only planners override."}
          {coverage && (
            <>
              {" "}
              Model P10–P90: <CoverageNote note={coverage} />
            </>
          )}
        </p>
        <WeeklyTable weeks={forecast.weeks} runId={run.id} productId={productId} planVersion={plan.version} canDecide={canDecide} reloadHref={reloadHref} />
      </section>
      <section className="card" aria-labelledby="log-heading">
        <h2 id="log-heading" className="mb-3 font-medium">
          Override log
        </h2>
        <OverrideLog entries={forecast.overrideLog} />
      </section>
    </>
  );
}
