import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { getFormat } from "@/lib/i18n/server";
import type { HistoryRow } from "@/lib/recommendations/customers";
import { linkClass, productHref } from "./format";

/** The customer's latest interactions, newest first: what the explanations in the lists point back to. */
export async function CustomerHistory({ rows, purchases }: { rows: HistoryRow[]; purchases: number }) {
  const t = await getTranslations("recommendations.history");
  const f = await getFormat();
  return (
    <section className="card mb-4" aria-labelledby="history-heading">
      <h2 id="history-heading" className="mb-1 font-medium">
        {t("heading")}
      </h2>
      <p className="mb-3 text-xs text-gray-500 dark:text-gray-400">
        {t("summary", { count: purchases })}
        {rows.length > 0 ? t("latest", { count: rows.length }) : ""}
      </p>
      {rows.length === 0 ? (
        <p className="text-sm text-gray-600 dark:text-gray-400" data-testid="cold-start-note">
          {t("empty")}
        </p>
      ) : (
        <Table testId="customer-history">
          <HeaderRow>
            <Th>{t("date")}</Th>
            <Th>{t("kind")}</Th>
            <Th>{t("product")}</Th>
            <Th>{t("category")}</Th>
            <Th>{t("channel")}</Th>
          </HeaderRow>
          <tbody>
            {rows.map((r, i) => (
              <Tr key={`${r.at.getTime()}-${r.sku}-${i}`}>
                <Td className="whitespace-nowrap">{f.dateTime(r.at)}</Td>
                <Td>{t(`kinds.${r.kind}`)}</Td>
                <Td>
                  <Link href={productHref(r.sku)} className={linkClass}>
                    {r.name}
                  </Link>
                  <span className="block font-mono text-xs text-gray-500 dark:text-gray-400">{r.sku}</span>
                </Td>
                <Td>{r.category}</Td>
                <Td>{r.channel ?? "–"}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
