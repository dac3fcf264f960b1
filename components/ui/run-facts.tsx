/** One line of facts about the run an area's list shows (which run, which model, when), term in grey, value in bold. */
export function RunFacts({ testId, facts }: { testId: string; facts: { term: string; value: React.ReactNode }[] }) {
  return (
    <dl className="mb-4 flex flex-wrap gap-x-6 gap-y-1 text-sm" data-testid={testId}>
      {facts.map(({ term, value }) => (
        <div key={term}>
          <dt className="inline text-gray-500 dark:text-gray-400">
            {term}{" "}
          </dt>
          <dd className="inline font-medium">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
