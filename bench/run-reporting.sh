#!/usr/bin/env bash
# The reporting views at scale (issue 14):
#   1. a fresh bench database with the area, 30 branches, 60,000 workers, programs of every kind
#      over five years and N disbursements (default 1,000,000; one in fifty reversed), goods on
#      one case in ten, activities and a yearly insurance period (bench/reporting-data.sql, plain
#      INSERT … SELECT as the owner): the load time with the rollup triggers firing per case;
#   2. rollup.aid_rebuild() over all of it;
#   3. the annual summary over the five years (the area and every branch) and one office's
#      rows (as `unionctl report annual --office` and a branch's API call ask), RUNS times
#      each: the median execution time, and EXPLAIN (ANALYZE, BUFFERS) in bench/out/reporting;
#   4. the write path's cost of the rollup: disbursements/s through the API (unionbench aid-run,
#      32 clients, a new program each round) with the rollup triggers on and off, alternating.
#   bench/run-reporting.sh [disbursements] [runs] [cases per API round] [API rounds]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$UNIONHALL_ROOT"
DISBURSEMENTS=${1:-1000000}
RUNS=${2:-7}
ROUND_CASES=${3:-2000}
ROUNDS=${4:-3}
CLIENTS=32
PORT=${BENCH_PORT:-8097}
bash scripts/db-up.sh
export_database_env
BIN=$(pg_bindir)
PSQL=("$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$UNIONHALL_PGHOST" -p "$UNIONHALL_PG_PORT")
OUT="$UNIONHALL_ROOT/bench/out/reporting"
mkdir -p "$OUT"
conn() { printf 'host=%s port=%s user=%s dbname=%s' "$UNIONHALL_PGHOST" "$UNIONHALL_PG_PORT" "$1" "$2"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

log "building (release)"
# BENCH_SCRATCH_PATH keeps the release build apart from the debug one (SwiftPM locks a build folder).
SCRATCH=(${BENCH_SCRATCH_PATH:+--scratch-path "$BENCH_SCRATCH_PATH"})
for product in unionbench unionctl unionhall; do swift build -c release "${SCRATCH[@]}" --product "$product" >/dev/null; done
REL=$(swift build -c release "${SCRATCH[@]}" --show-bin-path)

DB=uh_bench_reporting
OWNER=("${PSQL[@]}" -U unionhall_owner -d $DB)
YEAR=$(TZ=Asia/Shanghai date +%Y)
"${PSQL[@]}" -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB OWNER unionhall_owner"
"$REL/unionctl" migrate --database-url "$(conn unionhall_owner $DB)" >/dev/null
"$REL/unionbench" setup --database-url "$(conn unionhall_app $DB)" --branches 30 >/dev/null

log "loading $DISBURSEMENTS disbursements over $((YEAR - 4))–$YEAR (rollup triggers on)"
START=$(now)
"${OWNER[@]}" -v disbursements="$DISBURSEMENTS" -v year="$YEAR" -f bench/reporting-data.sql >"$OUT/load.txt"
LOAD_SECONDS=$(since "$START")
CASES_MS=$(grep -m1 '^Time:' "$OUT/load.txt" | awk '{print $2}')
GOODS_MS=$(grep '^Time:' "$OUT/load.txt" | sed -n 2p | awk '{print $2}')
"${PSQL[@]}" -U postgres -d $DB -c "VACUUM ANALYZE"
ROLLUP_ROWS=$("${OWNER[@]}" -At -c "SELECT (SELECT count(*) FROM rollup.aid_money) || ' money rows, ' || (SELECT count(*) FROM rollup.aid_reach_keys) || ' reach keys'")
PAID=$("${OWNER[@]}" -At -c "SELECT count(*) FROM aid_cases WHERE status IN ('disbursed', 'reversed')")

log "rollup.aid_rebuild()"
"${OWNER[@]}" -At -c "CREATE TABLE rollup.bench_before AS SELECT * FROM reporting.aid_summary" >/dev/null
START=$(now)
"${OWNER[@]}" -c "SELECT rollup.aid_rebuild()" >/dev/null
REBUILD_SECONDS=$(since "$START")
SAME=$("${OWNER[@]}" -At -c "SELECT count(*) FROM ((SELECT * FROM rollup.bench_before EXCEPT SELECT * FROM reporting.aid_summary)
                                                  UNION ALL (SELECT * FROM reporting.aid_summary EXCEPT SELECT * FROM rollup.bench_before)) d")
"${OWNER[@]}" -c "DROP TABLE rollup.bench_before" >/dev/null
"${PSQL[@]}" -U postgres -d $DB -c "VACUUM ANALYZE"

# Median execution time of a query over RUNS runs (EXPLAIN ANALYZE without per-node timing),
# and one EXPLAIN (ANALYZE, BUFFERS) kept for the README.
median_ms() {
    local sql=$1 name=$2
    "${PSQL[@]}" -U unionhall_reporting -d $DB -c "EXPLAIN (ANALYZE, BUFFERS) $sql" >"$OUT/explain-$name.txt"
    for _ in $(seq 1 "$RUNS"); do
        "${PSQL[@]}" -U unionhall_reporting -d $DB -At -c "EXPLAIN (ANALYZE, TIMING OFF) $sql" | awk '/Execution Time/ {print $3}'
    done | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] }'
}
log "annual summary, $RUNS runs each"
AREA_SQL="SELECT * FROM reporting.annual_summary WHERE year BETWEEN $((YEAR - 4)) AND $YEAR"
OFFICE_SQL="SELECT * FROM reporting.annual_summary WHERE year BETWEEN $((YEAR - 4)) AND $YEAR AND office_code = 'b07' AND level = 'office'"
AREA_MS=$(median_ms "$AREA_SQL" area)
OFFICE_MS=$(median_ms "$OFFICE_SQL" office)
AREA_ROWS=$("${PSQL[@]}" -U unionhall_reporting -d $DB -At -c "SELECT count(*) FROM ($AREA_SQL) s")

