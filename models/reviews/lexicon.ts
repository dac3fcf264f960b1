import vader from "vader-sentiment";

/**
 * VADER (Hutto & Gilbert, ICWSM 2014): a hand-built sentiment lexicon with rules for negation, intensifiers, "but"
 * and capitals. It needs no training, so it carries what a few hundred labelled reviews cannot teach (the valence of
 * words the training set never saw). Used as one member of the ensemble (ensemble.ts) through its compound score,
 * the normalised valence sum in [-1, 1].
 */
export function vaderCompound(texts: readonly string[]): Float64Array {
  return Float64Array.from(texts, (text) => {
    const compound = vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
    return Number.isFinite(compound) ? compound : 0;
  });
}
