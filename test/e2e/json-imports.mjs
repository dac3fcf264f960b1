/**
 * A Node module hook (registered by playwright.config.ts) that lets the tests import lib/i18n/messages: it imports
 * its catalogue's JSON files without `with { type: "json" }`, which Next.js, Vitest and tsx accept but Node's own
 * ESM loader, the one Playwright runs this "type": "module" project's test files in, refuses. A JSON file imported
 * without attributes gets the JSON type here.
 */
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (result.url.startsWith("file:") && result.url.endsWith(".json") && !context.importAttributes?.type) {
    return { ...result, importAttributes: { ...context.importAttributes, type: "json" } };
  }
  return result;
}
