#!/usr/bin/env bash
# Builds and runs the whole platform: installs what is missing, starts the local
# PostgreSQL (unless ConnectionStrings__CloudpackPlus is set), migrates, seeds the
# demo and serves the portal on http://127.0.0.1:5080. Ctrl-C stops everything.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$ROOT/scripts/lib/pg.sh"

URL="${CLOUDPACK_URL:-http://127.0.0.1:5080}"
PORT="${CLOUDPACK_PG_PORT:-55432}"

ensure_dotnet
log "building"
dotnet build "$ROOT/src/Host/CloudpackPlus.Host.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly
HOST_DLL="$ROOT/src/Host/bin/Release/net10.0/CloudpackPlus.Host.dll"

if [ -z "${ConnectionStrings__CloudpackPlus:-}" ]; then
  ensure_postgres
  trap pg_stop EXIT
  pg_start pg "$PORT"
  pg_ensure_database cloudpackplus
  export ConnectionStrings__CloudpackPlus="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=cloudpackplus"
else
  log "using the PostgreSQL of ConnectionStrings__CloudpackPlus"
fi

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
export Logging__Format="${Logging__Format:-text}"
# The demo serves plain HTTP on 127.0.0.1 (cookies cannot be HTTPS-only) and captures mail as
# .eml files instead of sending it (temporary passwords of users created in the demo are there).
export Portal__SecureCookies="${Portal__SecureCookies:-false}"
export Mail__Mode="${Mail__Mode:-Capture}"
export Mail__CaptureDirectory="${Mail__CaptureDirectory:-$LOCAL/mail}"
export Mail__PortalUrl="${Mail__PortalUrl:-$URL}"

log "migrating and seeding the demo"
dotnet "$HOST_DLL" seed-demo

log "mail is captured in $Mail__CaptureDirectory (one .eml file per message)"
log "sign in at $URL/Account/Login, e.g. rep@demo.example.jp / Cloudpack-Demo-2026; the first sign-in sets up TOTP (any authenticator app)"
log "serving $URL (Ctrl-C to stop)"
# Not exec: when the app exits (Ctrl-C), the EXIT trap stops PostgreSQL.
set +e
dotnet "$HOST_DLL" serve --urls "$URL" --Database:MigrateOnStart=false
status=$?
set -e
# 130 = stopped by Ctrl-C, which is how a user ends a run.
[ "$status" -eq 130 ] && status=0
exit "$status"
