import * as tf from "@tensorflow/tfjs";
import type { ScoredSentence } from "./aspects";
import { tfidfLogits } from "./baselines";
import { decisionScore, ensembleProbabilities, type MemberScores } from "./ensemble";
import type { FeatureEncoder } from "./features";
import { vaderCompound } from "./lexicon";
import { reviewSentences, type ReviewText } from "./quotes";
import type { SentimentModel } from "./sentiment-model";

/** Rows per forward pass: one big batch is what makes wasm fast (a default batch of 32 is ~1000x slower). */
const BAG_CHUNK = 2048;
const CNN_CHUNK = 512;

type Scorable = Pick<SentimentModel, "network" | "architecture" | "cnnKernelSize">;

/** Raw logits of the network for documents (token ids of `encoder`), in chunks, with every tensor freed. */
export function predictLogits(model: Scorable, encoder: FeatureEncoder, docs: readonly Int32Array[], rows?: ArrayLike<number>): Float32Array {
  const index = rows ?? Int32Array.from(docs.keys());
  const out = new Float32Array(index.length);
  const chunk = model.architecture === "cnn" ? CNN_CHUNK : BAG_CHUNK;
  for (let from = 0; from < index.length; from += chunk) {
    const part = Array.prototype.slice.call(index, from, Math.min(index.length, from + chunk)) as number[];
    const logits = tf.tidy(() => {
      const inputs = networkInputs(model, encoder, docs, part);
      return model.network.apply(inputs, { training: false }) as tf.Tensor;
    });
    out.set(logits.dataSync(), from);
    logits.dispose();
  }
  return out;
}

/** The network's input tensors for some documents (created inside the caller's tidy). */
export function networkInputs(model: Scorable, encoder: FeatureEncoder, docs: readonly Int32Array[], rows: ArrayLike<number>): tf.Tensor[] {
  if (model.architecture === "cnn") return [encoder.windowBatch(docs, rows, model.cnnKernelSize)];
  const { ids, weights } = encoder.bagBatch(docs, rows);
  return [ids, weights];
}

/**
 * Calibrated probability that each text is positive (the ensemble's stacker over its members' scores). The model
 * calls a text positive when the probability is >= model.threshold.
 */
export function predictSentiment(model: SentimentModel, texts: readonly string[]): number[] {
  const scores: MemberScores = {};
  const uses = new Set(model.ensemble.members);
  if (uses.has("bag")) {
    const docs = texts.map((t) => model.encoder.encode(t));
    scores.bag = predictLogits(model, model.encoder, docs);
    model.encoder.forgetUnseenTokens();
  }
  if (uses.has("tfidf-lr")) {
    if (!model.tfidf) throw new Error("the sentiment ensemble uses TF-IDF + LR but the model has no such member");
    scores["tfidf-lr"] = tfidfLogits(model.tfidf, texts);
  }
  if (uses.has("vader")) scores.vader = vaderCompound(texts);
  return Array.from(ensembleProbabilities(model.ensemble, scores, texts.length));
}

/**
 * The decision score the task writes (predictions.csv `score`): the calibrated probability moved monotonically so
 * that 0.5 is the model's threshold, i.e. score >= 0.5 exactly when predictSentiment(...) >= model.threshold.
 */
export function sentimentDecisionScores(model: SentimentModel, texts: readonly string[]): number[] {
  return predictSentiment(model, texts).map((p) => decisionScore(p, model.threshold));
}

/** Every sentence of the reviews with its calibrated score: the input of aspectSentiment and representativeQuotes. */
export function scoreReviewSentences(model: SentimentModel, reviews: readonly ReviewText[]): ScoredSentence[] {
  const sentences = reviewSentences(reviews);
  const scores = predictSentiment(model, sentences.map((s) => s.text));
  return sentences.map((s, i) => ({ ...s, score: scores[i]! }));
}
