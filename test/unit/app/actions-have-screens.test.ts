import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every server action people can call is called from a screen: an action nothing in the app uses is an endpoint
 * without a screen, reachable by anyone who finds its id and tested by nobody who uses the product (issue 10, item 13:
 * pricing's whatIfAction and fraud's updateRuleAction were). Read from the source: the actions' files under app/, and
 * every other file under app/ and components/.
 */

const root = process.cwd();

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

const isActionsFile = (file: string) => /(^|\/)actions(\.ts|\/[^/]+\.ts)$/.test(file);

describe("server actions", () => {
  const sources = [...filesUnder("app"), ...filesUnder("components")];
  const actionFiles = sources.filter((f) => f.startsWith("app/") && isActionsFile(f));
  const screens = sources.filter((f) => !isActionsFile(f)).map((f) => readFileSync(path.join(root, f), "utf8"));

  it("are found in the app's actions files", () => {
    expect(actionFiles.length).toBeGreaterThan(3);
  });

  it("each have a screen that calls them", () => {
    const unused: string[] = [];
    for (const file of actionFiles) {
      for (const [, name] of readFileSync(path.join(root, file), "utf8").matchAll(/export const (\w+) = defineAction\(/g)) {
        const call = new RegExp(`\\b${name}\\b`);
        if (!screens.some((source) => call.test(source))) unused.push(`${file}: ${name}`);
      }
    }
    expect(unused).toEqual([]);
  });
});
