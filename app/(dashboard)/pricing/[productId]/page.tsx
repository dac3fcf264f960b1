import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
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
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/session";
import { addDays, isoOfMs } from "@/lib/dates";
import { AppError } from "@/lib/errors";
import { defaultLocale, isLocale } from "@/lib/i18n/locales";
import { isMessage } from "@/lib/i18n/message";
import { getFormat, getMessageText } from "@/lib/i18n/server";
import { allowedText, guardrailsText } from "@/lib/pricing/allowed";
import { productPricingPage } from "@/lib/pricing/page-data";
import { COMPETITOR_HISTORY_WEEKS } from "@/lib/pricing/queries";
import { recommendationCurve, type WhatIf } from "@/lib/pricing/what-if";
import { adjustAction, approveAction, rejectAction, setProductLimitsAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("pricing"))("product.title") };
}

const paramsSchema = z.object({ productId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** The curve for the charts, or the reason it cannot be drawn (an incomplete grid is refused by what-if.ts). */
async function curveOf(rec: Parameters<typeof recommendationCurve>[0], fallback: string): Promise<{ curve: WhatIf[] } | { error: string }> {
  try {
    return { curve: recommendationCurve(rec) };
  } catch (error) {
    return { error: error instanceof AppError && isMessage(error.userText) ? await getMessageText(error.userText) : fallback };
  }
}

export default async function ProductPricingPage({ params }: { params: Promise<{ productId: string }> }) {
  const user = await requireArea("pricing");
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const { productId } = parsed.data;
  const canDecide = can(user.role, "pricing.decide");
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : defaultLocale;
  const pricing = await productPricingPage(productId, locale);
  if (!pricing) notFound();
  const { product, run, recommendation: rec, settings, coverage } = pricing;
  const t = await getTranslations("pricing");
  const f = await getFormat();
  const reloadHref = `/pricing/${productId}`;
  const drawn = rec ? await curveOf(rec, t("product.curveError")) : null;
  const guardrails = rec ? guardrailsText(rec.boundBy, rec.adjustments, locale) : { note: null, conflict: null };
  const today = isoOfMs(new Date().getTime());
  // The date the server records when none is sent (lib/pricing/decisions.ts effectiveDate): shown in the field, not implied.
  const defaultEffectiveFrom = rec?.effectiveFrom && rec.effectiveFrom >= today ? rec.effectiveFrom : addDays(today, 1);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/pricing" className="text-blue-600 hover:underline dark:text-blue-400">
          {t("product.back")}
        </Link>
      </p>
      <PageHeader
        title={t("product.heading", { sku: product.sku, name: product.name })}
        description={
          run
            ? t("product.descriptionRun", { category: product.category, price: f.money(product.priceCents), run: String(run.id), when: f.dateTime(run.createdAt) })
            : t("product.description", { category: product.category, price: f.money(product.priceCents) })
        }
      />

      {!rec ? (
        <div className="mb-4">
          <EmptyState title={run ? t("product.noRecInRun") : t("product.noneYet")}>
            <Link href="/pricing" className="text-blue-600 underline dark:text-blue-400">
              {t("product.seeJobStatus")}
            </Link>
          </EmptyState>
        </div>
      ) : (
        <>
          <div className="mb-4 grid gap-4 lg:grid-cols-3">
            <RecommendationCard rec={rec} guardrails={guardrails} decidedBy={pricing.decidedBy} firstApprovedBy={pricing.firstApprovedBy} coverage={coverage} />
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
                conflict={guardrails.conflict}
                allowedText={pricing.allowedToday ? allowedText(pricing.allowedToday.allowed, locale) : ""}
                reloadHref={reloadHref}
                today={today}
                defaultEffectiveFrom={defaultEffectiveFrom}
                approveAction={approveAction}
                adjustAction={adjustAction}
                rejectAction={rejectAction}
              />
            ) : (
              <section className="card text-sm text-gray-600 dark:text-gray-400" aria-label={t("product.decisionLabel")}>
                <h2 className="mb-2 font-medium text-gray-900 dark:text-gray-100">{t("decision.heading")}</h2>
                {canDecide ? <p>{t("decision.decided")}</p> : <p>{t("decision.readOnly")}</p>}
              </section>
            )}
            <WhatIfBox curve={rec.curve} costCents={rec.costCents} currentPriceCents={rec.currentPriceCents} defaultCents={rec.recommendedPriceCents} coverage={coverage} />
          </div>
          <section className="card mb-4" aria-labelledby="curve-heading">
            <h2 id="curve-heading" className="mb-3 font-medium">
              {t("product.curveHeading")}
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
        <LimitsCard productId={productId} limits={pricing.limits} canDecide={canDecide} reloadHref={reloadHref} setProductLimitsAction={setProductLimitsAction} />
        <section className="card lg:col-span-2" aria-labelledby="competitor-heading">
          <h2 id="competitor-heading" className="mb-3 font-medium">
            {t("product.competitorHeading", { weeks: COMPETITOR_HISTORY_WEEKS })}
          </h2>
          <CompetitorChart rows={pricing.competitorHistory} currentCents={product.priceCents} sku={product.sku} />
        </section>
      </div>

      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-3 font-medium">
          {t("product.historyHeading")}
        </h2>
        <PriceStepChart entries={pricing.priceHistory} sku={product.sku} today={today} />
        <div className="mt-4">
          <PriceHistoryTable entries={pricing.priceHistory} />
        </div>
      </section>
    </>
  );
}
