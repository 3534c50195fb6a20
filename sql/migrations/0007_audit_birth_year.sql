-- A masked ID number (110105********1234) hides exactly its eight birth-date digits; an audit
-- row that also showed the birth date in full gave them back. Audit rows of people now keep
-- the birth year only, and the rows already written are redacted the same way.
CREATE OR REPLACE FUNCTION audit_redact(doc jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
        SELECT CASE WHEN doc IS NULL THEN NULL
                    WHEN jsonb_typeof(doc -> 'id_number') = 'string' OR jsonb_typeof(doc -> 'birth_date') = 'string'
                        THEN (doc - 'password_hash' - 'token_hash' - 'birth_date' - 'id_number')
                             || CASE WHEN jsonb_typeof(doc -> 'id_number') = 'string'
                                     THEN jsonb_build_object('id_number', mask_id_number(doc ->> 'id_number'))
                                     ELSE '{}'::jsonb END
                             || CASE WHEN jsonb_typeof(doc -> 'birth_date') = 'string'
                                     THEN jsonb_build_object('birth_year', left(doc ->> 'birth_date', 4)::int)
                                     ELSE '{}'::jsonb END
                    ELSE doc - 'password_hash' - 'token_hash' END
    $$;

UPDATE audit_log
   SET before = audit_redact(before), after = audit_redact(after)
 WHERE before ? 'birth_date' OR after ? 'birth_date';
