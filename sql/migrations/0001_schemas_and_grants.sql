-- Who may do what, before any table exists. Runs as unionhall_owner, which owns everything;
-- unionhall_app only ever gets DML (ARCHITECTURE.md "Role checks").

-- Nobody but the owner creates objects; the app and reporting roles use what they are granted.
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO unionhall_app;

-- Area-wide aggregates for the statistician's job: no personal data, SELECT only.
CREATE SCHEMA reporting;
REVOKE ALL ON SCHEMA reporting FROM PUBLIC;
GRANT USAGE ON SCHEMA reporting TO unionhall_reporting;

-- Tables and sequences the owner creates later are granted as they appear.
ALTER DEFAULT PRIVILEGES FOR ROLE unionhall_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO unionhall_app;
ALTER DEFAULT PRIVILEGES FOR ROLE unionhall_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO unionhall_app;
ALTER DEFAULT PRIVILEGES FOR ROLE unionhall_owner IN SCHEMA reporting
    GRANT SELECT ON TABLES TO unionhall_reporting;
-- Functions are executable by PUBLIC by default; ours are granted one by one.
ALTER DEFAULT PRIVILEGES FOR ROLE unionhall_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
