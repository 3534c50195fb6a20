#!/usr/bin/env bash
# Runs every test against a real PostgreSQL: installs what is missing, starts the private
# cluster (reusing a running one), then `swift test`. Extra arguments go to `swift test`.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$UNIONHALL_ROOT"
bash scripts/deps.sh
bash scripts/db-up.sh
export_database_env
# Databases left by an earlier, interrupted run.
BIN=$(pg_bindir)
for db in $("$BIN/psql" -X -tA -h "$UNIONHALL_PGHOST" -p "$UNIONHALL_PG_PORT" -U postgres -d postgres \
        -c "SELECT datname FROM pg_database WHERE datname LIKE 'uh\_%'"); do
    "$BIN/psql" -X -q -h "$UNIONHALL_PGHOST" -p "$UNIONHALL_PG_PORT" -U postgres -d postgres \
        -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null
done
log "running swift test"
swift test "$@"
