#!/usr/bin/env bash
# Benchmarks `omk cost usage kimi --json` (Native AOT) against ccusage's Kimi report on the same Kimi CLI
# data folder, then compares their token totals and cost with an independent count of the folder.
#
# Usage: bench/kimi/compare-ccusage.sh TREE [WORK_DIR]
#   TREE      a Kimi CLI data folder, e.g. made by
#             python3 bench/kimi/generate_kimi_logs.py /tmp/kimi-bench-tree --sessions 1000 --calls 100000
#   WORK_DIR  where outputs go (default: a new folder under /tmp); nothing is written in the repository.
#
# Environment:
#   OMK          the omk binary (default /tmp/omk-aot-kb/omk; make it with
#                dotnet publish src/Omk.Cli -c Release -r linux-x64 -o /tmp/omk-aot-kb)
#   CCUSAGE_DIR  an npm folder holding ccusage (default /tmp/ccusage-bench; make it with
#                mkdir -p /tmp/ccusage-bench && cd /tmp/ccusage-bench && npm init -y && npm install ccusage@latest)
#   CCUSAGE      the ccusage executable to time (default: the native binary ccusage's npm package runs,
#                $CCUSAGE_DIR/node_modules/@ccusage/ccusage-<os>-<arch>/bin/ccusage, else node_modules/.bin/ccusage)
#   RUNS, WARMUP hyperfine's --runs and --warmup (default 5 and 1)
#   ONE_CPU=1    also time both pinned to one CPU (taskset -c 0): omk reads sessions in parallel and ccusage on
#                one thread, so the wall-time ratio depends on how many CPUs are free; this shows the per-core one.
#
# Both tools read only TREE: HOME is an empty folder (so ~/.kimi, ~/.kimi-code and ccusage's own config are
# absent), omk gets KIMI_SHARE_DIR=TREE and an empty --state-dir, ccusage gets KIMI_DATA_DIR=TREE (the variable it
# reads; it ignores KIMI_SHARE_DIR, which the script also shows).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tree="${1:?usage: $0 TREE [WORK_DIR]}"
tree="$(cd "$tree" && pwd)"
work="${2:-$(mktemp -d /tmp/omk-kimi-compare.XXXXXX)}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
omk="${OMK:-/tmp/omk-aot-kb/omk}"
ccusage_dir="${CCUSAGE_DIR:-/tmp/ccusage-bench}"
runs="${RUNS:-5}"
warmup="${WARMUP:-1}"

missing=0
need() { # command, how to get it
    if ! command -v "$1" >/dev/null 2>&1; then
        echo "missing: $1 — $2" >&2
        missing=1
    fi
}
need hyperfine "install it: apt-get install hyperfine, or cargo install hyperfine (https://github.com/sharkdp/hyperfine)"
need node "install Node.js 18 or later (https://nodejs.org), which brings npm and npx"
need npx "it comes with npm (Node.js)"
need python3 "install Python 3"
if [[ ! -x "$omk" ]]; then
    echo "missing: omk binary at $omk — run: dotnet publish src/Omk.Cli -c Release -r linux-x64 -o $(dirname "$omk") (or set OMK)" >&2
    missing=1
fi
if [[ -z "${CCUSAGE:-}" ]]; then
    case "$(uname -s)-$(uname -m)" in
        Linux-x86_64) platform=linux-x64 ;;
        Linux-aarch64) platform=linux-arm64 ;;
        Darwin-arm64) platform=darwin-arm64 ;;
        Darwin-x86_64) platform=darwin-x64 ;;
        *) platform=unknown ;;
    esac
    CCUSAGE="$ccusage_dir/node_modules/@ccusage/ccusage-$platform/bin/ccusage"
    [[ -x "$CCUSAGE" ]] || CCUSAGE="$ccusage_dir/node_modules/.bin/ccusage"
fi
if [[ ! -x "$CCUSAGE" ]]; then
    echo "missing: ccusage in $ccusage_dir — run: mkdir -p $ccusage_dir && cd $ccusage_dir && npm init -y && npm install ccusage@latest (or set CCUSAGE_DIR / CCUSAGE)" >&2
    missing=1
fi
if [[ ! -d "$tree/sessions" ]]; then
    echo "not a Kimi CLI data folder (no sessions/): $tree" >&2
    missing=1
fi
[[ $missing -eq 0 ]] || exit 2

home="$work/home"
state="$work/state"
rm -rf "$home" "$state"
mkdir -p "$home" "$state"

ccusage_version="$(env -i PATH="$PATH" HOME="$home" "$CCUSAGE" --version 2>/dev/null | tail -n 1)"
echo "tree:     $tree ($(find "$tree/sessions" -mindepth 2 -maxdepth 2 -type d | wc -l) session folders, $(find "$tree" -name wire.jsonl | wc -l) wire.jsonl files, $(du -sm "$tree" | cut -f1) MB)"
echo "omk:      $omk"
echo "ccusage:  $CCUSAGE ($ccusage_version)"
echo "machine:  $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
echo "outputs:  $work"
echo

