#!/usr/bin/env bash
# Stops the private cluster and its replica, if any (their data stays in .pg/ and .pg-replica/).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
resolve_pg_dir
BIN=$(pg_bindir)
# The standby first, so the primary's shutdown needn't wait on its WAL sender.
if [ -e "$REPLICA_DIR" ]; then
    resolve_replica_dir
    if [ -f "$REPLICA_DATA/PG_VERSION" ] && run_as_pg "$BIN/pg_ctl" -D "$REPLICA_DATA" status >/dev/null 2>&1; then
        run_as_pg "$BIN/pg_ctl" -D "$REPLICA_DATA" -m fast -w stop >/dev/null
        log "replica stopped"
    fi
fi
if [ -f "$PG_DATA/PG_VERSION" ] && run_as_pg "$BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    run_as_pg "$BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
    log "cluster stopped"
else
    log "cluster not running"
fi
