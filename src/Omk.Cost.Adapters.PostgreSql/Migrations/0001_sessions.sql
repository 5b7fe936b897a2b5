-- 0001: the session ledger. One row per recorded session, with every field of costs.json.
-- Token counts are numeric(20,0) so that any unsigned 64-bit value fits; money is numeric (exact).
-- started_ticks/ended_ticks keep the exact instant (.NET ticks, 100 ns, UTC); started_at/ended_at are the same
-- instants to the microsecond, for grouping by a time zone's days, weeks and months.
-- model/project/cache_*_tokens are the session's usage details: all null when it has none (cache tokens are
-- never null when it has them). extra holds fields that other versions of omk add; this version never
-- overwrites it, so a session replaced by an upsert keeps them.
CREATE TABLE omk_cost.sessions (
    seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              text NOT NULL UNIQUE,
    session_type    text NOT NULL CHECK (session_type <> ''),
    name            text NOT NULL CHECK (name <> ''),
    started_at      timestamptz NOT NULL,
    started_ticks   bigint NOT NULL,
    ended_at        timestamptz,
    ended_ticks     bigint,
    input_tokens    numeric(20, 0) NOT NULL CHECK (input_tokens BETWEEN 0 AND 18446744073709551615),
    output_tokens   numeric(20, 0) NOT NULL CHECK (output_tokens BETWEEN 0 AND 18446744073709551615),
    duration_secs   numeric(20, 0) NOT NULL CHECK (duration_secs BETWEEN 0 AND 18446744073709551615),
    worker_count    numeric(20, 0) NOT NULL CHECK (worker_count BETWEEN 0 AND 18446744073709551615),
    estimated_usd   numeric NOT NULL CHECK (estimated_usd >= 0),
    tier            text NOT NULL CHECK (tier IN ('Budget', 'Standard', 'Premium')),
    actual_usd      numeric CHECK (actual_usd >= 0),
    model           text,
    project         text,
    cache_read_tokens     numeric(20, 0) CHECK (cache_read_tokens BETWEEN 0 AND 18446744073709551615),
    cache_creation_tokens numeric(20, 0) CHECK (cache_creation_tokens BETWEEN 0 AND 18446744073709551615),
    extra           jsonb,
    recorded_user   text NOT NULL,
    recorded_host   text NOT NULL,
    database_user   text NOT NULL DEFAULT current_user,
    recorded_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX sessions_started_ticks ON omk_cost.sessions (started_ticks);
