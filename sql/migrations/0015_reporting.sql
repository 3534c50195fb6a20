-- The reporting job's views (ARCHITECTURE.md "Role checks", DOMAIN.md "Figures the federation
-- publishes"). Owned by unionhall_owner, so they read every office's rows on purpose; granted
-- to unionhall_reporting only (its default privileges in schema `reporting`, 0001). No view
-- holds an ID number, a phone number or a person's name: where a count needs a household or a
-- person, an opaque key derived with a per-database salt stands in.
--
-- Aid totals come from a rollup kept by triggers in the same transaction as the disbursement or
-- reversal that moves them (never a materialized view that can be stale): the annual summary
-- reads a few thousand rollup rows however many disbursements there are. Days are Beijing days.

CREATE SCHEMA rollup;
REVOKE ALL ON SCHEMA rollup FROM PUBLIC;
COMMENT ON SCHEMA rollup IS 'Owner-only running totals behind the reporting views; written by triggers only.';

-- The salt of the opaque keys: random per database, so a key can't be recomputed from an id
-- someone holds elsewhere.
CREATE TABLE rollup.salt (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    salt     text NOT NULL
);
INSERT INTO rollup.salt (salt) VALUES (gen_random_uuid()::text || gen_random_uuid()::text);

-- Each office's area (itself for an area or a district): area totals group by it.
CREATE VIEW rollup.office_areas AS
    WITH RECURSIVE up (office_id, id, parent_id, kind, depth) AS (
        SELECT o.id, o.id, o.parent_id, o.kind, 0 FROM offices o
        UNION ALL
        SELECT up.office_id, p.id, p.parent_id, p.kind, up.depth + 1
        FROM up JOIN offices p ON p.id = up.parent_id
        WHERE up.kind NOT IN ('area', 'district') AND up.depth < 16
    )
    SELECT DISTINCT ON (office_id) office_id, id AS area_id
    FROM up
    ORDER BY office_id, (kind = 'area') DESC, (kind = 'district') DESC, depth DESC;

-- The same answer for one office, walking up its parents by primary key: the triggers ask it
-- for every payment, and the view computes every office's chain each time it is asked.
CREATE FUNCTION rollup.area_of(p_office uuid) RETURNS uuid
    LANGUAGE plpgsql STABLE SET search_path = public, pg_temp
    AS $$
    DECLARE
        current uuid := p_office;
        parent uuid;
        office_kind text;
    BEGIN
        FOR depth IN 0..16 LOOP
            SELECT o.parent_id, o.kind INTO parent, office_kind FROM offices o WHERE o.id = current;
            IF NOT FOUND THEN
                RETURN p_office;
            END IF;
            IF office_kind IN ('area', 'district') OR parent IS NULL OR depth = 16 THEN
                RETURN current;
            END IF;
            current := parent;
        END LOOP;
        RETURN current;
    END
    $$;

-- Money by month, office and program: disbursements add, reversals subtract (in the month of
-- the reversal). cases = disbursements − reversals.
CREATE TABLE rollup.aid_money (
    year          integer NOT NULL,
    month         integer NOT NULL,
    office_id     uuid NOT NULL,
    program_id    uuid NOT NULL,
    kind          text NOT NULL,
    disbursements integer NOT NULL DEFAULT 0,
    reversals     integer NOT NULL DEFAULT 0,
    cash          numeric(14, 2) NOT NULL DEFAULT 0,
    fund_goods    numeric(14, 2) NOT NULL DEFAULT 0,
    donated_goods numeric(14, 2) NOT NULL DEFAULT 0,
    PRIMARY KEY (year, month, office_id, program_id)
);

-- Distinct households and people reached, counted incrementally: a key's cases paid in a year
-- and not reversed that year, per bucket (a program kind, or `relief` for hardship and emergency relief together) at one
-- level (`o` an office, `a` its area). A count moves only when a key's cases cross zero.
CREATE TABLE rollup.aid_reach_keys (
    year     integer NOT NULL,
    level    char(1) NOT NULL,
    scope_id uuid NOT NULL,
    bucket   text NOT NULL,
    person   boolean NOT NULL,
    key      uuid NOT NULL,
    cases    integer NOT NULL,
    PRIMARY KEY (year, level, scope_id, bucket, person, key)
);
CREATE TABLE rollup.aid_reach (
    year       integer NOT NULL,
    level      char(1) NOT NULL,
    scope_id   uuid NOT NULL,
    bucket     text NOT NULL,
    households integer NOT NULL DEFAULT 0,
    people     integer NOT NULL DEFAULT 0,
    PRIMARY KEY (year, level, scope_id, bucket)
);

-- One event of a case: its disbursement (p_factor 1, on disbursed_on) or its reversal
-- (p_factor -1, on the Beijing day it was reversed), added (p_sign 1) or taken back (-1).
CREATE FUNCTION rollup.aid_event(p_case aid_cases, p_factor integer, p_sign integer) RETURNS void
    LANGUAGE plpgsql SET search_path = public, pg_temp
    AS $$
    DECLARE
        day date := CASE WHEN p_factor > 0 THEN p_case.disbursed_on ELSE (p_case.reversed_at AT TIME ZONE 'Asia/Shanghai')::date END;
        y integer := extract(year FROM day)::integer;
        m integer := p_factor * p_sign;
        program_kind text;
        fund_goods numeric(14, 2);
        donated_goods numeric(14, 2);
        area uuid := rollup.area_of(p_case.office_id);
        buckets text[];
    BEGIN
        SELECT kind INTO program_kind FROM aid_programs WHERE id = p_case.program_id;
        SELECT coalesce(sum(value) FILTER (WHERE source = 'fund'), 0), coalesce(sum(value) FILTER (WHERE source = 'donated'), 0)
        INTO fund_goods, donated_goods
        FROM aid_case_goods WHERE case_id = p_case.id;
        INSERT INTO rollup.aid_money AS t (year, month, office_id, program_id, kind, disbursements, reversals, cash, fund_goods, donated_goods)
        VALUES (y, extract(month FROM day)::integer, p_case.office_id, p_case.program_id, program_kind,
                CASE WHEN p_factor > 0 THEN p_sign ELSE 0 END, CASE WHEN p_factor < 0 THEN p_sign ELSE 0 END,
                m * p_case.cash_paid, m * fund_goods, m * donated_goods)
        ON CONFLICT (year, month, office_id, program_id) DO UPDATE
            SET disbursements = t.disbursements + EXCLUDED.disbursements, reversals = t.reversals + EXCLUDED.reversals,
                cash = t.cash + EXCLUDED.cash, fund_goods = t.fund_goods + EXCLUDED.fund_goods,
                donated_goods = t.donated_goods + EXCLUDED.donated_goods;
        -- People and households count in the year they were paid, unless the payment was reversed
        -- that same year. A reversal in a later year nets its money out of the year it is booked
        -- in, but takes no one away from that year (it helped no one there, and a household paid
        -- again that year still counts) nor from the year paid, whose figures stay as published.
        IF p_factor < 0 AND y <> extract(year FROM p_case.disbursed_on)::integer THEN
            RETURN;
        END IF;
        buckets := ARRAY[program_kind];
        IF program_kind IN ('hardship_relief', 'emergency_relief') THEN
            buckets := buckets || 'relief'::text;
        END IF;
        -- Every key of the event (each bucket, the office and the area, household and person)
        -- in one statement, in key order, so concurrent events lock the rows they share in the
        -- same order; then each count whose key crossed zero.
        WITH moved AS (
            INSERT INTO rollup.aid_reach_keys AS k (year, level, scope_id, bucket, person, key, cases)
            SELECT y, l.level, l.scope_id, b.bucket, w.person, w.key, m
            FROM unnest(buckets) AS b (bucket)
            CROSS JOIN (VALUES ('a'::char(1), area), ('o'::char(1), p_case.office_id)) AS l (level, scope_id)
            CROSS JOIN (VALUES (false, p_case.worker_id), (true, coalesce(p_case.student_id, p_case.worker_id))) AS w (person, key)
            ORDER BY 2, 3, 4, 5, 6
            ON CONFLICT (year, level, scope_id, bucket, person, key) DO UPDATE SET cases = k.cases + EXCLUDED.cases
            RETURNING k.level, k.scope_id, k.bucket, k.person, k.cases
        ), crossed AS (
            SELECT c.level, c.scope_id, c.bucket, c.person,
                   CASE WHEN c.cases - m <= 0 AND c.cases > 0 THEN 1 WHEN c.cases - m > 0 AND c.cases <= 0 THEN -1 ELSE 0 END AS step
            FROM moved c
        )
        INSERT INTO rollup.aid_reach AS r (year, level, scope_id, bucket, households, people)
        SELECT y, c.level, c.scope_id, c.bucket, coalesce(sum(c.step) FILTER (WHERE NOT c.person), 0), coalesce(sum(c.step) FILTER (WHERE c.person), 0)
        FROM crossed c WHERE c.step <> 0
        GROUP BY c.level, c.scope_id, c.bucket
        ORDER BY c.level, c.scope_id, c.bucket
        ON CONFLICT (year, level, scope_id, bucket) DO UPDATE
            SET households = r.households + EXCLUDED.households, people = r.people + EXCLUDED.people;
    END
    $$;

