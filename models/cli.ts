import { writeFileSync } from "node:fs";
import { ensureBackend } from "./backend";
import { readCsvFile, toCsvLines } from "./io/csv";
import { TaskInputError, type TaskModule, type TrainingProgress } from "./task";
import { taskModules, taskNames, type TaskName } from "./tasks";

/**
 * The bring-your-own-data command: fit one of our models on a train file and write predictions for a test file,
 * with no database. Progress goes to stderr; the only file written is --out.
 *
 *   npm run ml -- fit-predict <task> --train train.csv --test test.csv --out predictions.csv [--seed 42]
 */
const usage = `usage: npm run ml -- fit-predict <${taskNames.join("|")}> --train train.csv --test test.csv --out predictions.csv [--seed N]`;

function parseArgs(argv: string[]) {
  const [command, task, ...rest] = argv;
  if (command !== "fit-predict" || !task) throw new UsageError(usage);
  if (!taskNames.includes(task as TaskName)) throw new UsageError(`unknown task '${task}': expected one of ${taskNames.join(", ")}`);
  const flags: Record<string, string> = {};
  for (let i = 0; i < rest.length; i += 2) {
    const key = rest[i];
    const value = rest[i + 1];
    if (!key?.startsWith("--") || value === undefined) throw new UsageError(usage);
    flags[key.slice(2)] = value;
  }
  for (const required of ["train", "test", "out"]) if (!flags[required]) throw new UsageError(`missing --${required}\n${usage}`);
  const seed = flags.seed === undefined ? 42 : Number(flags.seed);
  if (!Number.isInteger(seed)) throw new UsageError("--seed must be a whole number");
  return { task: task as TaskName, train: flags.train!, test: flags.test!, out: flags.out!, seed };
}

class UsageError extends Error {}

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

function describeProgress(p: TrainingProgress): string {
  const parts = [p.stage];
  if (p.epoch !== undefined) parts.push(`epoch ${p.epoch}${p.epochs ? `/${p.epochs}` : ""}`);
  if (p.loss !== undefined) parts.push(`loss ${p.loss.toPrecision(4)}`);
  if (p.validation) parts.push(`${p.validation.name} ${p.validation.value.toPrecision(4)}`);
  if (p.fraction !== undefined) parts.push(`${Math.round(p.fraction * 100)}%`);
  return parts.join(" · ");
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const backend = await ensureBackend();
  log(`${args.task}: backend ${backend.name}`);
  // The CLI only hands each task's own rows and model back to it, so it can treat them as opaque.
  const task: TaskModule<unknown, unknown, unknown, unknown> = taskModules[args.task];
  const trainFile = readCsvFile(args.train);
  const testFile = readCsvFile(args.test);
  const withFile = <T>(file: string, fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof TaskInputError) throw new TaskInputError(`${file}, ${error.message}`);
      throw error;
    }
  };
  const train = withFile(args.train, () => task.parseTrain(trainFile.records, trainFile.columns));
  const test = withFile(args.test, () => task.parseTest(testFile.records, testFile.columns));
  log(`read ${train.length} training rows and ${test.length} test rows`);
  let lastLog = 0;
  const model = await task.fit(train, {
    seed: args.seed,
    onProgress: (p) => {
      if (Date.now() - lastLog < 1000 && p.fraction !== 1) return;
      lastLog = Date.now();
      log(describeProgress(p));
    },
  });
  const predictions = await task.predict(model, test);
  writeFileSync(args.out, toCsvLines(task.outputColumns, predictions.map((p) => task.toOutputRow(p))));
  task.dispose(model);
  log(`wrote ${predictions.length} predictions to ${args.out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof TaskInputError) {
    log(`error: ${error.message}`);
    process.exit(2);
  }
  log(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
