# Shared helpers for run.sh and test.sh. Sourced, not executed.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL="$ROOT/.local"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root to run: $*"; fi
}

# Installs the Debian packages that are not installed yet (one apt-get update at most).
_apt_updated=""
ensure_apt() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  if [ -z "$_apt_updated" ]; then as_root apt-get update -qq >&2; _apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Reports are printed to PDF by headless Chromium, with the Noto CJK fonts for Japanese (Reports:ChromiumPath);
# poppler-utils' pdftotext is what the tests read the PDFs with.
ensure_report_renderer() {
  ensure_apt chromium fonts-noto-cjk "$@"
}

ensure_dotnet() {
  command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK is required (dotnet on PATH); see README"
}

# The portal's front end (src/Portal/frontend): npm ci when node_modules is missing or older than
# package-lock.json, then the esbuild bundle into src/Portal/wwwroot/dist. The Portal project's build does
# the same (its FrontendBundle target); doing it here first gives a clear error before a long build.
ensure_frontend() {
  local dir="$ROOT/src/Portal/frontend"
  command -v npm >/dev/null 2>&1 || ensure_apt nodejs npm
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "installing the front end's npm packages (npm ci)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >&2
    touch "$dir/node_modules/.package-lock.json"
  fi
  log "bundling the front end (esbuild)"
  (cd "$dir" && node build.mjs) >&2
}
