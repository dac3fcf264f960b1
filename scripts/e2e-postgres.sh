#!/usr/bin/env bash
# The planner's, merchandiser's and risk analyst's browser flows (and sign-in) on PostgreSQL: the same specs as on
# SQLite, with the app, the worker and the tests' own queries on the schema $E2E_PG_SCHEMA (e2e_pg unless set) of
# $E2E_PG_URL (the machines' server unless set), dropped and seeded anew by test/e2e/global-setup.ts. Needs a
# production build (`npx next build`) like `npx playwright test`. Its results and HTML report go to test-results-pg/
# and playwright-report-pg/, beside the SQLite run's. Extra arguments go to Playwright (e.g. -g "risk analyst").
set -euo pipefail
cd "$(dirname "$0")/.."
export DATABASE_URL="${E2E_PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
export DATABASE_SCHEMA="${E2E_PG_SCHEMA:-e2e_pg}"
export PLAYWRIGHT_HTML_REPORT="${PLAYWRIGHT_HTML_REPORT:-playwright-report-pg}"
exec npx playwright test --output test-results-pg \
  test/e2e/01-sign-in.spec.ts test/e2e/06-forecasts.spec.ts test/e2e/10-pricing.spec.ts test/e2e/11-fraud.spec.ts "$@"
