#!/usr/bin/env bash
# Whole-area roster enrolment through the API (issue 12):
#   100,000 members in 30 branches (imported through WorkerImport), one plan and one coverage
#   period, and POST /insurance-periods/{id}/enrol-roster by the area administrator with the
#   premiums drawn from one fund: members/s. Next to it, in the same database and run, a plain
#   INSERT … SELECT of the same rows into insurance_enrolments for a second period (same table,
#   same triggers and indexes). Target: >= 0.3 of it. Afterwards `unionctl fund check` must pass.
#   bench/run-insurance.sh [members]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$UNIONHALL_ROOT"
MEMBERS=${1:-100000}
PORT=${BENCH_PORT:-8096}
bash scripts/db-up.sh
export_database_env
BIN=$(pg_bindir)
PSQL=("$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$UNIONHALL_PGHOST" -p "$UNIONHALL_PG_PORT")
OUT="$UNIONHALL_ROOT/bench/out/insurance"
mkdir -p "$OUT"
conn() { printf 'host=%s port=%s user=%s dbname=%s' "$UNIONHALL_PGHOST" "$UNIONHALL_PG_PORT" "$1" "$2"; }
now() { date +%s.%N; }

log "building (release)"
# BENCH_SCRATCH_PATH keeps the release build apart from the debug one (SwiftPM locks a build folder).
SCRATCH=(${BENCH_SCRATCH_PATH:+--scratch-path "$BENCH_SCRATCH_PATH"})
for product in unionbench unionctl unionhall; do swift build -c release "${SCRATCH[@]}" --product "$product" >/dev/null; done
REL=$(swift build -c release "${SCRATCH[@]}" --show-bin-path)

DB=uh_bench_insurance
"${PSQL[@]}" -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB OWNER unionhall_owner"
"$REL/unionctl" migrate --database-url "$(conn unionhall_owner $DB)" >/dev/null
TOKEN=$("$REL/unionbench" setup --database-url "$(conn unionhall_app $DB)")
log "registering $MEMBERS members in 30 branches"
"$REL/unionbench" generate --count "$MEMBERS" --directory "$OUT"
"$REL/unionbench" import --database-url "$(conn unionhall_app $DB)" --directory "$OUT" >/dev/null
"${PSQL[@]}" -U postgres -d $DB -c "VACUUM ANALYZE"

log "serving $DB on :$PORT"
DATABASE_URL="$(conn unionhall_app $DB)" UNIONHALL_PORT=$PORT UNIONHALL_LOG_LEVEL=warning "$REL/unionhall" serve >"$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done
BASE="http://127.0.0.1:$PORT/api/v1"
api() { curl -sf -XPOST "$BASE/$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$2"; }
id_of() { sed -E 's/.*"id":"([^"]+)".*/\1/'; }

TODAY=$(TZ=Asia/Shanghai date +%F)
START=$(TZ=Asia/Shanghai date -d "+1 day" +%F)
END=$(TZ=Asia/Shanghai date -d "+1 year" +%F)
FUND=$(api funds '{"name": "会费（互助保障）", "source": "union_dues"}' | id_of)
api "funds/$FUND/receipts" '{"amount": "5000000.00", "payer": "地区总工会会费", "memo": "保费"}' >/dev/null
PLAN=$(api insurance-plans '{"code": "inpatient", "name": "在职职工住院医疗互助保障", "insurer": "北京市职工互助保障协会", "premium_per_share": "10.00", "max_shares": 3, "deductible": "500.00", "payout_percent": 60, "cap_per_share": "5000.00"}' | id_of)
PERIOD=$(api insurance-periods "{\"plan_id\": \"$PLAN\", \"starts_on\": \"$START\", \"ends_on\": \"$END\", \"enrol_opens_on\": \"$TODAY\", \"enrol_closes_on\": \"$START\"}" | id_of)
OTHER=$(api insurance-periods "{\"plan_id\": \"$PLAN\", \"starts_on\": \"$(TZ=Asia/Shanghai date -d '+2 days' +%F)\", \"ends_on\": \"$END\", \"enrol_opens_on\": \"$TODAY\", \"enrol_closes_on\": \"$START\"}" | id_of)

log "enrolling the whole area through the API"
T0=$(now)
REPLY=$(curl -sf -XPOST "$BASE/insurance-periods/$PERIOD/enrol-roster" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: bench-roster-1" -d "{\"shares\": 1, \"fund_id\": \"$FUND\"}")
T1=$(now)
kill $SERVER 2>/dev/null || true
ENROLLED=$(sed -E 's/.*"enrolled":([0-9]+).*/\1/' <<<"$REPLY")

log "the same rows by a plain INSERT … SELECT"
T2=$(now)
"${PSQL[@]}" -U unionhall_owner -d $DB -c "
    INSERT INTO insurance_enrolments (period_id, worker_id, office_id, shares, premium, payer, cap_total)
    SELECT '$OTHER', id, office_id, 1, 10.00, 'member', 5000.00 FROM workers WHERE membership_status = 'active'"
T3=$(now)
PLAIN=$("${PSQL[@]}" -U unionhall_owner -d $DB -At -c "SELECT count(*) FROM insurance_enrolments WHERE period_id = '$OTHER'")

log "unionctl fund check"
CHECK=0
DATABASE_URL="$(conn unionhall_app $DB)" "$REL/unionctl" fund check --as admin >"$OUT/fund-check.txt" 2>&1 || CHECK=$?

rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.0f", n / (b - a) }'; }
API_RATE=$(rate "$ENROLLED" "$T0" "$T1")
PLAIN_RATE=$(rate "$PLAIN" "$T2" "$T3")
echo
echo "enrol-roster: $ENROLLED members in $(awk -v a="$T0" -v b="$T1" 'BEGIN { printf "%.2f", b - a }') s = $API_RATE members/s (premiums from one fund, one ledger entry)"
echo "INSERT … SELECT: $PLAIN rows in $(awk -v a="$T2" -v b="$T3" 'BEGIN { printf "%.2f", b - a }') s = $PLAIN_RATE rows/s"
echo "ratio $(awk -v a="$API_RATE" -v b="$PLAIN_RATE" 'BEGIN { printf "%.2f", a / b }') (target >= 0.30); fund check exit $CHECK"
exit $CHECK
