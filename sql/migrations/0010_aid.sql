-- Aid (帮扶): funds and their append-only ledger, programs with budgets and standards, aid
-- cases with goods in kind, and idempotency keys for every request that moves money.
--
-- The money rules live here, not only in Swift, so no code path (API, CLI, a concurrent
-- request) can break them:
--   * a fund's balance is changed only by the trigger that inserts its ledger row, with the
--     fund row locked by that UPDATE, so concurrent disbursements take turns and the CHECK
--     (balance >= 0) refuses the one that would overdraw;
--   * the ledger can't be updated or deleted by the application role (REVOKE, and no policy);
--     a mistake is corrected by a reversing entry that mirrors the one it reverses, once;
--   * a program's `spent` moves in the same transaction as the ledger and can't pass `budget`;
--   * the once-per rule is a unique index over every branch's cases.

CREATE TABLE funds (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    office_id  uuid NOT NULL CONSTRAINT funds_office_fkey REFERENCES offices (id),
    name       text NOT NULL CONSTRAINT funds_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
    source     text NOT NULL CONSTRAINT funds_source_check
                   CHECK (source IN ('district_allocation', 'township_government', 'union_dues', 'donation', 'other')),
    balance    numeric(14, 2) NOT NULL DEFAULT 0 CONSTRAINT funds_balance_nonnegative CHECK (balance >= 0),
    -- How many ledger entries the fund has: the next entry's `seq`, assigned under the row lock.
    entries    bigint NOT NULL DEFAULT 0,
    created_by uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT funds_name_key UNIQUE (office_id, name)
);
-- The app names a fund; the balance and entry count are the ledger trigger's alone.
REVOKE INSERT, UPDATE, DELETE ON funds FROM unionhall_app;
GRANT INSERT (office_id, name, source, created_by) ON funds TO unionhall_app;
GRANT UPDATE (name) ON funds TO unionhall_app;

CREATE TABLE aid_programs (
    id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    office_id              uuid NOT NULL REFERENCES offices (id),
    kind                   text NOT NULL CONSTRAINT aid_programs_kind_check
                               CHECK (kind IN ('hardship_relief', 'emergency_relief', 'education_aid', 'model_worker_aid', 'holiday_warmth')),
    name                   text NOT NULL CONSTRAINT aid_programs_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
    year                   integer NOT NULL CONSTRAINT aid_programs_year_check CHECK (year BETWEEN 2000 AND 2100),
    fund_id                uuid NOT NULL CONSTRAINT aid_programs_fund_fkey REFERENCES funds (id),
    budget                 numeric(14, 2) NOT NULL CONSTRAINT aid_programs_budget_nonnegative CHECK (budget >= 0),
    -- What the program's disbursements drew, net of reversals; moved with the ledger.
    spent                  numeric(14, 2) NOT NULL DEFAULT 0,
    standard_basis         text NOT NULL CONSTRAINT aid_programs_basis_check
                               CHECK (standard_basis IN ('hardship_tier', 'school_level', 'honour_level', 'flat')),
    opens_on               date,
    closes_on              date,
    once_per               text NOT NULL CONSTRAINT aid_programs_once_per_check
                               CHECK (once_per IN ('person', 'student_school_year', 'household_campaign')),
    eligibility            text NOT NULL CONSTRAINT aid_programs_eligibility_check
                               CHECK (eligibility IN ('active_hardship_file', 'model_worker', 'none')),
    festival               text CONSTRAINT aid_programs_festival_check CHECK (festival IN ('new_year', 'spring_festival', 'mid_autumn', 'national_day')),
    includes_model_workers boolean NOT NULL DEFAULT false,
    created_by             uuid,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT aid_programs_within_budget CHECK (spent >= 0 AND spent <= budget),
    CONSTRAINT aid_programs_window_order CHECK (closes_on >= opens_on),
    CONSTRAINT aid_programs_festival_for_holidays CHECK ((kind = 'holiday_warmth') = (festival IS NOT NULL))
);
CREATE INDEX aid_programs_year_idx ON aid_programs (year, id);

-- Amount standards: by hardship tier (deep/relative/accident), school level, honour level, or
-- one flat amount (key 'flat').
CREATE TABLE aid_program_standards (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    program_id uuid NOT NULL REFERENCES aid_programs (id) ON DELETE CASCADE,
    office_id  uuid NOT NULL REFERENCES offices (id),
    key        text NOT NULL CONSTRAINT aid_program_standards_key_format CHECK (key ~ '^[a-z_]{2,30}$'),
    amount     numeric(14, 2) NOT NULL CONSTRAINT aid_program_standards_amount_check CHECK (amount >= 0),
    CONSTRAINT aid_program_standards_key UNIQUE (program_id, key)
);

