import { SegmentedLinks } from "@/components/ui/segmented-links";

export type AreaTab<V extends string> = { value: V; label: string; href: string };

/**
 * An area's sub-pages as tabs (Fraud, Forecasts and Pricing alike), one pattern everywhere: links, so each screen
 * keeps its own URL and the browser's back button works.
 */
export function AreaTabs<V extends string>({ label, tabs, active }: { label: string; tabs: readonly AreaTab<V>[]; active: V }) {
  return (
    <div className="mb-4 max-w-full overflow-x-auto">
      <SegmentedLinks label={label} active={active} options={tabs.map((t) => ({ ...t }))} />
    </div>
  );
}
