import Link from "next/link";
import { useTranslations } from "next-intl";
import { exceptionKinds, type ExceptionKind } from "@/lib/forecasts/exceptions";
import { exceptionTone } from "./exception-badges";

/** How many plans of the run raise each exception; a chip filters the list to them (other filters kept). */
export function ExceptionChips({ counts, active, params }: { counts: Record<ExceptionKind, number>; active: string | undefined; params: Record<string, string> }) {
  const href = (exception: string | null) => {
    const next = new URLSearchParams(params);
    next.delete("page");
    next.delete("exception");
    if (exception) next.set("exception", exception);
    return `?${next}`;
  };
  const any = exceptionKinds.reduce((s, k) => s + counts[k], 0);
  const t = useTranslations("forecasts.exceptions");
  return (
    <nav aria-label={t("label")} className="mb-4 flex flex-wrap gap-2 text-sm">
      <Link
        href={href(null)}
        aria-current={active === undefined ? "true" : undefined}
        className={`rounded-full border px-3 py-1 ${active === undefined ? "border-blue-600 bg-blue-600 text-white" : "border-gray-300 dark:border-gray-700"}`}
      >
        {t("allPlans")}
      </Link>
      {exceptionKinds.map((k) => (
        <Link
          key={k}
          href={href(k)}
          aria-current={active === k ? "true" : undefined}
          className={`rounded-full border px-3 py-1 ${exceptionTone[k]} ${active === k ? "ring-2 ring-blue-600" : ""} ${counts[k] === 0 ? "text-gray-600 dark:text-gray-400" : ""}`}
        >
          {t(`kinds.${k}`)} <span className="font-semibold tabular-nums">{counts[k]}</span>
        </Link>
      ))}
      <span className="self-center text-xs text-gray-500 dark:text-gray-400">{any === 0 ? t("noneInRun") : t("several")}</span>
    </nav>
  );
}
