-- Bulk data for bench/run-reporting.sh, run as unionhall_owner on a fresh bench database that
-- holds the area and 30 branches (unionbench setup). Variables: :disbursements (total cases
-- paid), :year (this year, Beijing). Plain INSERT … SELECT: the rollup triggers fire for every
-- case as they would for the app; the audit triggers are off for the load (they would write a
-- million audit rows, which is not what this measures) and on again at the end.
\set ON_ERROR_STOP on

ALTER TABLE aid_cases DISABLE TRIGGER aid_cases_audit;
ALTER TABLE aid_case_goods DISABLE TRIGGER aid_case_goods_audit;
ALTER TABLE workers DISABLE TRIGGER workers_audit;
ALTER TABLE insurance_enrolments DISABLE TRIGGER insurance_enrolments_audit;
ALTER TABLE activities DISABLE TRIGGER activities_audit;
ALTER TABLE activity_participants DISABLE TRIGGER activity_participants_audit;

-- 2,000 workers per branch, one in twenty retired.
INSERT INTO workers (office_id, name, id_number, sex, birth_date, membership_status)
SELECT o.id, '职工' || o.code || '-' || g, '1101' || lpad((row_number() OVER ())::text, 14, '0'), 'female', DATE '1980-01-01',
       CASE WHEN g % 20 = 0 THEN 'retired' ELSE 'active' END
FROM offices o CROSS JOIN generate_series(1, 2000) AS g
WHERE o.kind = 'branch';
CREATE TEMP TABLE bench_workers AS
    SELECT id, office_id, row_number() OVER (ORDER BY id) - 1 AS n FROM workers;
CREATE UNIQUE INDEX ON bench_workers (n);

INSERT INTO funds (office_id, name, source)
SELECT id, '报表压测资金', 'district_allocation' FROM offices WHERE kind = 'area';

-- Five years, every kind, two programs of each a year (holiday campaigns at two festivals).
INSERT INTO aid_programs (office_id, kind, name, year, fund_id, budget, standard_basis, once_per, eligibility, festival)
SELECT f.office_id, k.kind, y || '年' || k.kind || '第' || n || '期', y, f.id, 100000000.00, 'flat', 'person', 'none',
       CASE WHEN k.kind = 'holiday_warmth' THEN (ARRAY['spring_festival', 'mid_autumn'])[n] END
FROM funds f
CROSS JOIN generate_series(:year - 4, :year) AS y
CROSS JOIN (VALUES ('hardship_relief'), ('emergency_relief'), ('education_aid'), ('model_worker_aid'), ('holiday_warmth')) AS k (kind)
CROSS JOIN generate_series(1, 2) AS n;
CREATE TEMP TABLE bench_programs AS
    SELECT id, year, row_number() OVER (ORDER BY year, kind, name) - 1 AS n, count(*) OVER () AS total FROM aid_programs;

-- The disbursements: spread over the programs, each program's cases over distinct workers
-- (once per person), on days through the year (this year: up to today); one in fifty
-- reversed three days later (some of them in the next year).
\timing on
INSERT INTO aid_cases (office_id, worker_id, program_id, year, status, reason, cash_requested, standard_amount, once_key,
                       cash_paid, payment_method, disbursed_on, drawn, reversed_at, reversal_reason)
SELECT w.office_id, w.id, p.id, p.year, CASE WHEN i % 50 = 0 THEN 'reversed' ELSE 'disbursed' END, '压测', v.amount, v.amount, w.id::text,
       v.amount, 'bank', v.day, v.amount,
       CASE WHEN i % 50 = 0 THEN least(v.day + 3, (now() AT TIME ZONE 'Asia/Shanghai')::date)::timestamp AT TIME ZONE 'Asia/Shanghai' END,
       CASE WHEN i % 50 = 0 THEN '冲正' END
FROM bench_programs p
CROSS JOIN generate_series(1, (:disbursements + 49) / 50) AS i
JOIN bench_workers w ON w.n = (p.n * 7919 + i) % (SELECT count(*) FROM bench_workers)
CROSS JOIN LATERAL (
    SELECT (500 + (i % 26) * 100)::numeric(14, 2) AS amount,
           make_date(p.year, 1, 1) + (i * 37) % CASE WHEN p.year = :year
               THEN greatest((now() AT TIME ZONE 'Asia/Shanghai')::date - make_date(p.year, 1, 1), 1) ELSE 365 END AS day
) v
WHERE (p.n * ((:disbursements + 49) / 50) + i) <= :disbursements;
\timing off

-- Goods on one case in ten (fund-bought and donated): the goods trigger moves the money.
\timing on
INSERT INTO aid_case_goods (case_id, office_id, line, item, quantity, unit, unit_value, source)
SELECT id, office_id, 0, '大米', 2, '袋', 120.00, CASE WHEN abs(hashtext(id::text)) % 2 = 0 THEN 'fund' ELSE 'donated' END
FROM aid_cases WHERE abs(hashtext(id::text)) % 10 = 0;
\timing off

-- Activities: 24 a year per branch with head counts; named participants on the trainings.
INSERT INTO activities (office_id, kind, title, starts_on, ends_on, head_count, competition)
SELECT o.id, (ARRAY['skills_competition', 'safety_training', 'fire_drill', 'cultural', 'sports', 'outing'])[1 + g % 6], '活动' || g,
       make_date(y, 1 + g % 12, 1 + g % 28), make_date(y, 1 + g % 12, 1 + g % 28), 20 + g * 3, g % 7 = 0
FROM offices o CROSS JOIN generate_series(:year - 4, :year) AS y CROSS JOIN generate_series(1, 24) AS g
WHERE o.kind = 'branch';
INSERT INTO activity_participants (activity_id, office_id, worker_id)
SELECT a.id, a.office_id, w.id
FROM activities a
JOIN LATERAL (SELECT id FROM workers WHERE office_id = a.office_id ORDER BY id LIMIT 30) w ON true
WHERE a.kind = 'safety_training';

-- Mutual insurance: one plan, a period a year, four members in five enrolled each year.
INSERT INTO insurance_plans (office_id, code, name, insurer, premium_per_share, max_shares, payout_percent, cap_per_share)
SELECT id, 'bench-hospital', '在职职工住院医疗互助保障', '北京市职工互助保障会', 60.00, 2, 80, 10000.00 FROM offices WHERE kind = 'area';
INSERT INTO insurance_periods (plan_id, office_id, starts_on, ends_on, enrol_opens_on, enrol_closes_on)
SELECT pl.id, pl.office_id, make_date(y, 1, 1), make_date(y, 12, 31), make_date(y, 1, 1), make_date(y, 12, 31)
FROM insurance_plans pl CROSS JOIN generate_series(:year - 4, :year) AS y;
INSERT INTO insurance_enrolments (period_id, worker_id, office_id, shares, premium, payer, cap_total)
SELECT pe.id, w.id, w.office_id, 1, 60.00, 'member', 10000.00
FROM insurance_periods pe CROSS JOIN bench_workers w
WHERE w.n % 5 <> 0;

ALTER TABLE aid_cases ENABLE TRIGGER aid_cases_audit;
ALTER TABLE aid_case_goods ENABLE TRIGGER aid_case_goods_audit;
ALTER TABLE workers ENABLE TRIGGER workers_audit;
ALTER TABLE insurance_enrolments ENABLE TRIGGER insurance_enrolments_audit;
ALTER TABLE activities ENABLE TRIGGER activities_audit;
ALTER TABLE activity_participants ENABLE TRIGGER activity_participants_audit;
