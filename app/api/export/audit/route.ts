import { auditExport, auditFilterSchema } from "@/lib/audit/page-data";
import { toCsv } from "@/lib/csv/write-csv";
import { withCapability } from "@/lib/route";

export const dynamic = "force-dynamic";

export const GET = withCapability("audit.read", async (request) => {
  const filter = auditFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const rows = await auditExport(filter);
  const csv = toCsv(
    ["id", "at", "actor", "action", "entity_type", "entity_id", "before", "after"],
    rows.map((r) => [r.id, r.at.toISOString(), r.actorEmail, r.action, r.entityType, r.entityId, JSON.stringify(r.before), JSON.stringify(r.after)]),
  );
  return new Response(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="audit-log.csv"' },
  });
});
