/** Row shapes of the sentiment task, as the CLI's CSVs carry them (train: id,text,label; test: id,text; out: id,score). */
export type SentimentTrainRow = { id: string; text: string; label: 0 | 1 };
export type SentimentTestRow = { id: string; text: string };
/** score = decision score: monotone in the calibrated probability, >= 0.5 exactly when the model calls the text positive. */
export type SentimentPrediction = { id: string; score: number };
