import { desc } from "drizzle-orm";
import { ApiKeys } from "@/components/data/api-keys";
import { ImportForm } from "@/components/data/import-form";
import { PageHeader } from "@/components/ui/page-header";
import { HeaderRow, Table, Td, Th, Tr } from "@/components/ui/table";
import { getDb } from "@/db/client";
import { imports } from "@/db/schema";
import { apiScopes, listApiKeys } from "@/lib/api-keys";
import { requireArea } from "@/lib/auth/session";
import { importKinds } from "@/lib/csv/import";
import { formatDateTime } from "@/lib/format";
import { storeCounts } from "@/lib/overview/queries";

export const metadata = { title: "Data" };

export default async function DataPage() {
  await requireArea("data");
  const db = getDb();
  const recent = db.select().from(imports).orderBy(desc(imports.id)).limit(20).all();
  const counts = storeCounts(db);
  const kinds = Object.entries(importKinds).map(([key, k]) => ({ key, ...k }));

  return (
    <>
      <PageHeader
        title="Data"
        description={`${counts.products.toLocaleString("en-US")} products · ${counts.customers.toLocaleString("en-US")} customers · ${counts.orders.toLocaleString("en-US")} orders · ${counts.transactions.toLocaleString("en-US")} payments · ${counts.reviews.toLocaleString("en-US")} reviews`}
      />
      <section className="card">
        <h2 className="mb-1 font-medium">Import a CSV file</h2>
        <p className="mb-4 text-sm text-gray-600 dark:text-gray-400">
          A file is imported whole or not at all: if any line is wrong, nothing is written and every problem is listed by line.
        </p>
        <ImportForm kinds={kinds.map(({ key, label }) => ({ key, label }))} />
        <details className="mt-4 text-sm">
          <summary className="cursor-pointer text-blue-600 dark:text-blue-400">Columns each kind expects</summary>
          <ul className="mt-2 space-y-1">
            {kinds.map((k) => (
              <li key={k.key}>
                <span className="font-medium">{k.label}:</span> <code className="text-xs">{k.columns.join(", ")}</code>
              </li>
            ))}
          </ul>
        </details>
      </section>
      <section className="card mt-6">
        <h2 className="mb-3 font-medium">Recent imports</h2>
        {recent.length === 0 ? (
          <p className="text-sm text-gray-600 dark:text-gray-400">No file has been imported yet.</p>
        ) : (
          <Table testId="imports-table">
            <HeaderRow>
              <Th>When</Th>
              <Th>File</Th>
              <Th>Kind</Th>
              <Th>Result</Th>
              <Th numeric>Rows written</Th>
            </HeaderRow>
            <tbody>
              {recent.map((r) => (
                <Tr key={r.id}>
                  <Td className="whitespace-nowrap">{formatDateTime(r.createdAt)}</Td>
                  <Td>{r.filename}</Td>
                  <Td>{r.kind}</Td>
                  <Td className={r.status === "refused" ? "text-red-600 dark:text-red-400" : ""}>{r.status}</Td>
                  <Td numeric>
                    {r.rowsWritten.toLocaleString("en-US")} / {r.rowsRead.toLocaleString("en-US")}
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
      <section className="card mt-6" aria-labelledby="api-keys-heading">
        <h2 id="api-keys-heading" className="mb-1 font-medium">
          API keys
        </h2>
        <p className="mb-4 text-sm text-gray-600 dark:text-gray-400">Keys let other systems call the scoring API. Only a hash of each key is stored, so a key is shown once, when it is created.</p>
        <ApiKeys keys={listApiKeys(db)} scopes={apiScopes} />
      </section>
    </>
  );
}
