import { importKinds } from "./catalog";
import { resolveColumns } from "./columns";
import { importKindKeys, type ImportKind } from "./types";

/**
 * The kind whose required columns are all in the header, or null when none (or no single best) fits.
 * When several fit, the one that recognises the most of the file's columns wins.
 */
export function detectKind(headerFields: readonly string[]): ImportKind | null {
  let best: { kind: ImportKind; matched: number } | null = null;
  let tie = false;
  for (const kind of importKindKeys) {
    const resolution = resolveColumns(importKinds[kind].specs, headerFields);
    if (resolution.missing.length > 0) continue;
    const matched = resolution.headerFor.size;
    if (best === null || matched > best.matched) {
      best = { kind, matched };
      tie = false;
    } else if (matched === best.matched) {
      tie = true;
    }
  }
  return best && !tie ? best.kind : null;
}
