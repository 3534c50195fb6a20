#!/usr/bin/env bash
# Aid disbursements through the API against one fund:
#   N cases (default 10,000), one per worker, filed and submitted by a branch officer and
#   approved by a reviewer (phase 1), then disbursed by 32 concurrent clients with an
#   Idempotency-Key each (phase 2: disbursements/s, p50, p99). Every disbursement locks the
#   same fund row and the same program row, so they take turns by design.
#   Next to it, in the same run: pgbench -c 32 -j 2 (TPC-B-like, scale 1), whose single
#   branches row is the same kind of hot spot. Target: disbursements/s >= 0.3 of its tps.
#   Afterwards `unionctl fund check` must pass.
#   bench/run-aid.sh [cases] [pgbench seconds]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$UNIONHALL_ROOT"
CASES=${1:-10000}
SECONDS_PG=${2:-10}
CLIENTS=32
PORT=${BENCH_PORT:-8098}
bash scripts/db-up.sh
export_database_env
BIN=$(pg_bindir)
PSQL=("$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$UNIONHALL_PGHOST" -p "$UNIONHALL_PG_PORT")
OUT="$UNIONHALL_ROOT/bench/out/aid"
mkdir -p "$OUT"
conn() { printf 'host=%s port=%s user=%s dbname=%s' "$UNIONHALL_PGHOST" "$UNIONHALL_PG_PORT" "$1" "$2"; }

log "building (release)"
for product in unionbench unionctl unionhall; do swift build -c release --product "$product" >/dev/null; done
REL=$(swift build -c release --show-bin-path)

DB=uh_bench_aid
"${PSQL[@]}" -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB OWNER unionhall_owner"
"$REL/unionctl" migrate --database-url "$(conn unionhall_owner $DB)" >/dev/null
"$REL/unionbench" setup --database-url "$(conn unionhall_app $DB)" --branches 1 >/dev/null
log "registering $CASES workers"
"$REL/unionbench" generate --count "$CASES" --branches 1 --directory "$OUT"
"$REL/unionbench" import --database-url "$(conn unionhall_app $DB)" --directory "$OUT" --branches 1 >/dev/null
eval "$("$REL/unionbench" aid-setup --database-url "$(conn unionhall_app $DB)" --cases "$CASES")"
"${PSQL[@]}" -U unionhall_owner -d $DB -At -c "SELECT id FROM workers ORDER BY random()" >"$OUT/workers.txt"
"${PSQL[@]}" -U postgres -d $DB -c "VACUUM ANALYZE"

log "serving $DB on :$PORT"
DATABASE_URL="$(conn unionhall_app $DB)" UNIONHALL_PORT=$PORT UNIONHALL_LOG_LEVEL=warning "$REL/unionhall" serve >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done

log "filing, approving and disbursing $CASES cases with $CLIENTS clients"
AID=$("$REL/unionbench" aid-run --base "http://127.0.0.1:$PORT" --workers "$OUT/workers.txt" --program "$PROGRAM" \
    --officer-token "$OFFICER_TOKEN" --reviewer-token "$REVIEWER_TOKEN" --clients $CLIENTS)
kill $SERVER 2>/dev/null || true
field() { sed -E "s/.*$1=([0-9.]+).*/\\1/" <<<"$AID"; }

log "pgbench (TPC-B-like, scale 1, $CLIENTS clients, ${SECONDS_PG}s)"
"${PSQL[@]}" -U postgres -d postgres -c "DROP DATABASE IF EXISTS uh_bench_tpcb WITH (FORCE)" -c "CREATE DATABASE uh_bench_tpcb"
"$BIN/pgbench" -q -i -s 1 -h "$UNIONHALL_PGHOST" -p "$UNIONHALL_PG_PORT" -U postgres uh_bench_tpcb >/dev/null 2>&1
PG=$("$BIN/pgbench" -n -c $CLIENTS -j 2 -T "$SECONDS_PG" -h "$UNIONHALL_PGHOST" -p "$UNIONHALL_PG_PORT" -U postgres uh_bench_tpcb 2>/dev/null \
    | awk '/^tps/ {print int($3)}')

log "unionctl fund check"
CHECK=0
"$REL/unionctl" fund check --database-url "$(conn unionhall_app $DB)" --as admin >"$OUT/fund-check.txt" || CHECK=$?

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "cases: $(field cases), filed+submitted+approved at $(field filed_per_second) cases/s"
echo "disbursements: $(field disbursed) at $(field disbursements_per_second)/s, p50 $(field p50_ms) ms, p99 $(field p99_ms) ms"
echo "pgbench TPC-B-like, scale 1, $CLIENTS clients: $PG tps"
echo "ratio: $(ratio "$(field disbursements_per_second)" "$PG") (target >= 0.30)"
echo "fund check: $(tail -n 1 "$OUT/fund-check.txt") (exit $CHECK)"
exit $CHECK
