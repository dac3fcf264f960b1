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
step "browser tests (playwright-core, Debian chromium)"
E2E_RESULTS="$results/e2e.json" npx tsx test/e2e/run.ts

node -e '
const fs = require("fs");
const v = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const e = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const passed = v.numPassedTests + e.passed, failed = v.numFailedTests + e.failed;
console.log(`\nvitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed; browser: ${e.passed} passed, ${e.failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
' "$results/vitest.json" "$results/e2e.json"
