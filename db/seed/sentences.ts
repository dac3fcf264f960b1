import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * Real review sentences from the UCI "Sentiment Labelled Sentences" data set (Kotzias et al., KDD 2015,
 * CC BY 4.0; see data/README.md). Each line is "sentence<TAB>label"; split on the last tab because a sentence
 * could itself contain one.
 */

export interface LabelledSentence {
  text: string;
  positive: boolean;
}

// Resolved from the working directory like db/client.ts does for migrations: scripts and tests run from the root.
export const amazonSentencesFile = path.join(process.cwd(), "db", "seed", "data", "amazon_cells_labelled.txt");

export function parseLabelledSentences(content: string): LabelledSentence[] {
  const out: LabelledSentence[] = [];
  for (const rawLine of content.split("\n")) {
    const line = rawLine.replace(/\r$/, "");
    const tab = line.lastIndexOf("\t");
    if (tab <= 0) continue;
    const text = line.slice(0, tab).trim();
    const label = line.slice(tab + 1).trim();
    if (text && (label === "0" || label === "1")) out.push({ text, positive: label === "1" });
  }
  return out;
}

export function loadAmazonSentences(file = amazonSentencesFile): LabelledSentence[] {
  return parseLabelledSentences(readFileSync(file, "utf8"));
}
