/**
 * Pure text helpers of the review pages (no React): the pieces of a sentence that match an aspect's terms, for <mark>,
 * and a word-level diff between two summary bodies. Both return plain text segments that React renders escaped, so a
 * review's text can never inject markup.
 */

export type TextSegment = { text: string; match: boolean };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Splits `text` into segments, marking every whole-word, case-insensitive occurrence of one of `terms` (multi-word
 * terms match across any run of spaces). Longer terms win over their prefixes ("battery life" over "battery").
 * The segments joined give back `text` exactly.
 */
export function highlightSegments(text: string, terms: readonly string[]): TextSegment[] {
  const words = [...new Set(terms.map((t) => t.trim().toLowerCase()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (text === "") return [];
  if (words.length === 0) return [{ text, match: false }];
  const alternatives = words.map((t) => t.split(/\s+/).map(escapeRegExp).join("\\s+"));
  // A "word" edge: no letter, digit or apostrophe-joined letter right before or after the match.
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}_])`, "giu");
  const segments: TextSegment[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const start = m.index;
    if (start > last) segments.push({ text: text.slice(last, start), match: false });
    segments.push({ text: m[0], match: true });
    last = start + m[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), match: false });
  return segments;
}

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

/** Words with the spaces that follow them, so the parts joined read as the original text. */
function tokens(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}

/** Tokens above this product fall back to a whole replacement: the LCS table grows as n × m. */
const MAX_CELLS = 400_000;

/**
 * What changed from `before` to `after`, word by word (longest common subsequence of words; whitespace changes alone
 * do not count). Adjacent parts of one kind are merged; a text rewritten rather than edited is one removal and one
 * addition. Joining the "same" and "added" parts gives `after` back,
 * the "same" and "removed" ones `before` (up to trailing spaces).
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  const key = (t: string) => t.trimEnd();
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart["kind"], text: string) => {
    const prev = parts[parts.length - 1];
    if (prev && prev.kind === kind) prev.text += text;
    else parts.push({ kind, text });
  };
  if (a.length * b.length > MAX_CELLS) {
    if (before) push("removed", before);
    if (after) push("added", after);
    return parts;
  }
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = key(a[i]!) === key(b[j]!) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  // Text rewritten rather than edited (under a third of its words kept) reads better as one replacement than as
  // a scatter of small matches ("the", "reviews").
  if (lcs[0]![0]! < Math.max(a.length, b.length) / 3) {
    if (before) push("removed", before);
    if (after) push("added", after);
    return parts;
  }
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (key(a[i]!) === key(b[j]!)) {
      push("same", b[j]!);
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) push("removed", a[i++]!);
    else push("added", b[j++]!);
  }
  while (i < a.length) push("removed", a[i++]!);
  while (j < b.length) push("added", b[j++]!);
  return parts;
}

/** Whether a diff changes anything. */
export function hasChanges(parts: readonly DiffPart[]): boolean {
  return parts.some((p) => p.kind !== "same");
}
