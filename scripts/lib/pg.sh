# A project-local PostgreSQL cluster: initdb into a folder under .local, own port and
# socket, started and stopped by the calling script. Sourced, not executed.
# shellcheck shell=bash

pg_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

ensure_postgres() {
  pg_bindir >/dev/null || ensure_apt postgresql
  PG_BIN="$(pg_bindir)" || die "PostgreSQL server binaries not found after installing 'postgresql'"
  local major; major="$("$PG_BIN/postgres" --version | grep -oE '[0-9]+' | head -1)"
  [ "$major" -ge 15 ] || die "PostgreSQL 15 or newer is required, found $major"
}

# PostgreSQL refuses to run as root: as root, the cluster belongs to the 'postgres' user.
_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_start NAME PORT [extra postgresql.conf lines...]; sets PG_DIR, PG_PORT.
pg_start() {
  local name="$1" port="$2"; shift 2
  PG_PORT="$port"
  PG_DIR="$LOCAL/$name"
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$ROOT"; then
    # The checkout is not reachable by the postgres user (e.g. under /root): keep the cluster outside it.
    PG_DIR="/var/tmp/cloudpackplus-$(printf '%s' "$ROOT" | md5sum | cut -c1-8)/$name"
  fi
  mkdir -p "$PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_DIR"
  if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
    log "initialising PostgreSQL cluster in $PG_DIR"
    _pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    _pg_as_owner mkdir -p "$PG_DIR/run"
    {
      echo "listen_addresses = '127.0.0.1'"
      echo "port = $port"
      echo "unix_socket_directories = '$PG_DIR/run'"
      echo "max_connections = 300"
      echo "shared_buffers = 256MB"
      local line; for line in "$@"; do echo "$line"; done
    } | _pg_as_owner tee -a "$PG_DIR/data/postgresql.conf" >/dev/null
  fi
  if _pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
    log "PostgreSQL already running on 127.0.0.1:$port"
  else
    log "starting PostgreSQL on 127.0.0.1:$port"
    # setsid: Ctrl-C in the terminal must reach the app, not the database; the script stops it.
    _pg_as_owner setsid "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t 60 start >/dev/null \
      || { tail -20 "$PG_DIR/postgres.log" >&2; die "PostgreSQL did not start (log: $PG_DIR/postgres.log)"; }
  fi
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  if _pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
    log "stopping PostgreSQL"
    _pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null || true
  fi
}

pg_admin_cs() { echo "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"; }

# pg_ensure_database NAME
pg_ensure_database() {
  local psql=("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAq)
  [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" = "1" ] \
    || "${psql[@]}" -c "CREATE DATABASE \"$1\"" >/dev/null
}
