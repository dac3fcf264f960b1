import Link from "next/link";

/** A row of links that act like tabs; the choice lives in the URL so it can be shared and bookmarked. */
export function SegmentedLinks({ options, active, label }: { options: { value: string; label: string; href: string }[]; active: string; label: string }) {
  return (
    <nav aria-label={label} className="inline-flex rounded-md border border-gray-300 bg-white text-sm dark:border-gray-700 dark:bg-gray-900">
      {options.map((o) => (
        <Link
          key={o.value}
          href={o.href}
          aria-current={o.value === active ? "true" : undefined}
          className={`px-3 py-1.5 first:rounded-l-md last:rounded-r-md ${o.value === active ? "bg-blue-600 text-white" : "hover:bg-gray-100 dark:hover:bg-gray-800"}`}
        >
          {o.label}
        </Link>
      ))}
    </nav>
  );
}
