-- The security spine: offices, users, API tokens, login throttling, the audit log, and the
-- row-level security every later table follows.
--
-- Each request's transaction starts with (bound parameters, transaction-local):
--   set_config('unionhall.user_id', …), set_config('unionhall.role', …),
--   set_config('unionhall.office_ids', '{…}')   -- the caller's office and all offices below it
-- Policies compare a row's office with that array, wrapped as (SELECT app_scope()) so it is
-- evaluated once per statement. Without the settings the app role sees no rows at all.
-- unionhall_owner runs the SECURITY DEFINER functions below; its own policies let it through.

CREATE FUNCTION app_scope() RETURNS uuid[]
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(nullif(current_setting('unionhall.office_ids', true), ''), '{}')::uuid[] $$;

CREATE FUNCTION app_user_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('unionhall.user_id', true), '')::uuid $$;

GRANT EXECUTE ON FUNCTION app_scope(), app_user_id() TO unionhall_app;

-- Personal ID numbers are masked wherever they leave for someone without need: 110105********1234.
CREATE FUNCTION mask_id_number(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN value IS NULL THEN NULL
                      WHEN char_length(value) <= 10 THEN repeat('*', char_length(value))
                      ELSE left(value, 6) || repeat('*', char_length(value) - 10) || right(value, 4) END $$;
GRANT EXECUTE ON FUNCTION mask_id_number(text) TO unionhall_app, unionhall_reporting;

------------------------------------------------------------------------------------------
-- Offices: a tree of any depth.
CREATE TABLE offices (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code       text NOT NULL CONSTRAINT offices_code_key UNIQUE
                   CONSTRAINT offices_code_format CHECK (code ~ '^[a-z][a-z0-9-]{1,39}$'),
    name       text NOT NULL CONSTRAINT offices_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
    kind       text NOT NULL CONSTRAINT offices_kind_check CHECK (kind IN ('district', 'area', 'branch')),
    parent_id  uuid CONSTRAINT offices_parent_fkey REFERENCES offices (id),
    active     boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT offices_branch_has_parent CHECK (parent_id IS NOT NULL OR kind <> 'branch')
);
CREATE INDEX offices_parent_idx ON offices (parent_id);

-- An office and every office below it. PL/pgSQL rather than SQL so its plan is cached per
-- session: it runs on every authenticated request.
CREATE FUNCTION office_subtree(p_root uuid) RETURNS uuid[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    DECLARE
        result uuid[];
    BEGIN
        WITH RECURSIVE tree AS (
            SELECT id FROM offices WHERE id = p_root
            UNION ALL
            SELECT o.id FROM offices o JOIN tree ON o.parent_id = tree.id
        )
        SELECT coalesce(array_agg(id), '{}') INTO result FROM tree;
        RETURN result;
    END
    $$;

------------------------------------------------------------------------------------------
-- Users. The app role never reads password hashes: login goes through auth_login_*.
CREATE TABLE users (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    username      text NOT NULL CONSTRAINT users_username_key UNIQUE
                      CONSTRAINT users_username_format CHECK (username ~ '^[a-z0-9._-]{3,40}$'),
    display_name  text NOT NULL CONSTRAINT users_display_name_length CHECK (char_length(display_name) BETWEEN 1 AND 50),
    office_id     uuid NOT NULL CONSTRAINT users_office_fkey REFERENCES offices (id),
    role          text NOT NULL CONSTRAINT users_role_check
                      CHECK (role IN ('area_admin', 'area_reviewer', 'branch_officer', 'branch_viewer', 'auditor')),
    password_hash text,
    active        boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_office_idx ON users (office_id);
REVOKE ALL ON users FROM unionhall_app;
GRANT SELECT (id, username, display_name, office_id, role, active, created_at, updated_at) ON users TO unionhall_app;
GRANT INSERT (username, display_name, office_id, role, password_hash, active) ON users TO unionhall_app;
GRANT UPDATE (display_name, role, password_hash, active, updated_at) ON users TO unionhall_app;

------------------------------------------------------------------------------------------
-- API tokens: only a SHA-256 of the token is kept; the token itself is shown once.
CREATE TABLE api_tokens (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid NOT NULL CONSTRAINT api_tokens_user_fkey REFERENCES users (id),
    office_id    uuid NOT NULL CONSTRAINT api_tokens_office_fkey REFERENCES offices (id),
    token_hash   bytea NOT NULL CONSTRAINT api_tokens_hash_key UNIQUE,
    kind         text NOT NULL CONSTRAINT api_tokens_kind_check CHECK (kind IN ('session', 'api')),
    label        text CONSTRAINT api_tokens_label_length CHECK (char_length(label) <= 100),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);
CREATE INDEX api_tokens_office_idx ON api_tokens (office_id);
REVOKE ALL ON api_tokens FROM unionhall_app;
GRANT SELECT (id, user_id, office_id, kind, label, created_at, expires_at, revoked_at, last_used_at) ON api_tokens TO unionhall_app;
GRANT INSERT (user_id, office_id, token_hash, kind, label, expires_at) ON api_tokens TO unionhall_app;
GRANT UPDATE (revoked_at) ON api_tokens TO unionhall_app;

-- Failed logins per username (known or not, so a lock reveals nothing about who exists).
CREATE TABLE login_throttle (
    username        text PRIMARY KEY,
    failures        integer NOT NULL DEFAULT 0,
    locked_until    timestamptz,
    last_failure_at timestamptz
);
REVOKE ALL ON login_throttle FROM unionhall_app;

------------------------------------------------------------------------------------------
-- The audit log: written only by triggers (as the owner); the app role may read within its
-- scope and can neither insert, update nor delete.
CREATE TABLE audit_log (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    user_id    uuid,
    office_id  uuid,
    table_name text NOT NULL,
    row_id     text NOT NULL,
    action     text NOT NULL CONSTRAINT audit_log_action_check CHECK (action IN ('INSERT', 'UPDATE', 'DELETE')),
    before     jsonb,
    after      jsonb
);
CREATE INDEX audit_log_office_idx ON audit_log (office_id, id);
CREATE INDEX audit_log_row_idx ON audit_log (table_name, row_id, id);
CREATE INDEX audit_log_user_idx ON audit_log (user_id, id);
REVOKE ALL ON audit_log FROM unionhall_app;
GRANT SELECT ON audit_log TO unionhall_app;

-- What an audit row may show of a row: no secrets, ID numbers masked.
CREATE FUNCTION audit_redact(doc jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
        SELECT CASE WHEN doc IS NULL THEN NULL
                    WHEN jsonb_typeof(doc -> 'id_number') = 'string'
                        THEN jsonb_set(doc - 'password_hash' - 'token_hash', '{id_number}', to_jsonb(mask_id_number(doc ->> 'id_number')))
                    ELSE doc - 'password_hash' - 'token_hash' END
    $$;

-- AFTER trigger for every table of office data; TG_ARGV[0] names the row's office column.
CREATE FUNCTION audit_row() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    DECLARE
        old_doc jsonb;
        new_doc jsonb;
    BEGIN
        IF TG_OP <> 'INSERT' THEN old_doc := audit_redact(to_jsonb(OLD)); END IF;
        IF TG_OP <> 'DELETE' THEN new_doc := audit_redact(to_jsonb(NEW)); END IF;
        INSERT INTO audit_log (user_id, office_id, table_name, row_id, action, before, after)
        VALUES (app_user_id(),
                coalesce(new_doc ->> TG_ARGV[0], old_doc ->> TG_ARGV[0])::uuid,
                TG_TABLE_NAME,
                coalesce(new_doc ->> 'id', old_doc ->> 'id'),
                TG_OP, old_doc, new_doc);
        RETURN NULL;
    END
    $$;

CREATE TRIGGER offices_audit AFTER INSERT OR UPDATE OR DELETE ON offices FOR EACH ROW EXECUTE FUNCTION audit_row('id');
CREATE TRIGGER users_audit AFTER INSERT OR UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');
CREATE TRIGGER api_tokens_audit AFTER INSERT OR UPDATE OR DELETE ON api_tokens FOR EACH ROW EXECUTE FUNCTION audit_row('office_id');

------------------------------------------------------------------------------------------
-- Row-level security.
ALTER TABLE offices ENABLE ROW LEVEL SECURITY;
ALTER TABLE offices FORCE ROW LEVEL SECURITY;
CREATE POLICY offices_owner ON offices TO unionhall_owner USING (true) WITH CHECK (true);
-- parent_id: a just-created child is readable (RETURNING) before the next request's scope has it.
CREATE POLICY offices_app_select ON offices FOR SELECT TO unionhall_app
    USING (id = ANY ((SELECT app_scope())::uuid[]) OR parent_id = ANY ((SELECT app_scope())::uuid[]));
CREATE POLICY offices_app_insert ON offices FOR INSERT TO unionhall_app
    WITH CHECK (parent_id = ANY ((SELECT app_scope())::uuid[]));
CREATE POLICY offices_app_update ON offices FOR UPDATE TO unionhall_app
    USING (id = ANY ((SELECT app_scope())::uuid[])) WITH CHECK (id = ANY ((SELECT app_scope())::uuid[]));

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY users_owner ON users TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY users_app ON users TO unionhall_app
    USING (office_id = ANY ((SELECT app_scope())::uuid[])) WITH CHECK (office_id = ANY ((SELECT app_scope())::uuid[]));

ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY api_tokens_owner ON api_tokens TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY api_tokens_app ON api_tokens TO unionhall_app
    USING (office_id = ANY ((SELECT app_scope())::uuid[])) WITH CHECK (office_id = ANY ((SELECT app_scope())::uuid[]));

ALTER TABLE login_throttle ENABLE ROW LEVEL SECURITY;
ALTER TABLE login_throttle FORCE ROW LEVEL SECURITY;
CREATE POLICY login_throttle_owner ON login_throttle TO unionhall_owner USING (true) WITH CHECK (true);

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_log_owner ON audit_log TO unionhall_owner USING (true) WITH CHECK (true);
CREATE POLICY audit_log_app_select ON audit_log FOR SELECT TO unionhall_app
    USING (office_id = ANY ((SELECT app_scope())::uuid[]));

------------------------------------------------------------------------------------------
-- Authentication, as the owner: the only doors to password hashes, token hashes and the
-- throttle. Each returns the principal the app then scopes its transaction to. They are
-- PL/pgSQL because a SQL function that can't be inlined is planned again on every call.

CREATE FUNCTION auth_token_principal(p_token text)
    RETURNS TABLE (user_id uuid, username text, role text, office_id uuid, office_ids uuid[], token_id uuid)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    BEGIN
        RETURN QUERY
            SELECT u.id, u.username, u.role, u.office_id, office_subtree(u.office_id), t.id
            FROM api_tokens t
            JOIN users u ON u.id = t.user_id
            JOIN offices o ON o.id = u.office_id
            WHERE t.token_hash = sha256(convert_to(p_token, 'UTF8'))
              AND t.revoked_at IS NULL AND t.expires_at > now() AND u.active AND o.active;
        -- Last use, at most once a minute per token, so reads stay reads.
        UPDATE api_tokens SET last_used_at = now()
        WHERE token_hash = sha256(convert_to(p_token, 'UTF8'))
          AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute');
    END
    $$;

CREATE FUNCTION auth_username_principal(p_username text)
    RETURNS TABLE (user_id uuid, username text, role text, office_id uuid, office_ids uuid[])
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    BEGIN
        RETURN QUERY
            SELECT u.id, u.username, u.role, u.office_id, office_subtree(u.office_id)
            FROM users u JOIN offices o ON o.id = u.office_id
            WHERE u.username = lower(p_username) AND u.active AND o.active;
    END
    $$;

-- The stored hash for a login attempt, and whether the name is locked out.
CREATE FUNCTION auth_login_lookup(p_username text)
    RETURNS TABLE (user_id uuid, password_hash text, locked boolean)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    BEGIN
        RETURN QUERY
            SELECT u.id, u.password_hash,
                   coalesce((SELECT t.locked_until > now() FROM login_throttle t WHERE t.username = lower(p_username)), false)
            FROM (SELECT 1) one
            LEFT JOIN users u ON u.username = lower(p_username) AND u.active
                              AND EXISTS (SELECT 1 FROM offices o WHERE o.id = u.office_id AND o.active);
    END
    $$;

-- Records a failed attempt: five in a row lock the name for fifteen minutes.
CREATE FUNCTION auth_login_failed(p_username text, p_max_failures integer, p_lock_for interval) RETURNS void
    LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
        INSERT INTO login_throttle AS t (username, failures, last_failure_at)
        VALUES (lower(p_username), 1, now())
        ON CONFLICT (username) DO UPDATE
            SET failures = CASE WHEN t.locked_until IS NOT NULL AND t.locked_until <= now() THEN 1 ELSE t.failures + 1 END,
                locked_until = CASE WHEN t.failures + 1 >= p_max_failures AND (t.locked_until IS NULL OR t.locked_until <= now())
                                    THEN now() + p_lock_for ELSE t.locked_until END,
                last_failure_at = now()
    $$;

-- A successful login: clears the throttle and stores the new session token's hash.
CREATE FUNCTION auth_login_succeeded(p_username text, p_token text, p_valid_for interval) RETURNS timestamptz
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    DECLARE
        found_user users%ROWTYPE;
        expiry timestamptz := now() + p_valid_for;
    BEGIN
        SELECT * INTO found_user FROM users WHERE username = lower(p_username) AND active;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no such user' USING ERRCODE = 'P0002';
        END IF;
        DELETE FROM login_throttle WHERE username = lower(p_username);
        PERFORM set_config('unionhall.user_id', found_user.id::text, true);
        INSERT INTO api_tokens (user_id, office_id, token_hash, kind, label, expires_at)
        VALUES (found_user.id, found_user.office_id, sha256(convert_to(p_token, 'UTF8')), 'session', 'login', expiry);
        RETURN expiry;
    END
    $$;

-- `unionctl init`: the area office and its first administrator, on an empty database only.
CREATE FUNCTION bootstrap_area(p_area_code text, p_area_name text, p_admin_username text, p_admin_display_name text, p_admin_password_hash text)
    RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    AS $$
    DECLARE
        area_id uuid;
        admin_id uuid;
    BEGIN
        LOCK TABLE offices IN EXCLUSIVE MODE;
        IF EXISTS (SELECT 1 FROM offices) THEN
            RAISE EXCEPTION 'already initialised' USING ERRCODE = 'P0001', HINT = 'already_initialised';
        END IF;
        INSERT INTO offices (code, name, kind) VALUES (p_area_code, p_area_name, 'area') RETURNING id INTO area_id;
        INSERT INTO users (username, display_name, office_id, role, password_hash)
        VALUES (lower(p_admin_username), p_admin_display_name, area_id, 'area_admin', p_admin_password_hash)
        RETURNING id INTO admin_id;
        RETURN admin_id;
    END
    $$;

GRANT EXECUTE ON FUNCTION auth_token_principal(text), auth_username_principal(text), auth_login_lookup(text),
    auth_login_failed(text, integer, interval), auth_login_succeeded(text, text, interval),
    bootstrap_area(text, text, text, text, text), office_subtree(uuid) TO unionhall_app;
