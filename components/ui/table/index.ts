/**
 * The one table kit of the dashboard: every table in components/ is built from these parts, so the look (muted
 * header, hairline rows, right-aligned numbers), the keyboard-reachable scroll box and the sortable, paged list links
 * are written once. URL state (sort/dir/page and the links) comes from lib/search-params.
 */
export { Body, Caption, Foot, HeaderRow, Table, Td, Th, Tr, type Align, type Density } from "./table";
export { SortHeader } from "./sort-header";
export { Pagination } from "./pagination";
export type { SortDir } from "@/lib/search-params";
