import { desc } from "drizzle-orm";
import { ImportForm } from "@/components/data/import-form";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { imports } from "@/db/schema";
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
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="imports-table">
              <thead className="text-left text-gray-500 dark:text-gray-400">
                <tr>
                  <th className="py-2 pr-4 font-medium">When</th>
                  <th className="py-2 pr-4 font-medium">File</th>
                  <th className="py-2 pr-4 font-medium">Kind</th>
                  <th className="py-2 pr-4 font-medium">Result</th>
                  <th className="py-2 text-right font-medium">Rows written</th>
                </tr>
              </thead>
              <tbody>
                {recent.map((r) => (
                  <tr key={r.id} className="border-t border-gray-100 dark:border-gray-800">
                    <td className="py-2 pr-4 whitespace-nowrap">{formatDateTime(r.createdAt)}</td>
                    <td className="py-2 pr-4">{r.filename}</td>
                    <td className="py-2 pr-4">{r.kind}</td>
                    <td className={`py-2 pr-4 ${r.status === "refused" ? "text-red-600 dark:text-red-400" : ""}`}>{r.status}</td>
                    <td className="py-2 text-right tabular-nums">
                      {r.rowsWritten.toLocaleString("en-US")} / {r.rowsRead.toLocaleString("en-US")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
