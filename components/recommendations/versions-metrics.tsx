import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { formatDate, formatDateTime } from "@/lib/format";
import { offlineMetrics, type RecommenderVersion } from "@/lib/recommendations/overview";
import { formatScore, versionStatusText } from "./format";

/**
 * Each recommender version's offline metrics on its held-out period, with the popularity baseline's value on the
 * same period beside it (grey): a model is only worth serving where it beats "what sells".
 */
export function VersionsMetrics({ versions }: { versions: RecommenderVersion[] }) {
  return (
    <Table testId="recommender-versions">
      <HeaderRow>
        <Th>Version</Th>
        <Th>Status</Th>
        {offlineMetrics.map((m) => (
          <Th key={m.key} numeric>
            {m.label}
          </Th>
        ))}
        <Th>Trained on data up to</Th>
      </HeaderRow>
      <tbody>
        {versions.map((v) => (
          <Tr key={v.id}>
            <Td className="font-medium">v{v.version}</Td>
            <Td className={v.status === "champion" ? "font-medium text-green-700 dark:text-green-400" : ""}>{versionStatusText(v.status)}</Td>
            {offlineMetrics.map((m) => (
              <Td key={m.key} numeric>
                {formatScore(v.metrics[m.key])}
                <span className="block text-xs text-gray-500 dark:text-gray-400" title="Popularity baseline on the same period">
                  pop. {formatScore(v.metrics[m.baseline])}
                </span>
              </Td>
            ))}
            <Td className="text-xs">
              {formatDate(v.trainTo)}
              <span className="block text-gray-500 dark:text-gray-400">created {formatDateTime(v.createdAt)}</span>
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
