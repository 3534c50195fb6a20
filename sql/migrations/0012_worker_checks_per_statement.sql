-- The registry's trigger checks on new workers (0009: a branch, 16 today) ran once per row:
-- an import of 100,000 rows paid for 200,000 trigger calls and 100,000 office look-ups. For
-- INSERT they now run once per statement over its new rows (a transition table); updates of
-- one worker keep the row triggers. Same rules, same constraint names, same errors.
DROP TRIGGER workers_office_is_branch ON workers;
CREATE TRIGGER workers_office_is_branch BEFORE UPDATE OF office_id ON workers
    FOR EACH ROW EXECUTE FUNCTION workers_check_office_is_branch();
DROP TRIGGER workers_sixteen_today ON workers;
CREATE TRIGGER workers_sixteen_today BEFORE UPDATE OF birth_date, member_since ON workers
    FOR EACH ROW EXECUTE FUNCTION workers_check_age_today();

CREATE FUNCTION workers_check_inserted() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM inserted i LEFT JOIN offices o ON o.id = i.office_id AND o.kind = 'branch' WHERE o.id IS NULL) THEN
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
CREATE TRIGGER workers_checked_on_insert AFTER INSERT ON workers
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION workers_check_inserted();
