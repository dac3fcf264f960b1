import { useTranslations } from "next-intl";
import { countEntries, modelChoicesOf } from "@/lib/models/choices";
import { modelIdLabel, words, type Translate } from "./labels";
import { ModelIdText } from "./term";

/** A count's key as words: a model id by its label (raw id on hover), anything else ("curveOnly") as plain words. */
function CountName({ name }: { name: string }) {
  const t = useTranslations() as unknown as Translate;
  const label = modelIdLabel(name, t);
  if (!label) return <>{words(name)}</>;
  return (
    <span className="cursor-help underline decoration-dotted underline-offset-2" title={name}>
      {label}
    </span>
  );
}

/**
 * What the version's fit chose and why (per series or per data set), folded to one line until opened. The subjects
 * and reasons are recorded by the trainers in English with the version; model ids in them are shown by their labels.
 */
export function ModelChoices({ params, testId }: { params: Record<string, unknown>; testId?: string }) {
  const t = useTranslations("models.choices");
  const choices = modelChoicesOf(params);
  if (choices.length === 0) return null;
  return (
    <details className="mt-1" data-testid={testId}>
      <summary className="cursor-pointer text-blue-700 dark:text-blue-400">{t("summary", { count: choices.length })}</summary>
      <ul className="mt-1 space-y-1">
        {choices.map((choice) => {
          const counts = countEntries(choice.counts);
          return (
            <li key={choice.subject}>
              <span className="font-medium">{choice.subject}:</span> <ModelIdText text={choice.chosen} />
              {choice.why ? (
                <span className="block text-gray-600 dark:text-gray-300">
                  {t("why")} <ModelIdText text={choice.why} />
                </span>
              ) : null}
              {counts.length > 0 ? (
                <span className="block text-gray-600 dark:text-gray-300">
                  {counts.map(([name, n], i) => (
                    <span key={name}>
                      {i > 0 ? " · " : ""}
                      <CountName name={name} /> {n}
                    </span>
                  ))}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
