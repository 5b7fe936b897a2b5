-- 0002: budgets and the reservations of the gate, beside the session ledger.
-- A budget's name is unique whatever its case (name_key); seq keeps the order budgets were first set in.
-- Reservation instants are .NET ticks (100 ns, UTC), exact; *_at are the same instants for people reading the table.
CREATE TABLE omk_cost.budgets (
    seq              bigint GENERATED ALWAYS AS IDENTITY,
    name_key         text PRIMARY KEY,
    name             text NOT NULL CHECK (name <> ''),
    limit_usd        numeric NOT NULL CHECK (limit_usd >= 0),
    period           text NOT NULL CHECK (period IN ('Total', 'Day', 'Week', 'Month')),
    session_type     text,
    warn_at_percent  numeric CHECK (warn_at_percent > 0 AND warn_at_percent <= 100),
    time_zone        text NOT NULL
);

CREATE TABLE omk_cost.reservations (
    id               text PRIMARY KEY,
    amount_usd       numeric NOT NULL CHECK (amount_usd >= 0),
    session_type     text,
    name             text,
    budgets          text[] NOT NULL,
    created_ticks    bigint NOT NULL,
    expires_ticks    bigint NOT NULL,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    recorded_user    text NOT NULL,
    recorded_host    text NOT NULL
);
