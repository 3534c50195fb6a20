-- Registry rules (issue 10, items 8–10) that UnionDomain checks first and the database holds
-- for every writer (API, CLI, import, hand-written SQL). Like 0006, a row that already breaks
-- one of them stops this migration: it needs a person to look at it, not a silent fix here.

------------------------------------------------------------------------------------------
-- A worker belongs to a branch, never to the area (or district) office itself. The office's
-- kind lives in another table, so a trigger checks it; it runs as the owner because the
-- writer need not see the office row through offices' row-level security. Raised as a check
-- violation naming a constraint, so UnionStore translates it like any other.
CREATE FUNCTION workers_check_office_is_branch() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    BEGIN
        IF NOT EXISTS (SELECT 1 FROM offices WHERE id = NEW.office_id AND kind = 'branch') THEN
            RAISE EXCEPTION 'a worker belongs to a branch'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'workers_office_is_branch', COLUMN = 'office_id';
        END IF;
        RETURN NEW;
    END
    $$;
CREATE TRIGGER workers_office_is_branch BEFORE INSERT OR UPDATE OF office_id ON workers
    FOR EACH ROW EXECUTE FUNCTION workers_check_office_is_branch();

-- Member card numbers are unique in the whole area, like ID numbers (NULLs don't collide).
ALTER TABLE workers ADD CONSTRAINT workers_member_card_number_key UNIQUE (member_card_number);

-- Joining happens after birth, at 16 or older (中华人民共和国劳动法: no employment under 16).
-- Both are immutable facts of the row, so plain checks; "16 today" for a worker without a
-- member-since date depends on the clock and is checked by the trigger below instead.
ALTER TABLE workers
    ADD CONSTRAINT workers_member_since_after_birth CHECK (member_since > birth_date),
    ADD CONSTRAINT workers_joined_at_sixteen CHECK (member_since >= birth_date + interval '16 years');

CREATE FUNCTION workers_check_age_today() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
    BEGIN
        IF NEW.member_since IS NULL AND NEW.birth_date + interval '16 years' > current_date THEN
            RAISE EXCEPTION 'a worker is at least 16'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'workers_sixteen_today', COLUMN = 'birth_date';
        END IF;
        RETURN NEW;
    END
    $$;
CREATE TRIGGER workers_sixteen_today BEFORE INSERT OR UPDATE OF birth_date, member_since ON workers
    FOR EACH ROW EXECUTE FUNCTION workers_check_age_today();

-- Which of these card numbers are taken anywhere in the area (for bulk import, which must
-- refuse duplicates it can't see). Says nothing about where.
CREATE FUNCTION registered_member_card_numbers(p_numbers text[]) RETURNS SETOF text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT member_card_number FROM workers WHERE member_card_number = ANY (p_numbers) $$;
GRANT EXECUTE ON FUNCTION registered_member_card_numbers(text[]) TO unionhall_app;

------------------------------------------------------------------------------------------
-- Household members: a member can be marked deceased (the household keeps the person, as
-- the hardship file's story does); nobody is in one household twice, and the worker is not
-- a member of their own household.
ALTER TABLE household_members ADD COLUMN deceased boolean NOT NULL DEFAULT false;
GRANT UPDATE (deceased) ON household_members TO unionhall_app;

CREATE UNIQUE INDEX household_members_one_id_number ON household_members (worker_id, id_number);
-- A child without an ID number (a minor may have none) is told apart by name.
CREATE UNIQUE INDEX household_members_one_child_by_name ON household_members (worker_id, name)
    WHERE id_number IS NULL AND relation = 'child';

-- Owner-run: the worker's ID number is compared, never returned.
CREATE FUNCTION household_members_check_not_the_worker() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    BEGIN
        IF NEW.id_number IS NOT NULL AND EXISTS (SELECT 1 FROM workers WHERE id = NEW.worker_id AND id_number = NEW.id_number) THEN
            RAISE EXCEPTION 'the worker is not a member of their own household'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'household_members_not_the_worker', COLUMN = 'id_number';
        END IF;
        RETURN NEW;
    END
    $$;
CREATE TRIGGER household_members_not_the_worker BEFORE INSERT OR UPDATE OF id_number ON household_members
    FOR EACH ROW EXECUTE FUNCTION household_members_check_not_the_worker();

-- And the other way round: a worker's ID number corrected to a household member's.
CREATE FUNCTION workers_check_not_a_household_member() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM household_members WHERE worker_id = NEW.id AND id_number = NEW.id_number) THEN
            RAISE EXCEPTION 'the worker is not a member of their own household'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'workers_not_a_household_member', COLUMN = 'id_number';
        END IF;
        RETURN NEW;
    END
    $$;
CREATE TRIGGER workers_not_a_household_member BEFORE UPDATE OF id_number ON workers
    FOR EACH ROW EXECUTE FUNCTION workers_check_not_a_household_member();

------------------------------------------------------------------------------------------
-- Settings are a known list (UnionDomain's `SettingKey`); a new one comes with a migration.
ALTER TABLE settings ADD CONSTRAINT settings_key_known CHECK (key IN ('dibao'));

-- A value not yet in force may be corrected (`unionctl setting set … --replace`); one in
-- force, or one a hardship file already took, is history and stays. hardship_files.dibao
-- records the figure a file used but not which entry it came from: a file that records this
-- entry's figure counts as using it unless another entry of the key has the same figure.
-- Owner-run so that files outside the caller's scope count too; it answers yes or no only.
CREATE FUNCTION setting_entry_used(p_entry uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    SELECT s.key = 'dibao'
           AND EXISTS (SELECT 1 FROM hardship_files h WHERE h.dibao = s.value)
           AND NOT EXISTS (SELECT 1 FROM settings o WHERE o.key = s.key AND o.value = s.value AND o.id <> s.id)
    FROM settings s WHERE s.id = p_entry
    $$;
GRANT EXECUTE ON FUNCTION setting_entry_used(uuid) TO unionhall_app;

-- Only the value (and who set it, when) changes; key, office and date are what the entry is.
CREATE FUNCTION settings_check_replaceable() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    BEGIN
        IF OLD.effective_from <= current_date THEN
            RAISE EXCEPTION 'a setting in force is history'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'settings_in_force_unchanged', COLUMN = 'effective_from';
        END IF;
        IF setting_entry_used(OLD.id) THEN
            RAISE EXCEPTION 'a setting a hardship file used is history'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'settings_used_unchanged', COLUMN = 'effective_from';
        END IF;
        RETURN NEW;
    END
    $$;
CREATE TRIGGER settings_replaceable BEFORE UPDATE ON settings FOR EACH ROW EXECUTE FUNCTION settings_check_replaceable();

GRANT UPDATE (value, created_by, created_at) ON settings TO unionhall_app;
CREATE POLICY settings_app_update ON settings FOR UPDATE TO unionhall_app USING (app_sees(office_id)) WITH CHECK (app_sees(office_id));
CREATE TRIGGER settings_audit_update AFTER UPDATE ON settings FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
