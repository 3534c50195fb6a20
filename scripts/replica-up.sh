#!/usr/bin/env bash
# Starts a hot standby of the private cluster for the reporting job: .pg-replica/ on
# UNIONHALL_REPLICA_PORT (default: the primary's port + 1), streaming from the primary as the
# role `unionhall_replicator` through the physical replication slot `unionhall_replica`.
# Safe to run again: a running, streaming standby is reused; one that won't start or stream, or
# that was copied from another primary (a recreated .pg), is thrown away and copied anew with
# pg_basebackup. Needs the primary running (scripts/db-up.sh). scripts/db-down.sh stops both.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
resolve_pg_dir
resolve_replica_dir
BIN=$(pg_bindir)
SLOT=unionhall_replica
[ "$(id -u)" -eq 0 ] && chown "$(pg_user)" "$REPLICA_DIR"

run_as_pg "$BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1 || die "the primary is not running: run scripts/db-up.sh first"
psql_on() { local host=$1 port=$2; shift 2; "$BIN/psql" -X -q -tA -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U postgres -d postgres "$@"; }
psql_primary() { psql_on "$PG_SOCKET_DIR" "$UNIONHALL_PG_PORT" "$@"; }
psql_replica() { psql_on "$REPLICA_SOCKET_DIR" "$UNIONHALL_REPLICA_PORT" "$@"; }

# The primary's side, each step idempotent. wal_level is `replica` and max_wal_senders 10 by
# default. The slot keeps the WAL the standby hasn't received yet; max_slot_wal_keep_size caps
# what a standby left stopped can pin (past it the slot is dropped from use and the next run of
# this script copies the standby anew).
psql_primary <<SQL >/dev/null
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'unionhall_replicator') THEN
        CREATE ROLE unionhall_replicator LOGIN REPLICATION;
    END IF;
END
\$\$;
SELECT pg_create_physical_replication_slot('$SLOT')
WHERE NOT EXISTS (SELECT FROM pg_replication_slots WHERE slot_name = '$SLOT');
ALTER SYSTEM SET max_slot_wal_keep_size = '2GB';
SELECT pg_reload_conf();
SQL
# Replication connections match only lines naming `replication`; the socket is trusted, as for
# every other role of the private cluster.
if ! run_as_pg grep -q '^local[[:space:]]\+replication[[:space:]]\+unionhall_replicator' "$PG_DATA/pg_hba.conf"; then
    printf 'local   replication   unionhall_replicator   trust\n' | run_as_pg tee -a "$PG_DATA/pg_hba.conf" >/dev/null
    psql_primary -c "SELECT pg_reload_conf()" >/dev/null
fi

system_identifier() {
    run_as_pg "$BIN/pg_controldata" -D "$1" 2>/dev/null | sed -n 's/^Database system identifier:[[:space:]]*//p'
}

replica_running() { run_as_pg "$BIN/pg_ctl" -D "$REPLICA_DATA" status >/dev/null 2>&1; }

# Up to 30 s for the standby's WAL receiver to report `streaming`.
wait_streaming() {
    local i
    for i in $(seq 1 60); do
        [ "$(psql_replica -c "SELECT status FROM pg_stat_wal_receiver" 2>/dev/null)" = streaming ] && return 0
        sleep 0.5
    done
    return 1
}

start_replica() {
    run_as_pg mkdir -p "$REPLICA_SOCKET_DIR"
    run_as_pg "$BIN/pg_ctl" -D "$REPLICA_DATA" -l "$REPLICA_LOG" -w -t 120 start >/dev/null
}

healthy=0
if [ -f "$REPLICA_DATA/PG_VERSION" ] && [ -f "$REPLICA_DATA/standby.signal" ] \
        && [ "$(system_identifier "$REPLICA_DATA")" = "$(system_identifier "$PG_DATA")" ]; then
    if replica_running || start_replica; then
        wait_streaming && healthy=1
    fi
fi

if [ $healthy -eq 1 ]; then
    log "replica already streaming on port $UNIONHALL_REPLICA_PORT"
    exit 0
fi

if [ -f "$REPLICA_DATA/PG_VERSION" ]; then
    log "replica in $REPLICA_DATA is broken or from another primary: copying it anew"
    replica_running && run_as_pg "$BIN/pg_ctl" -D "$REPLICA_DATA" -m immediate -w stop >/dev/null || true
fi
run_as_pg rm -rf "$REPLICA_DATA"
log "copying the primary into $REPLICA_DATA (pg_basebackup)"
# -c fast: checkpoint at once instead of spreading it, so the copy starts in seconds.
run_as_pg "$BIN/pg_basebackup" -h "$PG_SOCKET_DIR" -p "$UNIONHALL_PG_PORT" -U unionhall_replicator \
    -D "$REPLICA_DATA" -X stream -S "$SLOT" -c fast >/dev/null \
    || die "pg_basebackup from the primary failed"
run_as_pg touch "$REPLICA_DATA/standby.signal"
# Later lines win over the primary's settings copied with the data folder.
cat <<CONF | run_as_pg tee -a "$REPLICA_DATA/postgresql.conf" >/dev/null
# UnionHall's streaming replica (scripts/replica-up.sh)
port = $UNIONHALL_REPLICA_PORT
unix_socket_directories = '$REPLICA_SOCKET_DIR'
primary_conninfo = 'host=$PG_SOCKET_DIR port=$UNIONHALL_PG_PORT user=unionhall_replicator application_name=unionhall_replica'
primary_slot_name = '$SLOT'
hot_standby = on
# Long reports aren't cancelled because vacuum on the primary removed rows they still read.
hot_standby_feedback = on
CONF
log "starting the replica on port $UNIONHALL_REPLICA_PORT"
start_replica || { tail -n 20 "$REPLICA_LOG" >&2 || true; die "the replica did not start"; }
wait_streaming || { tail -n 20 "$REPLICA_LOG" >&2 || true; die "the replica does not stream from the primary"; }
log "replica streaming from port $UNIONHALL_PG_PORT"
