/**
 * npm run import -- <kind|auto> <file> [--as user@example.com]
 * Imports a CSV file into the database at DATABASE_PATH, exactly as the Data page does, and exits 0 when the
 * file was written, 1 when it was refused (the line errors are printed), 2 on a usage error.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { openDb } from "@/db/client";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { env } from "@/lib/env";
import { formatLineError, importCsv, importKindKeys, type ImportKindRequest } from "./import";

const usage = `usage: npm run import -- <${importKindKeys.join("|")}|auto> <file.csv> [--as user@example.com]`;

function fail(message: string): never {
  console.error(message);
  console.error(usage);
  process.exit(2);
}

function main(argv: string[]): number {
  const asIndex = argv.indexOf("--as");
  const asEmail = asIndex >= 0 ? argv[asIndex + 1] : undefined;
  if (asIndex >= 0 && !asEmail) fail("--as needs an email address.");
  const positional = argv.filter((_, i) => asIndex < 0 || (i !== asIndex && i !== asIndex + 1));
  const [kindArg, file] = positional;
  if (!kindArg || !file || positional.length > 2) fail("expected a kind and a file.");
  const kinds: readonly string[] = [...importKindKeys, "auto"];
  if (!kinds.includes(kindArg)) fail(`unknown kind '${kindArg}'.`);

  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    fail(`cannot read ${file}.`);
  }
  const db = openDb(env.DATABASE_PATH);
  // --as names a user of this database so the audit log and the imports row point at a person.
  let actor: Actor = { id: null, email: "cli" };
  if (asEmail) {
    const user = db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, asEmail.toLowerCase())).get();
    actor = user ?? { id: null, email: asEmail };
    if (!user) console.warn(`note: no user ${asEmail} in ${env.DATABASE_PATH}; recording the email only.`);
  }

  const started = performance.now();
  const result = importCsv(db, { kind: kindArg as ImportKindRequest, filename: path.basename(file), text, actor });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  db.$client.close();

  if (result.ok) {
    console.log(`Imported ${file} as ${result.kind} in ${seconds}s (import #${result.importId}): ${result.rowsWritten} of ${result.rowsRead} rows written.`);
    for (const [key, value] of Object.entries(result.summary)) console.log(`  ${key}: ${value}`);
    for (const note of result.notes) console.log(`- ${note}`);
    return 0;
  }
  console.error(`Refused ${file}${result.kind ? ` as ${result.kind}` : ""} (import #${result.importId}): nothing was written. ${result.errorCount} problem(s):`);
  for (const error of result.errors) console.error(`  ${formatLineError(error)}`);
  if (result.errorCount > result.errors.length) console.error(`  ... and ${result.errorCount - result.errors.length} more.`);
  return 1;
}

process.exitCode = main(process.argv.slice(2));
