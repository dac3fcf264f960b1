import { AuditTable } from "@/components/audit/audit-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/auth/session";
import { auditFacets, auditFilterSchema, auditPage, auditRecordRefs } from "@/lib/audit/queries";
import { filterParams } from "@/lib/search-params";

export const metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("audit");
  const filter = auditFilterSchema.parse(await searchParams);
  const db = getDb();
  const { rows, total, pages } = auditPage(db, filter);
  const records = auditRecordRefs(db, rows);
  const { entityTypes } = auditFacets(db);
  const params = filterParams(filter);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what to which record, and when. Entries cannot be edited or deleted."
        actions={
          <a className="text-sm text-blue-600 underline dark:text-blue-400" href={`/api/export/audit?${new URLSearchParams(params)}`}>
            Export CSV
          </a>
        }
      />
      <form method="get" className="card mb-4 grid gap-3 text-sm sm:grid-cols-2 lg:grid-cols-4" role="search">
        <input className="input" name="actor" placeholder="Who (email)" aria-label="Who (email)" defaultValue={filter.actor} />
        <input className="input" name="action" placeholder="Action (e.g. data.import)" aria-label="Action key starts with" defaultValue={filter.action} />
        <select className="input" name="entityType" defaultValue={filter.entityType ?? ""} aria-label="Record type">
          <option value="">Any record type</option>
          {entityTypes.map((t) => (
            <option key={t} value={t}>
              {t.replace(/_/g, " ")}
            </option>
          ))}
        </select>
        <input className="input" type="date" name="from" aria-label="From" defaultValue={filter.from} />
        <input className="input" type="date" name="to" aria-label="To" defaultValue={filter.to} />
        <div className="flex gap-2">
          <select className="input" name="sort" defaultValue={filter.sort} aria-label="Sort">
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </select>
          <button className="rounded-md bg-blue-600 px-3 text-white" type="submit">
            Filter
          </button>
        </div>
      </form>
      {rows.length === 0 ? (
        <EmptyState title="No audit entries match">Change the filters, or come back after someone has made a decision.</EmptyState>
      ) : (
        <div className="card">
          <AuditTable rows={rows} records={records} />
          <Pagination page={filter.page} pages={pages} total={total} params={params} />
        </div>
      )}
    </>
  );
}
