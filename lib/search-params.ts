import { z } from "zod";

/**
 * The URL state of the dashboard's list pages, in one place: how a sortable, paged list reads its sort, dir and page
 * from the URL, and how its links (sort headers, chips, pagination, exports, reload) write them back.
 */

export const sortDirs = ["asc", "desc"] as const;
export type SortDir = (typeof sortDirs)[number];

/** The page number of a paged list: a malformed or out-of-range value means the first page. */
export const pageParam = (maxPage = 10_000) => z.coerce.number().int().min(1).max(maxPage).catch(1).default(1);

/**
 * The sort, dir and page params of a sortable, paged list, for its filter schema (`z.object({ ...filters,
 * ...listParams(sorts, "name") })`): an unknown sort means `initial`, a malformed dir means the column's own default
 * direction (undefined), a malformed page the first.
 */
export function listParams<const S extends readonly [string, ...string[]]>(sorts: S, initial: S[number], { maxPage }: { maxPage?: number } = {}) {
  return {
    sort: z.enum(sorts).catch(initial).default(initial),
    dir: z.enum(sortDirs).optional().catch(undefined),
    page: pageParam(maxPage),
  };
}

/**
 * A list page's parsed filter as URL params for its links (sort headers, chips, pagination, exports): the page number,
 * empty values, false and each value equal to its default in `defaults` left out (so links stay short and equal filters
 * give equal URLs), true as "1", everything else as text.
 */
export function filterParams(filter: Record<string, unknown>, defaults: Record<string, unknown> = {}): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(filter)) {
    if (k === "page" || v === undefined || v === "" || v === false) continue;
    if (k in defaults && defaults[k] === v) continue;
    params[k] = v === true ? "1" : String(v);
  }
  return params;
}

/** The query string of page `page` of a list with these params (pagination, a reload link back to the same page). */
export function pageQuery(params: Record<string, string>, page: number): string {
  return new URLSearchParams({ ...params, page: String(page) }).toString();
}

/** The query string that sorts a list by `column`, keeping every other filter: from the first page, in `dir` or else the column's default. */
export function sortQuery(params: Record<string, string>, column: string, dir?: SortDir): string {
  const next = new URLSearchParams({ ...params, sort: column });
  next.delete("page");
  next.delete("dir");
  if (dir) next.set("dir", dir);
  return next.toString();
}
