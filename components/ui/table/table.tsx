import { useTranslations } from "next-intl";

/** "fraud-queue" -> "Fraud queue": a name for a table whose caller gave none, so each scroll region is told apart. */
function nameFromTestId(testId: string): string {
  const words = testId.replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * How much room a cell gets. normal: the list tables. compact: a table inside a card, a form or a message (an error
 * list, an editable grid). grid: every cell boxed by a border and padded on both sides (a confusion matrix).
 */
export type Density = "normal" | "compact" | "grid";
export type Align = "left" | "center" | "right";

const padding: Record<Density, string> = {
  normal: "py-2 pr-4 last:pr-0",
  compact: "py-1 pr-3 last:pr-0",
  grid: "border border-gray-200 px-3 py-2 dark:border-gray-700",
};
const alignment: Record<Align, string> = { left: "text-left", center: "text-center", right: "text-right" };

const join = (...classes: (string | false | undefined)[]) => classes.filter(Boolean).join(" ");

/**
 * The one table of the dashboard: header cells muted, rows split by a hairline, numbers right-aligned.
 * A wide table scrolls sideways inside its own box (a phone page never gets wider than the screen), and that box is a
 * named, focusable region so a keyboard user can reach it and scroll it with the arrow keys. `label` names it for
 * screen readers ("Open fraud cases"); without one the test id stands in. `tableLabel` names the table itself, `fit`
 * sizes the table to its content instead of the full width, and `className` places the box (margins).
 */
export function Table({
  children,
  testId,
  label,
  tableLabel,
  fit = false,
  className,
}: {
  children: React.ReactNode;
  testId?: string;
  label?: string;
  tableLabel?: string;
  fit?: boolean;
  className?: string;
}) {
  const t = useTranslations("ui");
  return (
    <div
      // relative: screen-reader-only text (absolutely placed) in a cell stays inside the scrolling box instead of widening
      // the page. contain-inline-size: the table's width never props open the grid or flex column around it.
      className={join(
        "relative w-full overflow-x-auto rounded-sm contain-inline-size focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600",
        className,
      )}
      role="region"
      aria-label={label ?? (testId ? nameFromTestId(testId) : t("table"))}
      tabIndex={0}
    >
      <table className={fit ? "text-sm" : "w-full text-sm"} data-testid={testId} aria-label={tableLabel}>
        {children}
      </table>
    </div>
  );
}

/** The table's caption: above it in small muted text, below it (a note on the figures), or for screen readers only. */
export function Caption({ children, placement = "top" }: { children: React.ReactNode; placement?: "top" | "bottom" | "hidden" }) {
  const style = { top: "mb-1 text-left text-xs text-gray-600 dark:text-gray-400", bottom: "caption-bottom pt-1 text-left", hidden: "sr-only" }[placement];
  return <caption className={style}>{children}</caption>;
}

/**
 * The column headers. `muted={false}` keeps the surrounding text colour (a table inside a coloured message, where grey
 * would be too faint). `stacked`: the header row is hidden on a phone, where each row stacks its cells (see Tr).
 */
export function HeaderRow({ children, muted = true, stacked = false }: { children: React.ReactNode; muted?: boolean; stacked?: boolean }) {
  return (
    <thead className={join(stacked && "hidden md:table-header-group", "text-left", muted && "text-gray-500 dark:text-gray-400")}>
      <tr>{children}</tr>
    </thead>
  );
}

/**
 * A header cell: a column's name (in HeaderRow), or with `scope="row"` the name of its row (the first cell of a body
 * row, read like a value). `numeric` right-aligns it over a column of numbers.
 */
export function Th({
  children,
  numeric = false,
  align,
  density = "normal",
  scope,
  muted = false,
  ariaSort,
  className,
}: {
  children?: React.ReactNode;
  numeric?: boolean;
  align?: Align;
  density?: Density;
  scope?: "col" | "row";
  /** A label rather than a value, in small muted type (the row and column names of a matrix). */
  muted?: boolean;
  /** The direction the list is sorted by this column (SortHeader). */
  ariaSort?: "ascending" | "descending";
  className?: string;
}) {
  const side = align ?? (numeric ? "right" : scope === "row" ? "left" : undefined);
  return (
    <th scope={scope} aria-sort={ariaSort} className={join(padding[density], muted ? "text-xs font-medium text-gray-600 dark:text-gray-400" : scope === "row" ? "font-normal" : "font-medium", side && alignment[side], className)}>
      {children}
    </th>
  );
}

/** The body rows. `stacked`: on a phone the rows are blocks (see Tr), so their table roles are said explicitly. */
export function Body({ children, stacked = false }: { children: React.ReactNode; stacked?: boolean }) {
  return stacked ? (
    <tbody role="rowgroup" className="block md:table-row-group">
      {children}
    </tbody>
  ) : (
    <tbody>{children}</tbody>
  );
}

/**
 * A body row, split from the one above by a hairline; `className` marks it (a changed row), other attributes (a test id,
 * data-*) pass through. `stacked`: on a phone the row is a block of stacked cells, each under its own small label; from
 * md up, a table row. `density="grid"`: the cells draw the lines.
 */
export function Tr({
  children,
  className,
  stacked = false,
  density = "normal",
  ...rest
}: React.HTMLAttributes<HTMLTableRowElement> & { stacked?: boolean; density?: Density }) {
  const line = density === "grid" ? undefined : "border-t border-gray-100 align-top dark:border-gray-800";
  return (
    <tr {...rest} role={stacked ? "row" : rest.role} className={join(stacked && "block py-2 md:table-row md:py-0", line, className) || undefined}>
      {children}
    </tr>
  );
}

/** A body cell; `numeric` right-aligns it with figures of equal width. `stacked`: see Tr. */
export function Td({
  children,
  numeric = false,
  align,
  density = "normal",
  stacked = false,
  colSpan,
  className,
}: {
  children?: React.ReactNode;
  numeric?: boolean;
  align?: Align;
  density?: Density;
  stacked?: boolean;
  colSpan?: number;
  className?: string;
}) {
  const side = align ?? (numeric ? "right" : undefined);
  const pad = stacked ? "block py-1 md:table-cell md:py-2 md:pr-4 md:last:pr-0" : padding[density];
  return (
    <td role={stacked ? "cell" : undefined} colSpan={colSpan} className={join(pad, side && alignment[side], numeric && "tabular-nums", className)}>
      {children}
    </td>
  );
}

/** The totals row under the body, set off by a heavier line. */
export function Foot({ children, testId, className }: { children: React.ReactNode; testId?: string; className?: string }) {
  return (
    <tfoot>
      <tr className={join("border-t-2 border-gray-200 dark:border-gray-700", className)} data-testid={testId}>
        {children}
      </tr>
    </tfoot>
  );
}
