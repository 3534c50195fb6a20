#!/usr/bin/env bash
# Prints the environment for the private cluster: eval "$(scripts/env.sh)".
set -euo pipefail
source "$(dirname "$0")/lib.sh"
export_database_env
export_replica_env
for name in DATABASE_URL UNIONHALL_OWNER_URL UNIONHALL_ADMIN_URL UNIONHALL_REPORTING_URL UNIONHALL_PGHOST UNIONHALL_PG_PORT \
        UNIONHALL_REPLICA_URL UNIONHALL_REPLICA_PGHOST UNIONHALL_REPLICA_PORT; do
    printf 'export %s=%q\n' "$name" "${!name}"
done