CREATE TABLE aid_cases (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- The filing branch: it keeps seeing its case after the worker moves on.
    office_id         uuid NOT NULL REFERENCES offices (id),
    worker_id         uuid NOT NULL CONSTRAINT aid_cases_worker_fkey REFERENCES workers (id),
    program_id        uuid NOT NULL CONSTRAINT aid_cases_program_fkey REFERENCES aid_programs (id),
    year              integer NOT NULL,
    status            text NOT NULL DEFAULT 'draft' CONSTRAINT aid_cases_status_check
                          CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'rejected', 'disbursed', 'reversed')),
    reason            text NOT NULL CONSTRAINT aid_cases_reason_length CHECK (char_length(reason) BETWEEN 1 AND 500),
    cash_requested    numeric(14, 2) NOT NULL CONSTRAINT aid_cases_cash_nonnegative CHECK (cash_requested >= 0),
    standard_amount   numeric(14, 2) NOT NULL,
    justification     text CONSTRAINT aid_cases_justification_length CHECK (char_length(justification) BETWEEN 1 AND 500),
    student_id        uuid REFERENCES household_members (id),
    school_year       integer,
    -- The once-per key within the program: the person, the student and school year, or the
    -- household; rejected and reversed cases free it.
    once_key          text NOT NULL,
    submitted_by      uuid,
    submitted_at      timestamptz,
    decided_by        uuid,
    decided_at        timestamptz,
    decision_reason   text CONSTRAINT aid_cases_decision_reason_length CHECK (char_length(decision_reason) BETWEEN 1 AND 500),
    cash_paid         numeric(14, 2) CONSTRAINT aid_cases_cash_paid_check CHECK (cash_paid >= 0 AND cash_paid <= cash_requested),
    payment_method    text CONSTRAINT aid_cases_method_check CHECK (payment_method IN ('member_card', 'bank', 'cash')),
    disbursed_on      date,
    disbursed_by      uuid,
    -- What the fund paid: cash plus goods the fund bought.
    drawn             numeric(14, 2),
    ledger_entry_id   uuid,
    reversed_by       uuid,
    reversed_at       timestamptz,
    reversal_reason   text CONSTRAINT aid_cases_reversal_reason_length CHECK (char_length(reversal_reason) BETWEEN 1 AND 500),
    created_by        uuid,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT aid_cases_above_standard_justified CHECK (cash_requested <= standard_amount OR justification IS NOT NULL),
    CONSTRAINT aid_cases_student_has_year CHECK ((student_id IS NULL) = (school_year IS NULL)),
    CONSTRAINT aid_cases_disbursed_complete CHECK (status NOT IN ('disbursed', 'reversed')
        OR (cash_paid IS NOT NULL AND payment_method IS NOT NULL AND disbursed_on IS NOT NULL AND drawn IS NOT NULL))
);
CREATE UNIQUE INDEX aid_cases_once ON aid_cases (program_id, once_key) WHERE status NOT IN ('rejected', 'reversed');
CREATE INDEX aid_cases_office_idx ON aid_cases (office_id, id);
CREATE INDEX aid_cases_worker_idx ON aid_cases (worker_id);
CREATE INDEX aid_cases_status_idx ON aid_cases (status, id);

CREATE TABLE aid_case_goods (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id    uuid NOT NULL REFERENCES aid_cases (id) ON DELETE CASCADE,
    office_id  uuid NOT NULL REFERENCES offices (id),
    line       smallint NOT NULL,
    item       text NOT NULL CONSTRAINT aid_case_goods_item_length CHECK (char_length(item) BETWEEN 1 AND 50),
    quantity   integer NOT NULL CONSTRAINT aid_case_goods_quantity_check CHECK (quantity BETWEEN 1 AND 100000),
    unit       text NOT NULL CONSTRAINT aid_case_goods_unit_length CHECK (char_length(unit) BETWEEN 1 AND 10),
    unit_value numeric(14, 2) NOT NULL CONSTRAINT aid_case_goods_value_check CHECK (unit_value >= 0),
    -- Bought by the fund (drawn at disbursement) or donated in kind (drawing nothing).
    source     text NOT NULL CONSTRAINT aid_case_goods_source_check CHECK (source IN ('fund', 'donated')),
    value      numeric(14, 2) GENERATED ALWAYS AS (quantity * unit_value) STORED
);
CREATE INDEX aid_case_goods_case_idx ON aid_case_goods (case_id);

