-- Member mutual insurance (职工互助保障): plans, coverage periods, enrolments, claims.
--
-- The rules that decide money live here as well as in Swift:
--   * one enrolment per person and period (a unique index over every branch's rows);
--   * premiums paid by a fund are a `premium` ledger entry, posted by the ledger trigger in
--     the same transaction as the enrolments it pays for, so an empty fund enrols nobody;
--   * an enrolment carries its cap (min(cap per share × shares, cap per period)) and what its
--     approved claims pay; the CHECK keeps the second under the first whatever the callers do,
--     and approvals lock the enrolment row so they take turns.

CREATE TABLE insurance_plans (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    office_id         uuid NOT NULL CONSTRAINT insurance_plans_office_fkey REFERENCES offices (id),
    code              text NOT NULL CONSTRAINT insurance_plans_code_format CHECK (code ~ '^[a-z0-9_-]{2,30}$'),
    name              text NOT NULL CONSTRAINT insurance_plans_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
    insurer           text NOT NULL CONSTRAINT insurance_plans_insurer_length CHECK (char_length(insurer) BETWEEN 1 AND 100),
    premium_per_share numeric(14, 2) NOT NULL CONSTRAINT insurance_plans_premium_positive CHECK (premium_per_share > 0),
    max_shares        integer NOT NULL CONSTRAINT insurance_plans_max_shares_check CHECK (max_shares BETWEEN 1 AND 100),
    -- Eligibility beyond "an active member": one sex only, and ages (at the period's start).
    sex               text CONSTRAINT insurance_plans_sex_check CHECK (sex IN ('male', 'female')),
    min_age           integer,
    max_age           integer,
    deductible        numeric(14, 2) NOT NULL DEFAULT 0 CONSTRAINT insurance_plans_deductible_check CHECK (deductible >= 0),
    -- Percent of what passes the deductible that is paid, 1 to 100.
    payout_percent    integer NOT NULL CONSTRAINT insurance_plans_payout_percent_check CHECK (payout_percent BETWEEN 1 AND 100),
    cap_per_share     numeric(14, 2) NOT NULL CONSTRAINT insurance_plans_cap_per_share_check CHECK (cap_per_share > 0),
    cap_per_period    numeric(14, 2) CONSTRAINT insurance_plans_cap_per_period_check CHECK (cap_per_period > 0),
    created_by        uuid,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT insurance_plans_code_key UNIQUE (code),
    CONSTRAINT insurance_plans_age_check CHECK ((min_age IS NULL OR min_age BETWEEN 16 AND 100)
        AND (max_age IS NULL OR max_age BETWEEN 16 AND 100) AND (max_age >= min_age))
);
REVOKE DELETE ON insurance_plans FROM unionhall_app;

CREATE TABLE insurance_periods (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    plan_id          uuid NOT NULL CONSTRAINT insurance_periods_plan_fkey REFERENCES insurance_plans (id),
    office_id        uuid NOT NULL CONSTRAINT insurance_periods_office_fkey REFERENCES offices (id),
    starts_on        date NOT NULL,
    ends_on          date NOT NULL,
    enrol_opens_on   date NOT NULL,
    enrol_closes_on  date NOT NULL,
    created_by       uuid,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT insurance_periods_order CHECK (ends_on > starts_on),
    CONSTRAINT insurance_periods_window_order CHECK (enrol_closes_on >= enrol_opens_on AND enrol_closes_on <= ends_on),
    CONSTRAINT insurance_periods_start_key UNIQUE (plan_id, starts_on)
);
REVOKE DELETE ON insurance_periods FROM unionhall_app;

-- Premium entries name the period they pay for.
ALTER TABLE fund_ledger ADD COLUMN period_id uuid CONSTRAINT fund_ledger_period_fkey REFERENCES insurance_periods (id);
ALTER TABLE fund_ledger DROP CONSTRAINT fund_ledger_kind_check;
ALTER TABLE fund_ledger ADD CONSTRAINT fund_ledger_kind_check CHECK (kind IN ('receipt', 'disbursement', 'reversal', 'premium'));
ALTER TABLE fund_ledger ADD CONSTRAINT fund_ledger_premium_negative CHECK (kind <> 'premium' OR (amount < 0 AND period_id IS NOT NULL));

CREATE TABLE insurance_enrolments (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    period_id       uuid NOT NULL CONSTRAINT insurance_enrolments_period_fkey REFERENCES insurance_periods (id),
    worker_id       uuid NOT NULL CONSTRAINT insurance_enrolments_worker_fkey REFERENCES workers (id),
    -- The enrolling branch (the worker's at the time): it keeps seeing the enrolment.
    office_id       uuid NOT NULL REFERENCES offices (id),
    shares          integer NOT NULL CONSTRAINT insurance_enrolments_shares_check CHECK (shares BETWEEN 1 AND 100),
    premium         numeric(14, 2) NOT NULL CONSTRAINT insurance_enrolments_premium_check CHECK (premium > 0),
    payer           text NOT NULL CONSTRAINT insurance_enrolments_payer_check CHECK (payer IN ('fund', 'member')),
    fund_id         uuid CONSTRAINT insurance_enrolments_fund_fkey REFERENCES funds (id),
    -- The premium entry (one per call, for every enrolment it paid); named before it is written.
    ledger_entry_id uuid CONSTRAINT insurance_enrolments_ledger_fkey REFERENCES fund_ledger (id) DEFERRABLE INITIALLY DEFERRED,
    cap_total       numeric(14, 2) NOT NULL,
    approved_total  numeric(14, 2) NOT NULL DEFAULT 0,
    -- Set when the worker retires, dies or leaves before the period ends (the trigger below),
    -- for the branch to report before the period closes.
    roster_change   text CONSTRAINT insurance_enrolments_roster_change_check CHECK (roster_change IN ('retired', 'deceased', 'left')),
    roster_changed_on date,
    created_by      uuid,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT insurance_enrolments_within_cap CHECK (approved_total >= 0 AND approved_total <= cap_total),
    CONSTRAINT insurance_enrolments_fund_pays CHECK ((payer = 'fund') = (fund_id IS NOT NULL AND ledger_entry_id IS NOT NULL))
);
CREATE UNIQUE INDEX insurance_enrolments_once ON insurance_enrolments (period_id, worker_id);
CREATE INDEX insurance_enrolments_office_idx ON insurance_enrolments (office_id, id);
CREATE INDEX insurance_enrolments_worker_idx ON insurance_enrolments (worker_id);
-- What was sold (shares, premium, payer, cap) is fixed: the app moves only the running total;
-- roster changes are the trigger's (owner rights).
REVOKE DELETE, UPDATE ON insurance_enrolments FROM unionhall_app;
GRANT UPDATE (approved_total) ON insurance_enrolments TO unionhall_app;

CREATE TABLE insurance_claims (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    enrolment_id    uuid NOT NULL CONSTRAINT insurance_claims_enrolment_fkey REFERENCES insurance_enrolments (id),
    office_id       uuid NOT NULL REFERENCES offices (id),
    incident_on     date NOT NULL,
    kind            text NOT NULL CONSTRAINT insurance_claims_kind_check
                        CHECK (kind IN ('hospitalisation', 'special_disease', 'accident', 'other')),
    amount_claimed  numeric(14, 2) NOT NULL CONSTRAINT insurance_claims_amount_check CHECK (amount_claimed > 0),
    documents       text[] NOT NULL DEFAULT '{}',
    status          text NOT NULL DEFAULT 'submitted' CONSTRAINT insurance_claims_status_check
                        CHECK (status IN ('submitted', 'approved', 'rejected', 'paid')),
    submitted_by    uuid NOT NULL,
    submitted_at    timestamptz NOT NULL DEFAULT now(),
    decided_by      uuid,
    decided_at      timestamptz,
    reject_reason   text CONSTRAINT insurance_claims_reason_length CHECK (char_length(reject_reason) BETWEEN 1 AND 500),
    -- The working of an approval: after the deductible and ratio, what the caps left, the payout.
    after_ratio     numeric(14, 2),
    cap_remaining   numeric(14, 2),
    payout          numeric(14, 2) CONSTRAINT insurance_claims_payout_check CHECK (payout >= 0),
    paid_on         date,
    payment_method  text CONSTRAINT insurance_claims_method_check CHECK (payment_method IN ('bank', 'cash', 'member_card')),
    paid_by         uuid,
    CONSTRAINT insurance_claims_approved_has_payout CHECK (status NOT IN ('approved', 'paid') OR payout IS NOT NULL),
    CONSTRAINT insurance_claims_paid_complete CHECK (status <> 'paid' OR (paid_on IS NOT NULL AND payment_method IS NOT NULL))
);
CREATE INDEX insurance_claims_enrolment_idx ON insurance_claims (enrolment_id);
CREATE INDEX insurance_claims_office_idx ON insurance_claims (office_id, id);
-- A claim as submitted is fixed; a decision and a payment are written beside it.
REVOKE DELETE, UPDATE ON insurance_claims FROM unionhall_app;
GRANT UPDATE (status, decided_by, decided_at, reject_reason, after_ratio, cap_remaining, payout, paid_on, payment_method, paid_by)
    ON insurance_claims TO unionhall_app;

-- Roster changes: a worker who retires, dies or leaves is flagged, on the day, on each of their
-- enrolments whose period has not ended, whichever path changed the status (API, CLI, import).
-- Owner rights: the branch that changes the status may not be the one that enrolled the worker.
CREATE FUNCTION insurance_flag_roster_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    DECLARE
        -- "Today" is Beijing's, as everywhere in UnionHall (CalendarDate.today), not the server's.
        today date := (now() AT TIME ZONE 'Asia/Shanghai')::date;
    BEGIN
        UPDATE insurance_enrolments e SET roster_change = NEW.membership_status, roster_changed_on = today
        FROM insurance_periods p
        WHERE e.worker_id = NEW.id AND p.id = e.period_id AND p.ends_on >= today AND e.roster_change IS NULL;
        RETURN NULL;
    END
    $$;
CREATE TRIGGER workers_insurance_roster_change AFTER UPDATE OF membership_status ON workers FOR EACH ROW
    WHEN (NEW.membership_status IN ('retired', 'deceased', 'left') AND OLD.membership_status IS DISTINCT FROM NEW.membership_status)
    EXECUTE FUNCTION insurance_flag_roster_change();

------------------------------------------------------------------------------------------
-- Row-level security. Plans and periods are the area's catalogue: every signed-in user reads
-- them (a branch enrols against them); only their office writes them.
ALTER TABLE insurance_plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE insurance_plans FORCE ROW LEVEL SECURITY;
CREATE POLICY insurance_plans_owner ON insurance_plans TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY insurance_plans_app_select ON insurance_plans FOR SELECT TO unionhall_app USING (app_user_id() IS NOT NULL);
CREATE POLICY insurance_plans_app_insert ON insurance_plans FOR INSERT TO unionhall_app WITH CHECK (app_sees(office_id));
CREATE POLICY insurance_plans_app_update ON insurance_plans FOR UPDATE TO unionhall_app
    USING (app_sees(office_id)) WITH CHECK (app_sees(office_id));

ALTER TABLE insurance_periods ENABLE ROW LEVEL SECURITY;
ALTER TABLE insurance_periods FORCE ROW LEVEL SECURITY;
CREATE POLICY insurance_periods_owner ON insurance_periods TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY insurance_periods_app_select ON insurance_periods FOR SELECT TO unionhall_app USING (app_user_id() IS NOT NULL);
CREATE POLICY insurance_periods_app_insert ON insurance_periods FOR INSERT TO unionhall_app WITH CHECK (app_sees(office_id));

-- An enrolment is seen by the branch that made it and by whoever now has the worker.
ALTER TABLE insurance_enrolments ENABLE ROW LEVEL SECURITY;
ALTER TABLE insurance_enrolments FORCE ROW LEVEL SECURITY;
CREATE POLICY insurance_enrolments_owner ON insurance_enrolments TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY insurance_enrolments_app_select ON insurance_enrolments FOR SELECT TO unionhall_app
    USING (app_sees(office_id) OR worker_id IN (SELECT id FROM workers));
CREATE POLICY insurance_enrolments_app_insert ON insurance_enrolments FOR INSERT TO unionhall_app
    WITH CHECK (app_sees(office_id) AND EXISTS (SELECT 1 FROM workers w WHERE w.id = worker_id));
CREATE POLICY insurance_enrolments_app_update ON insurance_enrolments FOR UPDATE TO unionhall_app
    USING (app_sees(office_id) OR worker_id IN (SELECT id FROM workers))
    WITH CHECK (app_sees(office_id) OR EXISTS (SELECT 1 FROM workers w WHERE w.id = worker_id));

ALTER TABLE insurance_claims ENABLE ROW LEVEL SECURITY;
ALTER TABLE insurance_claims FORCE ROW LEVEL SECURITY;
CREATE POLICY insurance_claims_owner ON insurance_claims TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY insurance_claims_app_select ON insurance_claims FOR SELECT TO unionhall_app
    USING (app_sees(office_id) OR enrolment_id IN (SELECT id FROM insurance_enrolments));
CREATE POLICY insurance_claims_app_insert ON insurance_claims FOR INSERT TO unionhall_app
    WITH CHECK (app_sees(office_id) AND EXISTS (SELECT 1 FROM insurance_enrolments e WHERE e.id = enrolment_id));
CREATE POLICY insurance_claims_app_update ON insurance_claims FOR UPDATE TO unionhall_app
    USING (app_sees(office_id) OR enrolment_id IN (SELECT id FROM insurance_enrolments))
    WITH CHECK (app_sees(office_id) OR EXISTS (SELECT 1 FROM insurance_enrolments e WHERE e.id = enrolment_id));

------------------------------------------------------------------------------------------
-- Audit.
CREATE TRIGGER insurance_plans_audit AFTER INSERT OR UPDATE OR DELETE ON insurance_plans FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
CREATE TRIGGER insurance_periods_audit AFTER INSERT OR UPDATE OR DELETE ON insurance_periods FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
CREATE TRIGGER insurance_enrolments_audit AFTER INSERT OR UPDATE OR DELETE ON insurance_enrolments FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
CREATE TRIGGER insurance_claims_audit AFTER INSERT OR UPDATE OR DELETE ON insurance_claims FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
