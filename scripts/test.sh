#!/usr/bin/env bash
# Runs every test against a real PostgreSQL: installs what is missing, starts the private
# cluster and its streaming replica (reusing running ones), then `swift test`. Extra arguments go to `swift test`.
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
# Scratch clusters of the operations tests that an interrupted run left behind.
for data in "${TMPDIR:-/tmp}/unionhall-scratch-$UNIONHALL_PG_PORT-"*/*/; do
    [ -f "$data/postmaster.pid" ] && run_as_pg "$BIN/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
done
rm -rf "${TMPDIR:-/tmp}/unionhall-scratch-$UNIONHALL_PG_PORT-"*
# The reporting replica, copied after the clean-up so the copy is small (seconds).
bash scripts/replica-up.sh
export_replica_env
log "running swift test"
[ $# -gt 0 ] && exec swift test "$@"
# The operations tests (OperationsTests) run on their own after the rest: the other suites write
# about a gigabyte of WAL creating their databases, which the replica replays up to a minute
# behind on two cores, and the replica's lag is to be measured on a quiet primary.
status=0
swift test --skip OperationsTests || status=$?
log "running the operations tests"
swift test --filter OperationsTests || status=$?
exit $status
