import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterField } from "@/components/ui/filter-field";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { getFormat } from "@/lib/i18n/server";
import type { CustomerRef } from "@/lib/recommendations/customers";
import { customerHref, linkClass } from "./format";

type Found = CustomerRef & { interactions: number };

/** Find a customer by id, name or e-mail (a GET form: the query lives in the URL), then open their preview. */
export async function CustomerSearch({ query, results }: { query: string; results: Found[] | null }) {
  const t = await getTranslations("recommendations.customerSearch");
  const f = await getFormat();
  return (
    <section className="card" aria-labelledby="customer-search-heading">
      <h2 id="customer-search-heading" className="mb-3 font-medium">
        {t("heading")}
      </h2>
      <form method="get" role="search" aria-label={t("formLabel")} className="flex flex-wrap items-end gap-3 text-sm">
        <FilterField label={t("field")} className="min-w-64 flex-1">
          <input className="input" type="search" name="q" defaultValue={query} maxLength={100} />
        </FilterField>
        <button className="rounded-md bg-blue-600 px-3 py-2 text-white" type="submit">
          {t("submit")}
        </button>
      </form>
      {results !== null &&
        (results.length === 0 ? (
          <div className="mt-4">
            <EmptyState title={t("noMatchTitle")}>{t("noMatch")}</EmptyState>
          </div>
        ) : (
          <div className="mt-4">
            <Table testId="customer-results">
              <HeaderRow>
                <Th>{t("customer")}</Th>
                <Th>{t("name")}</Th>
                <Th>{t("segment")}</Th>
                <Th>{t("country")}</Th>
                <Th numeric>{t("interactions")}</Th>
              </HeaderRow>
              <tbody>
                {results.map((c) => (
                  <Tr key={c.id}>
                    <Td>
                      <Link href={customerHref(c.externalId)} className={`font-mono ${linkClass}`}>
                        {c.externalId}
                      </Link>
                    </Td>
                    <Td>{c.name ?? "–"}</Td>
                    <Td>{c.segment ?? "–"}</Td>
                    <Td>{c.country ?? "–"}</Td>
                    <Td numeric>{f.integer(c.interactions)}</Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          </div>
        ))}
    </section>
  );
}
