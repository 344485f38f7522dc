#!/usr/bin/env bash
# Runs the workflow benchmarks (figures, not a test) against a PostgreSQL cluster this script
# starts with durable default settings (fsync on) on its own port, then stops it.
# Prints (1) the in-process engine cost, (2) persisted throughput, (3) the commit ceiling.
# --staff-pages [seconds]: issue #14 §8 instead: the Release host on 127.0.0.1:5091 with the demo plus 2,000
# companies and 50,000 ledger entries (COPY), the demo CSM signed in, wrk at 10 connections on each staff page.
# --customer-pages [seconds]: issue #17 instead: the same host with the demo, the demo representative signed in, wrk at 10
# and 50 connections on each customer page and on its bare endpoint (tests/Benchmarks/BareEndpoints), the calendar API
# and /health/live at 50, then the idle host's transactions per second over 60 s, with and without the Hangfire server.
# --collect [N]: issue #12's ACCT-D collection of N findings (default 10,000) from the simulated AWS with the database write.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/scripts/lib/pg.sh"

PORT="${CLOUDPACK_BENCH_PG_PORT:-55452}"

ensure_dotnet
ensure_postgres
rm -rf "$LOCAL/pg-bench" "/var/tmp/cloudpackplus-$(printf '%s' "$ROOT" | md5sum | cut -c1-8)/pg-bench" 2>/dev/null || true
trap pg_stop EXIT
pg_start pg-bench "$PORT"
pg_ensure_database cloudpack_bench

if [ "${1:-}" = "--staff-pages" ] || [ "${1:-}" = "--customer-pages" ]; then
  MODE="$1"
  ensure_frontend
  ensure_report_renderer
  command -v wrk >/dev/null 2>&1 || ensure_apt wrk
  CS="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=cloudpack_bench"
  URL="${CLOUDPACK_BENCH_URL:-http://127.0.0.1:5091}"
  BARE_URL="${CLOUDPACK_BENCH_BARE_URL:-http://127.0.0.1:5092}"
  APP="$LOCAL/bench-app"
  PSQL=("$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d cloudpack_bench -tAq)
  log "publishing the host and building the benchmarks (Release)"
  dotnet publish "$ROOT/src/Host/CloudpackPlus.Host.csproj" -c Release -o "$APP" -nologo -v quiet -clp:ErrorsOnly
  dotnet build "$ROOT/tests/Benchmarks/CloudpackPlus.Benchmarks.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly
  BENCH="$ROOT/tests/Benchmarks/bin/Release/net10.0/CloudpackPlus.Benchmarks.dll"
  export ConnectionStrings__CloudpackPlus="$CS" ASPNETCORE_ENVIRONMENT=Production Logging__Format=text \
    Logging__LogLevel__Default=Warning Aws__Mode=Simulated Portal__SecureCookies=false Mail__Mode=Capture \
    Mail__CaptureDirectory="$LOCAL/bench-mail" Mail__PortalUrl="$URL" \
    DataProtection__CertificatePath="$LOCAL/keyring.pfx" DataProtection__GenerateCertificate=true
  log "migrating, seeding the demo"
  (cd "$APP" && dotnet CloudpackPlus.Host.dll seed-demo)
  [ "$MODE" = "--staff-pages" ] && dotnet "$BENCH" --seed-staff 2000 "$CS"
  log "serving $URL (log: $LOCAL/bench-host.log)"
  (cd "$APP" && exec dotnet CloudpackPlus.Host.dll serve --urls "$URL" --Database:MigrateOnStart=false) >"$LOCAL/bench-host.log" 2>&1 &
  host_pid=$!
  bare_pid=""
  trap 'kill "$host_pid" $bare_pid 2>/dev/null || true; pg_stop' EXIT
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null "$URL/Account/Login" && break
    sleep 1
  done
  if [ "$MODE" = "--staff-pages" ]; then
    dotnet "$BENCH" --staff-pages "$URL" "$CS" "${2:-15}"
    exit 0
  fi

  # Issue #17: each customer page against its bare endpoint (one round trip, same data and HTML size), same run.
  log "bare endpoints on $BARE_URL (log: $LOCAL/bench-bare.log)"
  dotnet "$BENCH" --bare-serve "$BARE_URL" "$CS" >"$LOCAL/bench-bare.log" 2>&1 &
  bare_pid=$!
  for _ in $(seq 1 60); do
    curl -fs -o /dev/null "$BARE_URL/bare/home" && break
    sleep 1
  done
  dotnet "$BENCH" --customer-pages "$URL" "$BARE_URL" "$CS" "${2:-10}"
  kill "$bare_pid" 2>/dev/null || true
  bare_pid=""

  # The idle host's query rate: transactions committed in the benchmark database over 60 s with nobody browsing, after
  # 15 s of quiet; then the same with a web-only host (Jobs:RunServer=false), which leaves out Hangfire's server.
  idle_seconds="${CLOUDPACK_BENCH_IDLE_SECONDS:-60}"
  idle_rate() {
    sleep 15
    local before after
    before="$("${PSQL[@]}" -c "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()")"
    sleep "$idle_seconds"
    after="$("${PSQL[@]}" -c "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()")"
    echo "idle host ($1): $((after - before)) transactions in ${idle_seconds} s = $(awk "BEGIN { printf \"%.2f\", ($after - $before) / $idle_seconds }")/s (pg_stat_database; includes this script's read); load $(cut -d' ' -f1-3 /proc/loadavg)"
  }
  idle_rate "Hangfire server in the host, defaults"
  kill "$host_pid" 2>/dev/null || true
  wait "$host_pid" 2>/dev/null || true
  (cd "$APP" && exec dotnet CloudpackPlus.Host.dll serve --urls "$URL" --Database:MigrateOnStart=false --Jobs:RunServer=false) >>"$LOCAL/bench-host.log" 2>&1 &
  host_pid=$!
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null "$URL/health/live" && break
    sleep 1
  done
  idle_rate "web only, Jobs:RunServer=false"
  exit 0
fi

if [ "${1:-}" = "--collect" ]; then
  log "building (Release)"
  dotnet build "$ROOT/tests/Benchmarks/CloudpackPlus.Benchmarks.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly
  dotnet "$ROOT/tests/Benchmarks/bin/Release/net10.0/CloudpackPlus.Benchmarks.dll" \
    "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=cloudpack_bench" --collect "${2:-10000}"
  exit 0
fi

log "building (Release)"
dotnet build "$ROOT/tests/Benchmarks/CloudpackPlus.Benchmarks.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly

log "running"
dotnet "$ROOT/tests/Benchmarks/bin/Release/net10.0/CloudpackPlus.Benchmarks.dll" \
  "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=cloudpack_bench"
