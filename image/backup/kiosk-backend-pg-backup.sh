#!/usr/bin/env bash
# kiosk-backend-pg-backup: a consistent dump of the backend's PostgreSQL
# database (pg_dump takes one snapshot; the backend keeps taking orders),
# in pg_dump's custom format, read back with pg_restore --list before it
# counts, written under a temporary name and renamed; the KEEP newest kept.
#   kiosk-backend-pg-backup [--keep KEEP] DIR [DATABASE]
# DATABASE (a postgresql:// URL or a conninfo string) defaults to the
# "database" of /etc/kiosk/backend.ini (KIOSK_BACKEND_INI moves it), which
# must be PostgreSQL: a SQLite backend is kiosk-backup's. Run daily by
# kiosk-backend-pg-backup.timer once enabled. Restore (README.md, "Backups"):
#   pg_restore --clean --if-exists --dbname=DATABASE DIR/backend-STAMP.dump
set -euo pipefail
keep=14
if [ "${1:-}" = --keep ]; then
    keep=${2:?--keep wants a number}
    shift 2
fi
[[ "$keep" =~ ^[1-9][0-9]*$ ]] || { echo "kiosk-backend-pg-backup: --keep wants a number" >&2; exit 2; }
dir=${1:?usage: kiosk-backend-pg-backup [--keep KEEP] DIR [DATABASE]}
ini=${KIOSK_BACKEND_INI:-/etc/kiosk/backend.ini}
database=${2:-$(sed -n 's/^[[:space:]]*database[[:space:]]*=[[:space:]]*//p' "$ini" | tail -n 1)}
case "$database" in
    postgresql://* | postgres://* | *=*) ;;
    *)
        echo "kiosk-backend-pg-backup: the backend's database is not PostgreSQL (${database:-SQLite, the default}): kiosk-backup.timer backs it up" >&2
        exit 1
        ;;
esac

umask 027
mkdir -p "$dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$dir/backend-$stamp.dump"
tmp="$dir/.backend-$stamp.tmp"
trap 'rm -f "$tmp"' EXIT
pg_dump --format=custom --no-password --file="$tmp" --dbname="$database"
pg_restore --list "$tmp" >/dev/null
sync "$tmp"
mv "$tmp" "$out"
sync "$dir"
removed=0
while read -r old; do
    rm -f -- "$old"
    removed=$((removed + 1))
done < <(find "$dir" -maxdepth 1 -name 'backend-*.dump' | sort | head -n -"$keep")
echo "kiosk-backend-pg-backup: $out ($(stat -c %s "$out") bytes; $removed older removed)"
