-- For a database a superuser created (docker's POSTGRES_DB): hand it to unionhall_owner so the
-- migrations, run as that role, own every object. Idempotent.
ALTER DATABASE unionhall OWNER TO unionhall_owner;