-- Keeps the rollup in step with a case the app pays, reverses (or, never in practice, deletes):
-- what the old row contributed is taken back and what the new one contributes is added,
-- skipping the events both share (a reversal adds only itself). Inserted cases are counted per
-- statement (rollup.aid_cases_inserted), so a bulk load is a few grouped statements.
CREATE FUNCTION rollup.aid_cases_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    DECLARE
        old_paid boolean := TG_OP IN ('UPDATE', 'DELETE') AND OLD.status IN ('disbursed', 'reversed');
        new_paid boolean := TG_OP IN ('INSERT', 'UPDATE') AND NEW.status IN ('disbursed', 'reversed');
        old_reversed boolean := TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'reversed';
        new_reversed boolean := TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'reversed';
        same_paid boolean := false;
        same_reversed boolean := false;
    BEGIN
        IF old_paid AND new_paid THEN
            same_paid := OLD.disbursed_on = NEW.disbursed_on AND OLD.cash_paid = NEW.cash_paid AND OLD.office_id = NEW.office_id
                AND OLD.program_id = NEW.program_id AND OLD.worker_id = NEW.worker_id AND OLD.student_id IS NOT DISTINCT FROM NEW.student_id;
            same_reversed := same_paid AND old_reversed AND new_reversed AND OLD.reversed_at = NEW.reversed_at;
        END IF;
        IF old_reversed AND NOT same_reversed THEN PERFORM rollup.aid_event(OLD, -1, -1); END IF;
        IF old_paid AND NOT same_paid THEN PERFORM rollup.aid_event(OLD, 1, -1); END IF;
        IF new_paid AND NOT same_paid THEN PERFORM rollup.aid_event(NEW, 1, 1); END IF;
        IF new_reversed AND NOT same_reversed THEN PERFORM rollup.aid_event(NEW, -1, 1); END IF;
        RETURN NULL;
    END
    $$;
CREATE TRIGGER aid_cases_rollup_update AFTER UPDATE ON aid_cases FOR EACH ROW
    WHEN (OLD.status IN ('disbursed', 'reversed') OR NEW.status IN ('disbursed', 'reversed'))
    EXECUTE FUNCTION rollup.aid_cases_changed();
-- Named to sort before the foreign keys' RI_ConstraintTrigger_…: triggers fire in name order,
-- and the case's goods lines (ON DELETE CASCADE) must still be there when it is taken back.
CREATE TRIGGER "A_aid_cases_rollup_delete" AFTER DELETE ON aid_cases FOR EACH ROW
    WHEN (OLD.status IN ('disbursed', 'reversed')) EXECUTE FUNCTION rollup.aid_cases_changed();

-- Area totals follow an office's area as it is now: an office moved under another area (no
-- app path does it; the owner might) has the rollup recomputed for the new shape.
CREATE FUNCTION rollup.offices_moved() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    BEGIN
        PERFORM rollup.aid_rebuild();
        RETURN NULL;
    END
    $$;
CREATE TRIGGER offices_rollup_moved AFTER UPDATE OF parent_id, kind ON offices FOR EACH ROW
    WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id OR OLD.kind IS DISTINCT FROM NEW.kind)
    EXECUTE FUNCTION rollup.offices_moved();

-- Goods recorded or changed on a case already paid (a bulk load writes the case first) move
-- the money of its events; counts are the case's.
CREATE FUNCTION rollup.aid_goods_moved(p_case uuid, p_source text, p_value numeric) RETURNS void
    LANGUAGE plpgsql SET search_path = public, pg_temp
    AS $$
    DECLARE
        paid aid_cases;
        day date;
        sign integer;
    BEGIN
        SELECT * INTO paid FROM aid_cases WHERE id = p_case AND status IN ('disbursed', 'reversed');
        IF NOT FOUND THEN
            RETURN;
        END IF;
        FOR day, sign IN
            SELECT paid.disbursed_on, 1
            UNION ALL SELECT (paid.reversed_at AT TIME ZONE 'Asia/Shanghai')::date, -1 WHERE paid.status = 'reversed'
        LOOP
            UPDATE rollup.aid_money
            SET fund_goods = fund_goods + CASE WHEN p_source = 'fund' THEN sign * p_value ELSE 0 END,
                donated_goods = donated_goods + CASE WHEN p_source = 'donated' THEN sign * p_value ELSE 0 END
            WHERE year = extract(year FROM day)::integer AND month = extract(month FROM day)::integer
              AND office_id = paid.office_id AND program_id = paid.program_id;
        END LOOP;
    END
    $$;

CREATE FUNCTION rollup.aid_goods_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            PERFORM rollup.aid_goods_moved(OLD.case_id, OLD.source, -OLD.value);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            PERFORM rollup.aid_goods_moved(NEW.case_id, NEW.source, NEW.value);
        END IF;
        RETURN NULL;
    END
    $$;
CREATE TRIGGER aid_case_goods_rollup AFTER INSERT OR UPDATE OR DELETE ON aid_case_goods FOR EACH ROW
    EXECUTE FUNCTION rollup.aid_goods_changed();

