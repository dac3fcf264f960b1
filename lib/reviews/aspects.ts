import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { reviewAspects } from "@/lib/schema";
import { categoryAspects, discoverAspects, type AspectDefinition } from "@/models/reviews/aspects";

/** An aspect of a category as the score job stored it: seeded term group or one found in the reviews. */
export type CategoryAspect = AspectDefinition & { source: "seeded" | "discovered" };

/** An aspect is shown for a product only with at least this many opinions (sentences that mention it). */
export const MIN_ASPECT_OPINIONS = 10;

/** Each category's seeded groups extended with the aspects its review sentences reveal. */
export function categoryLexicons(sentencesByCategory: ReadonlyMap<string, readonly string[]>): Map<string, CategoryAspect[]> {
  const discovered = discoverAspects(sentencesByCategory, categoryAspects);
  return new Map(
    [...sentencesByCategory.keys()].map((category) => [
      category,
      [
        ...categoryAspects(category).map((a) => ({ ...a, source: "seeded" as const })),
        ...(discovered.get(category) ?? []).map((a) => ({ ...a, source: "discovered" as const })),
      ],
    ]),
  );
}

/** Replaces a category's stored aspects; returns whether they changed (the sentences must then be tagged again). */
export async function storeCategoryLexicon(db: Db, category: string, lexicon: readonly CategoryAspect[]): Promise<boolean> {
  const stored = await storedLexicon(db, category);
  const same = JSON.stringify(stored.map(key)) === JSON.stringify(lexicon.map(key));
  if (same) return false;
  await db.transaction(async (tx) => {
    await tx.delete(reviewAspects).where(eq(reviewAspects.category, category)).run();
    if (lexicon.length > 0) {
      await tx
        .insert(reviewAspects)
        .values(lexicon.map((a) => ({ category, aspect: a.aspect, label: a.label, terms: [...a.terms], source: a.source })))
        .run();
    }
  });
  return true;
}

export async function storedLexicon(db: Db, category: string): Promise<CategoryAspect[]> {
  const rows = await db.select().from(reviewAspects).where(eq(reviewAspects.category, category)).all();
  return rows.map((r) => ({ aspect: r.aspect, label: r.label, terms: r.terms, source: r.source }));
}

/** Every stored aspect by code (a code means the same across categories), for labels and filters. */
export async function allAspects(db: Db): Promise<Map<string, { label: string; terms: string[] }>> {
  const out = new Map<string, { label: string; terms: string[] }>();
  for (const row of await db.select().from(reviewAspects).all()) {
    const entry = out.get(row.aspect) ?? { label: row.label, terms: [] };
    for (const term of row.terms) if (!entry.terms.includes(term)) entry.terms.push(term);
    out.set(row.aspect, entry);
  }
  return out;
}

function key(a: AspectDefinition): string {
  return `${a.aspect}:${a.terms.join("|")}`;
}

/** How a sentence's aspects are stored: codes between commas, so `LIKE '%,code,%'` finds them. */
export function aspectColumn(codes: readonly string[]): string {
  return `,${codes.join(",")}${codes.length > 0 ? "," : ""}`;
}

export function aspectCodes(column: string): string[] {
  return column.split(",").filter(Boolean);
}
