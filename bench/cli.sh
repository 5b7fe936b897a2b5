#!/usr/bin/env bash
# Whole-process timings of the Native AOT `omk`, with hyperfine (see docs/performance.md).
#
#   bench/cli.sh            publish omk, build stores of 0, 10 000 and 100 000 sessions, time:
#                             omk cost report --json --state-dir DIR        (0, 10 000, 100 000 sessions)
#                             omk cost record --type team --name bench --duration 60 --state-dir DIR
#                                                                           (same stores, file restored before each run)
#                             omk cost estimate team --duration 30m --workers 3   (a new process each run)
#
# Environment:
#   OMK_BENCH_OUT   where the results go (default: BenchmarkDotNet.Artifacts/cli in the repository; git ignores it)
#   OMK_BENCH_RUNS  runs per command for the stores up to 10 000 sessions (default 30; 100 000 uses a third)
#   OMK_COLD_CACHE  set to 1 to drop the page cache before every run (needs root; measures a truly cold start)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OMK_BENCH_OUT:-$repo/BenchmarkDotNet.Artifacts/cli}"
runs="${OMK_BENCH_RUNS:-30}"
heavy_runs=$(( runs / 3 > 5 ? runs / 3 : 5 ))

fail() { echo "cli.sh: $*" >&2; exit 1; }

command -v hyperfine >/dev/null 2>&1 \
  || fail "hyperfine is not installed. On Debian or Ubuntu: sudo apt-get update && sudo apt-get install -y hyperfine (elsewhere: cargo install hyperfine, or https://github.com/sharkdp/hyperfine/releases)"
command -v python3 >/dev/null 2>&1 || fail "python3 is needed to generate the stores (bench/generate_costs.py)"
command -v dotnet >/dev/null 2>&1 || fail "the .NET SDK (dotnet) is needed to publish omk"

work="$(mktemp -d "${TMPDIR:-/tmp}/omk-cli-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# 1. Publish the Native AOT omk.
echo "== publishing omk (Native AOT, linux-x64) to $work/omk-aot"
if ! dotnet publish "$repo/src/Omk.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$work/omk-aot" >"$work/publish.log" 2>&1; then
  tail -n 40 "$work/publish.log" >&2
  fail "publishing the Native AOT omk failed (the last lines of the log are above; is the native toolchain installed: clang, zlib1g-dev?)"
fi
omk="$work/omk-aot/omk"
[[ -x "$omk" ]] || fail "the publish succeeded but $omk is missing or not executable"
cp "$work/publish.log" "$out/publish.log"

# 2. The stores: costs.json in omk's format, generated directly (a record would take minutes to build 100 000).
sizes=(0 10000 100000)
for n in "${sizes[@]}"; do
  mkdir -p "$work/state-$n"
  python3 "$repo/bench/generate_costs.py" "$work/costs-$n.json" --sessions "$n"
  cp "$work/costs-$n.json" "$work/state-$n/costs.json"
  echo "== store of $n sessions: $(stat -c %s "$work/costs-$n.json") bytes"
done

# 3. Check that the commands work before timing them: a wrong exit code would time an error message.
check() {
  local expect="$1"; shift
  local output
  if ! output="$("$@" 2>&1)"; then
    echo "$output" >&2
    fail "'$*' failed: the omk command line is incomplete or broken; nothing was timed"
  fi
  [[ -z "$expect" || "$output" == *"$expect"* ]] || { echo "$output" >&2; fail "'$*' did not print '$expect'"; }
}
check '"sessions"' "$omk" cost report --json --state-dir "$work/state-0"
check '"sessions"' "$omk" cost report --json --state-dir "$work/state-10000"
check '' "$omk" cost estimate team --duration 30m --workers 3
check '' "$omk" cost record --type team --name bench --duration 60 --state-dir "$work/state-0"
python3 - "$work/state-0/costs.json" <<'PY' || fail "a record on the empty store did not leave exactly one session"
import json, sys
sys.exit(0 if len(json.load(open(sys.argv[1]))) == 1 else 1)
PY
cp "$work/costs-0.json" "$work/state-0/costs.json"

cold=()
if [[ "${OMK_COLD_CACHE:-0}" == 1 ]]; then
  cold=(--prepare 'sync; echo 3 > /proc/sys/vm/drop_caches')
fi

# 4. The timings. -N runs the command without a shell in between; record restores the store before every run
#    (the restore is flushed to disk so that its write-back does not run during the measurement).
for n in "${sizes[@]}"; do
  r=$runs; [[ $n -ge 100000 ]] && r=$heavy_runs
  hyperfine -N --warmup 3 --runs "$r" "${cold[@]}" \
    --command-name "report --json, $n sessions" \
    --export-json "$out/report-$n.json" --export-markdown "$out/report-$n.md" \
    "$omk cost report --json --state-dir $work/state-$n"
done

for n in "${sizes[@]}"; do
  r=$runs; [[ $n -ge 100000 ]] && r=$heavy_runs
  prepare="cp $work/costs-$n.json $work/state-$n/costs.json && sync"
  [[ "${OMK_COLD_CACHE:-0}" == 1 ]] && prepare="$prepare && echo 3 > /proc/sys/vm/drop_caches"
  hyperfine --warmup 2 --runs "$r" --prepare "$prepare" \
    --command-name "record, $n sessions" \
    --export-json "$out/record-$n.json" --export-markdown "$out/record-$n.md" \
    "$omk cost record --type team --name bench --duration 60 --state-dir $work/state-$n"
done

hyperfine -N --warmup 3 --runs "$runs" "${cold[@]}" \
  --command-name "estimate team, no store" \
  --export-json "$out/estimate.json" --export-markdown "$out/estimate.md" \
  "$omk cost estimate team --duration 30m --workers 3"

# 5. One table, and the issue's whole-process target.
python3 - "$out" "$omk" <<'PY'
import glob, json, os, sys
out, omk = sys.argv[1], sys.argv[2]
rows = []
for path in sorted(glob.glob(os.path.join(out, "*.json"))):
    for result in json.load(open(path))["results"]:
        rows.append((result["command"], result["mean"] * 1e3, result["stddev"] * 1e3, result["min"] * 1e3, len(result["times"])))
order = lambda row: (row[0].split(",")[0], int(row[0].split(", ")[1].split()[0]) if row[0][-8:] == "sessions" else 0)
lines = ["| command | mean (ms) | σ (ms) | min (ms) | runs |", "|---|---:|---:|---:|---:|"]
lines += [f"| {c} | {m:.1f} | {s:.1f} | {mn:.1f} | {r} |" for c, m, s, mn, r in sorted(rows, key=order)]
lines.append("")
lines.append(f"omk binary: {os.path.getsize(omk) / 1e6:.1f} MB")
empty = next((m for c, m, *_ in rows if c == "report --json, 0 sessions"), None)
if empty is not None:
    lines.append(f"target: report --json on an empty store under 25 ms: {'met' if empty < 25 else 'NOT met'} ({empty:.1f} ms)")
text = "\n".join(lines) + "\n"
open(os.path.join(out, "summary.md"), "w").write(text)
print(text)
PY
echo "== results in $out (summary.md, and hyperfine's JSON and markdown per command)"