-- The rollup's arithmetic over a set of cases, as one statement over `p_source` (a table or a
-- trigger's transition table of aid_cases rows): the same as aid_event's, added to whatever
-- the rollup holds. Used for inserted cases and for a rebuild. A key's count moves only when
-- its cases cross zero, as in aid_event.
CREATE FUNCTION rollup.aid_add_sql(p_source text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $outer$ SELECT format($sql$
        WITH paid AS (
            SELECT c.id, c.office_id, c.program_id, c.worker_id, c.student_id, c.status, c.cash_paid, c.disbursed_on, p.kind,
                   extract(year FROM c.disbursed_on)::integer AS paid_year, (c.reversed_at AT TIME ZONE 'Asia/Shanghai')::date AS reversed_on
            FROM %1$I c JOIN aid_programs p ON p.id = c.program_id
            WHERE c.status IN ('disbursed', 'reversed')
        ),
        money AS (
            INSERT INTO rollup.aid_money AS t (year, month, office_id, program_id, kind, disbursements, reversals, cash, fund_goods, donated_goods)
            SELECT extract(year FROM e.day)::integer, extract(month FROM e.day)::integer, c.office_id, c.program_id, c.kind,
                   count(*) FILTER (WHERE e.sign > 0), count(*) FILTER (WHERE e.sign < 0),
                   sum(e.sign * c.cash_paid), sum(e.sign * coalesce(g.fund, 0)), sum(e.sign * coalesce(g.donated, 0))
            FROM paid c
            LEFT JOIN (SELECT case_id, sum(value) FILTER (WHERE source = 'fund') AS fund, sum(value) FILTER (WHERE source = 'donated') AS donated
                       FROM aid_case_goods WHERE case_id IN (SELECT id FROM paid) GROUP BY case_id) g ON g.case_id = c.id
            CROSS JOIN LATERAL (SELECT c.disbursed_on, 1 UNION ALL SELECT c.reversed_on, -1 WHERE c.status = 'reversed') e (day, sign)
            GROUP BY 1, 2, 3, 4, 5
            ORDER BY 1, 2, 3, 4
            ON CONFLICT (year, month, office_id, program_id) DO UPDATE
                SET disbursements = t.disbursements + EXCLUDED.disbursements, reversals = t.reversals + EXCLUDED.reversals,
                    cash = t.cash + EXCLUDED.cash, fund_goods = t.fund_goods + EXCLUDED.fund_goods,
                    donated_goods = t.donated_goods + EXCLUDED.donated_goods
        ),
        -- People count in the year paid unless reversed that same year.
        delta AS (
            SELECT c.paid_year AS year, l.level, l.scope_id, b.bucket, w.person, w.key, count(*)::integer AS cases
            FROM paid c
            JOIN rollup.office_areas oa ON oa.office_id = c.office_id
            CROSS JOIN LATERAL (VALUES ('a'::char(1), oa.area_id), ('o'::char(1), c.office_id)) l (level, scope_id)
            CROSS JOIN LATERAL (SELECT c.kind UNION ALL SELECT 'relief' WHERE c.kind IN ('hardship_relief', 'emergency_relief')) b (bucket)
            CROSS JOIN LATERAL (VALUES (false, c.worker_id), (true, coalesce(c.student_id, c.worker_id))) w (person, key)
            WHERE c.status = 'disbursed' OR extract(year FROM c.reversed_on)::integer <> c.paid_year
            GROUP BY 1, 2, 3, 4, 5, 6
        ),
        moved AS (
            INSERT INTO rollup.aid_reach_keys AS k (year, level, scope_id, bucket, person, key, cases)
            SELECT * FROM delta ORDER BY 1, 2, 3, 4, 5, 6
            ON CONFLICT (year, level, scope_id, bucket, person, key) DO UPDATE SET cases = k.cases + EXCLUDED.cases
            RETURNING k.year, k.level, k.scope_id, k.bucket, k.person, k.key, k.cases
        ),
        crossed AS (
            SELECT m.year, m.level, m.scope_id, m.bucket, m.person,
                   CASE WHEN m.cases - d.cases <= 0 AND m.cases > 0 THEN 1 WHEN m.cases - d.cases > 0 AND m.cases <= 0 THEN -1 ELSE 0 END AS step
            FROM moved m JOIN delta d USING (year, level, scope_id, bucket, person, key)
        )
        INSERT INTO rollup.aid_reach AS r (year, level, scope_id, bucket, households, people)
        SELECT year, level, scope_id, bucket, coalesce(sum(step) FILTER (WHERE NOT person), 0), coalesce(sum(step) FILTER (WHERE person), 0)
        FROM crossed WHERE step <> 0
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
        ON CONFLICT (year, level, scope_id, bucket) DO UPDATE
            SET households = r.households + EXCLUDED.households, people = r.people + EXCLUDED.people
        $sql$, p_source) $outer$;

-- Cases inserted already paid (a bulk load, a migration of old records; the app inserts drafts):
-- counted per statement over its transition table.
CREATE FUNCTION rollup.aid_cases_inserted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM new_cases WHERE status IN ('disbursed', 'reversed')) THEN
            EXECUTE rollup.aid_add_sql('new_cases');
        END IF;
        RETURN NULL;
    END
    $$;
CREATE TRIGGER aid_cases_rollup_insert AFTER INSERT ON aid_cases REFERENCING NEW TABLE AS new_cases
    FOR EACH STATEMENT EXECUTE FUNCTION rollup.aid_cases_inserted();

-- Rebuilds the rollup from the cases (after a bulk load with triggers off, or to check it), with
-- the same statement as inserted cases. Keys whose cases net to zero get no row here (the
-- triggers may leave such rows); only keys with cases count, so the views read the same.
CREATE FUNCTION rollup.aid_rebuild() RETURNS void
    LANGUAGE plpgsql SET search_path = public, pg_temp
    AS $$
    BEGIN
        TRUNCATE rollup.aid_money, rollup.aid_reach_keys, rollup.aid_reach;
        EXECUTE rollup.aid_add_sql('aid_cases');
    END
    $$;
SELECT rollup.aid_rebuild();

-- Years a summary lists: every year with data, and this year (so an empty database still
-- shows its offices with zeros).
CREATE VIEW rollup.report_years AS
    WITH bounds AS (
        SELECT least(min(y), extract(year FROM now() AT TIME ZONE 'Asia/Shanghai')::integer) AS first,
               greatest(max(y), extract(year FROM now() AT TIME ZONE 'Asia/Shanghai')::integer) AS last
        FROM (SELECT year FROM rollup.aid_money
              UNION ALL SELECT extract(year FROM starts_on)::integer FROM activities
              UNION ALL SELECT extract(year FROM starts_on)::integer FROM insurance_periods
              UNION ALL SELECT extract(year FROM ends_on)::integer FROM insurance_periods) AS data (y)
    )
    -- Years picked from a constant series rather than generate_series(first, last): the
    -- planner takes 1,000 rows for a series it can't compute, which made the annual summary
    -- look like billions of rows and bought it seconds of JIT compilation.
    SELECT span.year FROM bounds JOIN generate_series(1900, 2200) AS span (year) ON span.year BETWEEN bounds.first AND bounds.last;

------------------------------------------------------------------------------------------
-- The views.

CREATE VIEW reporting.offices AS
    SELECT o.code AS office_code, o.name AS office_name, o.kind, p.code AS parent_code, a.code AS area_code, o.active
    FROM offices o
    LEFT JOIN offices p ON p.id = o.parent_id
    JOIN rollup.office_areas oa ON oa.office_id = o.id
    JOIN offices a ON a.id = oa.area_id;
