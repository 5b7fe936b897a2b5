-- 0004: the gate's own lock, and reservations that only their maker (or the admin) may remove.
-- Every budget step (gate, settle, release, extend, budget set) of every machine takes the one row of gate_lock
-- FOR UPDATE inside its transaction: a lock that needs omk's privileges, unlike an advisory key any role can take.
CREATE TABLE omk_cost.gate_lock (
    id integer PRIMARY KEY CHECK (id = 1)
);
INSERT INTO omk_cost.gate_lock (id) VALUES (1);

-- Who made each reservation, as the database knows them (recorded_user is what the client says).
ALTER TABLE omk_cost.reservations ADD COLUMN database_user text NOT NULL DEFAULT current_user;

-- Row-level security for the roles of docs/team-store-roles.sql: everyone reads every reservation (a gate counts
-- them all), adds only their own, and removes only their own or expired ones. The owner (the admin) is not bound.
ALTER TABLE omk_cost.reservations ENABLE ROW LEVEL SECURITY;
CREATE POLICY reservations_read ON omk_cost.reservations FOR SELECT USING (true);
CREATE POLICY reservations_add_own ON omk_cost.reservations FOR INSERT WITH CHECK (database_user = current_user);
CREATE POLICY reservations_remove_own_or_expired ON omk_cost.reservations FOR DELETE
    USING (database_user = current_user OR expires_at < now());

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'omk_recorder') THEN
        -- FOR UPDATE needs UPDATE beside SELECT; nothing else on the lock's row.
        GRANT SELECT, UPDATE ON omk_cost.gate_lock TO omk_recorder;
        REVOKE INSERT, DELETE, TRUNCATE ON omk_cost.gate_lock FROM omk_recorder;
        -- Reservations are removed and added, never changed in place.
        REVOKE UPDATE, TRUNCATE ON omk_cost.reservations FROM omk_recorder;
    END IF;
END
$$;
