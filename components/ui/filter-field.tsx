import { useTranslations } from "next-intl";
/**
 * The pieces of a list's filter form. It is a plain GET form: the filters live in the URL, so a view can be shared,
 * and exports and detail pages use the same ones.
 */

const fieldLabel = "flex flex-col gap-1 text-xs font-medium text-gray-600 dark:text-gray-400";

/**
 * The form with its Filter button. `keep` holds what is chosen elsewhere on the page (the sort in the table headers,
 * a status chip) as hidden inputs, so it survives a new filter; undefined values are left out.
 */
export function FilterForm({ label, className, keep, children }: { label: string; className: string; keep: Record<string, string | undefined>; children: React.ReactNode }) {
  const t = useTranslations("ui");
  return (
    <form method="get" role="search" aria-label={label} className={`card mb-4 grid items-end gap-3 text-sm ${className}`}>
      {children}
      {Object.entries(keep).map(([name, value]) => value !== undefined && <input key={name} type="hidden" name={name} value={value} />)}
      <button className="rounded-md bg-blue-600 px-3 py-2 text-white" type="submit">
        {t("filter")}
      </button>
    </form>
  );
}

/** A labelled control: the label's text above the input or select it wraps. */
export function FilterField({ label, className, children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <label className={className ? `${fieldLabel} ${className}` : fieldLabel}>
      {label}
      {children}
    </label>
  );
}

/** A labelled select; the first option is usually the "any" choice, with an empty value (no filter). */
export function FilterSelect({ label, name, defaultValue, options }: { label: string; name: string; defaultValue: string; options: readonly { value: string; label: string }[] }) {
  return (
    <FilterField label={label}>
      <select className="input" name={name} defaultValue={defaultValue}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FilterField>
  );
}
