#!/usr/bin/env bash
# Whole-process timings of `omk cost status`, `omk cost gate` and `omk cost record` at 100 000 stored sessions, on
# the file store (costs.json) and on the team store (a throwaway PostgreSQL), with hyperfine
# (see docs/performance.md, "Status and gate").
#
#   bench/status-gate.sh [OMK] [OMK_BEFORE]
#       OMK          the omk binary to time (default: publish this checkout with Native AOT)
#       OMK_BEFORE   another build to time beside it, in the same hyperfine runs (e.g. one published from an older commit)
#
# Both stores hold the same kind of history (bench/generate_costs.py for costs.json; the same columns by SQL for the
# team store) and two budgets (a month of every type, a day of team runs). Kimi's homes are empty folders, so that
# only the ledger is read. status is timed warm (its summary made by a first run, as at every prompt after the first);
# gate with its reservation removed before each run; record with the store put back before each run; and, on the file
# store, a gate right after a record (the summary must then be checked against the new bytes).
#
# Environment:
#   OMK_BENCH_OUT       where the results go (default: BenchmarkDotNet.Artifacts/status-gate in the repository)
#   OMK_BENCH_RUNS      runs per command (default 10)
#   OMK_BENCH_SESSIONS  stored sessions (default 100000)
#   OMK_BENCH_STORES    which stores (default "file postgresql")
#   OMK_BENCH_TRIPS     1 to also count, with strace, the messages each build sends to the team store for one
#                       status, gate and record (sendto calls: the connection's start and end, then one a round trip)
#                       (status given 60 s instead of its 1 s, since strace slows every call)
#   OMK_BENCH_POOLER    1 to also time the team store's status, gate and record through PgBouncer in session mode
#                       (Debian: apt-get install -y pgbouncer), which keeps server backends warm between commands
#   OMK_BENCH_ALTERNATE N to also time the team store's status, gate and record N times a build, the builds taking
#                       turns run by run (bench/alternate.py), so that a load that drifts falls on every build alike
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OMK_BENCH_OUT:-$repo/BenchmarkDotNet.Artifacts/status-gate}"
runs="${OMK_BENCH_RUNS:-10}"
sessions="${OMK_BENCH_SESSIONS:-100000}"
stores="${OMK_BENCH_STORES:-file postgresql}"
fail() { echo "status-gate.sh: $*" >&2; exit 1; }

