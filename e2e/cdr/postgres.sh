# PostgreSQL for e2e tests (source it): a throw-away cluster of Debian's postgresql-15 in a temp
# directory, listening on 127.0.0.1 only (and a Unix socket in that directory), password (SCRAM)
# for user $PG_USER. initdb and postgres refuse root, so as root they run as the postgres user.
#   pg_init            makes the cluster, picks a free port: sets PG_DIR, PG_PORT, PG_URL
#   pg_up / pg_down    starts it / stops it at once (-m immediate: connections die like in a crash)
#   pg_sql <sql>       runs SQL, unaligned output, fields separated by \x1f
#   pg_destroy         stops it and removes the directory
PG_USER=cdr PG_PASSWORD=cdr-e2e-secret
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)

pg_as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_init() {
  [ -x "$PG_BIN/initdb" ] || { echo "postgres: no server installed (apt-get install postgresql-15)"; return 1; }
  PG_DIR=$(mktemp -d /tmp/tabphone-e2e-pg.XXXXXX)
  PG_PORT=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
  PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres"
  echo "$PG_PASSWORD" >"$PG_DIR/pw"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$PG_DIR"
  pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U "$PG_USER" --pwfile "$PG_DIR/pw" --auth=scram-sha-256 -E UTF8 \
    --no-sync >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log"; return 1; }
}

pg_up() {
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
    -o "-h 127.0.0.1 -p $PG_PORT -k $PG_DIR" start >/dev/null || { tail -20 "$PG_DIR/server.log"; return 1; }
}

pg_down() { pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true; }

pg_sql() {
  PGPASSWORD=$PG_PASSWORD "$PG_BIN/psql" -X -q -At -F $'\x1f' -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres \
    -v ON_ERROR_STOP=1 -c "$1"
}

pg_destroy() {
  [ -n "${PG_DIR:-}" ] || return 0
  pg_down
  rm -rf "$PG_DIR"
}
