-- The worker registry: people, their households and honours, transfers between branches, and
-- hardship files. Row-level security follows 0002: a worker belongs to one office at a time;
-- records a branch created carry that branch's office and stay visible to it after the worker
-- moves, while the worker's current branch sees the whole history through the worker.

CREATE TABLE workers (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    office_id          uuid NOT NULL CONSTRAINT workers_office_fkey REFERENCES offices (id),
    name               text NOT NULL CONSTRAINT workers_name_length CHECK (char_length(name) BETWEEN 1 AND 50),
    -- One person per ID number in the whole area: the constraint sees every branch's rows.
    id_number          text NOT NULL CONSTRAINT workers_id_number_key UNIQUE
                           CONSTRAINT workers_id_number_format CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
    sex                text NOT NULL CONSTRAINT workers_sex_check CHECK (sex IN ('male', 'female')),
    birth_date         date NOT NULL,
    phone              text CONSTRAINT workers_phone_length CHECK (char_length(phone) <= 20),
    hukou              text CONSTRAINT workers_hukou_check CHECK (hukou IN ('urban', 'rural')),
    employer           text CONSTRAINT workers_employer_length CHECK (char_length(employer) <= 100),
    occupation         text CONSTRAINT workers_occupation_length CHECK (char_length(occupation) <= 50),
    membership_status  text NOT NULL DEFAULT 'active'
                           CONSTRAINT workers_status_check CHECK (membership_status IN ('active', 'transferred', 'retired', 'deceased', 'left')),
    member_since       date,
    member_card_number text CONSTRAINT workers_card_length CHECK (char_length(member_card_number) <= 32),
    created_by         uuid,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
-- Keyset pages within a branch by (name, id); the name prefix search uses the same index.
CREATE INDEX workers_office_name_idx ON workers (office_id, name COLLATE "C", id);
CREATE INDEX workers_name_idx ON workers (name COLLATE "C", id);

CREATE TABLE worker_transfers (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    worker_id      uuid NOT NULL CONSTRAINT worker_transfers_worker_fkey REFERENCES workers (id),
    from_office_id uuid NOT NULL REFERENCES offices (id),
    to_office_id   uuid NOT NULL REFERENCES offices (id),
    transfer_date  date NOT NULL,
    reason         text NOT NULL CONSTRAINT worker_transfers_reason_length CHECK (char_length(reason) BETWEEN 1 AND 200),
    created_by     uuid,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX worker_transfers_worker_idx ON worker_transfers (worker_id);

CREATE TABLE household_members (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    worker_id      uuid NOT NULL CONSTRAINT household_members_worker_fkey REFERENCES workers (id) ON DELETE CASCADE,
    office_id      uuid NOT NULL REFERENCES offices (id),
    relation       text NOT NULL CONSTRAINT household_members_relation_check
                       CHECK (relation IN ('spouse', 'child', 'parent', 'sibling', 'grandparent', 'grandchild', 'other')),
    name           text NOT NULL CONSTRAINT household_members_name_length CHECK (char_length(name) BETWEEN 1 AND 50),
    id_number      text CONSTRAINT household_members_id_number_format CHECK (id_number ~ '^[0-9]{17}[0-9X]$'),
    school         text,
    level          text CONSTRAINT household_members_level_check
                       CHECK (level IN ('primary', 'junior_high', 'senior_high', 'vocational', 'junior_college', 'undergraduate', 'graduate')),
    admission_year integer,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX household_members_worker_idx ON household_members (worker_id);

CREATE TABLE model_worker_records (
    worker_id    uuid PRIMARY KEY CONSTRAINT model_worker_records_worker_fkey REFERENCES workers (id) ON DELETE CASCADE,
    office_id    uuid NOT NULL REFERENCES offices (id),
    level        text NOT NULL CONSTRAINT model_worker_records_level_check CHECK (level IN ('national', 'provincial', 'municipal', 'other')),
    title        text NOT NULL,
    year_awarded integer NOT NULL,
    retired      boolean NOT NULL DEFAULT false,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Settings with history: the minimum living standard (dibao) and other figures the area sets.
CREATE TABLE settings (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    office_id      uuid NOT NULL REFERENCES offices (id),
    key            text NOT NULL CONSTRAINT settings_key_format CHECK (key ~ '^[a-z_]{2,40}$'),
    value          numeric(14, 2) NOT NULL,
    effective_from date NOT NULL,
    created_by     uuid,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT settings_key_from_key UNIQUE (office_id, key, effective_from)
);

CREATE TABLE hardship_files (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    worker_id          uuid NOT NULL CONSTRAINT hardship_files_worker_fkey REFERENCES workers (id),
    office_id          uuid NOT NULL REFERENCES offices (id),
    status             text NOT NULL DEFAULT 'draft' CONSTRAINT hardship_files_status_check CHECK (status IN ('draft', 'submitted', 'active', 'closed')),
    tier               text NOT NULL CONSTRAINT hardship_files_tier_check CHECK (tier IN ('deep', 'relative', 'accident')),
    household_size     integer NOT NULL CONSTRAINT hardship_files_size_check CHECK (household_size BETWEEN 1 AND 30),
    annual_income      numeric(14, 2) NOT NULL CHECK (annual_income >= 0),
    essential_spending numeric(14, 2) NOT NULL CHECK (essential_spending >= 0),
    hardship_costs     numeric(14, 2) NOT NULL DEFAULT 0 CHECK (hardship_costs >= 0),
    per_capita_monthly numeric(14, 2) NOT NULL,
    dibao              numeric(14, 2) NOT NULL,
    main_cause         text NOT NULL,
    secondary_causes   text[] NOT NULL DEFAULT '{}' CONSTRAINT hardship_files_secondary_count CHECK (cardinality(secondary_causes) <= 3),
    evidence           text[] NOT NULL DEFAULT '{}',
    submitted_by       uuid,
    confirmed_by       uuid,
    confirmed_on       date,
    reviewed_by        uuid,
    reviewed_on        date,
    closing_reason     text CONSTRAINT hardship_files_reason_check CHECK (closing_reason IN ('lifted', 'retired', 'transferred', 'deceased')),
    created_by         uuid,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT hardship_files_closed_has_reason CHECK ((status = 'closed') = (closing_reason IS NOT NULL))
);
-- One open file per household (its head); a closed file may be followed by a new one.
CREATE UNIQUE INDEX hardship_files_one_open_per_worker ON hardship_files (worker_id) WHERE status <> 'closed';
CREATE INDEX hardship_files_office_idx ON hardship_files (office_id, id);

------------------------------------------------------------------------------------------
-- Row-level security.
ALTER TABLE workers ENABLE ROW LEVEL SECURITY;
ALTER TABLE workers FORCE ROW LEVEL SECURITY;
CREATE POLICY workers_owner ON workers TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY workers_app ON workers TO unionhall_app
    USING (office_id = ANY ((SELECT app_scope())::uuid[])) WITH CHECK (office_id = ANY ((SELECT app_scope())::uuid[]));

-- Visible to both ends of the move.
ALTER TABLE worker_transfers ENABLE ROW LEVEL SECURITY;
ALTER TABLE worker_transfers FORCE ROW LEVEL SECURITY;
CREATE POLICY worker_transfers_owner ON worker_transfers TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY worker_transfers_app_select ON worker_transfers FOR SELECT TO unionhall_app
    USING (from_office_id = ANY ((SELECT app_scope())::uuid[]) OR to_office_id = ANY ((SELECT app_scope())::uuid[]));

-- Household and honours travel with the worker.
ALTER TABLE household_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE household_members FORCE ROW LEVEL SECURITY;
CREATE POLICY household_members_owner ON household_members TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY household_members_app ON household_members TO unionhall_app
    USING (office_id = ANY ((SELECT app_scope())::uuid[])) WITH CHECK (office_id = ANY ((SELECT app_scope())::uuid[]));

ALTER TABLE model_worker_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE model_worker_records FORCE ROW LEVEL SECURITY;
CREATE POLICY model_worker_records_owner ON model_worker_records TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY model_worker_records_app ON model_worker_records TO unionhall_app
    USING (office_id = ANY ((SELECT app_scope())::uuid[])) WITH CHECK (office_id = ANY ((SELECT app_scope())::uuid[]));

-- Settings are area-wide figures every office reads; only the store's policy lets area
-- administrators write them.
ALTER TABLE settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE settings FORCE ROW LEVEL SECURITY;
CREATE POLICY settings_owner ON settings TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY settings_app_select ON settings FOR SELECT TO unionhall_app USING (true);
CREATE POLICY settings_app_insert ON settings FOR INSERT TO unionhall_app WITH CHECK (office_id = ANY ((SELECT app_scope())::uuid[]));
REVOKE UPDATE, DELETE ON settings FROM unionhall_app;

-- A file is visible to the branch that filed it and to whoever now has the worker.
ALTER TABLE hardship_files ENABLE ROW LEVEL SECURITY;
ALTER TABLE hardship_files FORCE ROW LEVEL SECURITY;
CREATE POLICY hardship_files_owner ON hardship_files TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY hardship_files_app ON hardship_files TO unionhall_app
    USING (office_id = ANY ((SELECT app_scope())::uuid[]) OR worker_id IN (SELECT id FROM workers))
    WITH CHECK (office_id = ANY ((SELECT app_scope())::uuid[]) OR worker_id IN (SELECT id FROM workers));
REVOKE DELETE ON hardship_files FROM unionhall_app;

------------------------------------------------------------------------------------------
-- Audit.
CREATE TRIGGER workers_audit AFTER INSERT OR UPDATE OR DELETE ON workers FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
CREATE TRIGGER worker_transfers_audit AFTER INSERT ON worker_transfers FOR EACH ROW EXECUTE FUNCTION audit_row('from_office_id');
CREATE TRIGGER household_members_audit AFTER INSERT OR UPDATE OR DELETE ON household_members FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
CREATE TRIGGER settings_audit AFTER INSERT ON settings FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
CREATE TRIGGER hardship_files_audit AFTER INSERT OR UPDATE OR DELETE ON hardship_files FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');

-- model_worker_records has no `id` column: audit it by worker id.
CREATE FUNCTION audit_model_worker() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    BEGIN
        INSERT INTO audit_log (user_id, office_id, table_name, row_id, action, before, after)
        VALUES (app_user_id(),
                CASE WHEN TG_OP = 'DELETE' THEN OLD.office_id ELSE NEW.office_id END,
                TG_TABLE_NAME,
                CASE WHEN TG_OP = 'DELETE' THEN OLD.worker_id ELSE NEW.worker_id END::text,
                TG_OP,
                CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END,
                CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END);
        RETURN NULL;
    END
    $$;
CREATE TRIGGER model_worker_records_audit AFTER INSERT OR UPDATE OR DELETE ON model_worker_records
    FOR EACH ROW EXECUTE FUNCTION audit_model_worker();

------------------------------------------------------------------------------------------
-- 会员关系转移: the current branch hands a worker to another active branch. Runs as the owner
-- because the destination is outside the caller's scope; it checks the caller can see the
-- worker (through the caller's own scope settings) and moves the household and honours along.
CREATE FUNCTION transfer_worker(p_worker uuid, p_to_office uuid, p_date date, p_reason text) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    DECLARE
        current_office uuid;
        transfer_id uuid;
    BEGIN
        SELECT office_id INTO current_office FROM workers
        WHERE id = p_worker AND office_id = ANY (app_scope()) FOR UPDATE;
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
        UPDATE workers SET office_id = p_to_office, updated_at = now() WHERE id = p_worker;
        UPDATE household_members SET office_id = p_to_office WHERE worker_id = p_worker;
        UPDATE model_worker_records SET office_id = p_to_office WHERE worker_id = p_worker;
        RETURN transfer_id;
    END
    $$;
GRANT EXECUTE ON FUNCTION transfer_worker(uuid, uuid, date, text) TO unionhall_app;

-- Which of these ID numbers are registered anywhere in the area (for bulk import, which must
-- refuse duplicates it can't see). Says nothing about where.
CREATE FUNCTION registered_id_numbers(p_numbers text[]) RETURNS SETOF text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT id_number FROM workers WHERE id_number = ANY (p_numbers) $$;
GRANT EXECUTE ON FUNCTION registered_id_numbers(text[]) TO unionhall_app;