CREATE TABLE fund_ledger (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    fund_id       uuid NOT NULL CONSTRAINT fund_ledger_fund_fkey REFERENCES funds (id),
    office_id     uuid NOT NULL REFERENCES offices (id),
    -- Position in the fund's ledger and the balance after it: both set by the trigger under
    -- the fund's row lock, so they follow commit order and the last one is the balance.
    seq           bigint NOT NULL,
    balance_after numeric(14, 2) NOT NULL,
    kind          text NOT NULL CONSTRAINT fund_ledger_kind_check CHECK (kind IN ('receipt', 'disbursement', 'reversal')),
    amount        numeric(14, 2) NOT NULL CONSTRAINT fund_ledger_amount_nonzero CHECK (amount <> 0),
    entry_date    date NOT NULL,
    payer         text CONSTRAINT fund_ledger_payer_length CHECK (char_length(payer) BETWEEN 1 AND 100),
    memo          text CONSTRAINT fund_ledger_memo_length CHECK (char_length(memo) BETWEEN 1 AND 200),
    case_id       uuid CONSTRAINT fund_ledger_case_fkey REFERENCES aid_cases (id),
    reverses      uuid CONSTRAINT fund_ledger_reverses_fkey REFERENCES fund_ledger (id)
                      CONSTRAINT fund_ledger_reversed_once UNIQUE,
    created_by    uuid,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fund_ledger_seq_key UNIQUE (fund_id, seq),
    CONSTRAINT fund_ledger_reversal_points_back CHECK ((kind = 'reversal') = (reverses IS NOT NULL)),
    CONSTRAINT fund_ledger_receipt_positive CHECK (kind <> 'receipt' OR amount > 0),
    CONSTRAINT fund_ledger_disbursement_negative CHECK (kind <> 'disbursement' OR (amount < 0 AND case_id IS NOT NULL))
);
-- Deferred: a disbursement names its entry first and writes it last (the fund's row lock is
-- taken at the end of the transaction).
ALTER TABLE aid_cases ADD CONSTRAINT aid_cases_ledger_fkey FOREIGN KEY (ledger_entry_id) REFERENCES fund_ledger (id)
    DEFERRABLE INITIALLY DEFERRED;
-- Append-only for the application.
REVOKE UPDATE, DELETE ON fund_ledger FROM unionhall_app;
REVOKE DELETE ON aid_cases, aid_programs FROM unionhall_app;

-- Posts an entry: moves the fund's balance (the CHECK refuses an overdraft) with the fund row
-- locked, numbers the entry and records the balance after it. A reversal must mirror the
-- entry it reverses. Owner rights: the app role can't write `balance` itself.
CREATE FUNCTION fund_ledger_post() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    DECLARE
        original fund_ledger%ROWTYPE;
    BEGIN
        IF NEW.reverses IS NOT NULL THEN
            SELECT * INTO original FROM fund_ledger WHERE id = NEW.reverses;
            IF NOT FOUND OR original.fund_id <> NEW.fund_id OR original.amount <> -NEW.amount OR original.kind = 'reversal' THEN
                RAISE EXCEPTION 'a reversal mirrors the entry it reverses'
                    USING ERRCODE = 'check_violation', CONSTRAINT = 'fund_ledger_reversal_mirrors';
            END IF;
        END IF;
        UPDATE funds SET balance = balance + NEW.amount, entries = entries + 1
        WHERE id = NEW.fund_id
        RETURNING balance, entries, office_id INTO NEW.balance_after, NEW.seq, NEW.office_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no such fund' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'fund_ledger_fund_fkey';
        END IF;
        RETURN NEW;
    END
    $$;
CREATE TRIGGER fund_ledger_post BEFORE INSERT ON fund_ledger FOR EACH ROW EXECUTE FUNCTION fund_ledger_post();

CREATE TABLE idempotency_keys (
    user_id      uuid NOT NULL,
    key          text NOT NULL CONSTRAINT idempotency_keys_key_length CHECK (char_length(key) BETWEEN 1 AND 200),
    -- sha256 of method, path and body: the same key with another request is refused.
    request_hash bytea NOT NULL,
    status       integer,
    location     text,
    response     text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);
REVOKE DELETE ON idempotency_keys FROM unionhall_app;

------------------------------------------------------------------------------------------
-- Row-level security.
ALTER TABLE funds ENABLE ROW LEVEL SECURITY;
ALTER TABLE funds FORCE ROW LEVEL SECURITY;
CREATE POLICY funds_owner ON funds TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY funds_app ON funds TO unionhall_app USING (app_sees(office_id)) WITH CHECK (app_sees(office_id));

-- The ledger row's office is its fund's (the trigger sets it); a case it names must be one
-- the writer can see. No UPDATE or DELETE policy: with the REVOKE, twice shut.
ALTER TABLE fund_ledger ENABLE ROW LEVEL SECURITY;
ALTER TABLE fund_ledger FORCE ROW LEVEL SECURITY;
CREATE POLICY fund_ledger_owner ON fund_ledger TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY fund_ledger_app_select ON fund_ledger FOR SELECT TO unionhall_app USING (app_sees(office_id));
CREATE POLICY fund_ledger_app_insert ON fund_ledger FOR INSERT TO unionhall_app
    WITH CHECK (app_sees(office_id) AND (case_id IS NULL OR EXISTS (SELECT 1 FROM aid_cases c WHERE c.id = case_id)));

