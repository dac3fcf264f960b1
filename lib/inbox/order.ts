import type { InboxItem } from "./types";

/**
 * Deadlines first, as a review queue orders its work: overdue items, then the rest with a due time (soonest first),
 * then items without one; within each, the more serious first. Ties keep the order the query gave.
 */
export function compareItems(a: InboxItem, b: InboxItem): number {
  return compareDeadlines(a, b) || b.severity - a.severity;
}

/** Overdue first, then the soonest due time; items without one tie. */
export function compareDeadlines(a: InboxItem, b: InboxItem): number {
  const overdue = Number(Boolean(b.overdue)) - Number(Boolean(a.overdue));
  if (overdue !== 0) return overdue;
  const aDue = a.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const bDue = b.dueAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return aDue === bDue ? 0 : aDue < bDue ? -1 : 1;
}

export function sortItems(items: InboxItem[]): InboxItem[] {
  return [...items].sort(compareItems);
}
