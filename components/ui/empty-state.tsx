export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="card text-center">
      <p className="font-medium">{title}</p>
      {children && <div className="mt-2 text-sm text-gray-600 dark:text-gray-400">{children}</div>}
    </div>
  );
}
