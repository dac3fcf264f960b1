import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The layers point one way (README "Layers"): eslint.config.mjs refuses an import against an arrow. Each case lints
// a file that is not on disk, placed in a layer, with the project's own configuration.
const root = path.resolve(__dirname, "../..");
// The probes are not on disk, so the type-aware rules (which need the file in the TypeScript project) are off here.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { "@typescript-eslint/no-floating-promises": "off", "@typescript-eslint/no-misused-promises": "off", "@typescript-eslint/await-thenable": "off" },
  },
});

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === "import/no-restricted-paths").map((m) => m.message);
}

describe("lint keeps the layers pointing one way", { timeout: 60_000 }, () => {
  const refused: [string, string, string][] = [
    ["models/ importing lib/", "models/forecasts/layer-probe.ts", 'import { env } from "../../lib/env";\nexport const x = env;\n'],
    ["models/ importing db/", "models/fraud/layer-probe.ts", 'import { users } from "@/db/schema";\nexport const x = users;\n'],
    ["db/ importing lib/", "db/seed/layer-probe.ts", 'import { hashPassword } from "../../lib/auth/password";\nexport const x = hashPassword;\n'],
    ["lib/ importing a component", "lib/forecasts/layer-probe.ts", 'import { Button } from "@/components/ui/button";\nexport const x = Button;\n'],
    ["app/ querying db/ itself", "app/(dashboard)/forecasts/layer-probe.ts", 'import { sharedDb } from "@/db/client";\nexport const x = sharedDb;\n'],
    ["app/ reaching into models/", "app/api/health/layer-probe.ts", 'import { ensureBackend } from "@/models/backend";\nexport const x = ensureBackend;\n'],
    ["a component importing app/", "components/forecasts/layer-probe.ts", 'import * as actions from "@/app/(dashboard)/forecasts/actions";\nexport const x = actions;\n'],
  ];
  it.each(refused)("refuses %s", async (_name, file, code) => {
    expect((await layerErrors(file, code)).length).toBe(1);
  });

  const allowed: [string, string, string][] = [
    ["app/ calling lib/", "app/(dashboard)/forecasts/layer-probe.ts", 'import { getDb } from "@/lib/db";\nexport const x = getDb;\n'],
    ["lib/ calling models/ and db/", "lib/forecasts/layer-probe.ts", 'import { openDb } from "@/db/client";\nimport { ensureBackend } from "@/models/backend";\nexport const x = [openDb, ensureBackend];\n'],
    ["models/ importing models/", "models/forecasts/layer-probe.ts", 'import { mulberry32 } from "../random";\nexport const x = mulberry32;\n'],
  ];
  it.each(allowed)("allows %s", async (_name, file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });

  // One data-access path (issue 16): lib/ takes tables from lib/schema (SQLite's or PostgreSQL's), not db/schema.
  it("refuses lib/ taking a table from db/schema, and allows lib/schema and db/schema types", async () => {
    const restricted = async (code: string) => {
      const [result] = await eslint.lintText(code, { filePath: path.join(root, "lib/forecasts/layer-probe.ts") });
      return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").length;
    };
    expect(await restricted('import { users } from "@/db/schema";\nexport const x = users;\n')).toBe(1);
    expect(await restricted('import { users } from "@/lib/schema";\nexport const x = users;\n')).toBe(0);
    expect(await restricted('import type { User } from "@/db/schema";\nexport type X = User;\n')).toBe(0);
  });
});
