#!/usr/bin/env bash
# The main job on an embedded default: installs what is missing, starts the private cluster,
# builds, migrates, loads demo data on first start, and serves the API on localhost:8080 (UNIONHALL_PORT) until Ctrl-C.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$UNIONHALL_ROOT"
bash scripts/deps.sh
bash scripts/db-up.sh
export_database_env
log "building"
swift build --product unionctl >/dev/null
swift build --product unionhall >/dev/null
BIN_DIR=$(swift build --show-bin-path)
"$BIN_DIR/unionctl" migrate
# Demo data on the first start only (an empty database); prints how to sign in.
"$BIN_DIR/unionctl" demo load --if-empty
log "serving on http://${UNIONHALL_HOST:-127.0.0.1}:${UNIONHALL_PORT:-8080} (Ctrl-C stops; scripts/db-down.sh stops PostgreSQL)"
exec "$BIN_DIR/unionhall" serve
