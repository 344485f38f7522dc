#!/usr/bin/env bash
# Runs the workflow benchmarks (figures, not a test) against a PostgreSQL cluster this script
# starts with durable default settings (fsync on) on its own port, then stops it.
# Prints (1) the in-process engine cost, (2) persisted throughput, (3) the commit ceiling.
# --staff-pages [seconds]: issue #14 §8 instead: the Release host on 127.0.0.1:5091 with the demo plus 2,000
# companies and 50,000 ledger entries (COPY), the demo CSM signed in, wrk at 10 connections on each staff page.
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

if [ "${1:-}" = "--staff-pages" ]; then
  ensure_frontend
  command -v wrk >/dev/null 2>&1 || ensure_apt wrk
  CS="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=cloudpack_bench"
  URL="${CLOUDPACK_BENCH_URL:-http://127.0.0.1:5091}"
  APP="$LOCAL/bench-app"
  log "publishing the host and building the benchmarks (Release)"
  dotnet publish "$ROOT/src/Host/CloudpackPlus.Host.csproj" -c Release -o "$APP" -nologo -v quiet -clp:ErrorsOnly
  dotnet build "$ROOT/tests/Benchmarks/CloudpackPlus.Benchmarks.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly
  BENCH="$ROOT/tests/Benchmarks/bin/Release/net10.0/CloudpackPlus.Benchmarks.dll"
  export ConnectionStrings__CloudpackPlus="$CS" ASPNETCORE_ENVIRONMENT=Production Logging__Format=text \
    Logging__LogLevel__Default=Warning Aws__Mode=Simulated Portal__SecureCookies=false Mail__Mode=Capture \
    Mail__CaptureDirectory="$LOCAL/bench-mail" Mail__PortalUrl="$URL" \
    DataProtection__CertificatePath="$LOCAL/keyring.pfx" DataProtection__GenerateCertificate=true
  log "migrating, seeding the demo and the staff data"
  (cd "$APP" && dotnet CloudpackPlus.Host.dll seed-demo)
  dotnet "$BENCH" --seed-staff 2000 "$CS"
  log "serving $URL (log: $LOCAL/bench-host.log)"
  (cd "$APP" && exec dotnet CloudpackPlus.Host.dll serve --urls "$URL" --Database:MigrateOnStart=false) >"$LOCAL/bench-host.log" 2>&1 &
  host_pid=$!
  trap 'kill "$host_pid" 2>/dev/null || true; pg_stop' EXIT
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null "$URL/Account/Login" && break
    sleep 1
  done
  dotnet "$BENCH" --staff-pages "$URL" "$CS" "${2:-15}"
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
