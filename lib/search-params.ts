/**
 * A list page's parsed filter as URL params for its links (sort headers, chips, pagination, exports): the page number
 * and empty values left out, everything else as text.
 */
export function filterParams(filter: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filter)
      .filter(([k, v]) => k !== "page" && v !== undefined && v !== "")
      .map(([k, v]) => [k, String(v)]),
  );
}
