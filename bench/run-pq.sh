#!/usr/bin/env bash
# The PQ client next to pgbench: single-row selects by primary key on pgbench_accounts, at 1 and
# 32 concurrent clients, against the same private cluster in the same run. Prints both and the
# ratio (target at 32: PQ >= 0.6 of pgbench).
#   bench/run-pq.sh [seconds]     (default 10 per measurement)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$UNIONHALL_ROOT"
SECONDS_EACH=${1:-10}
POOLS=${PQBENCH_POOLS:-"1 2 4 8"}
bash scripts/deps.sh
bash scripts/db-up.sh
export_database_env
BIN=$(pg_bindir)
PSQL=("$BIN/psql" -X -q -h "$UNIONHALL_PGHOST" -p "$UNIONHALL_PG_PORT" -U postgres)
if ! "${PSQL[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'uh_bench'" | grep -q 1; then
    "${PSQL[@]}" -d postgres -c "CREATE DATABASE uh_bench"
    "$BIN/pgbench" -q -i -s 10 -h "$UNIONHALL_PGHOST" -p "$UNIONHALL_PG_PORT" -U postgres uh_bench >/dev/null 2>&1
fi
log "building pqbench (release)"
swift build -c release --product pqbench >/dev/null
PQBENCH="$(swift build -c release --show-bin-path)/pqbench"
URL="host=$UNIONHALL_PGHOST port=$UNIONHALL_PG_PORT user=postgres dbname=uh_bench"

# pgbench opens one connection per client; the PQ pool shares a few connections among all
# tasks and pipelines their statements, so it is measured at several pool sizes.
printf '%-8s %-6s %14s %14s %8s\n' clients pool "pgbench tps" "PQ qps" ratio
for clients in 1 32; do
    pg=$("$BIN/pgbench" -n -S -M prepared -c "$clients" -j "$(( clients < 2 ? 1 : 2 ))" -T "$SECONDS_EACH" \
        -h "$UNIONHALL_PGHOST" -p "$UNIONHALL_PG_PORT" -U postgres uh_bench 2>/dev/null \
        | awk '/^tps/ {print int($3)}')
    for pool in $POOLS; do
        [ "$pool" -gt "$clients" ] && continue
        pq=$("$PQBENCH" --database-url "$URL" --tasks "$clients" --pool-size "$pool" --seconds "$SECONDS_EACH" | sed -E 's/.*qps=([0-9]+).*/\1/')
        printf '%-8s %-6s %14s %14s %8s\n' "$clients" "$pool" "$pg" "$pq" "$(awk -v a="$pq" -v b="$pg" 'BEGIN { printf "%.2f", a / b }')"
    done
done
