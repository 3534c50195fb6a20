#!/usr/bin/env bash
# The worker registry at 100,000 workers in 30 branches:
#   1. import rows/s through `WorkerImport` (domain validation, COPY into staging, duplicate
#      checks, insert) next to psql's \copy of the same rows straight into the table;
#   2. GET /api/v1/workers/{id} and a filtered list page with wrk (32 connections) next to
#      pgbench -S at 32 clients, in the same run;
#   3. the area-wide list's page 1 vs page 1,000 (keyset pagination: same cost);
#   4. GET by id again while a 20 MiB CSV import is posted to the same server: parsing and
#      validating runs off the event loops, so the GETs' p99 should stay where it was.
#   bench/run-workers.sh [seconds]     (default 10 per wrk/pgbench run)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$UNIONHALL_ROOT"
SECONDS_EACH=${1:-10}
PORT=${BENCH_PORT:-8099}
bash scripts/deps.sh wrk
bash scripts/db-up.sh
export_database_env
BIN=$(pg_bindir)
PSQL=("$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$UNIONHALL_PGHOST" -p "$UNIONHALL_PG_PORT")
OUT="$UNIONHALL_ROOT/bench/out"
mkdir -p "$OUT"
conn() { printf 'host=%s port=%s user=%s dbname=%s' "$UNIONHALL_PGHOST" "$UNIONHALL_PG_PORT" "$1" "$2"; }

log "building (release)"
# BENCH_SCRATCH_PATH keeps the release build apart from the debug one (SwiftPM locks a build folder).
SCRATCH=(${BENCH_SCRATCH_PATH:+--scratch-path "$BENCH_SCRATCH_PATH"})
swift build -c release "${SCRATCH[@]}" --product unionbench >/dev/null
swift build -c release "${SCRATCH[@]}" --product unionctl >/dev/null
swift build -c release "${SCRATCH[@]}" --product unionhall >/dev/null
REL=$(swift build -c release "${SCRATCH[@]}" --show-bin-path)

for db in uh_bench_import uh_bench_copy; do
    "${PSQL[@]}" -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db OWNER unionhall_owner"
    "$REL/unionctl" migrate --database-url "$(conn unionhall_owner $db)" >/dev/null
done
TOKEN=$("$REL/unionbench" setup --database-url "$(conn unionhall_app uh_bench_import)")
"$REL/unionbench" setup --database-url "$(conn unionhall_app uh_bench_copy)" >/dev/null
log "generating 100,000 workers"
"$REL/unionbench" generate --directory "$OUT"

log "importing through UnionHall"
IMPORT=$("$REL/unionbench" import --database-url "$(conn unionhall_app uh_bench_import)" --directory "$OUT")
IMPORT_RPS=$(sed -E 's/.*rows_per_second=([0-9]+).*/\1/' <<<"$IMPORT")

log "copying with psql \\copy"
"${PSQL[@]}" -U unionhall_owner -d uh_bench_copy -At -F $'\t' -c "SELECT code, id FROM offices" >"$OUT/offices.tsv"
awk -F'\t' -v OFS='\t' 'NR == FNR { id[$1] = $2; next } { $1 = id[$1]; print }' "$OUT/offices.tsv" "$OUT/all.tsv" >"$OUT/all-ids.tsv"
START=$(date +%s.%N)
"${PSQL[@]}" -U postgres -d uh_bench_copy -c "\\copy workers (office_id, name, id_number, sex, birth_date, phone, hukou, employer, occupation, membership_status, member_since, member_card_number) FROM '$OUT/all-ids.tsv'"
END=$(date +%s.%N)
COPY_RPS=$(awk -v s="$START" -v e="$END" 'BEGIN { printf "%.0f", 100000 / (e - s) }')

# Vacuum and statistics now, as autovacuum would do shortly after a bulk load, so it doesn't
# run during the measurements (it did, and halved them).
"${PSQL[@]}" -U postgres -d uh_bench_import -c "VACUUM ANALYZE"

log "serving uh_bench_import on :$PORT"
# The server's defaults (pool of 8, one of them carrying the batched reads), quiet logs.
DATABASE_URL="$(conn unionhall_app uh_bench_import)" UNIONHALL_PORT=$PORT UNIONHALL_LOG_LEVEL=warning \
    "$REL/unionhall" serve >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done

