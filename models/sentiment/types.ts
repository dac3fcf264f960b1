/** Row shapes of the sentiment task, as the CLI's CSVs carry them (train: id,text,label; test: id,text; out: id,score). */
export type SentimentTrainRow = { id: string; text: string; label: 0 | 1 };
export type SentimentTestRow = { id: string; text: string };
/** score = calibrated probability that the text is positive. */
export type SentimentPrediction = { id: string; score: number };
