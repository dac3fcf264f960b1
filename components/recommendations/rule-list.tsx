import { useTranslations } from "next-intl";

/**
 * A draft's rules by their labels, in the order they were added; with `onRemove` (merchandisers) each has a Remove
 * button. Only next-intl's useTranslations, so it renders on the server for viewers and inside the editor for merchandisers.
 */
export function RuleList({ labels, onRemove, disabled }: { labels: string[]; onRemove?: (index: number) => void; disabled?: boolean }) {
  const t = useTranslations("recommendations.ruleList");
  if (labels.length === 0) return <p className="text-sm text-gray-500 dark:text-gray-400">{t("empty")}</p>;
  return (
    <ol className="divide-y divide-gray-100 text-sm dark:divide-gray-800" data-testid="rule-list">
      {labels.map((label, i) => (
        <li key={`${i}-${label}`} className="flex items-center justify-between gap-3 py-2" data-testid="rule">
          <span>
            <span className="mr-2 text-gray-500 dark:text-gray-400">{i + 1}.</span>
            {label}
          </span>
          {onRemove && (
            <button type="button" className="rounded-md px-2 py-1 text-sm text-red-700 hover:bg-red-50 disabled:opacity-50 dark:text-red-400 dark:hover:bg-red-950" disabled={disabled} onClick={() => onRemove(i)} aria-label={t("removeLabel", { number: i + 1, label })}>
              {t("remove")}
            </button>
          )}
        </li>
      ))}
    </ol>
  );
}
