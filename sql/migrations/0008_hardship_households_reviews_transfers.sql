-- Hardship files (issue 10): one open file per household across the whole area, the review
-- and return trail, and files that move with their worker.

------------------------------------------------------------------------------------------
-- One open file per household. hardship_files_one_open_per_worker only stopped a second file
-- on the same head; a spouse registered as a worker in another branch (or a head who is
-- listed in someone else's household) could still be the subject of a second file. Every
-- person an open file covers (the head and each household member with an ID number) holds a
-- row here, and the primary key on the ID number lets one open file at a time cover a person,
-- whichever branch writes. Two branches racing meet at that index: the second insert waits
-- for the first transaction and then fails with 23505, so no read-then-write in the stores.
--
-- The table is the owner's alone (the app role neither reads nor writes it): only the
-- triggers below keep it, so its rows can't leak which branch covers whom, and the refusal a
-- branch sees names no file, office or person.
CREATE TABLE hardship_file_people (
    id_number text NOT NULL CONSTRAINT hardship_file_people_one_open_file PRIMARY KEY,
    file_id   uuid NOT NULL CONSTRAINT hardship_file_people_file_fkey REFERENCES hardship_files (id) ON DELETE CASCADE
);
CREATE INDEX hardship_file_people_file_idx ON hardship_file_people (file_id);
ALTER TABLE hardship_file_people ENABLE ROW LEVEL SECURITY;
ALTER TABLE hardship_file_people FORCE ROW LEVEL SECURITY;
CREATE POLICY hardship_file_people_owner ON hardship_file_people TO unionhall_owner USING (true) WITH CHECK (true);
REVOKE ALL ON hardship_file_people FROM unionhall_app;

-- Makes the rows of `p_worker`'s files say exactly who the open file (if any) covers now.
-- The worker's row lock (NO KEY UPDATE: it does not block the key-share locks that foreign
-- keys take) makes an opening, a closing and a household change of the same worker take
-- turns, so each sees the other's committed rows; across households the primary key decides.
-- People are inserted in ID-number order, so two transactions covering overlapping sets wait
-- on each other in the same order instead of deadlocking.
CREATE FUNCTION sync_hardship_file_people(p_worker uuid) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    DECLARE
        open_file uuid;
    BEGIN
        PERFORM 1 FROM workers WHERE id = p_worker FOR NO KEY UPDATE;
        SELECT id INTO open_file FROM hardship_files WHERE worker_id = p_worker AND status <> 'closed';
        DELETE FROM hardship_file_people p
        USING hardship_files f
        WHERE p.file_id = f.id AND f.worker_id = p_worker
          AND (f.id IS DISTINCT FROM open_file
               OR p.id_number NOT IN (SELECT id_number FROM workers WHERE id = p_worker
                                      UNION ALL
                                      SELECT id_number FROM household_members WHERE worker_id = p_worker AND id_number IS NOT NULL));
        IF open_file IS NOT NULL THEN
            INSERT INTO hardship_file_people (id_number, file_id)
            SELECT person.id_number, open_file
            FROM (SELECT id_number FROM workers WHERE id = p_worker
                  UNION
                  SELECT id_number FROM household_members WHERE worker_id = p_worker AND id_number IS NOT NULL) person
            WHERE NOT EXISTS (SELECT 1 FROM hardship_file_people p WHERE p.file_id = open_file AND p.id_number = person.id_number)
            ORDER BY person.id_number;
        END IF;
    END
    $$;

CREATE FUNCTION sync_hardship_file_people_trigger() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    DECLARE
        worker uuid;
    BEGIN
        IF TG_TABLE_NAME = 'workers' THEN
            worker := NEW.id;
        ELSIF TG_OP = 'DELETE' THEN
            worker := OLD.worker_id;
        ELSE
            worker := NEW.worker_id;
        END IF;
        PERFORM sync_hardship_file_people(worker);
        RETURN NULL;
    END
    $$;

CREATE TRIGGER hardship_files_people AFTER INSERT OR UPDATE OF status ON hardship_files
    FOR EACH ROW EXECUTE FUNCTION sync_hardship_file_people_trigger();
CREATE TRIGGER household_members_hardship_people AFTER INSERT OR UPDATE OF id_number OR DELETE ON household_members
    FOR EACH ROW EXECUTE FUNCTION sync_hardship_file_people_trigger();
CREATE TRIGGER workers_hardship_people AFTER UPDATE OF id_number ON workers
    FOR EACH ROW EXECUTE FUNCTION sync_hardship_file_people_trigger();

