-- 0005: sessions that only their recorder may change, and a migration ledger that only the admin may write.
-- Row-level security for the roles of docs/team-store-roles.sql: everyone reads every session (reports add them all),
-- adds sessions only as themselves (database_user is the role that inserts), and changes only the rows they
-- recorded. The owner (the admin) is not bound; omk itself never replaces another member's row either (sync counts it
-- as a conflict).
ALTER TABLE omk_cost.sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY sessions_read ON omk_cost.sessions FOR SELECT USING (true);
CREATE POLICY sessions_add_own ON omk_cost.sessions FOR INSERT WITH CHECK (database_user = current_user);
CREATE POLICY sessions_change_own ON omk_cost.sessions FOR UPDATE
    USING (database_user = current_user) WITH CHECK (database_user = current_user);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'omk_recorder') THEN
        -- A recorder reads the schema's version (to refuse a newer one) and never writes it.
        REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON omk_cost.schema_migrations FROM omk_recorder;
        GRANT SELECT ON omk_cost.schema_migrations TO omk_recorder;
    END IF;
END
$$;
