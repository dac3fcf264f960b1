/** The one table style of the dashboard: header cells muted, rows split by a hairline, numbers right-aligned. */
export function Table({ children, testId }: { children: React.ReactNode; testId?: string }) {
  return (
    <div className="overflow-x-auto">
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