-- The files open today. A household already covered twice stops this migration: it is what
-- this migration closes, and a person must decide which file stays open.
INSERT INTO hardship_file_people (id_number, file_id)
SELECT person.id_number, f.id
FROM hardship_files f
CROSS JOIN LATERAL (SELECT w.id_number FROM workers w WHERE w.id = f.worker_id
                    UNION
                    SELECT m.id_number FROM household_members m WHERE m.worker_id = f.worker_id AND m.id_number IS NOT NULL) person
WHERE f.status <> 'closed';

------------------------------------------------------------------------------------------
-- Who moved a file along and when, as usernames: the branch that reads a file may not see the
-- area's users (users are under row-level security), so the name is kept when the step is
-- taken, by the user taking it. A return sends a submitted file back to draft with a reason,
-- which stays on the file (the last one) until it is returned again.
ALTER TABLE hardship_files
    ADD COLUMN submitted_on date,
    ADD COLUMN submitted_by_username text,
    ADD COLUMN confirmed_by_username text,
    ADD COLUMN reviewed_by_username text,
    ADD COLUMN returned_by uuid,
    ADD COLUMN returned_by_username text,
    ADD COLUMN returned_on date,
    ADD COLUMN return_reason text CONSTRAINT hardship_files_return_reason_length CHECK (char_length(return_reason) BETWEEN 1 AND 200);

UPDATE hardship_files f SET submitted_by_username = u.username FROM users u WHERE u.id = f.submitted_by;
UPDATE hardship_files f SET confirmed_by_username = u.username FROM users u WHERE u.id = f.confirmed_by;
UPDATE hardship_files f SET reviewed_by_username = u.username FROM users u WHERE u.id = f.reviewed_by;

GRANT UPDATE (submitted_on, submitted_by_username, confirmed_by_username, reviewed_by_username,
              returned_by, returned_by_username, returned_on, return_reason) ON hardship_files TO unionhall_app;

------------------------------------------------------------------------------------------
-- 会员关系转移 takes the open hardship file along: the new branch now looks after the
-- household, and the old one, which sees neither the worker nor (now) the file, can no longer
-- act on it. Closed files stay with the branch that filed them, as before.
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
        UPDATE hardship_files SET office_id = p_to_office, updated_at = now() WHERE worker_id = p_worker AND status <> 'closed';
        RETURN transfer_id;
    END
    $$;

-- The same move naming the destination by its code: a branch officer knows the other
-- branch's code but can't read its row (offices are under row-level security), so the code is
-- resolved here, as the owner, and says nothing back but "no such branch".
CREATE FUNCTION transfer_worker_by_code(p_worker uuid, p_to_code text, p_date date, p_reason text) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    DECLARE
        target uuid;
    BEGIN
        SELECT id INTO target FROM offices WHERE code = p_to_code AND active AND kind = 'branch';
        IF NOT FOUND THEN
            -- The worker is checked first, so a caller can't probe codes with someone else's worker.
            IF NOT EXISTS (SELECT 1 FROM workers WHERE id = p_worker AND app_sees(office_id)) THEN
                RAISE EXCEPTION 'no such worker' USING ERRCODE = 'P0002', HINT = 'worker_not_found';
            END IF;
            RAISE EXCEPTION 'no such office' USING ERRCODE = 'P0002', HINT = 'office_not_found';
        END IF;
        RETURN transfer_worker(p_worker, target, p_date, p_reason);
    END
    $$;
GRANT EXECUTE ON FUNCTION transfer_worker_by_code(uuid, text, date, text) TO unionhall_app;

-- A worker's moves, for whoever may see them: a move is visible to both its ends (as the
-- worker_transfers policy says) and the worker's current branch sees the whole history. The
-- offices at both ends are named (code and name) even where the caller can't read the other
-- office's row: the caller was party to the move or has the worker now. Who made the move is
-- shown only when that user is in the caller's scope, as users' own policy would.
CREATE FUNCTION worker_transfer_history(p_worker uuid)
    RETURNS TABLE (transfer_date date, from_code text, from_name text, to_code text, to_name text, reason text,
                   made_by text, created_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    SELECT t.transfer_date, fo.code, fo.name, tof.code, tof.name, t.reason,
           CASE WHEN app_sees(u.office_id) THEN u.username END, t.created_at
    FROM worker_transfers t
    JOIN offices fo ON fo.id = t.from_office_id
    JOIN offices tof ON tof.id = t.to_office_id
    LEFT JOIN users u ON u.id = t.created_by
    WHERE t.worker_id = p_worker
      AND (app_sees(t.from_office_id) OR app_sees(t.to_office_id)
           OR EXISTS (SELECT 1 FROM workers w WHERE w.id = p_worker AND app_sees(w.office_id)))
    ORDER BY t.transfer_date, t.created_at, t.id
    $$;
GRANT EXECUTE ON FUNCTION worker_transfer_history(uuid) TO unionhall_app;
