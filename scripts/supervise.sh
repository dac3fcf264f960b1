#!/usr/bin/env bash
# Keeps a long-running process of the demo alive: `bash scripts/supervise.sh <name> <log file> <command...>`.
# When the command exits (a crash, a kill, an error it could not survive), it is started again after a pause that
# doubles from 1 s up to 60 s while it keeps failing fast, and goes back to 1 s once a run lasted a minute.
# Every exit and restart is written to the log. Stopping the supervisor (SIGTERM/SIGINT) stops the command too.
set -uo pipefail
name=$1
log=$2
shift 2

child=0
stop() {
  trap - TERM INT
  [ "$child" -ne 0 ] && kill -TERM "$child" 2>/dev/null && wait "$child" 2>/dev/null
  exit 0
}
trap stop TERM INT

pause=1
while true; do
  started=$(date +%s)
  "$@" >>"$log" 2>&1 &
  child=$!
  wait "$child"
  status=$?
  child=0
  if [ $(( $(date +%s) - started )) -ge 60 ]; then pause=1; fi
  echo "[supervise] $name exited with status $status at $(date -u +%FT%TZ); restarting in ${pause} s" | tee -a "$log" >&2
  sleep "$pause" &
  wait $!
  pause=$(( pause * 2 > 60 ? 60 : pause * 2 ))
done
