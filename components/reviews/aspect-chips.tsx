import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getFormat } from "@/lib/i18n/server";
import { MIN_ASPECT_OPINIONS } from "@/lib/reviews/aspects";
import type { AspectCount } from "@/lib/reviews/types";

/**
 * The product's aspects with how many opinions on each are positive and negative; each chip opens the aspect's
 * sentences (?aspect=code, in the URL so the view can be shared). The chosen one links back to no aspect. Labels
 * arrive in the reader's words.
 */
export async function AspectChips({ productId, aspects, active }: { productId: number; aspects: AspectCount[]; active: string | undefined }) {
  const t = await getTranslations("reviews.aspectChips");
  const f = await getFormat();
  if (aspects.length === 0) return <p className="text-sm text-gray-600 dark:text-gray-400">{t("none", { count: f.integer(MIN_ASPECT_OPINIONS) })}</p>;
  const chip = "inline-flex items-center gap-2 rounded-full border px-3 py-1 text-sm";
  return (
    <nav aria-label={t("label")} className="flex flex-wrap gap-2">
      {aspects.map((a) => {
        const on = a.aspect === active;
        return (
          <Link
            key={a.aspect}
            href={on ? `/reviews/${productId}` : `/reviews/${productId}?${new URLSearchParams({ aspect: a.aspect })}`}
            aria-current={on ? "true" : undefined}
            data-testid="aspect-chip"
            data-aspect={a.aspect}
            className={`${chip} ${on ? "border-blue-600 bg-blue-600 text-white" : "border-gray-300 hover:bg-gray-100 dark:border-gray-700 dark:hover:bg-gray-800"}`}
          >
            <span className="font-medium">{a.label}</span>
            <span className={on ? "" : "text-green-700 dark:text-green-400"} title={t("positiveTitle")}>
              +{f.integer(a.positive)}
            </span>
            <span className={on ? "" : "text-red-700 dark:text-red-400"} title={t("negativeTitle")}>
              −{f.integer(a.negative)}
            </span>
            <span className="sr-only">{t("counts", { positive: f.integer(a.positive), negative: f.integer(a.negative), opinions: f.integer(a.opinions) })}</span>
          </Link>
        );
      })}
    </nav>
  );
}
