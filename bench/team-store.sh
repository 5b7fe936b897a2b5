#!/usr/bin/env bash
# Whole-process timings of the Native AOT `omk` against the PostgreSQL team store, with hyperfine
# (see docs/performance.md, "Team store").
#
#   bench/team-store.sh     publish omk (or use $OMK_BIN), start a throwaway PostgreSQL (Unix socket only), and time:
#                             omk cost record ...   with 10 and with 1 000 000 sessions stored
#                             omk cost report       (by type, by day in Asia/Shanghai, by week) of 1 000 000 sessions
#                             omk cost gate         against a monthly budget, with 1 000 000 sessions stored
#                             omk cost sync         of a state folder with 100 000 sessions (first and second run)
#                           The machine's load average is printed before each step and kept in load.txt beside
#                           hyperfine's JSON exports.
#
# Environment:
#   OMK_BIN         an omk binary to time instead of publishing one
#   OMK_BENCH_OUT   where the results go (default: BenchmarkDotNet.Artifacts/team-store in the repository)
#   OMK_BENCH_RUNS  runs per command (default 20)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OMK_BENCH_OUT:-$repo/BenchmarkDotNet.Artifacts/team-store}"
runs="${OMK_BENCH_RUNS:-20}"
fail() { echo "team-store.sh: $*" >&2; exit 1; }

command -v hyperfine >/dev/null 2>&1 || fail "hyperfine is not installed (Debian: apt-get install -y hyperfine)"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[[ -x "$bin/initdb" ]] || fail "PostgreSQL's server programs are missing (Debian: apt-get install -y postgresql)"

work="$(mktemp -d "${TMPDIR:-/tmp}/omk-pg-bench.XXXXXX")"
as_server=()
if [[ "$(id -u)" == 0 ]]; then chown postgres "$work"; as_server=(runuser -u postgres --); fi
cleanup() { "${as_server[@]}" "$bin/pg_ctl" -D "$work/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$out"
: >"$out/load.txt"
load() { echo "$1: $(cut -d' ' -f1-3 /proc/loadavg) (load average 1, 5, 15 min; $(nproc) cores)" | tee -a "$out/load.txt"; }

if [[ -n "${OMK_BIN:-}" ]]; then
  omk="$OMK_BIN"
else
  echo "== publishing omk (Native AOT, linux-x64)"
  dotnet publish "$repo/src/Omk.Cli" -c Release -r linux-x64 -o "$work/omk-aot" >"$work/publish.log" 2>&1 \
    || { tail -n 40 "$work/publish.log" >&2; fail "publishing omk failed"; }
  omk="$work/omk-aot/omk"
fi

echo "== starting PostgreSQL ($bin) in $work"
"${as_server[@]}" "$bin/initdb" -D "$work/data" -U postgres -A trust -E UTF8 --locale=C --no-sync --no-instructions >/dev/null
printf "listen_addresses = ''\nunix_socket_directories = '%s'\n" "$work" >> "$work/data/postgresql.conf"
"${as_server[@]}" "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w start >/dev/null
psql() { command psql -X -q -h "$work" -U postgres -d omk -v ON_ERROR_STOP=1 "$@"; }
command psql -X -q -h "$work" -U postgres -d postgres -c "CREATE DATABASE omk" >/dev/null
export OMK_COST_STORE="postgresql://postgres@/omk?host=$work"
export OMK_STATE_DIR="$work/state"
"$omk" cost store migrate

# Sessions written straight by SQL (a million records through omk would take an hour): the same columns omk writes.
fill() {
  psql -c "INSERT INTO omk_cost.sessions (id, session_type, name, started_at, started_ticks, ended_at, ended_ticks,
             input_tokens, output_tokens, duration_secs, worker_count, estimated_usd, tier, actual_usd, recorded_user, recorded_host)
           SELECT gen_random_uuid()::text, (ARRAY['team','autopilot','ralph','kimi'])[1 + g % 4], 'bench-' || (g % 500),
                  t, 621355968000000000 + (extract(epoch FROM t) * 10000000)::bigint, t + interval '30 minutes',
                  621355968000000000 + (extract(epoch FROM t + interval '30 minutes') * 10000000)::bigint,
                  1950, 650, 60, 2, 0.0091, 'Standard', CASE WHEN g % 3 = 0 THEN 0.01 END, 'bench', 'bench-host'
           FROM generate_series(1, $1) AS g, LATERAL (SELECT timestamptz '2026-01-01' + g * interval '29 seconds' AS t) AS s"
  psql -c "VACUUM ANALYZE omk_cost.sessions"
}

record=("$omk" cost record --type team --name bench --duration 60)
fill 10
echo "== record with 10 sessions stored"
load "record at 10"
hyperfine -N --warmup 3 --runs "$runs" --export-json "$out/record-10.json" "${record[*]}"
fill 1000000
echo "== record with $(psql -At -c 'SELECT count(*) FROM omk_cost.sessions') sessions stored"
load "record at 1m"
hyperfine -N --warmup 3 --runs "$runs" --export-json "$out/record-1m.json" "${record[*]}"

echo "== report of $(psql -At -c 'SELECT count(*) FROM omk_cost.sessions') sessions"
load "report at 1m"
hyperfine -N --warmup 2 --runs "$runs" --export-json "$out/report-1m.json" \
  "$omk cost report --json" "$omk cost report --json --by day --tz Asia/Shanghai" "$omk cost report --json --by week"

echo "== gate with $(psql -At -c 'SELECT count(*) FROM omk_cost.sessions') sessions stored (a monthly budget)"
"$omk" cost budget set bench-monthly --limit 1000000000 --period month >/dev/null
load "gate at 1m"
hyperfine -N --warmup 3 --runs "$runs" --export-json "$out/gate-1m.json" "$omk cost gate --usd 0.01 --ttl 1m"

echo "== sync of 100 000 sessions"
load "sync"
mkdir -p "$work/laptop"
python3 "$repo/bench/generate_costs.py" "$work/laptop/costs.json" --sessions 100000
cp "$work/laptop/costs.json" "$work/laptop.orig.json"
hyperfine -N --runs 1 --export-json "$out/sync-first.json" "$omk cost sync --from $work/laptop"
hyperfine -N --warmup 1 --runs 5 --export-json "$out/sync-again.json" "$omk cost sync --from $work/laptop"
"$omk" cost sync --from "$work/laptop"
echo "== store: $("$omk" cost store info | tr '\n' ' ')"
