import { existsSync } from "node:fs";
import path from "node:path";
import { env } from "../lib/env";

/**
 * The public data sets the benches compare on (Walmart, retail_price, the ULB credit-card sample, UCI sentiment
 * sentences, UCI Online Retail) are not part of the repository: their licences differ and some forbid copying.
 * They are read from DATASETS_DIR (default ../shared/datasets beside the repository), in the layout below. A section
 * whose files are missing is skipped with a line that says which files, where they were looked for, and how to
 * point elsewhere; the demo store sections need nothing outside the repository and always run.
 */
export const DATASETS = {
  walmart: "forecasting/walmart_weekly_sales.csv",
  retailPrice: "pricing/retail_price.csv",
  creditcard: "fraud/creditcard_sample.csv",
  onlineRetail: "recommendation/online_retail_sample.csv",
  sentimentDir: "sentiment",
} as const;

/** The absolute paths of `files` under DATASETS_DIR, or null after saying why `section` is skipped. */
export function datasetFiles(section: string, files: readonly string[]): string[] | null {
  const paths = files.map((f) => path.join(env.DATASETS_DIR, f));
  const missing = files.filter((_, i) => !existsSync(paths[i]!));
  if (missing.length === 0) return paths;
  console.log(
    `\n## ${section} · skipped: ${missing.join(", ")} not found in ${env.DATASETS_DIR}\n` +
      "note: the public data sets are not part of the repository; set DATASETS_DIR to the folder that holds them " +
      `(${Object.values(DATASETS).map((f) => f.split("/")[0]).filter((d, i, all) => all.indexOf(d) === i).join("/, ")}/) and run again`,
  );
  return null;
}
