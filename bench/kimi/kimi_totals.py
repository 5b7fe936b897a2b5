#!/usr/bin/env python3
"""Token totals of a Kimi CLI data folder, and a side-by-side table of what omk and ccusage report.

  kimi_totals.py count TREE
      Counts the tree independently of both tools and prints JSON: every model call once, to its parent
      session. A call is a StatusUpdate with a non-null token_usage, either top-level in a session's
      wire.jsonl or wrapped in a SubagentEvent there. A subagents/<id>/wire.jsonl is only a copy of the
      wrapped events; it is counted only when the parent holds no wrapped events of that agent.
      The cost uses KIMI.md's prices for the model named by config.toml or config.json (kimi-for-coding: kimi-k2.5 rates
      before 2026-04-20T15:28:10Z, kimi-k2.6 rates from then on), per call.

  kimi_totals.py table --expected F --omk F --ccusage F [--ccusage-sessions F]
      Reads the three JSON documents (this script's count, `omk cost usage kimi --json`, and
      `ccusage kimi daily --offline --json`; optionally `ccusage kimi session --offline --json` for its
      session count) and prints one row per figure, flagging every difference from the independent count.
      Exits 0 even when figures differ; the table says which.
"""
import argparse
import glob
import json
import os
import re
import sys

# US dollars per 1M tokens: (cache hit, cache miss, output), typed in from the published Kimi price table
# (not read from omk's src/Omk.Cost.Adapters.Kimi/Pricing/prices.json, so the count stays independent).
# Cache creation is priced as a cache miss.
PRICES = {
    "kimi-k2.6": (0.16, 0.95, 4.00),
    "kimi-k2.5": (0.10, 0.60, 3.00),
    "kimi-k2-0905-preview": (0.15, 0.60, 2.50),
    "kimi-k2-0711-preview": (0.15, 0.60, 2.50),
    "kimi-k2-thinking": (0.15, 0.60, 2.50),
    "kimi-k2-turbo-preview": (0.15, 1.15, 8.00),
    "kimi-k2-thinking-turbo": (0.15, 1.15, 8.00),
}
K26_FROM = 1776698890.0  # 2026-04-20T15:28:10Z

FIELDS = ("input_other_tokens", "cache_read_tokens", "cache_creation_tokens", "output_tokens")


def config_model(tree):
    """The API model id of config.toml's default_model (else the legacy config.json's model), or None."""
    path = os.path.join(tree, "config.toml")
    if not os.path.exists(path):
        legacy = os.path.join(tree, "config.json")
        return json.load(open(legacy, encoding="utf-8")).get("model") if os.path.exists(legacy) else None
    text = open(path, encoding="utf-8").read()
    default = re.search(r'^default_model\s*=\s*"([^"]+)"', text, re.M)
    if not default:
        return None
    name = default.group(1)
    section = re.search(r'^\[models\.' + re.escape(name) + r'\]\s*$(.*?)(?=^\[|\Z)', text, re.M | re.S)
    if section:
        model = re.search(r'^model\s*=\s*"([^"]+)"', section.group(1), re.M)
        if model:
            return model.group(1)
    return name


def rates(model, timestamp):
    if model == "kimi-for-coding":
        model = "kimi-k2.6" if timestamp >= K26_FROM else "kimi-k2.5"
    return PRICES.get(model)


