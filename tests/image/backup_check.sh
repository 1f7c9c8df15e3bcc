#!/usr/bin/env bash
# ctest image.backup: the backups a box and a backend server take, and their
# restore, with this build's programs and the package's scripts.
# - kiosk-backup on a kiosk database with three paid demo orders (as
#   kiosk-backup.service runs it, a database the box lacks skipped), then
#   --restore into a new file: the same orders, and the kiosk's own end-of-day
#   summary of the restored file is byte for byte the original's; a backup
#   of another database is refused.
# - kiosk-backend-pg-backup against the suite's PostgreSQL server
#   (KIOSK_TEST_PG_DIR, KIOSK_TEST_PG_PORT): a database the backend created
#   and filled is dumped, dropped and restored with pg_restore as README.md
#   says; its tables read back the same; a backend on SQLite is refused.
#   backup_check.sh BUILD_DIR SOURCE_DIR TMP_DIR
set -euo pipefail
build=$1 src=$2 tmp=$3
rm -rf "$tmp"
mkdir -p "$tmp"
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
programs=$build/kiosk/programs

# ---- a kiosk's SQLite database ----
"$programs/kiosk" --headless-demo --orders 3 --db "$tmp/kiosk.db" >"$tmp/demo.log" 2>&1
orders() { sqlite3 "$1" "SELECT uuid, number, status, total FROM orders ORDER BY number"; }
"$programs/kiosk-backup" --keep 5 "$tmp/backups" "$tmp/kiosk.db" "$tmp/attendant.db" \
    >"$tmp/backup.log" 2>&1 || fail "kiosk-backup: $(cat "$tmp/backup.log")"
grep -q "attendant.db does not exist: skipped" "$tmp/backup.log" || fail "a missing database: $(cat "$tmp/backup.log")"
backups=("$tmp"/backups/kiosk-*.db)
[ "${#backups[@]}" -eq 1 ] && [ -f "${backups[0]}" ] || fail "backups: ${backups[*]}"
[ "$(stat -c %a "${backups[0]}")" = 640 ] || fail "the backup is readable by others: $(stat -c %a "${backups[0]}")"
[ "$(orders "${backups[0]}" | wc -l)" -eq 3 ] || fail "the backup holds $(orders "${backups[0]}" | wc -l) orders"

mkdir -p "$tmp/restored"
"$programs/kiosk-backup" --restore "${backups[0]}" "$tmp/restored/kiosk.db" >"$tmp/restore.log" 2>&1 ||
    fail "restore: $(cat "$tmp/restore.log")"
[ "$(orders "$tmp/restored/kiosk.db")" = "$(orders "$tmp/kiosk.db")" ] || fail "the restored orders differ"
summary() { # DB: the kiosk's end-of-day summary of today, as the printer's bytes
    "$programs/kiosk" --summary today --db "$1" --out "$2" >/dev/null 2>&1
}
summary "$tmp/kiosk.db" "$tmp/original.escpos" && summary "$tmp/restored/kiosk.db" "$tmp/restored.escpos" ||
    fail "no summary"
cmp -s "$tmp/original.escpos" "$tmp/restored.escpos" || fail "the restored summary differs"
if "$programs/kiosk-backup" --restore "${backups[0]}" "$tmp/restored/kitchen.db" >"$tmp/refused.log" 2>&1; then
    fail "a kiosk backup restored into kitchen.db"
fi
grep -q "is not a backup of" "$tmp/refused.log" || fail "refusal: $(cat "$tmp/refused.log")"

# ---- the backend on PostgreSQL ----
pg_dir=${KIOSK_TEST_PG_DIR:?the postgres fixture} pg_port=${KIOSK_TEST_PG_PORT:?}
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
export PATH="$pg_bin:$PATH"
psql_as() { # DB SQL: one query as the server's superuser, unaligned
    psql --no-psqlrc --quiet --tuples-only --no-align --host="$pg_dir" --port="$pg_port" \
        --username=postgres --dbname="$1" --command="$2"
}
db=kiosk_backup_check
conninfo="host=$pg_dir port=$pg_port dbname=$db user=postgres"
psql_as postgres "DROP DATABASE IF EXISTS $db" >/dev/null
psql_as postgres "CREATE DATABASE $db" >/dev/null

# The backend creates its tables; then a heartbeat and some stock as it would keep them.
token=mgr-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 28)
port=$((20000 + RANDOM % 20000))
printf '[backend]\nlisten = 127.0.0.1:%s\nmanager_token = %s\ndatabase = %s\n' "$port" "$token" \
    "$conninfo" >"$tmp/backend.ini"
chmod 0640 "$tmp/backend.ini"
"$programs/kiosk-backend" --config "$tmp/backend.ini" >"$tmp/backend.log" 2>&1 &
backend=$!
for _ in $(seq 300); do
    curl -sf "http://127.0.0.1:$port/v1/health" >/dev/null 2>&1 && break
    kill -0 "$backend" 2>/dev/null || break
    sleep 0.1
done
kill "$backend" 2>/dev/null || true
wait "$backend" 2>/dev/null || true
[ "$(psql_as "$db" "SELECT count(*) FROM be_orders")" = 0 ] || fail "the backend made no tables: $(cat "$tmp/backend.log")"
psql_as "$db" "INSERT INTO be_heartbeats VALUES ('kiosk-07', 1796394600, '0.2.0', 2, '{\"printer\": \"ok\"}');
               INSERT INTO be_stock (store_id, item_id, on_hand) VALUES ('store-1', 'cola', 48), ('store-1', 'fries', 12000)" >/dev/null
tables() { psql_as "$db" "SELECT kiosk_id, at, version, devices FROM be_heartbeats; SELECT * FROM be_stock ORDER BY item_id"; }
before=$(tables)

"$src/image/backup/kiosk-backend-pg-backup.sh" --keep 2 "$tmp/pg-backups" "$conninfo" >"$tmp/pg-backup.log" 2>&1 ||
    fail "kiosk-backend-pg-backup: $(cat "$tmp/pg-backup.log")"
dumps=("$tmp"/pg-backups/backend-*.dump)
[ -f "${dumps[0]}" ] || fail "no dump: $(cat "$tmp/pg-backup.log")"
psql_as postgres "DROP DATABASE $db" >/dev/null
psql_as postgres "CREATE DATABASE $db" >/dev/null
pg_restore --clean --if-exists --no-owner --dbname="$conninfo" "${dumps[0]}" >"$tmp/pg-restore.log" 2>&1 ||
    fail "pg_restore: $(cat "$tmp/pg-restore.log")"
[ "$(tables)" = "$before" ] || fail "the restored tables differ: $(tables)"
psql_as postgres "DROP DATABASE $db" >/dev/null

# A backend on SQLite is kiosk-backup's: the PostgreSQL script says so.
printf '[backend]\nlisten = 127.0.0.1:8091\n' >"$tmp/sqlite-backend.ini"
if KIOSK_BACKEND_INI="$tmp/sqlite-backend.ini" "$src/image/backup/kiosk-backend-pg-backup.sh" \
        "$tmp/pg-backups" >"$tmp/pg-refused.log" 2>&1; then
    fail "a SQLite backend dumped with pg_dump"
fi
grep -q "not PostgreSQL" "$tmp/pg-refused.log" || fail "refusal: $(cat "$tmp/pg-refused.log")"

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "backup checks passed"
