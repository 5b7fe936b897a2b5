#!/usr/bin/env bash
# Times the incremental Kimi index and the status line (Native AOT, whole process, hyperfine) on a Kimi CLI tree:
# a cold read (--no-cache), a warm read with nothing new, a warm read after one new call, `omk cost status` over a
# ledger that holds every session of the tree, and ccusage's Kimi report on the same tree (when CCUSAGE is given).
#
# Usage: bench/kimi/live-bench.sh TREE [WORK_DIR]
#   TREE      a Kimi CLI data folder, e.g. python3 bench/kimi/generate_kimi_logs.py /tmp/kimi-bench-tree --sessions 1000 --calls 100000
#   WORK_DIR  where the state folders and hyperfine's outputs go (default: a new folder under /tmp)
# Environment:
#   OMK       the omk binary (dotnet publish src/Omk.Cli -c Release -r linux-x64 -o /tmp/omk-aot)
#   OMK_BASE  optional: an omk binary without the index, to compare the cold read with
#   OMK_PREVIOUS  optional: another build with the index (e.g. the one before a change), timed beside OMK warm, with
#             one new call, and for status, in the same runs
#   CCUSAGE   optional: ccusage's executable (npm install ccusage@20.0.24; node_modules/@ccusage/ccusage-linux-x64/bin/ccusage)
#   RUNS, WARMUP  hyperfine's --runs and --warmup (default 20 and 3)
# The tree is changed: the "one new call" runs append one model call to one session's wire.jsonl each.
set -euo pipefail
tree="$(cd "${1:?usage: $0 TREE [WORK_DIR]}" && pwd)"
work="${2:-$(mktemp -d /tmp/omk-live-bench.XXXXXX)}"
mkdir -p "$work/home"
omk="${OMK:-/tmp/omk-aot/omk}"
runs="${RUNS:-20}"
warmup="${WARMUP:-3}"
command -v hyperfine >/dev/null || { echo "missing: hyperfine (apt-get install hyperfine)" >&2; exit 1; }
export HOME="$work/home" KIMI_SHARE_DIR="$tree" KIMI_DATA_DIR="$tree" OMK_TZ=UTC

# The session that grows, and a call line of Kimi CLI's own shape with a fresh message id at each run.
wire="$(find "$tree/sessions" -mindepth 3 -maxdepth 3 -name wire.jsonl | sort | sed -n 1p)"
append="printf '{\"timestamp\": %s.5, \"message\": {\"type\": \"StatusUpdate\", \"payload\": {\"context_usage\": 0.1, \"token_usage\": {\"input_other\": 1200, \"output\": 300, \"input_cache_read\": 40000, \"input_cache_creation\": 0}, \"message_id\": \"bench-%s\", \"plan_mode\": false}}}\n' \"\$(date +%s)\" \"\$(date +%s%N)\" >> '$wire'"

rm -rf "$work/warm" "$work/status"
"$omk" cost usage kimi --json --state-dir "$work/warm" > "$work/warm.json"
"$omk" cost usage kimi --json --state-dir "$work/warm" --no-cache > "$work/cold.json"
cmp "$work/warm.json" "$work/cold.json" && echo "warm and cold outputs are identical"
"$omk" cost import kimi --state-dir "$work/status" > /dev/null
"$omk" cost status --state-dir "$work/status"
if [[ -n "${OMK_PREVIOUS:-}" ]]; then
    rm -rf "$work/previous" "$work/previous-status"
    "$OMK_PREVIOUS" cost usage kimi --json --state-dir "$work/previous" > /dev/null
    "$OMK_PREVIOUS" cost import kimi --state-dir "$work/previous-status" > /dev/null
fi

commands=(
    -n "usage kimi --json, cold (--no-cache)" "$omk cost usage kimi --json --state-dir $work/warm --no-cache"
    -n "usage kimi --json, warm, nothing new" "$omk cost usage kimi --json --state-dir $work/warm"
    -n "status" "$omk cost status --state-dir $work/status"
)
if [[ -n "${OMK_BASE:-}" ]]; then
    commands+=(-n "usage kimi --json, before the index" "$OMK_BASE cost usage kimi --json --state-dir $work/base")
fi
if [[ -n "${OMK_PREVIOUS:-}" ]]; then
    commands+=(-n "usage kimi --json, warm, nothing new, previous build" "$OMK_PREVIOUS cost usage kimi --json --state-dir $work/previous")
    commands+=(-n "status, previous build" "$OMK_PREVIOUS cost status --state-dir $work/previous-status")
fi
if [[ -n "${CCUSAGE:-}" ]]; then
    commands+=(-n "ccusage kimi daily --offline --json" "$CCUSAGE kimi daily --offline --json")
fi
hyperfine -N --warmup "$warmup" --runs "$runs" --export-markdown "$work/timings.md" "${commands[@]}"

# One new call before each run: the grown log is read from its offset, its shard rewritten.
previous=()
if [[ -n "${OMK_PREVIOUS:-}" ]]; then
    previous=(-n "usage kimi --json, warm, one new call, previous build" "$OMK_PREVIOUS cost usage kimi --json --state-dir $work/previous")
fi
hyperfine --warmup "$warmup" --runs "$runs" --prepare "$append" --export-markdown "$work/one-new-call.md" \
    -n "usage kimi --json, warm, one new call" "$omk cost usage kimi --json --state-dir $work/warm" "${previous[@]}"
"$omk" cost usage kimi --json --state-dir "$work/warm" > "$work/warm-after.json"
"$omk" cost usage kimi --json --state-dir "$work/warm" --no-cache > "$work/cold-after.json"
cmp "$work/warm-after.json" "$work/cold-after.json" && echo "after the new calls, warm and cold outputs are identical"
echo "outputs in $work"
