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
ensure_frontend
ensure_report_renderer
log "building"
APP="$LOCAL/app"
dotnet publish "$ROOT/src/Host/CloudpackPlus.Host.csproj" -c Release -o "$APP" -nologo -v quiet -clp:ErrorsOnly
HOST_DLL="$APP/CloudpackPlus.Host.dll"
cd "$APP" # the content root: appsettings.json and wwwroot are found here

if [ -z "${ConnectionStrings__CloudpackPlus:-}" ]; then
  ensure_postgres
  trap pg_stop EXIT
  # Signals end the script through exit, so the EXIT trap above always stops PostgreSQL.
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
  trap '' PIPE
  pg_start pg "$PORT"
  pg_ensure_database cloudpackplus
  export ConnectionStrings__CloudpackPlus="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=cloudpackplus"
else
  log "using the PostgreSQL of ConnectionStrings__CloudpackPlus"
fi

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
export Logging__Format="${Logging__Format:-text}"
# The demo reads AWS from the in-process simulation (results shown as 「シミュレーション」); set Aws__Mode=Live for real accounts.
export Aws__Mode="${Aws__Mode:-Simulated}"
# The demo serves plain HTTP on 127.0.0.1 (cookies cannot be HTTPS-only) and captures mail as
# .eml files instead of sending it (temporary passwords of users created in the demo are there).
export Portal__SecureCookies="${Portal__SecureCookies:-false}"
export Mail__Mode="${Mail__Mode:-Capture}"
export Mail__CaptureDirectory="${Mail__CaptureDirectory:-$LOCAL/mail}"
export Mail__PortalUrl="${Mail__PortalUrl:-$URL}"
# The data-protection key ring is encrypted with a certificate (README "Key ring"); the demo makes its own under .local.
export DataProtection__CertificatePath="${DataProtection__CertificatePath:-$LOCAL/keyring.pfx}"
export DataProtection__GenerateCertificate="${DataProtection__GenerateCertificate:-true}"

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
