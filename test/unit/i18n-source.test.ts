import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Words a person reads in an attribute (a button's name, a tooltip, a placeholder, a chart's title) come from the
// message catalogue like the rest of the page; lint's react/jsx-no-literals covers the text between tags.
const READ_ATTRIBUTES = ["aria-label", "aria-description", "title", "placeholder", "alt", "label", "description", "summary", "caption", "heading", "hint"];
const literal = new RegExp(`\\s(${READ_ATTRIBUTES.join("|")})="([^"]*[A-Za-z]{2,}[^"]*)"`, "g");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".tsx") ? [p] : [];
  });
}

export function englishAttributes(source: string): string[] {
  return [...source.matchAll(literal)].map((m) => `${m[1]}="${m[2]}"`);
}

describe("words in attributes", () => {
  it("finds an English label written into an attribute", () => {
    expect(englishAttributes(`<button aria-label="Close dialog" className="x" title={t("a")}>`)).toEqual(['aria-label="Close dialog"']);
  });

  it("has none in app/ or components/", () => {
    const found = ["app", "components"].flatMap((dir) => files(dir).flatMap((f) => englishAttributes(readFileSync(f, "utf8")).map((a) => `${f}: ${a}`)));
    expect(found).toEqual([]);
  });
});
