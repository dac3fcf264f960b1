import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { CurveCharts } from "@/components/pricing/curve-charts";
import { DecisionPanel } from "@/components/pricing/decision-panel";
import { CompetitorChart, PriceStepChart } from "@/components/pricing/history-charts";
import { LimitsCard } from "@/components/pricing/limits-form";
import { PriceHistoryTable } from "@/components/pricing/price-history-table";
import { RecommendationCard } from "@/components/pricing/recommendation-card";
import { WhatIfBox } from "@/components/pricing/what-if-box";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/session";
import { addDays } from "@/lib/dates";
import { formatDateTime } from "@/lib/format";
import { priceRunCoverage } from "@/lib/pricing/coverage";
import { COMPETITOR_HISTORY_WEEKS, latestPriceRun, productPricing } from "@/lib/pricing/queries";
import { recommendationCurve, type WhatIf } from "@/lib/pricing/what-if";
import { price } from "@/components/pricing/format";

export const metadata = { title: "Product pricing" };

const paramsSchema = z.object({ productId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** The curve for the charts, or the reason it cannot be drawn (an incomplete grid is refused by what-if.ts). */
function curveOf(rec: Parameters<typeof recommendationCurve>[0]): { curve: WhatIf[] } | { error: string } {
  try {
    return { curve: recommendationCurve(rec) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : "The demand curve cannot be drawn." };
  }
}

export default async function ProductPricingPage({ params }: { params: Promise<{ productId: string }> }) {
  const user = await requireArea("pricing");
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const { productId } = parsed.data;
  const canDecide = can(user.role, "pricing.decide");
  const db = getDb();
  const pricing = productPricing(db, latestPriceRun(db), productId);
  if (!pricing) notFound();
  const { product, run, recommendation: rec, settings } = pricing;
  const reloadHref = `/pricing/${productId}`;
  const drawn = rec ? curveOf(rec) : null;
  const coverage = rec ? priceRunCoverage(db, run) : null;
  const today = new Date().toISOString().slice(0, 10);
  // The date the server records when none is sent (lib/pricing/decisions.ts effectiveDate): shown in the field, not implied.
  const defaultEffectiveFrom = rec?.effectiveFrom && rec.effectiveFrom >= today ? rec.effectiveFrom : addDays(today, 1);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/pricing" className="text-blue-600 hover:underline dark:text-blue-400">
          ← All recommendations
        </Link>
      </p>
      <PageHeader
        title={`${product.sku} · ${product.name}`}
        description={`${product.category} · list price ${price(product.priceCents)}${run ? ` · price run #${run.id}, published ${formatDateTime(run.createdAt)}` : ""}`}
      />

      {!rec ? (
        <div className="mb-4">
          <EmptyState title={run ? "This product has no recommendation in the latest run" : "No price recommendations have been published yet"}>
            <Link href="/pricing" className="text-blue-600 underline dark:text-blue-400">
              See the pricing page for the job status.
            </Link>
          </EmptyState>
        </div>
      ) : (
        <>
          <div className="mb-4 grid gap-4 lg:grid-cols-3">
            <RecommendationCard rec={rec} guardrails={pricing.guardrails} decidedBy={pricing.decidedBy} firstApprovedBy={pricing.firstApprovedBy} coverage={coverage} />
            {canDecide && run && (rec.status === "pending" || rec.status === "awaiting_second") ? (
              <DecisionPanel
                runId={run.id}
                productId={productId}
                version={rec.version}
                status={rec.status}
                recommendedPriceCents={rec.recommendedPriceCents}
                decidedPriceCents={rec.decidedPriceCents}
                isFirstApprover={rec.firstApprovedBy === user.id}
                secondApprovalPct={settings.secondApprovalPct}
                conflict={pricing.guardrails.conflict}
                allowedText={pricing.allowedToday?.text ?? ""}
                reloadHref={reloadHref}
                today={today}
                defaultEffectiveFrom={defaultEffectiveFrom}
              />
            ) : (
              <section className="card text-sm text-gray-600 dark:text-gray-400" aria-label="Decision">
                <h2 className="mb-2 font-medium text-gray-900 dark:text-gray-100">Decision</h2>
                {canDecide ? <p>This recommendation is decided. A refresh publishes new recommendations to decide on.</p> : <p>Read-only: only merchandisers approve, adjust or reject prices.</p>}
              </section>
            )}
            <WhatIfBox curve={rec.curve} costCents={rec.costCents} currentPriceCents={rec.currentPriceCents} defaultCents={rec.recommendedPriceCents} coverage={coverage} />
          </div>
          <section className="card mb-4" aria-labelledby="curve-heading">
            <h2 id="curve-heading" className="mb-3 font-medium">
              Expected demand and profit by price
            </h2>
            {drawn && "curve" in drawn ? (
              <CurveCharts
                curve={drawn.curve}
                sku={product.sku}
                coverage={coverage}
                markers={{ currentCents: rec.currentPriceCents, recommendedCents: rec.recommendedPriceCents, decidedCents: rec.decidedPriceCents, competitors: rec.competitorPrices }}
              />
            ) : (
              <p className="text-sm text-red-700 dark:text-red-400">{drawn?.error}</p>
            )}
          </section>
        </>
      )}

      <div className="mb-4 grid gap-4 lg:grid-cols-3">
        <LimitsCard productId={productId} limits={pricing.limits} canDecide={canDecide} reloadHref={reloadHref} />
        <section className="card lg:col-span-2" aria-labelledby="competitor-heading">
          <h2 id="competitor-heading" className="mb-3 font-medium">
            Competitor prices (last {COMPETITOR_HISTORY_WEEKS} weeks)
          </h2>
          <CompetitorChart rows={pricing.competitorHistory} currentCents={product.priceCents} sku={product.sku} />
        </section>
      </div>

      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-3 font-medium">
          Price history
        </h2>
        <PriceStepChart entries={pricing.priceHistory} sku={product.sku} today={today} />
        <div className="mt-4">
          <PriceHistoryTable entries={pricing.priceHistory} />
        </div>
      </section>
    </>
  );
}
