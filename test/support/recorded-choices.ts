import { expect } from "vitest";
import { modelChoicesOf } from "@/lib/models/choices";

/**
 * Issue 13: what a fit chose and why is recorded on the version (params.choices) in the shape the Models page reads.
 * Every recorded entry must parse (none dropped as malformed), say why, and the expected subjects must be there.
 * Returns the subjects, in order.
 */
export function expectChoicesRecorded(params: Record<string, unknown> | null, subjects: string[]): string[] {
  const raw = params?.choices;
  expect(Array.isArray(raw), "params.choices is recorded").toBe(true);
  const choices = modelChoicesOf(params);
  expect(choices).toHaveLength((raw as unknown[]).length);
  for (const choice of choices) expect(choice.why.length, `why for ${choice.subject}`).toBeGreaterThan(10);
  const recorded = choices.map((c) => c.subject);
  expect(recorded).toEqual(expect.arrayContaining(subjects));
  return recorded;
}
