import { readFileSync } from "node:fs";
import path from "node:path";
import type { SentimentTrainRow } from "./types";

/**
 * The UCI "Sentiment Labelled Sentences" files (Kotzias et al., KDD 2015, CC BY 4.0): "sentence<TAB>label" per
 * line. Lines are split on "\n" only (the IMDB file holds a Unicode line separator and a NEL inside sentences) and
 * each line on its LAST tab; stray quotes stay part of the text.
 */
export const labelledSentenceFiles = ["amazon_cells", "yelp", "imdb"] as const;
export type LabelledSentenceFile = (typeof labelledSentenceFiles)[number];

export function parseLabelledSentences(content: string, idPrefix: string): SentimentTrainRow[] {
  const rows: SentimentTrainRow[] = [];
  content.split("\n").forEach((rawLine, index) => {
    const line = rawLine.replace(/\r$/, "");
    const tab = line.lastIndexOf("\t");
    if (tab <= 0) return;
    const text = line.slice(0, tab).trim();
    const label = line.slice(tab + 1).trim();
    if (text && (label === "0" || label === "1")) rows.push({ id: `${idPrefix}-${index + 1}`, text, label: label === "1" ? 1 : 0 });
  });
  return rows;
}

/** Reads one file from `dir` (the bench passes $DATASETS_DIR/sentiment: the files are not in the repository). */
export function loadLabelledSentences(name: LabelledSentenceFile, dir: string): SentimentTrainRow[] {
  return parseLabelledSentences(readFileSync(path.join(dir, `${name}_labelled.txt`), "utf8"), name);
}
