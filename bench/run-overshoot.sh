#!/bin/sh
# Measures how far past its limit `omk cost run` lets an agent go: the fake Kimi agent (tests/Omk.FakeKimi) makes a
# $0.135 call every INTERVAL ms under `omk cost run --limit 1`; the eighth call crosses $1. For each run it prints the
# calls made after the crossing call, the dollars past the limit, and the milliseconds from the crossing call's log
# timestamp to the SIGINT omk sent.
#
#   bench/run-overshoot.sh [RUNS] [INTERVAL_MS...]     (defaults: 5 runs at 1000, 200 and 50 ms)
#   OMK=out/omk/omk bench/run-overshoot.sh             (the Native AOT binary; default: dotnet src/Omk.Cli/bin/Release/net10.0/omk.dll)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
[ $# -gt 0 ] && shift
intervals=${*:-1000 200 50}
fake="$root/tests/Omk.FakeKimi/bin/Release/net10.0/Omk.FakeKimi.dll"
[ -f "$fake" ] || dotnet build "$root/tests/Omk.FakeKimi" -c Release >/dev/null
if [ -n "${OMK:-}" ]; then omk="$OMK"; else omk="dotnet $root/src/Omk.Cli/bin/Release/net10.0/omk.dll"; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/kimi" "$work/project"
printf 'default_model = "main"\n\n[models.main]\nprovider = "moonshot"\nmodel = "kimi-k2.6"\n' > "$work/kimi/config.toml"
export KIMI_SHARE_DIR="$work/kimi" KIMI_CODE_HOME="$work/kimi-code" OMK_STATE_DIR="$work/state"
echo "interval_ms run calls calls_after_crossing usd_past_limit crossing_to_sigint_ms"
for interval in $intervals; do
  run=1
  while [ "$run" -le "$runs" ]; do
    summary=$(cd "$work/project" && $omk cost run --limit 1 --grace 5s --json -- dotnet "$fake" --interval-ms "$interval" 2>&1 >/dev/null | tail -n 1) || true
    echo "$summary" | python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
print(sys.argv[1], sys.argv[2], d["calls"], d["calls"] - 8, round(d["spent_usd"] - 1, 4), d["stop_latency_ms"])
' "$interval" "$run"
    run=$((run + 1))
  done
done