"${PSQL[@]}" -U unionhall_owner -d uh_bench_import -At -c "SELECT id FROM workers ORDER BY random() LIMIT 2000" >"$OUT/ids.txt"
B01=$("${PSQL[@]}" -U unionhall_owner -d uh_bench_import -At -c "SELECT id FROM offices WHERE code = 'b01'")
read -r NAME ID < <("${PSQL[@]}" -U unionhall_owner -d uh_bench_import -At -F ' ' \
    -c "SELECT name, id FROM workers ORDER BY name COLLATE \"C\", id OFFSET 49949 LIMIT 1")
CURSOR=$(printf '%s\x1f%s' "$NAME" "$ID" | base64 -w0 | tr '+/' '-_' | tr -d '=')

export BENCH_TOKEN=$TOKEN WORKER_IDS="$OUT/ids.txt"
run_wrk() {  # prints: req/s p50 p99
    wrk -t2 -c32 -d"${SECONDS_EACH}s" --latency "$@" 2>/dev/null | awk '
        /Requests\/sec/ { rps = $2 } / 50%/ { p50 = $2 } / 99%/ { p99 = $2 } /Non-2xx/ { bad = $NF }
        END { printf "%.0f %s %s %s\n", rps, p50, p99, (bad == "" ? 0 : bad) }'
}
BASE="http://127.0.0.1:$PORT"
GET=$(run_wrk -s bench/get-worker.lua "$BASE")
LIST=$(run_wrk -s bench/with-token.lua "$BASE/api/v1/workers?office_id=$B01&membership_status=active&limit=50")
PAGE1=$(run_wrk -s bench/with-token.lua "$BASE/api/v1/workers?limit=50")
PAGE1000=$(run_wrk -s bench/with-token.lua "$BASE/api/v1/workers?limit=50&after=$CURSOR")

# A roster of at least 20 MiB: every generated row again, so the import reads, validates and
# stages all of it before finding each row registered (422, nothing written).
BIG="$OUT/import-20mib.csv"
head -n 1 "$OUT/b01.csv" >"$BIG"
while [ "$(stat -c %s "$BIG")" -lt $((20 * 1024 * 1024)) ]; do
    for file in "$OUT"/b*.csv; do tail -n +2 "$file" >>"$BIG"; done
done
( sleep 1; curl -s -o /dev/null -w '%{http_code} %{time_total}s' -XPOST "$BASE/api/v1/workers/import?office_id=$B01" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' --data-binary @"$BIG" >"$OUT/import-under-load.txt" ) &
IMPORTER=$!
GET_LOADED=$(run_wrk -s bench/get-worker.lua "$BASE")
wait $IMPORTER || true

if ! "${PSQL[@]}" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'uh_bench'" | grep -q 1; then
    "${PSQL[@]}" -U postgres -d postgres -c "CREATE DATABASE uh_bench"
    "$BIN/pgbench" -q -i -s 10 -h "$UNIONHALL_PGHOST" -p "$UNIONHALL_PG_PORT" -U postgres uh_bench >/dev/null 2>&1
fi
PG=$("$BIN/pgbench" -n -S -M prepared -c 32 -j 2 -T "$SECONDS_EACH" -h "$UNIONHALL_PGHOST" -p "$UNIONHALL_PG_PORT" -U postgres uh_bench 2>/dev/null \
    | awk '/^tps/ {print int($3)}')

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "import: UnionHall ${IMPORT_RPS} rows/s, psql \\copy ${COPY_RPS} rows/s, ratio $(ratio "$IMPORT_RPS" "$COPY_RPS") (target >= 0.30)"
printf '%-28s %10s %10s %10s %8s %10s\n' "wrk, 32 connections" "req/s" "p50" "p99" "non-2xx" "vs pgbench"
for row in "GET /workers/{id}:$GET" "list (branch, filtered):$LIST" "list page 1 (area):$PAGE1" "list page 1000 (area):$PAGE1000" \
           "GET during a 20 MiB import:$GET_LOADED"; do
    label=${row%%:*}; read -r rps p50 p99 bad <<<"${row#*:}"
    printf '%-28s %10s %10s %10s %8s %10s\n' "$label" "$rps" "$p50" "$p99" "$bad" "$(ratio "$rps" "$PG")"
done
echo "pgbench -S -M prepared, 32 clients: $PG tps (target for GET by id: >= 0.25 of it)"
echo "the 20 MiB import ($(stat -c %s "$BIG") bytes) answered $(cat "$OUT/import-under-load.txt") while the GETs ran"
