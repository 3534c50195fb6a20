#!/usr/bin/env bash
# Creates (once) and starts (if stopped) the private PostgreSQL cluster under .pg/, then makes
# sure the roles and the `unionhall` database exist. Safe to run again: it reuses what runs.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
resolve_pg_dir
BIN=$(pg_bindir)
[ "$(id -u)" -eq 0 ] && chown "$(pg_user)" "$PG_DIR"

if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    log "creating a private cluster in $PG_DATA"
    run_as_pg "$BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    run_as_pg mkdir -p "$PG_SOCKET_DIR"
    cat <<CONF | run_as_pg tee -a "$PG_DATA/postgresql.conf" >/dev/null
# UnionHall's private cluster
listen_addresses = '127.0.0.1'
port = $UNIONHALL_PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
max_connections = 200
shared_buffers = 256MB
fsync = on
log_min_messages = warning
timezone = 'UTC'
CONF
    # Sockets are trusted (only this machine's users reach them), also for the replica's
    # streaming (scripts/replica-up.sh); TCP asks for a password.
    cat <<HBA | run_as_pg tee "$PG_DATA/pg_hba.conf" >/dev/null
local   all   all                  trust
local   replication   unionhall_replicator   trust
host    all   all   127.0.0.1/32   scram-sha-256
host    all   all   ::1/128        scram-sha-256
HBA
fi

if run_as_pg "$BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    log "cluster already running on port $UNIONHALL_PG_PORT"
else
    run_as_pg mkdir -p "$PG_SOCKET_DIR"
    log "starting the cluster on port $UNIONHALL_PG_PORT"
    run_as_pg "$BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null \
        || { tail -n 20 "$PG_LOG" >&2 || true; die "PostgreSQL did not start"; }
fi

psql_admin() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$UNIONHALL_PG_PORT" -U postgres "$@"; }
psql_admin -d postgres -f "$UNIONHALL_ROOT/sql/bootstrap/roles.sql" >/dev/null
if ! psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'unionhall'" | grep -q 1; then
    psql_admin -d postgres -c "CREATE DATABASE unionhall OWNER unionhall_owner" >/dev/null
    log "created database unionhall"
fi