log "write path: disbursements through the API, rollup triggers on and off"
eval "$("$REL/unionbench" aid-setup --database-url "$(conn unionhall_app $DB)" --cases $((ROUND_CASES * ROUNDS * 2)))"
"${OWNER[@]}" -At -c "SELECT id FROM workers WHERE office_id = (SELECT id FROM offices WHERE code = 'b01') AND membership_status = 'active'
                      ORDER BY random() LIMIT $ROUND_CASES" >"$OUT/workers.txt"
DATABASE_URL="$(conn unionhall_app $DB)" UNIONHALL_PORT=$PORT UNIONHALL_LOG_LEVEL=warning "$REL/unionhall" serve >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done
rollup_triggers() {
    "${OWNER[@]}" -c "ALTER TABLE aid_cases $1 TRIGGER aid_cases_rollup_insert" -c "ALTER TABLE aid_cases $1 TRIGGER aid_cases_rollup_update" \
        -c "ALTER TABLE aid_cases $1 TRIGGER \"A_aid_cases_rollup_delete\"" -c "ALTER TABLE aid_case_goods $1 TRIGGER aid_case_goods_rollup" >/dev/null
}
ON=()
OFF=()
for round in $(seq 1 "$ROUNDS"); do
    for mode in on off; do
        # A program of its own per round (once per person): same fund, standard 100.00.
        NEW=$("${OWNER[@]}" -At -c "
            WITH p AS (
                INSERT INTO aid_programs (office_id, kind, name, year, fund_id, budget, standard_basis, once_per, eligibility)
                SELECT office_id, kind, name || ' round $round $mode', year, fund_id, budget, standard_basis, once_per, eligibility
                FROM aid_programs WHERE id = '$PROGRAM' RETURNING id, office_id)
            INSERT INTO aid_program_standards (program_id, office_id, key, amount) SELECT id, office_id, 'flat', 100.00 FROM p RETURNING program_id")
        if [ "$mode" = on ]; then rollup_triggers ENABLE; else rollup_triggers DISABLE; fi
        RESULT=$("$REL/unionbench" aid-run --base "http://127.0.0.1:$PORT" --workers "$OUT/workers.txt" --program "$NEW" \
            --officer-token "$OFFICER_TOKEN" --reviewer-token "$REVIEWER_TOKEN" --clients $CLIENTS)
        RATE=$(sed -E 's/.*disbursements_per_second=([0-9.]+).*/\1/' <<<"$RESULT")
        log "round $round, rollup $mode: $RESULT"
        if [ "$mode" = on ]; then ON+=("$RATE"); else OFF+=("$RATE"); fi
    done
done
kill $SERVER 2>/dev/null || true
rollup_triggers ENABLE
# The off rounds left the rollup behind: rebuilt, as after any bulk load with the triggers off.
"${OWNER[@]}" -c "SELECT rollup.aid_rebuild()" >/dev/null
mean() { printf '%s\n' "$@" | awk '{ s += $1 } END { printf "%.0f", s / NR }'; }

echo
echo "data: $PAID disbursements over $((YEAR - 4))–$YEAR in 30 branches; rollup: $ROLLUP_ROWS"
echo "load with the rollup triggers: $LOAD_SECONDS s in all (cases: $CASES_MS ms, goods: $GOODS_MS ms)"
echo "rollup.aid_rebuild(): $REBUILD_SECONDS s; aid_summary rows differing from the triggers' rollup: $SAME"
echo "annual summary, 5 years, $AREA_ROWS rows: median $AREA_MS ms over $RUNS runs (target < 1000)"
echo "annual summary, one office, 5 years: median $OFFICE_MS ms"
echo "API disbursements/s, rollup on: ${ON[*]} (mean $(mean "${ON[@]}")); off: ${OFF[*]} (mean $(mean "${OFF[@]}"))"
echo "plans: $OUT/explain-area.txt, $OUT/explain-office.txt"
