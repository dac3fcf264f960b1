import Link from "next/link";
import { sortQuery, type SortDir } from "@/lib/search-params";
import { Th } from "./table";

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
  const href = `?${sortQuery(params, column, active ? (dir === "asc" ? "desc" : "asc") : undefined)}`;
  return (
    <Th numeric={numeric} ariaSort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={href} className="hover:underline">
        {label}
        {active ? (dir === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    </Th>
  );
}
