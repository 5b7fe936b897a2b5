#!/usr/bin/env python3
"""Writes a costs.json of N sessions in the format of omk (DESIGN.md, "Storage: costs.json").

A JSON array with two-space indentation and "\n" line ends, each element with the keys session_type, name,
started_at, ended_at, estimate {input_tokens, output_tokens, duration_secs, worker_count, estimated_usd, tier}
and actual_usd, as the Rust omk 0.5.0 and this version write them: timestamps in RFC 3339 UTC with "Z" (some with
nanoseconds, as the Rust omk writes), token counts from the heuristic estimator, and for imported Kimi sessions
an "id" and an actual cost. Deterministic for a given --seed.

Usage: generate_costs.py OUT_FILE --sessions 100000 [--seed 42]
"""
import argparse
import datetime
import json
import random

RATES = {"Budget": 2, "Standard": 8, "Premium": 24}
PROJECTS = ["refactor-auth", "billing-api", "search-index", "docs-site", "payments", "ci-pipeline", "mobile-sync",
            "data-export"]
ROLES = ["implementer", "reviewer", "architect", "security-audit", "tester"]
EPOCH = datetime.datetime(2026, 1, 5, 8, 0, 0, tzinfo=datetime.timezone.utc)


def usd(input_tokens, output_tokens, tier):
    # usd = input / 1e6 * rate / 4 + output / 1e6 * rate, exactly, then written without trailing zeros.
    quarter_micros = (input_tokens + 4 * output_tokens) * RATES[tier]
    whole, rest = divmod(quarter_micros, 4_000_000)
    digits = f"{rest * 25:08d}".rstrip("0")
    return f"{whole}.{digits}" if digits else f"{whole}"


def estimate(duration_secs, workers, iterations, tier):
    total = max(duration_secs / 60 * 1000 * workers * (1 + 0.3 * iterations), 500.0)
    input_tokens, output_tokens = int(total * 0.75), int(total * 0.25)
    return {"input_tokens": input_tokens, "output_tokens": output_tokens, "duration_secs": duration_secs,
            "worker_count": workers, "estimated_usd": usd(input_tokens, output_tokens, tier), "tier": tier}


def timestamp(nanoseconds_since_epoch, nanos):
    seconds, fraction = divmod(nanoseconds_since_epoch, 1_000_000_000)
    text = (EPOCH + datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S")
    if nanos and fraction:
        text += f".{fraction:09d}"
    return text + "Z"


def session(rng, index, started_ns):
    project = rng.choice(PROJECTS)
    duration = rng.randint(30, 3 * 3600)
    ended_ns = started_ns + duration * 1_000_000_000 + rng.randint(0, 999_999_999)
    nanos = rng.random() < 0.5  # half as the Rust omk writes them (nanoseconds), half whole seconds
    kind = rng.randrange(100)
    actual, ident = None, None
    if kind < 40:
        role = rng.choice(ROLES)
        tier = "Premium" if ("architect" in role or "security" in role) else "Standard"
        session_type, name = "team", f"{project}-{role}-{index % 97}"
        est = estimate(duration, rng.randint(1, 6), 1, tier)
    elif kind < 65:
        session_type, name = "autopilot", f"{project}-autopilot-{index % 89}"
        est = estimate(duration, 1, rng.randint(0, 5), "Standard")
    elif kind < 85:
        session_type, name = "ralph", f"{project}-ralph-{index % 83}"
        est = estimate(duration, 1, rng.randint(1, 11) + rng.randint(0, 7), "Standard")
    else:
        input_tokens, output_tokens = rng.randint(20_000, 4_000_000), rng.randint(2_000, 300_000)
        session_type, name = "kimi", f"{project}: kimi session {index}"
        est = {"input_tokens": input_tokens, "output_tokens": output_tokens, "duration_secs": 0, "worker_count": 1,
               "estimated_usd": usd(input_tokens, output_tokens, "Standard"), "tier": "Standard"}
        actual = f"{float(est['estimated_usd']) * 0.85:.6f}".rstrip("0").rstrip(".")
        ident = f"kimi:{rng.getrandbits(64):016x}{index:08x}"
    record = {"session_type": session_type, "name": name, "started_at": timestamp(started_ns, nanos),
              "ended_at": timestamp(ended_ns, nanos), "estimate": est, "actual_usd": actual}
    if ident is not None:
        record["id"] = ident
    return record


class Raw(str):
    """A number already spelled as JSON (money is written exactly, never through a float)."""


def dump(value, indent=0):
    pad, inner = "  " * indent, "  " * (indent + 1)
    if isinstance(value, dict):
        items = [f'{inner}{json.dumps(k)}: {dump(v, indent + 1)}' for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        return "[\n" + ",\n".join(inner + dump(v, indent + 1) for v in value) + "\n" + pad + "]" if value else "[]"
    if value is None:
        return "null"
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value)


def main():
    parser = argparse.ArgumentParser(description="Writes a costs.json of N sessions in omk's format.")
    parser.add_argument("out", help="the file to write, for example /tmp/state/costs.json")
    parser.add_argument("--sessions", type=int, required=True, help="how many sessions (0 writes [])")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    started_ns, sessions = 0, []
    for index in range(args.sessions):
        started_ns += rng.randint(60, 600) * 1_000_000_000 + rng.randint(0, 999_999_999)
        record = session(rng, index, started_ns)
        record["estimate"]["estimated_usd"] = Raw(record["estimate"]["estimated_usd"])
        if record["actual_usd"] is not None:
            record["actual_usd"] = Raw(record["actual_usd"])
        sessions.append(record)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(dump(sessions) + "\n")


if __name__ == "__main__":
    main()
