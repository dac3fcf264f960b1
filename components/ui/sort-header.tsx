import Link from "next/link";

export type SortDir = "asc" | "desc";

/**
 * A column header that sorts by its key, keeping every other filter in `params`; clicking the active column flips the
 * direction (from the URL's, else the column's default in `defaultDir`), and a new column starts at its default.
 */
export function SortHeader<C extends string>({
  column,
  label,
  sort,
  defaultDir,
  params,
  numeric = false,
}: {
  column: C;
  label: string;
  /** The list's current sort column and direction (from the URL). */
  sort: { sort: C; dir?: SortDir };
  defaultDir: Record<C, SortDir>;
  params: Record<string, string>;
  numeric?: boolean;
}) {
  const active = sort.sort === column;
  const dir = sort.dir ?? defaultDir[sort.sort];
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
