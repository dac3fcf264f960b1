/** vader-sentiment (JavaScript port of Hutto & Gilbert's VADER) ships no types; the part we call. */
declare module "vader-sentiment" {
  export type PolarityScores = { neg: number; neu: number; pos: number; compound: number };
  const vader: { SentimentIntensityAnalyzer: { polarity_scores(text: string): PolarityScores } };
  export default vader;
}
