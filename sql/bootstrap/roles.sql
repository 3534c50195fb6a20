-- The three database roles (ARCHITECTURE.md "Role checks"). Run by a superuser before the
-- migrations; idempotent. Passwords are the local-development defaults: deployments set
-- their own (docker-compose passes them in).
--   unionhall_owner      owns every object and runs the migrations
--   unionhall_app        the server's and CLI's login: DML only, never owner, no BYPASSRLS
--   unionhall_reporting  SELECT on schema `reporting` only
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'unionhall_owner') THEN
        CREATE ROLE unionhall_owner LOGIN PASSWORD 'unionhall_owner';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'unionhall_app') THEN
        CREATE ROLE unionhall_app LOGIN PASSWORD 'unionhall_app' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'unionhall_reporting') THEN
        CREATE ROLE unionhall_reporting LOGIN PASSWORD 'unionhall_reporting' NOSUPERUSER NOBYPASSRLS;
    END IF;
END
$$;
ALTER ROLE unionhall_app NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