COMMENT ON VIEW reporting.offices IS 'Every office with its parent and its area: the rows the other views name by office_code.';
COMMENT ON COLUMN reporting.offices.office_code IS 'The office''s code (unique, stable).';
COMMENT ON COLUMN reporting.offices.office_name IS 'The office''s name.';
COMMENT ON COLUMN reporting.offices.kind IS 'district, area, branch (a village or community union) or enterprise (an enterprise union: a branch of its own, under the branch that looks after it).';
COMMENT ON COLUMN reporting.offices.parent_code IS 'The office above it; null at the top.';
COMMENT ON COLUMN reporting.offices.area_code IS 'The area whose totals include this office (itself for an area).';
COMMENT ON COLUMN reporting.offices.active IS 'False once the office is closed.';

CREATE VIEW reporting.aid_disbursements AS
    SELECT e.event,
           e.day AS date,
           extract(year FROM e.day)::integer AS year,
           extract(month FROM e.day)::integer AS month,
           o.code AS office_code,
           o.name AS office_name,
           p.kind AS program_kind,
           p.name AS program_name,
           p.year AS program_year,
           e.sign * c.cash_paid AS cash,
           e.sign * g.goods AS goods_value,
           e.sign * (c.cash_paid + g.goods) AS total,
           e.sign * c.drawn AS drawn_from_fund,
           md5(s.salt || ':case:' || c.id::text)::uuid AS case_key,
           md5(s.salt || ':household:' || c.worker_id::text)::uuid AS household_key,
           md5(s.salt || ':person:' || coalesce(c.student_id, c.worker_id)::text)::uuid AS beneficiary_key
    FROM aid_cases c
    CROSS JOIN rollup.salt s
    JOIN aid_programs p ON p.id = c.program_id
    JOIN offices o ON o.id = c.office_id
    CROSS JOIN LATERAL (
        SELECT coalesce(sum(gl.value), 0)::numeric(14, 2) AS goods FROM aid_case_goods gl WHERE gl.case_id = c.id
    ) g
    CROSS JOIN LATERAL (
        SELECT 'disbursement'::text, c.disbursed_on, 1
        UNION ALL
        SELECT 'reversal', (c.reversed_at AT TIME ZONE 'Asia/Shanghai')::date, -1 WHERE c.status = 'reversed'
    ) e (event, day, sign)
    WHERE c.status IN ('disbursed', 'reversed');
COMMENT ON VIEW reporting.aid_disbursements IS 'One row per aid disbursement and one per reversal (amounts negated, on the day it was reversed): summing a period nets reversals out.';
COMMENT ON COLUMN reporting.aid_disbursements.event IS 'disbursement or reversal.';
COMMENT ON COLUMN reporting.aid_disbursements.date IS 'The day paid, or the Beijing day the payment was reversed.';
COMMENT ON COLUMN reporting.aid_disbursements.year IS 'Calendar year of date.';
COMMENT ON COLUMN reporting.aid_disbursements.month IS 'Month (1-12) of date.';
COMMENT ON COLUMN reporting.aid_disbursements.office_code IS 'The branch that filed the case.';
COMMENT ON COLUMN reporting.aid_disbursements.office_name IS 'That branch''s name.';
COMMENT ON COLUMN reporting.aid_disbursements.program_kind IS 'hardship_relief, emergency_relief, education_aid, model_worker_aid or holiday_warmth.';
COMMENT ON COLUMN reporting.aid_disbursements.program_name IS 'The program''s name.';
COMMENT ON COLUMN reporting.aid_disbursements.program_year IS 'The year the program was set up for.';
COMMENT ON COLUMN reporting.aid_disbursements.cash IS 'Cash paid, yuan (negative on a reversal).';
COMMENT ON COLUMN reporting.aid_disbursements.goods_value IS 'Value of goods handed over, bought or donated, yuan (negative on a reversal).';
COMMENT ON COLUMN reporting.aid_disbursements.total IS 'cash + goods_value.';
COMMENT ON COLUMN reporting.aid_disbursements.drawn_from_fund IS 'What the fund paid: cash plus goods the fund bought (donated goods draw nothing); equals the ledger entry.';
COMMENT ON COLUMN reporting.aid_disbursements.case_key IS 'Opaque key of the case: a reversal carries its disbursement''s.';
COMMENT ON COLUMN reporting.aid_disbursements.household_key IS 'Opaque, stable key of the household helped (the applicant worker''s).';
COMMENT ON COLUMN reporting.aid_disbursements.beneficiary_key IS 'Opaque, stable key of the person helped: the student for education aid, else the worker.';

CREATE VIEW reporting.aid_summary AS
    WITH money AS (
        SELECT m.year, 'o'::char(1) AS level, m.office_id AS scope_id, m.kind,
               sum(m.disbursements) AS disbursements, sum(m.reversals) AS reversals,
               sum(m.cash) AS cash, sum(m.fund_goods + m.donated_goods) AS goods
        FROM rollup.aid_money m GROUP BY m.year, m.office_id, m.kind
        UNION ALL
        SELECT m.year, 'a', oa.area_id, m.kind, sum(m.disbursements), sum(m.reversals), sum(m.cash), sum(m.fund_goods + m.donated_goods)
        FROM rollup.aid_money m JOIN rollup.office_areas oa ON oa.office_id = m.office_id
        GROUP BY m.year, oa.area_id, m.kind
    )
    SELECT money.year,
           CASE money.level WHEN 'o' THEN 'office' ELSE 'area' END AS level,
           o.code AS office_code,
           o.name AS office_name,
           money.kind AS program_kind,
           (money.disbursements - money.reversals)::integer AS cases,
           coalesce(r.households, 0) AS households,
           coalesce(r.people, 0) AS people,
           money.cash::numeric(14, 2) AS cash,
           money.goods::numeric(14, 2) AS goods_value,
           (money.cash + money.goods)::numeric(14, 2) AS total
    FROM money
    JOIN offices o ON o.id = money.scope_id
    LEFT JOIN rollup.aid_reach r ON r.year = money.year AND r.level = money.level AND r.scope_id = money.scope_id AND r.bucket = money.kind;
COMMENT ON VIEW reporting.aid_summary IS 'Aid by year, office and program kind, net of reversals; level area rows total each area (households and people counted once across its offices).';
COMMENT ON COLUMN reporting.aid_summary.year IS 'Calendar year of the disbursements (and reversals).';
COMMENT ON COLUMN reporting.aid_summary.level IS 'office: one office''s own cases; area: every office of the area together.';
COMMENT ON COLUMN reporting.aid_summary.office_code IS 'The office (level office) or the area (level area).';
COMMENT ON COLUMN reporting.aid_summary.office_name IS 'Its name.';
COMMENT ON COLUMN reporting.aid_summary.program_kind IS 'The programs'' kind.';
COMMENT ON COLUMN reporting.aid_summary.cases IS 'Disbursements minus reversals.';
COMMENT ON COLUMN reporting.aid_summary.households IS 'Distinct households with a disbursement in the year not reversed in that year (a reversal in a later year changes neither year''s count).';
COMMENT ON COLUMN reporting.aid_summary.people IS 'Distinct people helped (students for education aid, else workers).';
COMMENT ON COLUMN reporting.aid_summary.cash IS 'Cash paid, yuan.';
COMMENT ON COLUMN reporting.aid_summary.goods_value IS 'Goods handed over at their value, yuan.';
COMMENT ON COLUMN reporting.aid_summary.total IS 'cash + goods_value, yuan.';

