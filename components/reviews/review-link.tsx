import { useTranslations } from "next-intl";

/**
 * A link to a review shown further down this page (#review-<id>); a review not listed on the page is named, not
 * linked, so no link leads nowhere.
 */
export function ReviewLink({ reviewId, listed, children }: { reviewId: number; listed: ReadonlySet<number>; children: React.ReactNode }) {
  const t = useTranslations("reviews");
  if (!listed.has(reviewId)) return <>{children}</>;
  return (
    <a href={`#review-${reviewId}`} className="hover:underline" title={t("reviewLink", { id: String(reviewId) })}>
      {children}
    </a>
  );
}
