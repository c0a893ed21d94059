#!/usr/bin/env bash
# Starts (or stops) the PostgreSQL server of a test run, in a folder of its own, on a
# Unix socket only, and loads the stand-in warehouse into two databases anchored at
# the tests' as-of time: wh_healthy, wh_faults and wh_feeds_stopped. One role, opsctl_secret, must give
# a password (scram-sha-256; kSecretRolePassword in test_support.h) and may read
# wh_healthy; every other role stays trusted.
#   postgres_fixture.sh start DIR PORT OPSCTL
#   postgres_fixture.sh stop DIR PORT
set -euo pipefail
action=$1 dir=$2 port=$3
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/pg_ctl" ] || { echo "postgres_fixture: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
as_of="2026-11-26 08:00:00"

# initdb refuses to run as root: run the server as the postgres user then.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop() {
  if [ -f "$dir/data/postmaster.pid" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true; fi
}

case $action in
  start)
    opsctl=$4
    stop
    rm -rf "$dir"
    mkdir -p "$dir/socket"
    [ "$(id -u)" = 0 ] && chown -R postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir/socket -c listen_addresses='' -c fsync=off" start >/dev/null
    echo "$port" >"$dir/port"
    for db in wh_healthy wh_faults wh_feeds_stopped; do
      "$bin/psql" -h "$dir/socket" -p "$port" -U postgres -qc "CREATE DATABASE $db" postgres
    done
    "$opsctl" -q standin load --target "postgresql://postgres@/wh_healthy?host=$dir/socket&port=$port" --as-of "$as_of"
    "$opsctl" -q standin load --target "postgresql://postgres@/wh_faults?host=$dir/socket&port=$port" --as-of "$as_of" --faults
    "$opsctl" -q standin load --target "postgresql://postgres@/wh_feeds_stopped?host=$dir/socket&port=$port" --as-of "$as_of" --scenario feeds-stopped
    "$bin/psql" -h "$dir/socket" -p "$port" -U postgres -q -v ON_ERROR_STOP=1 wh_healthy <<'SQL'
CREATE ROLE opsctl_secret LOGIN PASSWORD 'Fixture-s3cret-Pw9';
GRANT SELECT ON ALL TABLES IN SCHEMA public TO opsctl_secret;
SQL
    # The first matching line wins: the role's line goes before initdb's trust lines.
    sed -i '1i local all opsctl_secret scram-sha-256' "$dir/data/pg_hba.conf"
    as_owner "$bin/pg_ctl" -D "$dir/data" reload >/dev/null
    echo "postgres_fixture: PostgreSQL on $dir/socket port $port, stand-in loaded as of $as_of"
    ;;
  stop)
    stop
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR PORT [OPSCTL]" >&2; exit 2 ;;
esac
