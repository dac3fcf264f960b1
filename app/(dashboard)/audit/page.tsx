import { getTranslations } from "next-intl/server";
import { AuditTable } from "@/components/audit/audit-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/table";
import { requireArea } from "@/lib/auth/session";
import { auditFilterSchema, auditListPage } from "@/lib/audit/page-data";
import { filterParams } from "@/lib/search-params";

export async function generateMetadata() {
  return { title: (await getTranslations("audit"))("page.title") };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("audit");
  const filter = auditFilterSchema.parse(await searchParams);
  const { rows, total, pages, records, entityTypes } = await auditListPage(filter);
  const params = filterParams(filter);
  const t = await getTranslations("audit.page");

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <a className="text-sm text-blue-600 underline dark:text-blue-400" href={`/api/export/audit?${new URLSearchParams(params)}`}>
            {t("export")}
          </a>
        }
      />
      <form method="get" className="card mb-4 grid gap-3 text-sm sm:grid-cols-2 lg:grid-cols-4" role="search">
        <input className="input" name="actor" placeholder={t("actor")} aria-label={t("actor")} defaultValue={filter.actor} />
        <input className="input" name="action" placeholder={t("action")} aria-label={t("actionLabel")} defaultValue={filter.action} />
        <select className="input" name="entityType" defaultValue={filter.entityType ?? ""} aria-label={t("recordType")}>
          <option value="">{t("anyRecordType")}</option>
          {entityTypes.map((t) => (
            <option key={t} value={t}>
              {t.replace(/_/g, " ")}
            </option>
          ))}
        </select>
        <input className="input" type="date" name="from" aria-label={t("from")} defaultValue={filter.from} />
        <input className="input" type="date" name="to" aria-label={t("to")} defaultValue={filter.to} />
        <div className="flex gap-2">
          <select className="input" name="sort" defaultValue={filter.sort} aria-label={t("sort")}>
            <option value="newest">{t("newest")}</option>
            <option value="oldest">{t("oldest")}</option>
          </select>
          <button className="rounded-md bg-blue-600 px-3 text-white" type="submit">
            {t("filter")}
          </button>
        </div>
      </form>
      {rows.length === 0 ? (
        <EmptyState title={t("empty")}>{t("emptyBody")}</EmptyState>
      ) : (
        <div className="card">
          <AuditTable rows={rows} records={records} />
          <Pagination page={filter.page} pages={pages} total={total} params={params} />
        </div>
      )}
    </>
  );
}
