#!/usr/bin/env bash
# The whole test suite, as CI runs it: lint, typecheck, unit and integration tests, production build, browser tests
# — on SQLite, and where PostgreSQL answers (PG_TEST_URL, the machines' server by default) the integration tests
# and the planner's, merchandiser's and analyst's browser flows on PostgreSQL too. Without PostgreSQL those two
# steps are skipped with a note, unless REQUIRE_POSTGRES=1 (.ci/run sets it where PostgreSQL is installed).
set -euo pipefail
cd "$(dirname "$0")/.."
# Next.js would send anonymous usage telemetry from build and start: an internal tool reports nothing outside.
export NEXT_TELEMETRY_DISABLED=1
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
pg_url="${PG_TEST_URL:-postgres://postgres@127.0.0.1:5432/test}"

step() { echo; echo "== $*"; }

postgres=0
if node -e 'const c=new (require("pg").Client)({connectionString:process.argv[1],connectionTimeoutMillis:3000});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))' "$pg_url"; then
  postgres=1
elif [ "${REQUIRE_POSTGRES:-0}" = "1" ]; then
  echo "PostgreSQL is required here (REQUIRE_POSTGRES=1) but does not answer at $pg_url" >&2
  exit 1
else
  echo "note: no PostgreSQL at $pg_url: the PostgreSQL runs are skipped (set PG_TEST_URL to point at one)"
fi

step "lint";       npx eslint . --max-warnings 0
step "typecheck";  npx tsc --noEmit
step "unit and integration tests (vitest, SQLite)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json"
echo '{"numPassedTests":0,"numFailedTests":0}' > "$results/vitest-pg.json"
if [ "$postgres" = 1 ]; then
  step "integration tests on PostgreSQL (vitest; each test file in a schema of its own)"
  DATABASE_URL="$pg_url" npx vitest run test/integration --reporter=default --reporter=json --outputFile.json="$results/vitest-pg.json"
fi
step "production build"; npx next build
step "browser tests (@playwright/test, Debian chromium, SQLite)"
# Not stopped here on failure: the summary below counts the failures (the report is in playwright-report/), and
# fails the script as well if Playwright did (e.g. its global set-up could not start the app).
e2e_status=0
PLAYWRIGHT_JSON_OUTPUT_FILE="$results/e2e.json" npx playwright test || e2e_status=$?
echo '{"stats":{"expected":0,"flaky":0,"unexpected":0}}' > "$results/e2e-pg.json"
if [ "$postgres" = 1 ]; then
  step "browser tests on PostgreSQL (sign-in, planner, merchandiser, risk analyst)"
  E2E_PG_URL="$pg_url" PLAYWRIGHT_JSON_OUTPUT_FILE="$results/e2e-pg.json" bash scripts/e2e-postgres.sh || e2e_status=$?
fi

node -e '
const fs = require("fs");
const read = (f) => JSON.parse(fs.readFileSync(f, "utf8"));
const [v, vp, e, ep] = process.argv.slice(1, 5).map(read);
// Playwright counts a test that passed on its retry as flaky: passed, and named as flaky.
const browser = (s) => ({ passed: s.stats.expected + s.stats.flaky, flaky: s.stats.flaky, failed: s.stats.unexpected });
const b = browser(e), bp = browser(ep);
const passed = v.numPassedTests + vp.numPassedTests + b.passed + bp.passed;
const failed = v.numFailedTests + vp.numFailedTests + b.failed + bp.failed;
console.log(`\nvitest (SQLite): ${v.numPassedTests} passed, ${v.numFailedTests} failed; vitest (PostgreSQL): ${vp.numPassedTests} passed, ${vp.numFailedTests} failed`);
console.log(`browser (SQLite): ${b.passed} passed (${b.flaky} flaky), ${b.failed} failed; browser (PostgreSQL): ${bp.passed} passed (${bp.flaky} flaky), ${bp.failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || process.argv[5] !== "0" ? 1 : 0);
' "$results/vitest.json" "$results/vitest-pg.json" "$results/e2e.json" "$results/e2e-pg.json" "$e2e_status"
