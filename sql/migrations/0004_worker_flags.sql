-- Two facts every worker read shows and every list can filter on, kept on the worker's row:
-- whether the person holds a model-worker record, and the tier of their active hardship file.
-- They were subqueries per row, each through its own table's row-level security (the hardship
-- policy itself looks through workers), which made a read by id several times the cost of the
-- row itself. Triggers keep the copies exact; nothing else writes them.

ALTER TABLE workers
    ADD COLUMN is_model_worker boolean NOT NULL DEFAULT false,
    ADD COLUMN hardship_tier text CONSTRAINT workers_hardship_tier_check CHECK (hardship_tier IN ('deep', 'relative', 'accident'));

-- Runs as the owner: the record's writer may see the worker only through the record's policy.
CREATE FUNCTION sync_worker_flags(p_worker uuid) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    UPDATE workers w
    SET is_model_worker = EXISTS (SELECT 1 FROM model_worker_records m WHERE m.worker_id = w.id),
        hardship_tier = (SELECT h.tier FROM hardship_files h WHERE h.worker_id = w.id AND h.status = 'active')
    WHERE w.id = p_worker
      AND (w.is_model_worker, w.hardship_tier) IS DISTINCT FROM
          (EXISTS (SELECT 1 FROM model_worker_records m WHERE m.worker_id = w.id),
           (SELECT h.tier FROM hardship_files h WHERE h.worker_id = w.id AND h.status = 'active'))
    $$;

CREATE FUNCTION sync_worker_flags_trigger() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN PERFORM sync_worker_flags(OLD.worker_id); END IF;
        IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.worker_id IS DISTINCT FROM OLD.worker_id) THEN
            PERFORM sync_worker_flags(NEW.worker_id);
        END IF;
        RETURN NULL;
    END
    $$;

CREATE TRIGGER model_worker_records_flags AFTER INSERT OR UPDATE OF worker_id OR DELETE ON model_worker_records
    FOR EACH ROW EXECUTE FUNCTION sync_worker_flags_trigger();
CREATE TRIGGER hardship_files_flags AFTER INSERT OR UPDATE OF worker_id, status, tier OR DELETE ON hardship_files
    FOR EACH ROW EXECUTE FUNCTION sync_worker_flags_trigger();

-- A copy changing is not an edit of the person: the audit log keeps the record's own entry
-- (model_worker_records, hardship_files) and no second one on the worker.
DROP TRIGGER workers_audit ON workers;
CREATE TRIGGER workers_audit AFTER INSERT OR DELETE ON workers FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
CREATE TRIGGER workers_audit_update AFTER UPDATE ON workers FOR EACH ROW
    WHEN ((OLD.is_model_worker, OLD.hardship_tier) IS NOT DISTINCT FROM (NEW.is_model_worker, NEW.hardship_tier))
    EXECUTE FUNCTION audit_row('office_id');

-- After the audit triggers are replaced, so filling the copies logs nothing.
UPDATE workers w
SET is_model_worker = EXISTS (SELECT 1 FROM model_worker_records m WHERE m.worker_id = w.id),
    hardship_tier = (SELECT h.tier FROM hardship_files h WHERE h.worker_id = w.id AND h.status = 'active');

CREATE INDEX workers_hardship_tier_idx ON workers (hardship_tier) WHERE hardship_tier IS NOT NULL;