-- The Beijing day a hardship file was closed, kept by the database ("lifted this year" reads
-- it; a file's last update is not its closing once anything else touches the row). Files
-- closed before this migration take their last update's day.
ALTER TABLE hardship_files ADD COLUMN closed_on date;
ALTER TABLE hardship_files DISABLE TRIGGER USER;
UPDATE hardship_files SET closed_on = (updated_at AT TIME ZONE 'Asia/Shanghai')::date WHERE status = 'closed';
ALTER TABLE hardship_files ENABLE TRIGGER USER;

CREATE FUNCTION hardship_files_closed_on() RETURNS trigger
    LANGUAGE plpgsql SET search_path = public, pg_temp
    AS $$
    BEGIN
        NEW.closed_on := CASE
            WHEN NEW.status <> 'closed' THEN NULL
            WHEN TG_OP = 'UPDATE' AND OLD.status = 'closed' THEN OLD.closed_on
            WHEN TG_OP = 'INSERT' AND NEW.closed_on IS NOT NULL THEN NEW.closed_on
            ELSE (now() AT TIME ZONE 'Asia/Shanghai')::date
        END;
        RETURN NEW;
    END
    $$;
CREATE TRIGGER hardship_files_closed_on BEFORE INSERT OR UPDATE ON hardship_files FOR EACH ROW EXECUTE FUNCTION hardship_files_closed_on();

CREATE VIEW reporting.hardship_files_status AS
    WITH today AS (SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS day)
    SELECT o.code AS office_code,
           o.name AS office_name,
           count(f.id) FILTER (WHERE f.status = 'active' AND f.tier = 'deep')::integer AS open_deep,
           count(f.id) FILTER (WHERE f.status = 'active' AND f.tier = 'relative')::integer AS open_relative,
           count(f.id) FILTER (WHERE f.status = 'active' AND f.tier = 'accident')::integer AS open_accident,
           count(f.id) FILTER (WHERE f.status = 'active')::integer AS open_total,
           count(f.id) FILTER (WHERE f.status IN ('draft', 'submitted'))::integer AS pending,
           count(f.id) FILTER (WHERE f.status = 'active'
                               AND (coalesce(f.reviewed_on, f.confirmed_on) + interval '12 months')::date <= today.day)::integer AS overdue_reviews,
           count(f.id) FILTER (WHERE f.status = 'closed' AND f.closing_reason = 'lifted'
                               AND extract(year FROM f.closed_on) = extract(year FROM today.day))::integer
               AS lifted_this_year
    FROM offices o
    CROSS JOIN today
    LEFT JOIN hardship_files f ON f.office_id = o.id
    WHERE o.kind IN ('branch', 'enterprise')
    GROUP BY o.code, o.name;
COMMENT ON VIEW reporting.hardship_files_status IS 'Hardship files per branch (village unions and enterprise unions) today (Beijing): open by tier, pending, reviews overdue, lifted this year.';
COMMENT ON COLUMN reporting.hardship_files_status.office_code IS 'The branch holding the files.';
COMMENT ON COLUMN reporting.hardship_files_status.office_name IS 'Its name.';
COMMENT ON COLUMN reporting.hardship_files_status.open_deep IS 'Active files of tier deep (深度困难).';
COMMENT ON COLUMN reporting.hardship_files_status.open_relative IS 'Active files of tier relative (相对困难).';
COMMENT ON COLUMN reporting.hardship_files_status.open_accident IS 'Active files of tier accident (意外致困).';
COMMENT ON COLUMN reporting.hardship_files_status.open_total IS 'All active files.';
COMMENT ON COLUMN reporting.hardship_files_status.pending IS 'Files in draft or submitted, not yet confirmed.';
COMMENT ON COLUMN reporting.hardship_files_status.overdue_reviews IS 'Active files not reviewed (or confirmed) in the last 12 months.';
COMMENT ON COLUMN reporting.hardship_files_status.lifted_this_year IS 'Files closed this calendar year because the household left hardship.';

CREATE VIEW reporting.insurance_coverage AS
    SELECT pl.code AS plan_code,
           pl.name AS plan_name,
           pe.starts_on AS period_starts_on,
           pe.ends_on AS period_ends_on,
           o.code AS office_code,
           o.name AS office_name,
           count(w.id)::integer AS active_members,
           count(w.id) FILTER (WHERE e.id IS NOT NULL)::integer AS enrolled,
           CASE WHEN count(w.id) = 0 THEN 0
                ELSE round(count(w.id) FILTER (WHERE e.id IS NOT NULL)::numeric / count(w.id), 4) END::numeric(6, 4) AS rate
    FROM insurance_periods pe
    JOIN insurance_plans pl ON pl.id = pe.plan_id
    CROSS JOIN offices o
    LEFT JOIN workers w ON w.office_id = o.id AND w.membership_status = 'active'
    LEFT JOIN insurance_enrolments e ON e.period_id = pe.id AND e.worker_id = w.id
    WHERE o.kind IN ('branch', 'enterprise')
    GROUP BY pl.code, pl.name, pe.starts_on, pe.ends_on, o.code, o.name;
COMMENT ON VIEW reporting.insurance_coverage IS 'Coverage per period, plan and branch (village unions and enterprise unions): the branch''s active members today and how many of them are enrolled in the period (wherever enrolled).';
COMMENT ON COLUMN reporting.insurance_coverage.plan_code IS 'The plan''s code.';
COMMENT ON COLUMN reporting.insurance_coverage.plan_name IS 'The plan''s name.';
COMMENT ON COLUMN reporting.insurance_coverage.period_starts_on IS 'First day of the coverage period.';
COMMENT ON COLUMN reporting.insurance_coverage.period_ends_on IS 'Last day of the coverage period.';
COMMENT ON COLUMN reporting.insurance_coverage.office_code IS 'The branch the members belong to now.';
COMMENT ON COLUMN reporting.insurance_coverage.office_name IS 'Its name.';
COMMENT ON COLUMN reporting.insurance_coverage.active_members IS 'Active members of the branch today.';
COMMENT ON COLUMN reporting.insurance_coverage.enrolled IS 'Of them, enrolled in the period.';
COMMENT ON COLUMN reporting.insurance_coverage.rate IS 'enrolled / active_members (0 when there are none), 4 decimals.';

CREATE VIEW reporting.insurance_claims_summary AS
    SELECT pl.code AS plan_code,
           pl.name AS plan_name,
           pe.starts_on AS period_starts_on,
           pe.ends_on AS period_ends_on,
           o.code AS office_code,
           o.name AS office_name,
           count(c.id)::integer AS claims,
           count(c.id) FILTER (WHERE c.status = 'submitted')::integer AS pending,
           count(c.id) FILTER (WHERE c.status IN ('approved', 'paid'))::integer AS approved,
           count(c.id) FILTER (WHERE c.status = 'rejected')::integer AS rejected,
           count(c.id) FILTER (WHERE c.status = 'paid')::integer AS paid,
           coalesce(sum(c.amount_claimed), 0)::numeric(14, 2) AS amount_claimed,
           coalesce(sum(c.payout) FILTER (WHERE c.status IN ('approved', 'paid')), 0)::numeric(14, 2) AS payout_approved,
           coalesce(sum(c.payout) FILTER (WHERE c.status = 'paid'), 0)::numeric(14, 2) AS payout_paid
    FROM insurance_claims c
    JOIN insurance_enrolments e ON e.id = c.enrolment_id
    JOIN insurance_periods pe ON pe.id = e.period_id
    JOIN insurance_plans pl ON pl.id = pe.plan_id
    JOIN offices o ON o.id = c.office_id
    GROUP BY pl.code, pl.name, pe.starts_on, pe.ends_on, o.code, o.name;
COMMENT ON VIEW reporting.insurance_claims_summary IS 'Claims per period, plan and the branch that filed them: counts by status and amounts.';
COMMENT ON COLUMN reporting.insurance_claims_summary.plan_code IS 'The plan''s code.';
COMMENT ON COLUMN reporting.insurance_claims_summary.plan_name IS 'The plan''s name.';
COMMENT ON COLUMN reporting.insurance_claims_summary.period_starts_on IS 'First day of the coverage period.';
COMMENT ON COLUMN reporting.insurance_claims_summary.period_ends_on IS 'Last day of the coverage period.';
COMMENT ON COLUMN reporting.insurance_claims_summary.office_code IS 'The branch that filed the claims.';
COMMENT ON COLUMN reporting.insurance_claims_summary.office_name IS 'Its name.';
COMMENT ON COLUMN reporting.insurance_claims_summary.claims IS 'Claims filed.';
COMMENT ON COLUMN reporting.insurance_claims_summary.pending IS 'Submitted, not yet decided.';
COMMENT ON COLUMN reporting.insurance_claims_summary.approved IS 'Approved (paid or not yet).';
COMMENT ON COLUMN reporting.insurance_claims_summary.rejected IS 'Rejected.';
COMMENT ON COLUMN reporting.insurance_claims_summary.paid IS 'Paid.';
COMMENT ON COLUMN reporting.insurance_claims_summary.amount_claimed IS 'Sum of the amounts claimed, yuan.';
COMMENT ON COLUMN reporting.insurance_claims_summary.payout_approved IS 'Sum of payouts of approved and paid claims, yuan.';
COMMENT ON COLUMN reporting.insurance_claims_summary.payout_paid IS 'Sum of payouts already paid, yuan.';

CREATE VIEW reporting.fund_balances AS
    SELECT o.code AS office_code,
           o.name AS office_name,
           f.name AS fund_name,
           f.source,
           coalesce(sum(l.amount) FILTER (WHERE l.kind = 'receipt'), 0)::numeric(14, 2) AS receipts,
           coalesce(-sum(l.amount) FILTER (WHERE l.kind = 'disbursement'), 0)::numeric(14, 2) AS disbursements,
           coalesce(-sum(l.amount) FILTER (WHERE l.kind = 'premium'), 0)::numeric(14, 2) AS premiums,
           coalesce(sum(l.amount) FILTER (WHERE l.kind = 'reversal'), 0)::numeric(14, 2) AS reversals,
           coalesce(sum(l.amount), 0)::numeric(14, 2) AS ledger_total,
           f.balance,
           count(l.id)::integer AS entries
    FROM funds f
    JOIN offices o ON o.id = f.office_id
    LEFT JOIN fund_ledger l ON l.fund_id = f.id
    GROUP BY o.code, o.name, f.id, f.name, f.source, f.balance;
COMMENT ON VIEW reporting.fund_balances IS 'Every fund: its ledger by kind of entry and its balance; balance = receipts - disbursements - premiums + reversals = ledger_total.';
COMMENT ON COLUMN reporting.fund_balances.office_code IS 'The office that holds the fund.';
COMMENT ON COLUMN reporting.fund_balances.office_name IS 'Its name.';
COMMENT ON COLUMN reporting.fund_balances.fund_name IS 'The fund''s name (unique within its office).';
COMMENT ON COLUMN reporting.fund_balances.source IS 'district_allocation, township_government, union_dues, donation or other.';
COMMENT ON COLUMN reporting.fund_balances.receipts IS 'Money received, yuan.';
COMMENT ON COLUMN reporting.fund_balances.disbursements IS 'Aid paid out (cash and goods the fund bought), yuan, as a positive figure.';
COMMENT ON COLUMN reporting.fund_balances.premiums IS 'Insurance premiums paid, yuan, as a positive figure.';
COMMENT ON COLUMN reporting.fund_balances.reversals IS 'Net of reversing entries, yuan: positive when payments came back, negative when receipts were withdrawn.';
COMMENT ON COLUMN reporting.fund_balances.ledger_total IS 'Sum of every ledger entry, yuan.';
COMMENT ON COLUMN reporting.fund_balances.balance IS 'The fund''s balance, yuan: equals ledger_total.';
COMMENT ON COLUMN reporting.fund_balances.entries IS 'Ledger entries.';

CREATE VIEW reporting.contracts_status AS
    WITH today AS (SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS day),
    per_enterprise AS (
        SELECT en.id, en.office_id, en.ownership, en.has_union,
               EXISTS (SELECT 1 FROM collective_contracts c
                       WHERE c.enterprise_id = en.id AND c.kind = 'comprehensive' AND c.status IN ('filed', 'effective')
                         AND coalesce(c.effective_on, c.filed_on + 16) <= today.day AND c.starts_on <= today.day
                         AND today.day <= c.ends_on) AS covered
        FROM enterprises en CROSS JOIN today
    ),
    per_contract AS (
        SELECT en.office_id, en.ownership,
               count(*) FILTER (WHERE c.ends_on >= today.day AND (c.ends_on - interval '3 months')::date <= today.day) AS expiring,
               count(*) FILTER (WHERE c.ends_on < today.day) AS expired,
               count(*) FILTER (WHERE c.status = 'signed' AND c.signed_on + 10 < today.day) AS not_filed
        FROM collective_contracts c
        JOIN enterprises en ON en.id = c.enterprise_id
        CROSS JOIN today
        WHERE c.status IN ('signed', 'filed', 'effective')
        GROUP BY en.office_id, en.ownership
    ),
    per_office AS (
        SELECT office_id, ownership, count(*) AS enterprises, count(*) FILTER (WHERE has_union) AS with_union,
               count(*) FILTER (WHERE covered) AS covered
        FROM per_enterprise GROUP BY office_id, ownership
    )
    SELECT o.code AS office_code,
           o.name AS office_name,
           po.ownership,
           po.enterprises::integer AS enterprises,
           po.with_union::integer AS with_union,
           po.covered::integer AS with_valid_comprehensive,
           round(po.covered::numeric / po.enterprises, 4)::numeric(6, 4) AS coverage_rate,
           coalesce(pc.expiring, 0)::integer AS expiring_in_3_months,
           coalesce(pc.expired, 0)::integer AS expired,
           coalesce(pc.not_filed, 0)::integer AS not_filed
    FROM per_office po
    JOIN offices o ON o.id = po.office_id
    LEFT JOIN per_contract pc ON pc.office_id = po.office_id AND pc.ownership = po.ownership;
COMMENT ON VIEW reporting.contracts_status IS 'Collective contracts per branch and ownership today (Beijing): coverage by a valid comprehensive contract and the contracts that need action.';
COMMENT ON COLUMN reporting.contracts_status.office_code IS 'The branch that looks after the enterprises.';
COMMENT ON COLUMN reporting.contracts_status.office_name IS 'Its name.';
COMMENT ON COLUMN reporting.contracts_status.ownership IS 'public (公有制) or private (非公).';
COMMENT ON COLUMN reporting.contracts_status.enterprises IS 'Enterprises.';
COMMENT ON COLUMN reporting.contracts_status.with_union IS 'Of them, with a union founded.';
COMMENT ON COLUMN reporting.contracts_status.with_valid_comprehensive IS 'Of them, with a comprehensive contract in force today (filed, effective, inside its term).';
COMMENT ON COLUMN reporting.contracts_status.coverage_rate IS 'with_valid_comprehensive / enterprises, 4 decimals.';
COMMENT ON COLUMN reporting.contracts_status.expiring_in_3_months IS 'Live contracts (signed, filed or effective) ending within 3 months: renewal talks may start.';
COMMENT ON COLUMN reporting.contracts_status.expired IS 'Live contracts past their end, neither renewed nor terminated.';
COMMENT ON COLUMN reporting.contracts_status.not_filed IS 'Contracts signed more than 10 days ago and not filed with the labour bureau.';

CREATE VIEW reporting.activity_participation AS
    SELECT extract(year FROM a.starts_on)::integer AS year,
           o.code AS office_code,
           o.name AS office_name,
           a.kind,
           count(*)::integer AS events,
           sum(coalesce(p.named, 0))::integer AS named_participants,
           sum(a.head_count)::integer AS head_count,
           sum(coalesce(p.named, 0) + a.head_count)::integer AS participant_times
    FROM activities a
    JOIN offices o ON o.id = a.office_id
    LEFT JOIN (SELECT activity_id, count(*) AS named FROM activity_participants GROUP BY activity_id) p ON p.activity_id = a.id
    GROUP BY 1, o.code, o.name, a.kind;
COMMENT ON VIEW reporting.activity_participation IS 'Activities by the year they start, organising office and kind: events and participant-times (named participants plus head counts).';
COMMENT ON COLUMN reporting.activity_participation.year IS 'Year the events start.';
COMMENT ON COLUMN reporting.activity_participation.office_code IS 'The organising office (co-organisers are not counted again).';
COMMENT ON COLUMN reporting.activity_participation.office_name IS 'Its name.';
COMMENT ON COLUMN reporting.activity_participation.kind IS 'skills_competition, safety_training, fire_drill, food_safety_training, knowledge_contest, cultural, sports, outing or other.';
COMMENT ON COLUMN reporting.activity_participation.events IS 'Events.';
COMMENT ON COLUMN reporting.activity_participation.named_participants IS 'Participants recorded by name.';
COMMENT ON COLUMN reporting.activity_participation.head_count IS 'Participants counted by head for mass events.';
COMMENT ON COLUMN reporting.activity_participation.participant_times IS 'named_participants + head_count (人次).';

CREATE VIEW reporting.annual_summary AS
    WITH scopes AS (
        SELECT 'o'::char(1) AS level, o.id AS scope_id FROM offices o
        UNION
        SELECT 'a'::char(1), oa.area_id FROM rollup.office_areas oa
    ),
    -- Each office's rows once for itself and once for its area.
    levels AS (
        SELECT oa.office_id, 'o'::char(1) AS level, oa.office_id AS scope_id FROM rollup.office_areas oa
        UNION ALL
        SELECT oa.office_id, 'a'::char(1), oa.area_id FROM rollup.office_areas oa
    ),
    money AS (
        SELECT m.year, l.level, l.scope_id,
               sum(m.cash) FILTER (WHERE m.kind IN ('hardship_relief', 'emergency_relief')) AS relief_cash,
               sum(m.fund_goods + m.donated_goods) FILTER (WHERE m.kind IN ('hardship_relief', 'emergency_relief')) AS relief_goods,
               sum(m.cash) FILTER (WHERE m.kind = 'education_aid') AS education_cash,
               sum(m.fund_goods + m.donated_goods) FILTER (WHERE m.kind = 'education_aid') AS education_goods,
               sum(m.cash) FILTER (WHERE m.kind = 'model_worker_aid') AS model_worker_cash,
               sum(m.fund_goods + m.donated_goods) FILTER (WHERE m.kind = 'model_worker_aid') AS model_worker_goods,
               sum(m.cash) FILTER (WHERE m.kind = 'holiday_warmth') AS holiday_cash,
               sum(m.fund_goods + m.donated_goods) FILTER (WHERE m.kind = 'holiday_warmth') AS holiday_goods,
               sum(m.disbursements - m.reversals) FILTER (WHERE m.kind = 'holiday_warmth') AS holiday_visits
        FROM rollup.aid_money m JOIN levels l ON l.office_id = m.office_id
        GROUP BY m.year, l.level, l.scope_id
    ),
    named AS (SELECT activity_id, count(*) AS named FROM activity_participants GROUP BY activity_id),
    activity AS (
        SELECT extract(year FROM a.starts_on)::integer AS year, l.level, l.scope_id, count(*) AS events,
               sum(coalesce(n.named, 0) + a.head_count) AS times,
               sum(coalesce(n.named, 0) + a.head_count) FILTER (WHERE a.competition OR a.kind IN
                   ('skills_competition', 'safety_training', 'fire_drill', 'food_safety_training', 'knowledge_contest')) AS training_times
        FROM activities a
        JOIN levels l ON l.office_id = a.office_id
        LEFT JOIN named n ON n.activity_id = a.id
        GROUP BY 1, l.level, l.scope_id
    ),
    members AS (
        SELECT l.level, l.scope_id, count(w.id) AS active
        FROM workers w JOIN levels l ON l.office_id = w.office_id
        WHERE w.membership_status = 'active'
        GROUP BY l.level, l.scope_id
    ),
    -- Active members enrolled in a period overlapping the year, once a year each, in the office
    -- they belong to now; a member is in one office, so an area's count is its offices' sum.
    -- (The periods' years first, materialized: a handful of rows the planner can count, where
    -- a series per enrolment looked like millions.)
    period_years AS MATERIALIZED (
        SELECT pe.id AS period_id, span.year
        FROM insurance_periods pe
        JOIN generate_series(1900, 2200) AS span (year) ON span.year BETWEEN extract(year FROM pe.starts_on) AND extract(year FROM pe.ends_on)
    ),
    insured_office AS (
        SELECT y.year, w.office_id, count(*) AS insured
        FROM (SELECT DISTINCT e.worker_id, py.year FROM insurance_enrolments e JOIN period_years py ON py.period_id = e.period_id) y
        JOIN workers w ON w.id = y.worker_id AND w.membership_status = 'active'
        GROUP BY y.year, w.office_id
    ),
    insured AS (
        SELECT i.year, l.level, l.scope_id, sum(i.insured) AS insured
        FROM insured_office i JOIN levels l ON l.office_id = i.office_id
        GROUP BY i.year, l.level, l.scope_id
    ),
    figures AS (
        SELECT y.year, s.level, s.scope_id,
               coalesce(m.relief_cash, 0) AS relief_cash, coalesce(m.relief_goods, 0) AS relief_goods,
               coalesce(m.education_cash, 0) AS education_cash, coalesce(m.education_goods, 0) AS education_goods,
               coalesce(m.model_worker_cash, 0) AS model_worker_cash, coalesce(m.model_worker_goods, 0) AS model_worker_goods,
               coalesce(m.holiday_cash, 0) AS holiday_cash, coalesce(m.holiday_goods, 0) AS holiday_goods,
               coalesce(m.holiday_visits, 0) AS holiday_visits,
               coalesce(a.events, 0) AS events, coalesce(a.times, 0) AS participant_times, coalesce(a.training_times, 0) AS training_times,
               coalesce(mb.active, 0) AS active_members, coalesce(i.insured, 0) AS insured_members
        FROM rollup.report_years y
        CROSS JOIN scopes s
        LEFT JOIN money m ON m.year = y.year AND m.level = s.level AND m.scope_id = s.scope_id
        LEFT JOIN activity a ON a.year = y.year AND a.level = s.level AND a.scope_id = s.scope_id
        LEFT JOIN members mb ON mb.level = s.level AND mb.scope_id = s.scope_id
        LEFT JOIN insured i ON i.year = y.year AND i.level = s.level AND i.scope_id = s.scope_id
    )
    SELECT f.year,
           CASE f.level WHEN 'o' THEN 'office' ELSE 'area' END AS level,
           o.code AS office_code,
           o.name AS office_name,
           coalesce(relief.households, 0) AS relief_households,
           f.relief_cash::numeric(14, 2) AS relief_cash,
           f.relief_goods::numeric(14, 2) AS relief_goods,
           (f.relief_cash + f.relief_goods)::numeric(14, 2) AS relief_total,
           coalesce(education.people, 0) AS education_students,
           f.education_cash::numeric(14, 2) AS education_cash,
           (f.education_cash + f.education_goods)::numeric(14, 2) AS education_total,
           coalesce(model.people, 0) AS model_workers,
           f.model_worker_cash::numeric(14, 2) AS model_worker_cash,
           f.model_worker_goods::numeric(14, 2) AS model_worker_goods,
           (f.model_worker_cash + f.model_worker_goods)::numeric(14, 2) AS model_worker_total,
           coalesce(holiday.households, 0) AS holiday_households,
           f.holiday_visits::integer AS holiday_visits,
           f.holiday_cash::numeric(14, 2) AS holiday_cash,
           (f.holiday_cash + f.holiday_goods)::numeric(14, 2) AS holiday_total,
           (f.relief_cash + f.relief_goods + f.education_cash + f.education_goods + f.model_worker_cash + f.model_worker_goods
               + f.holiday_cash + f.holiday_goods)::numeric(14, 2) AS aid_total,
           f.events::integer AS events,
           f.participant_times::integer AS participant_times,
           f.training_times::integer AS training_participant_times,
           f.active_members::integer AS active_members,
           f.insured_members::integer AS insured_members,
           CASE WHEN f.active_members = 0 THEN 0 ELSE round(f.insured_members::numeric / f.active_members, 4) END::numeric(6, 4)
               AS insurance_coverage_rate
    FROM figures f
    JOIN offices o ON o.id = f.scope_id
    LEFT JOIN rollup.aid_reach relief ON relief.year = f.year AND relief.level = f.level AND relief.scope_id = f.scope_id AND relief.bucket = 'relief'
    LEFT JOIN rollup.aid_reach education ON education.year = f.year AND education.level = f.level AND education.scope_id = f.scope_id
        AND education.bucket = 'education_aid'
    LEFT JOIN rollup.aid_reach model ON model.year = f.year AND model.level = f.level AND model.scope_id = f.scope_id
        AND model.bucket = 'model_worker_aid'
    LEFT JOIN rollup.aid_reach holiday ON holiday.year = f.year AND holiday.level = f.level AND holiday.scope_id = f.scope_id
        AND holiday.bucket = 'holiday_warmth';
COMMENT ON VIEW reporting.annual_summary IS 'The figures the federation publishes, per year and office and per area (level area): from every year with data through this year.';
COMMENT ON COLUMN reporting.annual_summary.year IS 'Calendar year.';
COMMENT ON COLUMN reporting.annual_summary.level IS 'office: one office''s own figures; area: the whole area (people and households counted once).';
COMMENT ON COLUMN reporting.annual_summary.office_code IS 'The office, or the area for level area.';
COMMENT ON COLUMN reporting.annual_summary.office_name IS 'Its name.';
COMMENT ON COLUMN reporting.annual_summary.relief_households IS 'Households helped by hardship or emergency relief (帮扶救助户数), counted once.';
COMMENT ON COLUMN reporting.annual_summary.relief_cash IS 'Cash of hardship and emergency relief, yuan.';
COMMENT ON COLUMN reporting.annual_summary.relief_goods IS 'Goods of hardship and emergency relief at their value, yuan.';
COMMENT ON COLUMN reporting.annual_summary.relief_total IS 'relief_cash + relief_goods (帮扶救助资金).';
COMMENT ON COLUMN reporting.annual_summary.education_students IS 'Students given education grants (金秋助学人数).';
COMMENT ON COLUMN reporting.annual_summary.education_cash IS 'Education grants paid in cash, yuan.';
COMMENT ON COLUMN reporting.annual_summary.education_total IS 'Education aid, cash and goods, yuan (助学金).';
COMMENT ON COLUMN reporting.annual_summary.model_workers IS 'Model workers helped (劳模人数).';
COMMENT ON COLUMN reporting.annual_summary.model_worker_cash IS 'Cash to model workers, yuan.';
COMMENT ON COLUMN reporting.annual_summary.model_worker_goods IS 'Goods to model workers at their value, yuan.';
COMMENT ON COLUMN reporting.annual_summary.model_worker_total IS 'model_worker_cash + model_worker_goods (救助金及慰问品).';
COMMENT ON COLUMN reporting.annual_summary.holiday_households IS 'Households visited in holiday campaigns, counted once a year (走访慰问户数).';
COMMENT ON COLUMN reporting.annual_summary.holiday_visits IS 'Visits (a household visited at two festivals counts twice).';
COMMENT ON COLUMN reporting.annual_summary.holiday_cash IS 'Cash handed over on visits, yuan.';
COMMENT ON COLUMN reporting.annual_summary.holiday_total IS 'Cash and goods of the visits, yuan (慰问金).';
COMMENT ON COLUMN reporting.annual_summary.aid_total IS 'Every kind of aid together, cash and goods, yuan.';
COMMENT ON COLUMN reporting.annual_summary.events IS 'Activities organised that started in the year.';
COMMENT ON COLUMN reporting.annual_summary.participant_times IS 'Participant-times of those activities (人次).';
COMMENT ON COLUMN reporting.annual_summary.training_participant_times IS 'Participant-times of trainings, drills and competitions.';
COMMENT ON COLUMN reporting.annual_summary.active_members IS 'Active members today.';
COMMENT ON COLUMN reporting.annual_summary.insured_members IS 'Of them, enrolled in mutual insurance for a period overlapping the year.';
COMMENT ON COLUMN reporting.annual_summary.insurance_coverage_rate IS 'insured_members / active_members (0 when there are none), 4 decimals.';

-- The API serves the annual summary to signed-in users, filtered to their scope in the store
-- (the view itself is area-wide): the app role reads that one view and nothing else here.
GRANT USAGE ON SCHEMA reporting TO unionhall_app;
GRANT SELECT ON reporting.annual_summary TO unionhall_app;
