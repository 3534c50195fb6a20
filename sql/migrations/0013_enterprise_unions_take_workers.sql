-- An enterprise union (office kind 'enterprise', 0011) is a branch of its own: it registers its
-- workers and receives transfers like a village branch. 0008, 0009 and 0012 named the kind
-- 'branch' alone; they now ask one function.
CREATE FUNCTION office_takes_workers(p_office uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT EXISTS (SELECT 1 FROM offices WHERE id = p_office AND active AND kind IN ('branch', 'enterprise')) $$;

CREATE OR REPLACE FUNCTION workers_check_office_is_branch() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    BEGIN
        IF NOT office_takes_workers(NEW.office_id) THEN
            RAISE EXCEPTION 'a worker belongs to a branch'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'workers_office_is_branch', COLUMN = 'office_id';
        END IF;
        RETURN NEW;
    END
    $$;

CREATE OR REPLACE FUNCTION workers_check_inserted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM (SELECT DISTINCT office_id FROM inserted) i WHERE NOT office_takes_workers(i.office_id)) THEN
            RAISE EXCEPTION 'a worker belongs to a branch'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'workers_office_is_branch', COLUMN = 'office_id';
        END IF;
        IF EXISTS (SELECT 1 FROM inserted WHERE member_since IS NULL AND birth_date + interval '16 years' > current_date) THEN
            RAISE EXCEPTION 'a worker is at least 16'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'workers_sixteen_today', COLUMN = 'birth_date';
        END IF;
        RETURN NULL;
    END
    $$;

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
        IF NOT office_takes_workers(p_to_office) THEN
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
        UPDATE hardship_files SET office_id = p_to_office, updated_at = now() WHERE worker_id = p_worker AND status <> 'closed';
        RETURN transfer_id;
    END
    $$;

CREATE OR REPLACE FUNCTION transfer_worker_by_code(p_worker uuid, p_to_code text, p_date date, p_reason text) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    DECLARE
        target uuid;
    BEGIN
        SELECT id INTO target FROM offices WHERE code = p_to_code;
        IF NOT FOUND OR NOT office_takes_workers(target) THEN
            -- The worker is checked first, so a caller can't probe codes with someone else's worker.
            IF NOT EXISTS (SELECT 1 FROM workers WHERE id = p_worker AND app_sees(office_id)) THEN
                RAISE EXCEPTION 'no such worker' USING ERRCODE = 'P0002', HINT = 'worker_not_found';
            END IF;
            RAISE EXCEPTION 'no such office' USING ERRCODE = 'P0002', HINT = 'office_not_found';
        END IF;
        RETURN transfer_worker(p_worker, target, p_date, p_reason);
    END
    $$;
