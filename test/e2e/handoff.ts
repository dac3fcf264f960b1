/**
 * What one test leaves for a later one (the suite's tests share one store, in order): kept in a file in the run's
 * data directory, not in module variables, so it survives the fresh worker process Playwright starts after a failed
 * test and for a retry. The data directory is new for every run (global-setup.ts), and so is this file.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const file = () => path.join(process.env.E2E_DATA_DIR ?? ".", "e2e-handoff.json");

function read(): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file(), "utf8")) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function remember(key: string, value: unknown): void {
  writeFileSync(file(), JSON.stringify({ ...read(), [key]: value }));
}

export function recall<T>(key: string): T | undefined {
  return read()[key] as T | undefined;
}

/** Notes that a test of this spec file ran in this run (the `ranSpecs` fixture calls it before every test). */
export function noteSpecRan(specFile: string): void {
  const ran = recall<string[]>("ranSpecs") ?? [];
  if (!ran.includes(specFile)) remember("ranSpecs", [...ran, specFile]);
}

/** The spec files of which a test ran in this run so far. */
export function specsRan(): string[] {
  return recall<string[]>("ranSpecs") ?? [];
}
