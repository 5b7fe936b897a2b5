-- 0003: what the recorder role of docs/team-store-roles.sql may do with the gate's tables. Recorders gate, settle and
-- release, so they delete reservations; they read budgets but neither set nor remove them (that is the admin's).
-- Default privileges gave every table SELECT, INSERT and UPDATE; these two tables get their own. Stores without that
-- role are left as they are.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'omk_recorder') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON omk_cost.reservations TO omk_recorder;
        REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON omk_cost.budgets FROM omk_recorder;
    END IF;
END
$$;
