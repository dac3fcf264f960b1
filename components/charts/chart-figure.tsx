/**
 * The accessible frame every chart sits in. The drawing itself is one image to a screen reader (role="img", named by
 * `label`: what the chart shows), and `summary` says in one sentence what the values are, since the SVG's shapes
 * cannot. The summary is for screen readers only unless `showSummary`, when it is printed under the chart.
 * The chart inside passes `accessibilityLayer={false}` (recharts would otherwise add an unnamed focusable
 * "application" to the tab order); `className` sizes the drawing (e.g. "h-56").
 */
export function ChartFigure({
  label,
  summary,
  showSummary = false,
  className = "h-56",
  testId,
  children,
}: {
  label: string;
  summary: string;
  showSummary?: boolean;
  className?: string;
  testId?: string;
  children: React.ReactNode;
}) {
  return (
    <figure className="w-full min-w-0" data-testid={testId}>
      <div role="img" aria-label={label} className={`w-full ${className}`}>
        {children}
      </div>
      <figcaption className={showSummary ? "mt-2 text-xs text-gray-600 dark:text-gray-400" : "sr-only"}>{summary}</figcaption>
    </figure>
  );
}
