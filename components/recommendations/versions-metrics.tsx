import { getTranslations } from "next-intl/server";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { getFormat } from "@/lib/i18n/server";
import { offlineMetrics, type RecommenderVersion } from "@/lib/recommendations/overview";
import { formatScore, metricAbbreviations } from "./format";

/**
 * Each recommender version's offline metrics on its held-out period, with the popularity baseline's value on the
 * same period beside it (grey): a model is only worth serving where it beats "what sells".
 */
export async function VersionsMetrics({ versions }: { versions: RecommenderVersion[] }) {
  const t = await getTranslations("recommendations");
  const f = await getFormat();
  const metricName = (key: (typeof offlineMetrics)[number]["key"]) => (key === "ndcgAt10" ? metricAbbreviations[key] : t(`metrics.${key}`));
  return (
    <Table testId="recommender-versions">
      <HeaderRow>
        <Th>{t("versionsTable.version")}</Th>
        <Th>{t("versionsTable.status")}</Th>
        {offlineMetrics.map((m) => (
          <Th key={m.key} numeric>
            {metricName(m.key)}
          </Th>
        ))}
        <Th>{t("versionsTable.trainedTo")}</Th>
      </HeaderRow>
      <tbody>
        {versions.map((v) => (
          <Tr key={v.id}>
            <Td className="font-medium">{t("versionName", { version: v.version })}</Td>
            <Td className={v.status === "champion" ? "font-medium text-green-700 dark:text-green-400" : ""}>{t(`versionStatus.${v.status}`)}</Td>
            {offlineMetrics.map((m) => (
              <Td key={m.key} numeric>
                {formatScore(f, v.metrics[m.key])}
                <span className="block text-xs text-gray-500 dark:text-gray-400" title={t("versionsTable.baselineTitle")}>
                  {t("versionsTable.baseline", { value: formatScore(f, v.metrics[m.baseline]) })}
                </span>
              </Td>
            ))}
            <Td className="text-xs">
              {f.date(v.trainTo)}
              <span className="block text-gray-500 dark:text-gray-400">{t("versionsTable.created", { at: f.dateTime(v.createdAt) })}</span>
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
