import { useTranslations } from "next-intl";
import { hasChanges, wordDiff } from "./text-marks";

/** What changed from one summary text to another, word by word: removed words struck through, added ones underlined. */
export function WordDiff({ before, after, unchanged, testId }: { before: string; after: string; unchanged: string; testId?: string }) {
  const t = useTranslations("reviews.diff");
  const parts = wordDiff(before, after);
  if (!hasChanges(parts)) return <p className="text-sm text-gray-600 dark:text-gray-400" data-testid={testId}>{unchanged}</p>;
  return (
    <p className="text-sm leading-relaxed whitespace-pre-wrap" data-testid={testId}>
      {parts.map((p, i) =>
        p.kind === "same" ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === "added" ? (
          <ins key={i} className="rounded bg-green-100 text-green-900 no-underline dark:bg-green-900/50 dark:text-green-100">
            <span className="sr-only">{t("added")}{" "}</span>
            {p.text}
          </ins>
        ) : (
          <del key={i} className="rounded bg-red-100 text-red-900 dark:bg-red-900/50 dark:text-red-100">
            <span className="sr-only">{t("removed")}{" "}</span>
            {p.text}
          </del>
        ),
      )}
    </p>
  );
}
