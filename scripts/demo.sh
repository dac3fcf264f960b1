#!/usr/bin/env bash
# One command from a fresh clone to a running dashboard over the demo store:
# migrate, seed (once), queue the initial model training, build (when the code changed), start the web server, the
# training worker and the scoring process (fraud scores, recommendations), then print the URL and the demo sign-ins.
# `npm run demo -- --reset` rebuilds the demo database from scratch.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-3000}"
export NEXTAUTH_URL="${NEXTAUTH_URL:-http://localhost:$PORT}"
export NODE_ENV=production
# Next.js would send anonymous usage telemetry from build and start: an internal tool reports nothing outside.
export NEXT_TELEMETRY_DISABLED=1

[ -d node_modules ] || npm ci --no-audit --no-fund

reset=""
for arg in "$@"; do [ "$arg" = "--reset" ] && reset="--reset"; done

start=$(date +%s)
npx tsx lib/platform/migrate.ts
npx tsx lib/platform/seed.ts $reset
echo "Demo data ready in $(( $(date +%s) - start )) s."
npx tsx lib/jobs/bootstrap.ts

# Rebuild only when the sources differ from the last build's, so a restart is quick.
stamp=$(git rev-parse HEAD 2>/dev/null || echo none)-$(git status --porcelain 2>/dev/null | md5sum | cut -c1-8)
if [ ! -f .next/BUILD_ID ] || [ "$(cat .next/.demo-stamp 2>/dev/null)" != "$stamp" ]; then
  npx next build
  echo "$stamp" > .next/.demo-stamp
fi

# The training worker runs beside the web server: it trains the initial models (progress on the Models page).
# It and the low-latency scoring process (fraud scores and recommendations; the app serves the same endpoints too) are supervised: either is
# started again if it exits, so training, publishing and scoring never stop silently.
bash scripts/supervise.sh worker "${DATA_DIR:-data}/worker.log" npx tsx lib/jobs/worker.ts &
bash scripts/supervise.sh scoring "${DATA_DIR:-data}/scoring.log" npx tsx scripts/scoring-api.ts &
npx next start -p "$PORT" &
# npx and tsx start child processes: stop the whole process group on exit.
trap 'trap - INT TERM EXIT; kill 0 2>/dev/null' INT TERM EXIT
for _ in $(seq 1 120); do
  curl -fsS "http://localhost:$PORT/api/health" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsS "http://localhost:$PORT/api/health" >/dev/null
npx tsx scripts/print-logins.ts "http://localhost:$PORT"
wait
