import { z } from "zod";
import type { ModelChoice } from "@/models/choices";

/**
 * What a version's fit chose and why (params.choices, written by lib/<area>/pipeline.ts), read back for the Models page.
 * Versions trained before choices were recorded, or with a malformed entry, show none rather than failing the page.
 */
const choiceSchema = z.object({
  subject: z.string().min(1),
  chosen: z.string().min(1),
  why: z.string(),
  counts: z.record(z.string(), z.number()).optional(),
});

export function modelChoicesOf(params: Record<string, unknown> | null | undefined): ModelChoice[] {
  const raw = params?.choices;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const parsed = choiceSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Per-option counts above zero, largest first (ties by name). */
export function countEntries(counts: Record<string, number> | undefined): [string, number][] {
  if (!counts) return [];
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Per-option counts, largest first, as "damped Holt-Winters 31 · ETS 12 · network 2". */
export function describeCounts(counts: Record<string, number> | undefined): string | null {
  const entries = countEntries(counts);
  return entries.length === 0 ? null : entries.map(([name, n]) => `${name} ${n}`).join(" · ");
}
