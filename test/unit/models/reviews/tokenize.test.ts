import { describe, expect, it } from "vitest";
import { decodeHtmlEntities, splitSentences, tokenize } from "@/models/reviews/tokenize";

describe("sentiment tokenizer", () => {
  it("splits negated contractions into the verb and 'not', with or without the apostrophe", () => {
    expect(tokenize("I didn't like it, won't buy. Dont bother, it can't work")).toEqual([
      "i", "did", "not", "like", "it", "will", "not", "buy", "do", "not", "bother", "it", "can", "not", "work",
    ]);
  });

  it("keeps '!' and '?', emoticons and emoji as tokens, and squeezes elongations", () => {
    expect(tokenize("Sooooo good!!! :) 😍 really??")).toEqual(["soo", "good", "!", ":)", "😍", "really", "?"]);
  });

  it("decodes HTML entities, drops tags and reads any script", () => {
    expect(decodeHtmlEntities("Tom &amp; Jerry &#39;ok&#x27; &quot;x&quot;")).toBe("Tom & Jerry 'ok' \"x\"");
    expect(tokenize("Great<br /><br />Café &eacute;cole ÜBER 日本語")).toEqual(["great", "café", "école", "über", "日本語"]);
  });

  it("treats curly apostrophes like straight ones", () => {
    expect(tokenize("It’s fine, doesn’t matter")).toEqual(["it's", "fine", "does", "not", "matter"]);
  });

  it("splits reviews into sentences without breaking abbreviations or decimals", () => {
    expect(splitSentences("Great phone. Battery lasts 2.5 days, e.g. on trips! Screen? Meh.\nWould buy again")).toEqual([
      "Great phone.", "Battery lasts 2.5 days, e.g. on trips!", "Screen?", "Meh.", "Would buy again",
    ]);
  });
});
