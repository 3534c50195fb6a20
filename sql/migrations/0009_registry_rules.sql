-- Registry rules (issue 10, items 8 and 9) that UnionDomain checks first and the database holds
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
