import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AspectChips } from "@/components/reviews/aspect-chips";
import { AspectSentenceList } from "@/components/reviews/aspect-sentences";
import { NegativeReviewList } from "@/components/reviews/negative-reviews";
import { RepresentativeQuotes } from "@/components/reviews/quotes";
import { aspectName } from "@/components/reviews/figures";
import { DisagreementList, QuotedReviewList } from "@/components/reviews/review-entry";
import { SentimentOverview } from "@/components/reviews/sentiment-overview";
import { SummaryPanel } from "@/components/reviews/summary-panel";
import { WeeklyReviewChart } from "@/components/reviews/weekly-chart";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireArea } from "@/lib/auth/session";
import { productReviewPage } from "@/lib/reviews/page-data";
import { replyLimits } from "@/lib/reviews/replies";
import { summaryLimits } from "@/lib/reviews/summaries";
import { approveSummaryAction, markRepliedAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("reviews"))("product.title") };
}

const paramsSchema = z.object({ productId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
// An aspect code as the score job writes it (a word or a seeded code); anything else is no aspect.
const searchSchema = z.object({ aspect: z.string().trim().toLowerCase().max(60).regex(/^[\p{L}\p{N}_-]*$/u).optional().catch(undefined) });

export default async function ProductReviewsPage({
  params,
  searchParams,
}: {
  params: Promise<{ productId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireArea("reviews");
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const { productId } = parsed.data;
  const aspect = searchSchema.parse(await searchParams).aspect || undefined;
  const decides = can(user.role, "content.approve");
  const found = await productReviewPage(productId, aspect);
  if (!found) notFound();
  const t = await getTranslations("reviews");
  // Seeded aspects named in the reader's words; an aspect found in the reviews keeps its own word.
  const named = <A extends { aspect: string; label: string }>(a: A): A => ({ ...a, label: aspectName(t, a.aspect, a.label) });
  const view = { ...found, aspects: found.aspects.map(named), aspectSentences: found.aspectSentences && named(found.aspectSentences) };
  const { product } = view;
  const reloadHref = aspect ? `/reviews/${productId}?${new URLSearchParams({ aspect })}` : `/reviews/${productId}`;

  // A review listed twice (stars disagree and negative) gets its anchor once, where it first appears.
  const disagreeing = new Set(view.disagreements.map((r) => r.reviewId));
  const negativeAnchored = new Set(view.negativeReviews.map((r) => r.reviewId).filter((id) => !disagreeing.has(id)));
  const listed = new Set([...disagreeing, ...negativeAnchored, ...view.quoted.map((r) => r.reviewId)]);
  const aspectLabels = new Map(view.aspects.map((a) => [a.aspect, a.label]));
  if (view.aspectSentences) aspectLabels.set(view.aspectSentences.aspect, view.aspectSentences.label);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/reviews" className="text-blue-600 hover:underline dark:text-blue-400">
          {t("product.allProducts")}
        </Link>
      </p>
      <PageHeader title={`${product.sku} · ${product.name}`} description={t("product.description", { category: product.category })} />
      <SentimentOverview view={view} />
      <section className="card mb-4">
        <WeeklyReviewChart weeks={view.weekly} title={t("product.chartTitle", { sku: product.sku })} />
      </section>
      <section className="card mb-4" aria-labelledby="aspects-heading">
        <h2 id="aspects-heading" className="mb-1 font-medium">
          {t("product.aspectsHeading")}
        </h2>
        <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">{t("product.aspectsHint")}</p>
        <AspectChips productId={productId} aspects={view.aspects} active={aspect} />
      </section>
      {view.aspectSentences && <AspectSentenceList aspect={view.aspectSentences} listed={listed} />}
      {view.draft && <RepresentativeQuotes quotes={view.draft.quotes} listed={listed} />}
      <SummaryPanel view={view} canApprove={decides} limits={summaryLimits} reloadHref={reloadHref} approve={approveSummaryAction} />
      <DisagreementList reviews={view.disagreements} anchored={disagreeing} aspectLabels={aspectLabels} />
      <NegativeReviewList reviews={view.negativeReviews} anchored={negativeAnchored} aspectLabels={aspectLabels} canReply={decides} maxChars={replyLimits.maxChars} reloadHref={reloadHref} markReplied={markRepliedAction} />
      <QuotedReviewList reviews={view.quoted} aspectLabels={aspectLabels} />
    </>
  );
}
