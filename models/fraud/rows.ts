/**
 * The row shapes the fraud task trains and scores on, shared by the CLI (parse.ts) and the app's database loader
 * (lib/fraud/training-data.ts). Features are kept as raw cells: which columns are numeric and which categorical is
 * decided once, at fit time, from the training rows (schema.ts), and scoring reads test cells with that decision.
 */
export type FraudCell = string | number | null;
export type FraudFeatures = Record<string, FraudCell>;

export type FraudTrainRow = { id: string; features: FraudFeatures; label: 0 | 1 };
export type FraudTestRow = { id: string; features: FraudFeatures };

const MISSING_TEXT = new Set(["", "na", "nan", "null", "none", "n/a"]);

export function isMissingCell(cell: FraudCell | undefined): boolean {
  if (cell === null || cell === undefined) return true;
  if (typeof cell === "number") return Number.isNaN(cell);
  // Every missing marker is short: skip the lower-casing (an allocation per cell) for ordinary values.
  return cell.length <= 8 && MISSING_TEXT.has(cell.trim().toLowerCase());
}

/** The cell as a number: NaN when missing, undefined when present but not numeric (text). */
export function numericCell(cell: FraudCell | undefined): number | undefined {
  if (isMissingCell(cell)) return Number.NaN;
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : undefined;
  const value = Number((cell as string).trim());
  return Number.isFinite(value) ? value : undefined;
}

/** The category a cell stands for; missing cells are a category of their own, MISSING_CATEGORY. */
export function categoryCell(cell: FraudCell | undefined): string {
  if (isMissingCell(cell)) return MISSING_CATEGORY;
  return typeof cell === "number" ? String(cell) : (cell as string).trim();
}

export const MISSING_CATEGORY = "(missing)";
