import { capWarning, describeTrainingStop, trainingStopOf, trainingStopsOf } from "@/lib/models/training-stop";

const pill = "inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap";

/** A warning on a version whose training was ended by its time or epoch cap: the model may be unfinished. */
export function CapHitBadge({ params, testId }: { params: Record<string, unknown>; testId?: string }) {
  const stop = trainingStopOf(params);
  const warning = stop ? capWarning(stop) : null;
  if (!warning) return null;
  return (
    <span className={`${pill} bg-amber-50 text-amber-800 dark:bg-amber-950 dark:text-amber-300`} title={warning} data-testid={testId}>
      ⚠ Cap hit
    </span>
  );
}

/** Why each of the version's fits stopped, with the cap warning spelled out where one ended training. */
export function TrainingStopDetails({ params, testId }: { params: Record<string, unknown>; testId?: string }) {
  const stops = trainingStopsOf(params);
  if (stops.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5" data-testid={testId}>
      {stops.map(({ key, label, stop }) => {
        const warning = capWarning(stop);
        return (
          <li key={key}>
            {label}: {describeTrainingStop(stop)}
            {warning ? <span className="block font-medium text-amber-800 dark:text-amber-300">{warning}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
