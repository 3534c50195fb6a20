#!/usr/bin/env bash
# Stops the private cluster (its data stays in .pg/).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
resolve_pg_dir
BIN=$(pg_bindir)
if [ -f "$PG_DATA/PG_VERSION" ] && run_as_pg "$BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    run_as_pg "$BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
    log "cluster stopped"
else
    log "cluster not running"
fi
