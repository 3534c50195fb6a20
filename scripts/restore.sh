#!/usr/bin/env bash
# Restores a backup made by `unionctl backup -o FILE` into a NEW database, then checks the books.
#
#   scripts/restore.sh FILE [DBNAME] [--replace]
#
# DBNAME defaults to `unionhall_restored`; an existing database is refused unless --replace
# (which drops it first). The target cluster is the private one unless UNIONHALL_RESTORE_PGHOST,
# UNIONHALL_RESTORE_PGPORT (and UNIONHALL_RESTORE_PGUSER, a superuser, default `postgres`) name
# another. Roles are cluster-wide and not in a database's dump: sql/bootstrap/roles.sql runs
# first (idempotent), so the restored objects keep unionhall_owner as owner and their grants to
# unionhall_app and unionhall_reporting. Afterwards every fund's balance must equal the sum of
# its ledger (exit 1 if not); `unionctl fund check` also checks the running balances.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

usage() { die "usage: scripts/restore.sh FILE [DBNAME] [--replace]"; }
file=""
database=""
replace=0
for argument in "$@"; do
    case "$argument" in
        --replace) replace=1 ;;
        -h|--help) sed -n '2,13p' "$0" >&2; exit 0 ;;
        -*) usage ;;
        *) if [ -z "$file" ]; then file=$argument; elif [ -z "$database" ]; then database=$argument; else usage; fi ;;
    esac
done
[ -n "$file" ] || usage
database=${database:-unionhall_restored}
[ -r "$file" ] || die "cannot read $file"
[[ "$database" =~ ^[a-z_][a-z0-9_]*$ ]] || die "database name $database: use lower-case letters, digits and _"

resolve_pg_dir
BIN=$(pg_bindir)
export PGHOST=${UNIONHALL_RESTORE_PGHOST:-$PG_SOCKET_DIR}
export PGPORT=${UNIONHALL_RESTORE_PGPORT:-$UNIONHALL_PG_PORT}
export PGUSER=${UNIONHALL_RESTORE_PGUSER:-postgres}
psql_on() { local db=$1; shift; "$BIN/psql" -X -q -tA -v ON_ERROR_STOP=1 -d "$db" "$@"; }

# A file pg_restore can't read is refused before anything is created.
"$BIN/pg_restore" --list "$file" >/dev/null || die "$file is not a backup pg_restore can read (made by unionctl backup?)"

psql_on postgres -f "$UNIONHALL_ROOT/sql/bootstrap/roles.sql" >/dev/null
if [ "$(psql_on postgres -c "SELECT count(*) FROM pg_database WHERE datname = '$database'")" != 0 ]; then
    [ $replace -eq 1 ] || die "database $database exists: choose another name, or pass --replace to drop it first"
    log "dropping database $database (--replace)"
    psql_on postgres -c "DROP DATABASE \"$database\" WITH (FORCE)" >/dev/null
fi
psql_on postgres -c "CREATE DATABASE \"$database\" OWNER unionhall_owner TEMPLATE template0 ENCODING 'UTF8'" >/dev/null
log "restoring $file into $database on $PGHOST:$PGPORT"
# One transaction: a restore that fails leaves an empty database, never half the data.
if ! "$BIN/pg_restore" --exit-on-error --single-transaction --dbname="$database" "$file"; then
    die "pg_restore failed; $database was left empty (drop it, or run again with --replace)"
fi
psql_on "$database" -c "ANALYZE" >/dev/null

[ "$(psql_on "$database" -c "SELECT to_regclass('public.funds') IS NOT NULL")" = t ] \
    || die "restored $database, but it has no funds table to check: not a migrated UnionHall database"
funds=$(psql_on "$database" -c "SELECT count(*) FROM funds")
broken=$(psql_on "$database" -F ' ' -c "
    SELECT f.id, f.name, f.balance, coalesce(sum(l.amount), 0)
    FROM funds f LEFT JOIN fund_ledger l ON l.fund_id = f.id
    GROUP BY f.id HAVING f.balance <> coalesce(sum(l.amount), 0)")
if [ -n "$broken" ]; then
    printf '%s\n' "$broken" >&2
    die "restored $database, but these funds' balances differ from their ledgers (id, name, balance, ledger sum)"
fi
log "restored $database: all $funds funds' balances equal their ledgers"
