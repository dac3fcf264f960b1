/**
 * npm run import -- <kind|auto> <file> [--as user@example.com] [--encoding utf-8|windows-1252]
 * Imports a CSV file into the app's database (DATABASE_URL's PostgreSQL, or the SQLite file DATABASE_PATH), exactly as the Data page does, streaming it from disk (any
 * size), and exits 0 when the file was written, 1 when it was refused (the line errors are printed), 2 on a usage
 * error. The last line on stderr gives the seconds spent and the write lock's hold, and the peak memory.
 */
import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Actor } from "@/lib/audit";
import { findUserRow } from "@/lib/auth/users";
import { getDb } from "@/lib/db";
import { usesPostgres } from "@/lib/db-dialect";
import { env } from "@/lib/env";
import { inEnglish } from "@/lib/i18n/translate";
import { fileEncodings, type FileEncoding } from "./decode";
import { formatLineError, importCsvStream, importKindKeys, type ImportKindRequest } from "./import";

const usage = `usage: npm run import -- <${importKindKeys.join("|")}|auto> <file.csv> [--as user@example.com] [--encoding ${fileEncodings.join("|")}]`;

function fail(message: string): never {
  console.error(message);
  console.error(usage);
  process.exit(2);
}

/** `--as` and `--encoding`, and the positional arguments; an unknown option or one without its value is a usage error. */
function options(argv: string[]): { values: { as?: string; encoding?: string }; positional: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { as: { type: "string" }, encoding: { type: "string" } }, allowPositionals: true });
    return { values, positional: positionals };
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positional } = options(argv);
  const [kindArg, file] = positional;
  if (!kindArg || !file || positional.length > 2) fail("expected a kind and a file.");
  if (!([...importKindKeys, "auto"] as string[]).includes(kindArg)) fail(`unknown kind '${kindArg}'.`);
  const encoding = (values.encoding ?? "utf-8").toLowerCase();
  if (!(fileEncodings as readonly string[]).includes(encoding)) fail(`unknown encoding '${values.encoding}'.`);
  if (!existsSync(file)) fail(`cannot read ${file}.`);

  const db = getDb();
  const where = usesPostgres() ? "the PostgreSQL database" : env.DATABASE_PATH;
  // --as names a user of this database so the audit log and the imports row point at a person.
  let actor: Actor = { id: null, email: "cli" };
  if (values.as) {
    const user = await findUserRow(db, values.as);
    actor = user ? { id: user.id, email: user.email } : { id: null, email: values.as };
    if (!user) console.warn(`note: no user ${values.as} in ${where}; recording the email only.`);
  }

  const started = performance.now();
  // When the write began, in wall time and in this process's CPU time (the machine may be busy with other work).
  let writing: { at: number; cpu: NodeJS.CpuUsage } | null = null;
  const result = await importCsvStream(
    db,
    { kind: kindArg as ImportKindRequest, filename: path.basename(file), actor, encoding: encoding as FileEncoding, source: createReadStream(file) },
    { onProgress: (p) => void (p.stage === "writing" && (writing = { at: performance.now(), cpu: process.cpuUsage() })) },
  );
  const ended = performance.now();
  await db.close();

  const seconds = ((ended - started) / 1000).toFixed(2);
  const lock = writing === null ? "" : writeTransaction(writing, ended);
  if (result.ok) {
    console.log(`Imported ${file} as ${result.kind} in ${seconds}s (import #${result.importId}): ${result.rowsWritten} of ${result.rowsRead} rows written.`);
    for (const [key, value] of Object.entries(result.summary)) console.log(`  ${key}: ${value}`);
    for (const note of result.notes) console.log(`- ${inEnglish(note)}`);
  } else {
    console.error(`Refused ${file}${result.kind ? ` as ${result.kind}` : ""} (import #${result.importId}): nothing was written. ${result.errorCount} problem(s):`);
    for (const error of result.errors) console.error(`  ${formatLineError(error)}`);
    if (result.errorCount > result.errors.length) console.error(`  ... and ${result.errorCount - result.errors.length} more.`);
  }
  console.error(`(${seconds}s in all${lock}; peak memory ${Math.round(process.resourceUsage().maxRSS / 1024)} MB)`);
  return result.ok ? 0 : 1;
}

function writeTransaction(writing: { at: number; cpu: NodeJS.CpuUsage }, ended: number): string {
  const cpu = process.cpuUsage(writing.cpu);
  return `; write transaction ${((ended - writing.at) / 1000).toFixed(2)}s (${((cpu.user + cpu.system) / 1e6).toFixed(2)}s of CPU)`;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