command -v hyperfine >/dev/null 2>&1 || fail "hyperfine is not installed (Debian: apt-get install -y hyperfine)"
work="$(mktemp -d "${TMPDIR:-/tmp}/omk-status-gate.XXXXXX")"
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
as_server=()
if [[ "$(id -u)" == 0 ]]; then chmod 755 "$work"; as_server=(runuser -u postgres --); fi
cleanup() {
  [[ -f "$work/pgb/pgbouncer.pid" ]] && kill "$(cat "$work/pgb/pgbouncer.pid")" 2>/dev/null || true
  [[ -d "$work/pg/data" ]] && "${as_server[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$out" "$work/home" "$work/kimi-share" "$work/kimi-code" "$work/kimi-work"
load() { echo "$1: $(cut -d' ' -f1-3 /proc/loadavg) (load average 1, 5, 15 min; $(nproc) cores)" | tee -a "$out/load.txt"; }
: >"$out/load.txt"

if [[ $# -ge 1 ]]; then
  omk="$1"
else
  echo "== publishing omk (Native AOT, linux-x64)"
  dotnet publish "$repo/src/Omk.Cli" -c Release -r linux-x64 -o "$work/omk-aot" >"$work/publish.log" 2>&1 \
    || { tail -n 40 "$work/publish.log" >&2; fail "publishing omk failed"; }
  omk="$work/omk-aot/omk"
fi
builds=("$omk")
[[ $# -ge 2 ]] && builds+=("$2")

# Every run sees the same environment: no Kimi logs, no store from the caller's.
export HOME="$work/home" KIMI_SHARE_DIR="$work/kimi-share" KIMI_CODE_HOME="$work/kimi-code" KIMI_WORK_HOME="$work/kimi-work"
unset OMK_COST_STORE OMK_TZ

# Times one command line (with BIN for the binary) for every build, in one hyperfine run.
timed() {
  local name="$1" prepare="$2" line="$3" commands=() args=()
  for bin in "${builds[@]}"; do commands+=("${line//BIN/$bin}"); done
  [[ -n "$prepare" ]] && args+=(--prepare "$prepare")
  load "$name"
  hyperfine -N --warmup 2 --runs "$runs" "${args[@]}" --export-json "$out/$name.json" --export-markdown "$out/$name.md" "${commands[@]}"
}

if [[ " $stores " == *" file "* ]]; then
  python3 "$repo/bench/generate_costs.py" "$work/costs.json" --sessions "$sessions"
  for bin in "${builds[@]}"; do
    state="$work/state-$(basename "$(dirname "$bin")")"
    mkdir -p "$state" && cp "$work/costs.json" "$state/costs.json"
    "$bin" cost budget set monthly --limit 1000000 --period month --state-dir "$state" >/dev/null
    "$bin" cost budget set team-daily --limit 1000000 --period day --type team --state-dir "$state" >/dev/null
    "$bin" cost status --strict --state-dir "$state" >/dev/null || fail "'$bin cost status' failed on the file store"
  done
  sleep 3   # older than the racy window: the summary's next check is by the file's stamp alone
  echo "== file store: $sessions sessions, $(stat -c %s "$work/costs.json") bytes"
  state_of() { echo "$work/state-$(basename "$(dirname "$1")")"; }
  # One state folder a build, so that neither reads the other's summary.
  timed_file() {
    local name="$1" prepare="$2" line="$3" cmds=() args=()
    for bin in "${builds[@]}"; do local s; s="$(state_of "$bin")"; cmds+=("${line//BIN/$bin} --state-dir $s"); done
    [[ -n "$prepare" ]] && args+=(--prepare "$prepare")
    load "$name"
    hyperfine -N --warmup 2 --runs "$runs" "${args[@]}" --export-json "$out/$name.json" --export-markdown "$out/$name.md" "${cmds[@]}"
  }
  timed_file file-status "" "BIN cost status"
  cleanup_reservations="sh -c 'rm -f $work/state-*/reservations.json'"
  timed_file file-gate "$cleanup_reservations" "BIN cost gate --usd 0.01 --type team"
  restore="sh -c 'for s in $work/state-*; do cp $work/costs.json \$s/costs.json; rm -f \$s/reservations.json; done'"
  timed_file file-record "$restore" "BIN cost record --type team --name bench --duration 60"
  for bin in "${builds[@]}"; do cp "$work/costs.json" "$(state_of "$bin")/costs.json"; done
  timed_file file-gate-after-record "sh -c 'for s in $work/state-*; do ${builds[0]} cost record --type team --name bench --duration 60 --state-dir \$s >/dev/null; rm -f \$s/reservations.json; done'" "BIN cost gate --usd 0.01 --type team"
fi

if [[ " $stores " == *" postgresql "* ]]; then
  [[ -x "$pg_bin/initdb" ]] || fail "PostgreSQL's server programs are missing (Debian: apt-get install -y postgresql)"
  # The server's folder (data, socket, log) is the server's own: it may run as another user than this script.
  pg="$work/pg"
  mkdir -p "$pg"
  if [[ "$(id -u)" == 0 ]]; then chown postgres "$pg"; fi
  "${as_server[@]}" "$pg_bin/initdb" -D "$pg/data" -U postgres -A trust -E UTF8 --locale=C --no-sync --no-instructions >/dev/null
  printf "listen_addresses = ''\nunix_socket_directories = '%s'\n" "$pg" >> "$pg/data/postgresql.conf"
  "${as_server[@]}" "$pg_bin/pg_ctl" -D "$pg/data" -l "$pg/server.log" -w start >/dev/null
  psql() { command psql -X -q -h "$pg" -U postgres -d omk -v ON_ERROR_STOP=1 "$@"; }
  command psql -X -q -h "$pg" -U postgres -d postgres -c "CREATE DATABASE omk" >/dev/null
  export OMK_COST_STORE="postgresql://postgres@/omk?host=$pg"
  "$omk" cost store migrate --state-dir "$work/pg-state" >/dev/null
  # The history by SQL (100 000 records through omk would take minutes): the columns omk writes, over about a year.
  psql -c "INSERT INTO omk_cost.sessions (id, session_type, name, started_at, started_ticks, ended_at, ended_ticks,
             input_tokens, output_tokens, duration_secs, worker_count, estimated_usd, tier, actual_usd, recorded_user, recorded_host)
           SELECT gen_random_uuid()::text, (ARRAY['team','autopilot','ralph','kimi'])[1 + g % 4], 'bench-' || (g % 500),
                  t, 621355968000000000 + (extract(epoch FROM t) * 10000000)::bigint, t + interval '30 minutes',
                  621355968000000000 + (extract(epoch FROM t + interval '30 minutes') * 10000000)::bigint,
                  1950, 650, 60, 2, 0.0091, 'Standard', CASE WHEN g % 3 = 0 THEN 0.01 END, 'bench', 'bench-host'
           FROM generate_series(1, $sessions) AS g,
                LATERAL (SELECT now() - interval '365 days' + g * (interval '365 days' / $sessions) AS t) AS s"
  psql -c "VACUUM ANALYZE omk_cost.sessions"
  "$omk" cost budget set monthly --limit 1000000 --period month --state-dir "$work/pg-state" >/dev/null
  "$omk" cost budget set team-daily --limit 1000000 --period day --type team --state-dir "$work/pg-state" >/dev/null
  for bin in "${builds[@]}"; do "$bin" cost status --strict --state-dir "$work/pg-state" >/dev/null || fail "'$bin cost status' failed on the team store"; done
  echo "== team store: $(psql -At -c 'SELECT count(*) FROM omk_cost.sessions') sessions"
  timed pg-status "" "BIN cost status --state-dir $work/pg-state"
  timed pg-gate "psql -X -q -h $pg -U postgres -d omk -c 'DELETE FROM omk_cost.reservations'" "BIN cost gate --usd 0.01 --type team --state-dir $work/pg-state"
  timed pg-record "" "BIN cost record --type team --name bench --duration 60 --state-dir $work/pg-state"
  if [[ -n "${OMK_BENCH_ALTERNATE:-}" ]]; then
    load pg-alternate
    python3 "$repo/bench/alternate.py" "$OMK_BENCH_ALTERNATE" "$work/pg-alternate" "$pg" "${builds[@]}" | tee "$out/alternate.txt"
  fi
  if [[ "${OMK_BENCH_POOLER:-0}" == 1 ]]; then
    command -v pgbouncer >/dev/null 2>&1 || fail "PgBouncer is not installed (Debian: apt-get install -y pgbouncer)"
    # Session pooling: a command gets a server backend that earlier commands warmed (catalogs read), and keeps it to
    # its end, so that omk's transactions, locks and settings are its own as on a direct connection.
    mkdir -p "$work/pgb"
    printf '"postgres" ""\n' > "$work/pgb/users.txt"
    printf '[databases]\nomk = host=%s dbname=omk user=postgres\n[pgbouncer]\nlisten_addr =\nunix_socket_dir = %s\nlisten_port = 6432\nauth_type = trust\nauth_file = %s\npool_mode = session\nlogfile = %s\npidfile = %s\n' \
      "$pg" "$work/pgb" "$work/pgb/users.txt" "$work/pgb/pgbouncer.log" "$work/pgb/pgbouncer.pid" > "$work/pgb/pgbouncer.ini"
    if [[ "$(id -u)" == 0 ]]; then chown -R postgres "$work/pgb"; fi
    "${as_server[@]}" pgbouncer -d "$work/pgb/pgbouncer.ini"
    direct="$OMK_COST_STORE"
    export OMK_COST_STORE="postgresql://postgres@/omk?host=$work/pgb&port=6432"
    mkdir -p -m 700 "$work/pooled-state"
    for bin in "${builds[@]}"; do "$bin" cost status --strict --state-dir "$work/pooled-state" >/dev/null || fail "'$bin cost status' failed through PgBouncer"; done
    timed pooled-status "" "BIN cost status --state-dir $work/pooled-state"
    timed pooled-gate "psql -X -q -h $pg -U postgres -d omk -c 'DELETE FROM omk_cost.reservations'" "BIN cost gate --usd 0.01 --type team --state-dir $work/pooled-state"
    timed pooled-record "" "BIN cost record --type team --name bench --duration 60 --state-dir $work/pooled-state"
    export OMK_COST_STORE="$direct"
  fi
  if [[ "${OMK_BENCH_TRIPS:-0}" == 1 ]]; then
    command -v strace >/dev/null 2>&1 || fail "strace is not installed (Debian: apt-get install -y strace)"
    for bin in "${builds[@]}"; do
      for line in "cost status" "cost gate --usd 0.01 --type team" "cost record --type team --name bench --duration 60"; do
        psql -c 'DELETE FROM omk_cost.reservations'
        # shellcheck disable=SC2086
        OMK_STATUS_TIMEOUT=60s strace -f -qq -e trace=sendto -o "$work/trace" "$bin" $line --state-dir "$work/pg-state" >/dev/null
        echo "$bin $line: $(grep -c 'sendto(' "$work/trace") messages sent to the store" | tee -a "$out/trips.txt"
      done
    done
  fi
fi

echo "== results in $out (hyperfine's JSON and markdown per command, load.txt)"