omk_cmd="env -i PATH=$PATH HOME=$home KIMI_SHARE_DIR=$tree $omk --state-dir $state cost usage kimi --json"
cc_cmd="env -i PATH=$PATH HOME=$home KIMI_DATA_DIR=$tree $CCUSAGE kimi daily --offline --json"
# How users usually start it: through the npm package's Node entry point, which then runs the native binary.
cc_entry="$ccusage_dir/node_modules/ccusage/src/cli.js"
extra=()
if [[ -f "$cc_entry" && "$CCUSAGE" != *"/.bin/"* ]]; then
    extra=(-n "ccusage via its npm entry point (node)" "env -i PATH=$PATH HOME=$home KIMI_DATA_DIR=$tree $(command -v node) $cc_entry kimi daily --offline --json")
fi

# One run each for the outputs compared below (and to see that both commands succeed).
$omk_cmd >"$work/omk.json" 2>"$work/omk.err"
$cc_cmd >"$work/ccusage-daily.json" 2>"$work/ccusage-daily.err"
env -i PATH="$PATH" HOME="$home" KIMI_DATA_DIR="$tree" "$CCUSAGE" kimi session --offline --json \
    >"$work/ccusage-session.json" 2>"$work/ccusage-session.err"
env -i PATH="$PATH" HOME="$home" KIMI_SHARE_DIR="$tree" "$CCUSAGE" kimi daily --offline --json \
    >"$work/ccusage-share-dir.json" 2>"$work/ccusage-share-dir.err"

hyperfine -N --warmup "$warmup" --runs "$runs" \
    --export-json "$work/hyperfine.json" --export-markdown "$work/hyperfine.md" \
    -n "omk cost usage kimi --json" "$omk_cmd" \
    -n "ccusage kimi daily --offline --json" "$cc_cmd" \
    "${extra[@]}"

echo
python3 - "$work/hyperfine.json" <<'EOF'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
omk, cc = results[0], results[1]
if len(results) > 2:
    print(f"(through node: ccusage {results[2]['mean'] * 1000:.0f} ms, {results[2]['mean'] / omk['mean']:.2f}x omk)")
cpu = lambda r: r["user"] + r["system"]  # means over the runs
print(f"wall time: omk {omk['mean'] * 1000:.0f} ms, ccusage {cc['mean'] * 1000:.0f} ms (means); "
      f"omk is {cc['mean'] / omk['mean']:.2f}x faster (medians: {cc['median'] / omk['median']:.2f}x)")
print(f"CPU time (user + system): omk {cpu(omk) * 1000:.0f} ms, ccusage {cpu(cc) * 1000:.0f} ms; "
      f"ratio {cpu(cc) / cpu(omk):.2f}x")
target = 5
verdict = "met" if cc["mean"] / omk["mean"] >= target else "MISSED"
print(f"target: omk at least {target}x faster (wall time) — {verdict}")
EOF

if [[ "${ONE_CPU:-0}" == 1 ]]; then
    need taskset "it comes with util-linux"
    [[ $missing -eq 0 ]] || exit 2
    echo
    hyperfine -N --warmup "$warmup" --runs "$runs" --export-markdown "$work/hyperfine-1cpu.md" \
        -n "omk cost usage kimi --json (1 CPU)" "taskset -c 0 $omk_cmd" \
        -n "ccusage kimi daily --offline --json (1 CPU)" "taskset -c 0 $cc_cmd"
fi

echo
echo "Token totals (independent count: each model call once, subagents in their parent, nested copies not again):"
python3 "$here/kimi_totals.py" count "$tree" >"$work/expected.json"
python3 "$here/kimi_totals.py" table --expected "$work/expected.json" --omk "$work/omk.json" \
    --ccusage "$work/ccusage-daily.json" --ccusage-sessions "$work/ccusage-session.json"
python3 - "$work/ccusage-share-dir.json" <<'EOF'
import json, sys
totals = json.load(open(sys.argv[1]))["totals"]
tokens = totals["inputTokens"] + totals["cacheReadTokens"] + totals["cacheCreationTokens"] + totals["outputTokens"]
print(f"ccusage with KIMI_SHARE_DIR=TREE (and no KIMI_DATA_DIR): {tokens:,} tokens, ${totals['totalCost']:.2f}"
      + (" — it ignores KIMI_SHARE_DIR" if tokens == 0 else ""))
EOF
for f in omk.err ccusage-daily.err; do
    if [[ -s "$work/$f" ]]; then
        echo "stderr of $f:"
        sed 's/^/  /' "$work/$f"
    fi
done