def count(tree):
    model = config_model(tree)
    totals = {"sessions": 0, "calls": 0, **{f: 0 for f in FIELDS}, "cost_usd": 0.0, "model": model,
              "subagent_calls_wrapped": 0, "subagent_calls_from_copies": 0, "subagent_copies": 0,
              "subagent_copy_calls_ignored": 0, "null_status_updates": 0}
    unpriced = 0

    def add(payload, timestamp):
        nonlocal unpriced
        usage = payload.get("token_usage")
        if usage is None:
            totals["null_status_updates"] += 1
            return False
        values = (usage.get("input_other", 0), usage.get("input_cache_read", 0),
                  usage.get("input_cache_creation", 0), usage.get("output", 0))
        for field, value in zip(FIELDS, values):
            totals[field] += value
        totals["calls"] += 1
        price = rates(model, timestamp)
        if price is None:
            unpriced += sum(values)
        else:
            hit, miss, out = price
            totals["cost_usd"] += (values[1] * hit + (values[0] + values[2]) * miss + values[3] * out) / 1e6
        return True

    for wire in sorted(glob.glob(os.path.join(tree, "sessions", "*", "*", "wire.jsonl"))):
        totals["sessions"] += 1
        wrapped_agents = set()
        with open(wire, encoding="utf-8") as f:
            for raw in f:
                try:
                    line = json.loads(raw)
                except ValueError:
                    continue
                message = line.get("message")
                if not isinstance(message, dict):
                    continue
                if message.get("type") == "StatusUpdate":
                    add(message.get("payload") or {}, line["timestamp"])
                elif message.get("type") == "SubagentEvent":
                    payload = message.get("payload") or {}
                    event = payload.get("event") or {}
                    wrapped_agents.add(payload.get("agent_id"))
                    if event.get("type") == "StatusUpdate" and add(event.get("payload") or {}, line["timestamp"]):
                        totals["subagent_calls_wrapped"] += 1
        for copy in sorted(glob.glob(os.path.join(os.path.dirname(wire), "subagents", "*", "wire.jsonl"))):
            totals["subagent_copies"] += 1
            agent = os.path.basename(os.path.dirname(copy))
            counted = agent not in wrapped_agents
            with open(copy, encoding="utf-8") as f:
                for raw in f:
                    try:
                        line = json.loads(raw)
                    except ValueError:
                        continue
                    message = line.get("message")
                    if isinstance(message, dict) and message.get("type") == "StatusUpdate":
                        usage = (message.get("payload") or {}).get("token_usage")
                        if usage is None:
                            continue
                        if counted:
                            add(message["payload"], line["timestamp"])
                            totals["subagent_calls_from_copies"] += 1
                        else:
                            totals["subagent_copy_calls_ignored"] += 1
    totals["cost_usd"] = round(totals["cost_usd"], 8)
    totals["unpriced_tokens"] = unpriced
    return totals


def table(args):
    expected = json.load(open(args.expected))
    omk = json.load(open(args.omk))
    cc = json.load(open(args.ccusage))["totals"]
    cc_sessions = None
    if args.ccusage_sessions:
        cc_sessions = len(json.load(open(args.ccusage_sessions))["sessions"])
    rows = [
        ("sessions", expected["sessions"], omk["sessions"], cc_sessions),
        ("input other", expected["input_other_tokens"], omk["input_other_tokens"], cc["inputTokens"]),
        ("cache read", expected["cache_read_tokens"], omk["cache_read_tokens"], cc["cacheReadTokens"]),
        ("cache creation", expected["cache_creation_tokens"], omk["cache_creation_tokens"], cc["cacheCreationTokens"]),
        ("output", expected["output_tokens"], omk["output_tokens"], cc["outputTokens"]),
        ("cost (USD)", expected["cost_usd"], omk["cost_usd"], cc["totalCost"]),
    ]

    def cell(value, is_cost):
        if value is None:
            return "n/a"
        return f"{value:,.2f}" if is_cost else f"{value:,}"

    def same(a, b, is_cost):
        if a is None or b is None:
            return False
        return abs(a - b) < 0.005 if is_cost else a == b

    print(f"| {'figure':<15} | {'independent count':>17} | {'omk':>17} | {'ccusage':>17} | check")
    print(f"|{'-' * 17}|{'-' * 19}|{'-' * 19}|{'-' * 19}|------")
    differences = 0
    for name, exp, o, c in rows:
        is_cost = name.startswith("cost")
        flags = []
        if not same(exp, o, is_cost):
            flags.append("omk DIFFERS")
        if not same(exp, c, is_cost):
            flags.append("ccusage DIFFERS" if c is not None else "ccusage n/a")
        differences += len([f for f in flags if "DIFFERS" in f])
        print(f"| {name:<15} | {cell(exp, is_cost):>17} | {cell(o, is_cost):>17} | {cell(c, is_cost):>17} | "
              + (", ".join(flags) if flags else "equal"))
    if omk.get("unpriced"):
        print(f"omk unpriced: {omk['unpriced']}")
    print(f"{differences} difference(s) from the independent count.")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    counter = commands.add_parser("count")
    counter.add_argument("tree")
    tabler = commands.add_parser("table")
    tabler.add_argument("--expected", required=True)
    tabler.add_argument("--omk", required=True)
    tabler.add_argument("--ccusage", required=True)
    tabler.add_argument("--ccusage-sessions")
    args = parser.parse_args()
    if args.command == "count":
        json.dump(count(args.tree), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        table(args)


if __name__ == "__main__":
    main()
