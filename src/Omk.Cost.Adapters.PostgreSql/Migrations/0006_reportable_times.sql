-- 0006: no session time that a report cannot place. A time in the year 9999 has no next month, so one member's such
-- row broke every member's reports by day, week and month; omk refuses it before it writes (SessionTimes), and the
-- table refuses it from any client. Rows already there are not checked (NOT VALID) when one breaks the rule, so the
-- migration never fails on them: the admin corrects or deletes them, then runs
-- ALTER TABLE omk_cost.sessions VALIDATE CONSTRAINT sessions_reportable_times.
ALTER TABLE omk_cost.sessions ADD CONSTRAINT sessions_reportable_times CHECK (
    started_at >= '1970-01-01T00:00:00Z' AND started_at < '9999-01-01T00:00:00Z'
    AND (ended_at IS NULL OR (ended_at >= '1970-01-01T00:00:00Z' AND ended_at < '9999-01-01T00:00:00Z'))) NOT VALID;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM omk_cost.sessions
                   WHERE NOT (started_at >= '1970-01-01T00:00:00Z' AND started_at < '9999-01-01T00:00:00Z'
                              AND (ended_at IS NULL OR (ended_at >= '1970-01-01T00:00:00Z' AND ended_at < '9999-01-01T00:00:00Z')))) THEN
        ALTER TABLE omk_cost.sessions VALIDATE CONSTRAINT sessions_reportable_times;
    END IF;
END
$$;
