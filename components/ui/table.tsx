import { useTranslations } from "next-intl";

/** "fraud-queue" -> "Fraud queue": a name for a table whose caller gave none, so each scroll region is told apart. */
function nameFromTestId(testId: string): string {
  const words = testId.replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The one table style of the dashboard: header cells muted, rows split by a hairline, numbers right-aligned.
 * A wide table scrolls sideways inside its own box (a phone page never gets wider than the screen), and that box is a
 * named, focusable region so a keyboard user can reach it and scroll it with the arrow keys. `label` names it for
 * screen readers ("Open fraud cases"); without one the test id stands in.
 */
export function Table({ children, testId, label }: { children: React.ReactNode; testId?: string; label?: string }) {
  const t = useTranslations("ui");
  return (
    <div
      // relative: screen-reader-only text (absolutely placed) in a cell stays inside the scrolling box instead of widening
      // the page. contain-inline-size: the table's width never props open the grid or flex column around it.
      className="relative w-full overflow-x-auto rounded-sm contain-inline-size focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      role="region"
      aria-label={label ?? (testId ? nameFromTestId(testId) : t("table"))}
      tabIndex={0}
    >
      <table className="w-full text-sm" data-testid={testId}>
        {children}
      </table>
    </div>
  );
}

export function HeaderRow({ children }: { children: React.ReactNode }) {
  return (
    <thead className="text-left text-gray-500 dark:text-gray-400">
      <tr>{children}</tr>
    </thead>
  );
}

export function Th({ children, numeric = false }: { children: React.ReactNode; numeric?: boolean }) {
  return <th className={`py-2 pr-4 font-medium last:pr-0 ${numeric ? "text-right" : ""}`}>{children}</th>;
}

export function Tr({ children }: { children: React.ReactNode }) {
  return <tr className="border-t border-gray-100 align-top dark:border-gray-800">{children}</tr>;
}

export function Td({ children, numeric = false, className = "" }: { children: React.ReactNode; numeric?: boolean; className?: string }) {
  return <td className={`py-2 pr-4 last:pr-0 ${numeric ? "text-right tabular-nums" : ""} ${className}`}>{children}</td>;
}
