#!/usr/bin/env bash
# A private PostgreSQL server for the backend's tests and benchmark:
#
#   postgres.sh start DIR PORT   initdb into DIR when it is empty, start the
#                                server listening only on the unix socket
#                                DIR/.s.PGSQL.PORT (no TCP), fsync on, create
#                                the database kiosk_test, wait until it answers.
#                                Does nothing more when it already runs.
#   postgres.sh stop DIR         fast shutdown (open sessions are cut off);
#                                nothing when it is not running.
#   postgres.sh remove DIR       stop, then delete DIR and everything in it.
#
# Clients connect with "host=DIR port=PORT dbname=kiosk_test user=postgres"
# (trust authentication: only who can reach DIR can connect).
# As root the server runs as the postgres user (PostgreSQL refuses root), so
# DIR must be reachable by that user: use a folder under /tmp, not under a
# home directory. The unix socket path (DIR/.s.PGSQL.PORT) must stay under
# 107 bytes. PG_BINDIR overrides where initdb and pg_ctl are looked for.
set -euo pipefail

usage() {
    echo "usage: postgres.sh start DIR PORT | stop DIR | remove DIR" >&2
    exit 2
}

bindir() {
    if [ -n "${PG_BINDIR:-}" ]; then
        echo "$PG_BINDIR"
        return
    fi
    local newest
    newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$newest" ] || [ ! -x "$newest/pg_ctl" ]; then
        echo "postgres.sh: no PostgreSQL server found (apt-get install postgresql)" >&2
        exit 1
    fi
    echo "$newest"
}

# Runs a server program as the postgres user when we are root, else as ourselves.
as_server() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

[ $# -ge 2 ] || usage
verb=$1
dir=$2
bin=$(bindir)

case "$verb" in
start)
    [ $# -eq 3 ] || usage
    port=$3
    case "$port" in '' | *[!0-9]*) usage ;; esac
    socket="$dir/.s.PGSQL.$port"
    if [ ${#socket} -gt 107 ]; then
        echo "postgres.sh: $socket is longer than a unix socket path may be" >&2
        exit 1
    fi
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres:postgres "$dir"
        if ! runuser -u postgres -- test -w "$dir"; then
            echo "postgres.sh: the postgres user cannot reach $dir (put it under /tmp)" >&2
            exit 1
        fi
    fi
    chmod 700 "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
        # C collation and UTF-8: byte order like SQLite's, Arabic names stored as sent.
        log=$(mktemp)
        as_server "$bin/initdb" --pgdata="$dir" --username=postgres --auth=trust \
            --encoding=UTF8 --no-locale >"$log" 2>&1 || {
            cat "$log" >&2
            rm -f "$log"
            exit 1
        }
        rm -f "$log"
    fi
    if ! as_server "$bin/pg_ctl" status --pgdata="$dir" >/dev/null 2>&1; then
        # -w: returns once the server accepts connections.
        as_server "$bin/pg_ctl" start --pgdata="$dir" --wait --timeout=60 --silent \
            --log="$dir/server.log" \
            --options="-c listen_addresses='' -c unix_socket_directories='$dir' -c port=$port -c fsync=on -c synchronous_commit=on" || {
            tail -n 20 "$dir/server.log" >&2 || true
            exit 1
        }
    fi
    psql=("$bin/psql" --no-psqlrc --quiet --tuples-only --no-align --host="$dir" --port="$port"
          --username=postgres --dbname=postgres)
    if [ "$(as_server "${psql[@]}" --command="SELECT 1 FROM pg_database WHERE datname = 'kiosk_test'")" != 1 ]; then
        as_server "${psql[@]}" --command="CREATE DATABASE kiosk_test"
    fi
    ;;
stop | remove)
    [ $# -eq 2 ] || usage
    if [ -f "$dir/PG_VERSION" ] &&
        as_server "$bin/pg_ctl" status --pgdata="$dir" >/dev/null 2>&1; then
        as_server "$bin/pg_ctl" stop --pgdata="$dir" --mode=fast --wait --silent
    fi
    if [ "$verb" = remove ]; then
        rm -rf -- "$dir"
    fi
    ;;
*)
    usage
    ;;
esac
