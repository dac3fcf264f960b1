/**
 * Which database this process uses: PostgreSQL when DATABASE_URL is a postgres:// (or postgresql://) address,
 * otherwise the SQLite file (DATABASE_PATH). Read from the environment directly, not through lib/env.ts, because
 * lib/schema.ts needs it while modules load, before anything else of ours.
 */
export function databaseUrl(): string | undefined {
  const url = process.env.DATABASE_URL?.trim();
  return url ? url : undefined;
}

export function usesPostgres(): boolean {
  return /^postgres(ql)?:\/\//i.test(databaseUrl() ?? "");
}

