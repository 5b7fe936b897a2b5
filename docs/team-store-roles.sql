-- omk cost team store: the two roles, run once by a superuser or the database's owner, in the team's database.
-- omk_admin owns the schema: it migrates it, manages budgets and may reset. omk_recorder records and reads.
-- People log in as their own roles and are members of one of the two (see the last lines).
CREATE ROLE omk_admin NOLOGIN;
CREATE ROLE omk_recorder NOLOGIN;

CREATE SCHEMA omk_cost AUTHORIZATION omk_admin;
GRANT USAGE ON SCHEMA omk_cost TO omk_recorder;

-- Tables that omk_admin creates (every migration runs as the schema's owner) are readable and writable by recorders:
-- insert and read sessions and reservations, update them for upserts by id. No DELETE, no TRUNCATE: no reset.
-- The migrations narrow this: row-level security lets a recorder change only the sessions and remove only the
-- reservations it recorded, and only the admin writes budgets and schema_migrations (docs/team-store.md lists it all).
ALTER DEFAULT PRIVILEGES FOR ROLE omk_admin IN SCHEMA omk_cost GRANT SELECT, INSERT, UPDATE ON TABLES TO omk_recorder;
ALTER DEFAULT PRIVILEGES FOR ROLE omk_admin IN SCHEMA omk_cost GRANT USAGE ON SEQUENCES TO omk_recorder;

-- Everyone who records: CREATE ROLE alice LOGIN PASSWORD '...' IN ROLE omk_recorder;
-- Whoever migrates and resets: CREATE ROLE bob LOGIN PASSWORD '...' IN ROLE omk_admin;
