#!/usr/bin/env bash
# Runs the workflow benchmarks (figures, not a test) against a PostgreSQL cluster this script
# starts with durable default settings (fsync on) on its own port, then stops it.
# Prints (1) the in-process engine cost, (2) persisted throughput, (3) the commit ceiling.
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

log "building (Release)"
dotnet build "$ROOT/tests/Benchmarks/CloudpackPlus.Benchmarks.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly

log "running"
dotnet "$ROOT/tests/Benchmarks/bin/Release/net10.0/CloudpackPlus.Benchmarks.dll" \
  "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=cloudpack_bench"
