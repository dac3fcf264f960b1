#!/usr/bin/env bash
# The whole test suite, as CI runs it: lint, typecheck, unit and integration tests, production build, browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp -d)

step() { echo; echo "== $*"; }

step "lint";       npx eslint . --max-warnings 0
step "typecheck";  npx tsc --noEmit
step "unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json"
step "production build"; npx next build
step "browser tests (@playwright/test, Debian chromium)"
# Not stopped here on failure: the summary below counts the failures (the report is in playwright-report/), and
# fails the script as well if Playwright did (e.g. its global set-up could not start the app).
e2e_status=0
PLAYWRIGHT_JSON_OUTPUT_FILE="$results/e2e.json" npx playwright test || e2e_status=$?

node -e '
const fs = require("fs");
const v = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const e = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
// Playwright counts a test that passed on its retry as flaky: passed, and named as flaky.
const browserPassed = e.stats.expected + e.stats.flaky, browserFailed = e.stats.unexpected;
const passed = v.numPassedTests + browserPassed, failed = v.numFailedTests + browserFailed;
console.log(`\nvitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed; browser: ${browserPassed} passed (${e.stats.flaky} flaky), ${browserFailed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || process.argv[3] !== "0" ? 1 : 0);
' "$results/vitest.json" "$results/e2e.json" "$e2e_status"
