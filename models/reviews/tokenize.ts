/**
 * Text normalisation and tokenisation for review sentiment: HTML entities and tags undone, Unicode NFKC, lower
 * case, elongations squeezed ("soooo" -> "soo"), a Unicode-aware word split (any script, digits, apostrophes inside
 * words), and the tokens that carry sentiment kept: negations ("didn't" -> "did" + "not"), "!" and "?",
 * emoticons and emoji. Deterministic and dependency-free so training, serving and the bench agree exactly.
 */

const namedEntities: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", hellip: "...", mdash: "-", ndash: "-",
  lsquo: "'", rsquo: "'", ldquo: '"', rdquo: '"', eacute: "é", egrave: "è", agrave: "à", ccedil: "ç",
  uuml: "ü", ouml: "ö", auml: "ä", szlig: "ß", ntilde: "ñ", copy: "©", reg: "®", trade: "™", euro: "€", pound: "£",
};

/** Decodes named (common ones) and numeric HTML entities; unknown names are left as written. */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : " ";
    }
    return namedEntities[body.toLowerCase()] ?? whole;
  });
}

/** Entities decoded, tags (e.g. IMDB's "<br />") and URLs replaced by spaces, NFKC, lower case, curly quotes straight. */
export function normaliseText(text: string): string {
  return decodeHtmlEntities(text)
    .replace(/<\/?[a-z][^>]{0,200}>/gi, " ")
    .replace(/\b(?:https?:\/\/|www\.)\S+/gi, " ")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/[\u2028\u2029\u0085]/g, " ")
    .replace(/(\p{L})\1{2,}/gu, "$1$1");
}

/** Contractions written without the apostrophe, as reviews often are. */
const bareNegations: Record<string, string> = {
  dont: "do", doesnt: "does", didnt: "did", isnt: "is", wasnt: "was", arent: "are", werent: "were", cant: "can",
  cannot: "can", wont: "will", couldnt: "could", wouldnt: "would", shouldnt: "should", havent: "have", hasnt: "has",
  hadnt: "had", aint: "is", mustnt: "must", neednt: "need",
};
const irregularStems: Record<string, string> = { ca: "can", wo: "will", sha: "shall", ai: "is" };

// One alternative per token kind, tried left to right at each position: emoticons first (":)" would otherwise lose
// its ":"), then words (letters, marks, digits, inner apostrophes), then "!"/"?" runs, then emoji.
const tokenPattern =
  /(?<emoticon>[:;=][-'^o]?[)(\]\[dpo3/\\|*]+(?![\p{L}\p{N}])|<3+|\^_*\^)|(?<word>[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}]+)*)|(?<mark>[!?]+)|(?<emoji>\p{Extended_Pictographic})/gu;

/** Tokens of one text, in order. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of normaliseText(text).matchAll(tokenPattern)) {
    const groups = match.groups ?? {};
    if (groups.word !== undefined) pushWord(tokens, groups.word);
    else if (groups.mark !== undefined) tokens.push(groups.mark.includes("!") ? "!" : "?");
    else if (groups.emoticon !== undefined) tokens.push(groups.emoticon);
    else if (groups.emoji !== undefined) tokens.push(groups.emoji);
  }
  return tokens;
}

function pushWord(tokens: string[], word: string): void {
  if (word.endsWith("n't") && word.length > 3) {
    const stem = word.slice(0, -3);
    tokens.push(irregularStems[stem] ?? stem, "not");
    return;
  }
  const bare = bareNegations[word];
  if (bare) {
    tokens.push(bare, "not");
    return;
  }
  tokens.push(word);
}

/** True for tokens made of letters or digits (the ones char n-grams are taken from). */
export function isWordToken(token: string): boolean {
  return /^[\p{L}\p{M}\p{N}]/u.test(token);
}

/**
 * Sentences of a review, for aspect and quote views: split after ".", "!", "?" or a line break when followed by
 * space and a non-lowercase start, so "e.g. this" and "3.5 stars" stay whole. Trimmed, empty pieces dropped.
 */
export function splitSentences(text: string): string[] {
  const clean = decodeHtmlEntities(text).replace(/<br\s*\/?>/gi, "\n").replace(/<\/?[a-z][^>]{0,200}>/gi, " ");
  return clean
    .split(/(?<=[.!?\u2026])\s+(?=[^\p{Ll}])|\s*[\r\n\u2028\u2029]+\s*/u)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(s));
}