-- Programs are the area's catalogue: every signed-in user reads them (a branch files cases
-- against them), said so as for settings; only their office writes them.
ALTER TABLE aid_programs ENABLE ROW LEVEL SECURITY;
ALTER TABLE aid_programs FORCE ROW LEVEL SECURITY;
CREATE POLICY aid_programs_owner ON aid_programs TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY aid_programs_app_select ON aid_programs FOR SELECT TO unionhall_app USING (app_user_id() IS NOT NULL);
CREATE POLICY aid_programs_app_insert ON aid_programs FOR INSERT TO unionhall_app WITH CHECK (app_sees(office_id));
CREATE POLICY aid_programs_app_update ON aid_programs FOR UPDATE TO unionhall_app USING (app_sees(office_id)) WITH CHECK (app_sees(office_id));

ALTER TABLE aid_program_standards ENABLE ROW LEVEL SECURITY;
ALTER TABLE aid_program_standards FORCE ROW LEVEL SECURITY;
CREATE POLICY aid_program_standards_owner ON aid_program_standards TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY aid_program_standards_app_select ON aid_program_standards FOR SELECT TO unionhall_app USING (app_user_id() IS NOT NULL);
CREATE POLICY aid_program_standards_app_write ON aid_program_standards FOR ALL TO unionhall_app
    USING (app_sees(office_id)) WITH CHECK (app_sees(office_id));

-- A case is visible to the branch that filed it and to whoever now has the worker (history
-- follows transfers). A new case must name a worker the writer can see.
-- The checks on a written row look up what it names by key (EXISTS … WHERE id = …): as
-- `x IN (SELECT id FROM t)` PostgreSQL hashes every visible row of t on each write, which at
-- 10,000 cases made every disbursement's ledger insert, under the fund's lock, scan them all.
ALTER TABLE aid_cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE aid_cases FORCE ROW LEVEL SECURITY;
CREATE POLICY aid_cases_owner ON aid_cases TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY aid_cases_app_select ON aid_cases FOR SELECT TO unionhall_app
    USING (app_sees(office_id) OR worker_id IN (SELECT id FROM workers));
CREATE POLICY aid_cases_app_insert ON aid_cases FOR INSERT TO unionhall_app
    WITH CHECK (app_sees(office_id) AND EXISTS (SELECT 1 FROM workers w WHERE w.id = worker_id));
CREATE POLICY aid_cases_app_update ON aid_cases FOR UPDATE TO unionhall_app
    USING (app_sees(office_id) OR worker_id IN (SELECT id FROM workers))
    WITH CHECK (app_sees(office_id) OR EXISTS (SELECT 1 FROM workers w WHERE w.id = worker_id));

ALTER TABLE aid_case_goods ENABLE ROW LEVEL SECURITY;
ALTER TABLE aid_case_goods FORCE ROW LEVEL SECURITY;
CREATE POLICY aid_case_goods_owner ON aid_case_goods TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY aid_case_goods_app ON aid_case_goods TO unionhall_app
    USING (app_sees(office_id) OR case_id IN (SELECT id FROM aid_cases))
    WITH CHECK (app_sees(office_id) AND EXISTS (SELECT 1 FROM aid_cases c WHERE c.id = case_id));

-- Each user sees only their own keys.
ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY idempotency_keys_owner ON idempotency_keys TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY idempotency_keys_app ON idempotency_keys TO unionhall_app
    USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());

------------------------------------------------------------------------------------------
-- Audit. A fund's balance moving is its ledger entry's doing, audited there: the fund's own
-- audit keeps its creation and renames.
CREATE TRIGGER funds_audit AFTER INSERT OR DELETE ON funds FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
CREATE TRIGGER funds_audit_update AFTER UPDATE ON funds FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION audit_row('office_id');
CREATE TRIGGER fund_ledger_audit AFTER INSERT ON fund_ledger FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
CREATE TRIGGER aid_programs_audit AFTER INSERT OR UPDATE OR DELETE ON aid_programs FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
CREATE TRIGGER aid_program_standards_audit AFTER INSERT OR UPDATE OR DELETE ON aid_program_standards
    FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
CREATE TRIGGER aid_cases_audit AFTER INSERT OR UPDATE OR DELETE ON aid_cases FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
CREATE TRIGGER aid_case_goods_audit AFTER INSERT OR UPDATE OR DELETE ON aid_case_goods FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
