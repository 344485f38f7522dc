#!/usr/bin/env bash
# Runs every test project against a PostgreSQL cluster this script starts and stops
# (unless CLOUDPACK_TEST_DB names one), then prints "N passed, N failed, N skipped".
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/scripts/lib/pg.sh"

RESULTS="$LOCAL/test-results"
PORT="${CLOUDPACK_TEST_PG_PORT:-55433}"

ensure_dotnet
ensure_frontend
# The browser tests drive Debian's Chromium (Playwright downloads no browser); Japanese fonts for the screenshots.
ensure_report_renderer poppler-utils
export CLOUDPACK_SCREENSHOTS="$RESULTS/screenshots"
if [ -z "${CLOUDPACK_TEST_DB:-}" ]; then
  ensure_postgres
  # A throw-away cluster: durability settings off, it is deleted before each run.
  rm -rf "$LOCAL/pg-test" "/var/tmp/cloudpackplus-$(printf '%s' "$ROOT" | md5sum | cut -c1-8)/pg-test" 2>/dev/null || true
  trap pg_stop EXIT
  pg_start pg-test "$PORT" "fsync = off" "synchronous_commit = off" "full_page_writes = off" "max_connections = 500"
  export CLOUDPACK_TEST_DB
  CLOUDPACK_TEST_DB="$(pg_admin_cs)"
fi

log "building"
dotnet build "$ROOT/CloudpackPlus.sln" -c Debug -nologo -v quiet -clp:ErrorsOnly

rm -rf "$RESULTS"
# Two lanes, one test project at a time in each (these machines have 2 cores), balanced by the projects' times in a
# full run (README, "Test time"): `dotnet test` on the solution ran them in solution order, which left the browser and the
# activities tests, the two longest after the portal's, in one lane. A test project not named here joins the first lane.
LANES=("Portal.Tests Workflows.Tests Core.Tests Integrations.Tests Host.Tests" "Browser.Tests Activities.Tests")
for dir in "$ROOT"/tests/*.Tests; do
  name="$(basename "$dir")"
  case " ${LANES[*]} " in *" $name "*) ;; *) log "test project $name is in no lane: running it in the first"; LANES[0]+=" $name" ;; esac
done

run_lane() {
  local status=0 name
  for name in $1; do
    dotnet test "$ROOT/tests/$name" --no-build -c Debug --results-directory "$RESULTS" \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" || status=$?
  done
  return "$status"
}

log "testing"
# Also for the hosts the fault tests start from src/ (tests/Directory.Build.props sets it for the test projects).
export DOTNET_TieredPGO=0
set +e
pids=()
for lane in "${LANES[@]}"; do
  run_lane "$lane" &
  pids+=("$!")
done
test_status=0
for pid in "${pids[@]}"; do
  wait "$pid" || test_status=$?
done
set -e

passed=0 failed=0 skipped=0 files=0
for trx in "$RESULTS"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
  get() { printf '%s' "$counters" | grep -oE " $1=\"[0-9]+\"" | grep -oE '[0-9]+' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  # The trx logger counts skipped tests as neither executed nor notExecuted: total - executed.
  skipped=$((skipped + $(get total) - $(get executed)))
done

if [ "$files" -eq 0 ]; then
  log "no test results were written"
  [ "$test_status" -ne 0 ] || test_status=1
fi
if [ "$test_status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A test host that crashed writes no failed count: count the run as one failure.
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$test_status" -eq 0 ]
