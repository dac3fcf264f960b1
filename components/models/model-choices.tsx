import { describeCounts, modelChoicesOf } from "@/lib/models/choices";

/** What the version's fit chose and why (per series or per data set), folded to one line until opened. */
export function ModelChoices({ params, testId }: { params: Record<string, unknown>; testId?: string }) {
  const choices = modelChoicesOf(params);
  if (choices.length === 0) return null;
  return (
    <details className="mt-1" data-testid={testId}>
      <summary className="cursor-pointer text-blue-700 dark:text-blue-400">
        What was chosen ({choices.length === 1 ? "1 decision" : `${choices.length} decisions`})
      </summary>
      <ul className="mt-1 space-y-1">
        {choices.map((choice) => {
          const counts = describeCounts(choice.counts);
          return (
            <li key={choice.subject}>
              <span className="font-medium">{choice.subject}:</span> {choice.chosen}
              {choice.why ? <span className="block text-gray-600 dark:text-gray-300">Why: {choice.why}</span> : null}
              {counts ? <span className="block text-gray-600 dark:text-gray-300">{counts}</span> : null}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
