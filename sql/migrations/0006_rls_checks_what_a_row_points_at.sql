-- Row-level security checks what a row points at, not only the row's own office.
--
-- Foreign keys bypass row-level security. Up to 0005, branch B's scope could insert a
-- household member, a model-worker record or a hardship file that carried office B (so its
-- own WITH CHECK passed) but named branch A's worker: the owner-run flag trigger (0004) then
-- marked A's worker as a model worker or deep-hardship case, and the one-open-file index
-- blocked A's own file. The same shape let a scope insert an API token for a user of another
-- office. From here on:
--   * a row that names a worker (or a user) may be written only when that worker (user) is
--     visible to the writer (the subqueries below are themselves under workers' and users'
--     row-level security for the app role) and belongs to the row's office;
--   * the columns that say what a row points at and where it lives (worker_id, office_id) are
--     not updatable by the app role at all: a record is never re-pointed, only written anew.
--     Transfers move them as the owner (transfer_worker, foreign-key cascades).
-- Refusals are SQLSTATE 42501 either way (policy or privilege).

------------------------------------------------------------------------------------------
-- Household members and model-worker records travel with their worker (会员关系转移 moves
-- them), so their office always equals the worker's office. A composite foreign key makes
-- that an invariant for every role, and ON UPDATE CASCADE is what moves them when the worker
-- moves (the cascade runs as the tables' owner, outside row-level security, and is audited by
-- the rows' own triggers). A row that already breaks the invariant stops this migration: it
-- is exactly what this migration closes, and must be looked at by a person, not deleted here.
ALTER TABLE workers ADD CONSTRAINT workers_id_office_key UNIQUE (id, office_id);

ALTER TABLE household_members
    DROP CONSTRAINT household_members_worker_fkey,
    ADD CONSTRAINT household_members_worker_fkey FOREIGN KEY (worker_id, office_id)
        REFERENCES workers (id, office_id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE model_worker_records
    DROP CONSTRAINT model_worker_records_worker_fkey,
    ADD CONSTRAINT model_worker_records_worker_fkey FOREIGN KEY (worker_id, office_id)
        REFERENCES workers (id, office_id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER POLICY household_members_app ON household_members
    USING (app_sees(office_id))
    WITH CHECK (app_sees(office_id) AND EXISTS (
        SELECT 1 FROM workers w WHERE w.id = household_members.worker_id AND w.office_id = household_members.office_id));

ALTER POLICY model_worker_records_app ON model_worker_records
    USING (app_sees(office_id))
    WITH CHECK (app_sees(office_id) AND EXISTS (
        SELECT 1 FROM workers w WHERE w.id = model_worker_records.worker_id AND w.office_id = model_worker_records.office_id));

REVOKE UPDATE ON household_members FROM unionhall_app;
GRANT UPDATE (relation, name, id_number, school, level, admission_year) ON household_members TO unionhall_app;
REVOKE UPDATE ON model_worker_records FROM unionhall_app;
GRANT UPDATE (level, title, year_awarded, retired, updated_at) ON model_worker_records TO unionhall_app;

------------------------------------------------------------------------------------------
-- Hardship files stay with the branch that filed them when the worker moves (0003), so their
-- office is the worker's office when the file is opened, not forever. Opening one requires the
-- worker to be visible and in the file's office; afterwards worker and office are fixed, and
-- editing keeps the visibility rule it had (the filing branch, or whoever has the worker now).
DROP POLICY hardship_files_app ON hardship_files;
CREATE POLICY hardship_files_app_select ON hardship_files FOR SELECT TO unionhall_app
    USING (app_sees(office_id) OR worker_id IN (SELECT id FROM workers));
CREATE POLICY hardship_files_app_insert ON hardship_files FOR INSERT TO unionhall_app
    WITH CHECK (app_sees(office_id) AND EXISTS (
        SELECT 1 FROM workers w WHERE w.id = hardship_files.worker_id AND w.office_id = hardship_files.office_id));
CREATE POLICY hardship_files_app_update ON hardship_files FOR UPDATE TO unionhall_app
    USING (app_sees(office_id) OR worker_id IN (SELECT id FROM workers))
    WITH CHECK (app_sees(office_id) OR worker_id IN (SELECT id FROM workers));

REVOKE UPDATE ON hardship_files FROM unionhall_app;
GRANT UPDATE (status, tier, household_size, annual_income, essential_spending, hardship_costs, per_capita_monthly, dibao,
              main_cause, secondary_causes, evidence, submitted_by, confirmed_by, confirmed_on, reviewed_by, reviewed_on,
              closing_reason, updated_at) ON hardship_files TO unionhall_app;

------------------------------------------------------------------------------------------
-- Transfers are written only by transfer_worker (as the owner); the app role reads them.
REVOKE INSERT, UPDATE, DELETE ON worker_transfers FROM unionhall_app;

-- An API token stands for its user: it must name a user the writer can see, in the token's
-- office (auth_token_principal trusts the user, the office column is what RLS scopes on).
ALTER POLICY api_tokens_app ON api_tokens
    USING (app_sees(office_id))
    WITH CHECK (app_sees(office_id) AND EXISTS (
        SELECT 1 FROM users u WHERE u.id = api_tokens.user_id AND u.office_id = api_tokens.office_id));

------------------------------------------------------------------------------------------
-- Settings (the 低保 figure and the like) are area-wide public figures: every branch needs the
-- area's value to compute a tier, so any caller with a scope reads them whatever office set
-- them. Without a scope they read as empty, like every other table: the app role sees nothing
-- at all until a request's settings are in force.
CREATE FUNCTION app_has_scope() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(current_setting('unionhall.office_ids', true), '') NOT IN ('', '{}') $$;
GRANT EXECUTE ON FUNCTION app_has_scope() TO unionhall_app;
ALTER POLICY settings_app_select ON settings USING (app_has_scope());

------------------------------------------------------------------------------------------
-- The move itself: the composite foreign keys now carry household members and honours along
-- with the worker's row, so the function no longer updates them (it would only write a second,
-- empty audit entry per row).
CREATE OR REPLACE FUNCTION transfer_worker(p_worker uuid, p_to_office uuid, p_date date, p_reason text) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    DECLARE
        current_office uuid;
        transfer_id uuid;
    BEGIN
        SELECT office_id INTO current_office FROM workers
        WHERE id = p_worker AND app_sees(office_id) FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no such worker' USING ERRCODE = 'P0002', HINT = 'worker_not_found';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM offices WHERE id = p_to_office AND active AND kind = 'branch') THEN
            RAISE EXCEPTION 'no such office' USING ERRCODE = 'P0002', HINT = 'office_not_found';
        END IF;
        IF current_office = p_to_office THEN
            RAISE EXCEPTION 'same office' USING ERRCODE = 'P0001', HINT = 'same_office';
        END IF;
        INSERT INTO worker_transfers (worker_id, from_office_id, to_office_id, transfer_date, reason, created_by)
        VALUES (p_worker, current_office, p_to_office, p_date, p_reason, app_user_id())
        RETURNING id INTO transfer_id;
        -- household_members and model_worker_records follow through ON UPDATE CASCADE.
        UPDATE workers SET office_id = p_to_office, updated_at = now() WHERE id = p_worker;
        RETURN transfer_id;
    END
    $$;
