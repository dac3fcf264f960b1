/**
 * Rows as CSV text the way spreadsheets save it: CRLF line ends by default, a cell quoted only when it holds a
 * comma, a quote or a line break. The generated fixtures use it so the parsers meet the same shapes as in real files.
 */
export function csvText(header: readonly string[], rows: readonly (readonly (string | number)[])[], eol = "\r\n"): string {
  const cell = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return [header, ...rows].map((r) => r.map(cell).join(",")).join(eol) + eol;
}
