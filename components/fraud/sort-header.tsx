import Link from "next/link";
import { defaultQueueDir, type QueueFilter } from "@/lib/fraud/queue";

/** A queue column header that sorts by its key, keeping every other filter; clicking the active column flips the direction. */
export function QueueSortHeader({ column, label, filter, params, numeric = false }: { column: QueueFilter["sort"]; label: string; filter: Pick<QueueFilter, "sort" | "dir">; params: Record<string, string>; numeric?: boolean }) {
  const active = filter.sort === column;
  const dir = filter.dir ?? defaultQueueDir[filter.sort];
  const next = new URLSearchParams({ ...params, sort: column });
  next.delete("page");
  next.delete("dir");
  if (active) next.set("dir", dir === "asc" ? "desc" : "asc");
  return (
    <th className={`py-2 pr-4 font-medium last:pr-0 ${numeric ? "text-right" : ""}`} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={`?${next}`} className="hover:underline">
        {label}
        {active ? (dir === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    </th>
  );
}
