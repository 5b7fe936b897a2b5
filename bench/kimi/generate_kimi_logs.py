#!/usr/bin/env python3
"""Generates a Kimi CLI data folder for benchmarking `omk cost usage kimi` against other readers.

Layout (as Kimi CLI 1.x writes it): <out>/kimi.json, <out>/config.toml and
<out>/sessions/<md5 of work dir>/<session id>/wire.jsonl, with state.json, and for one session in five a
subagent whose model calls appear twice: wrapped as SubagentEvent in the parent's wire.jsonl and again in
subagents/<agent id>/wire.jsonl. Every model call has a message_id. Lines are written with Python's
json.dumps, like Kimi's own. With --truncate-every N, the wire.jsonl of every Nth session ends in the middle of
its last line (half a TurnEnd, no line end), as a log being written, or cut by a crash, does; no call is lost.

Prints the exact totals of what it wrote (each model call once) as JSON on stdout.
Usage: generate_kimi_logs.py OUT_DIR [--sessions 1000] [--calls 100000] [--seed 42] [--truncate-every N]
"""
import argparse
import hashlib
import json
import os
import random
import sys

WORDS = ("the quick brown fox jumps over the lazy dog while the agent reads files edits code and runs "
         "tests until everything passes then it writes a short summary of what changed and why").split()


def text(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words))


def line(ts, kind, payload):
    return json.dumps({"timestamp": ts, "message": {"type": kind, "payload": payload}})


def status(usage, message_id):
    return {"context_usage": 0.12, "context_tokens": usage["input_cache_read"] + usage["input_other"],
            "max_context_tokens": 262144, "token_usage": usage, "message_id": message_id, "plan_mode": False}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--calls", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--truncate-every", type=int, default=0)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    work_dirs = [f"/home/dev/projects/project-{i:02d}" for i in range(20)]
    with open(os.path.join(args.out, "kimi.json"), "w") as f:
        json.dump({"work_dirs": [{"path": p, "kaos": "local", "last_session_id": None} for p in work_dirs]}, f)
    with open(os.path.join(args.out, "config.toml"), "w") as f:
        f.write('default_model = "kimi-for-coding"\n\n[models.kimi-for-coding]\nprovider = "managed:kimi-code"\n'
                'model = "kimi-for-coding"\nmax_context_size = 262144\n')

    totals = {"sessions": 0, "calls": 0, "input_other_tokens": 0, "cache_read_tokens": 0,
              "cache_creation_tokens": 0, "output_tokens": 0}
    start = 1788220800.0  # 2026-09-01T00:00:00Z
    per_session = args.calls // args.sessions
    for s in range(args.sessions):
        session_id = f"{rng.getrandbits(128):032x}"
        folder = hashlib.md5(work_dirs[s % len(work_dirs)].encode()).hexdigest()
        directory = os.path.join(args.out, "sessions", folder, session_id)
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, "state.json"), "w") as f:
            json.dump({"title": f"session {s}: {text(rng, 4)}", "archived": False}, f)

        calls = per_session + (1 if s < args.calls % args.sessions else 0)
        sub_calls = calls // 5 if s % 5 == 0 else 0
        agent_id = f"agent-{s}"
        ts = start + rng.random() * 80 * 86400
        main_lines = [json.dumps({"type": "metadata", "protocol_version": "1.10"})]
        sub_lines = [json.dumps({"type": "metadata", "protocol_version": "1.10"})]
        main_lines.append(line(ts, "TurnBegin", {"user_input": text(rng, 20)}))
        for c in range(calls):
            ts += rng.uniform(2, 40)
            usage = {"input_other": rng.randint(50, 4000), "output": rng.randint(20, 2500),
                     "input_cache_read": rng.randint(0, 120000), "input_cache_creation": 0}
            message_id = f"chatcmpl-{session_id[:8]}-{c}"
            for key, name in (("input_other", "input_other_tokens"), ("input_cache_read", "cache_read_tokens"),
                              ("input_cache_creation", "cache_creation_tokens"), ("output", "output_tokens")):
                totals[name] += usage[key]
            totals["calls"] += 1
            step = [
                ("StepBegin", {"n": c + 1}),
                ("ThinkPart", {"type": "think", "think": text(rng, 15), "encrypted": None}),
                ("TextPart", {"type": "text", "text": text(rng, 10)}),
                ("ToolCall", {"type": "function", "id": f"call-{c}", "function": {"name": "Shell", "arguments": json.dumps({"command": text(rng, 8)})}}),
                ("ToolResult", {"tool_call_id": f"call-{c}", "return_value": {"is_error": False, "output": text(rng, 30), "message": "", "display": []}}),
            ]
            if c < sub_calls:
                for kind, payload in step:
                    sub_lines.append(line(ts, kind, payload))
                    main_lines.append(line(ts, "SubagentEvent", {"parent_tool_call_id": "call-agent", "agent_id": agent_id, "subagent_type": "coder", "event": {"type": kind, "payload": payload}}))
                sub_lines.append(line(ts, "StatusUpdate", status(usage, message_id)))
                main_lines.append(line(ts, "SubagentEvent", {"parent_tool_call_id": "call-agent", "agent_id": agent_id, "subagent_type": "coder", "event": {"type": "StatusUpdate", "payload": status(usage, message_id)}}))
            else:
                for kind, payload in step:
                    main_lines.append(line(ts, kind, payload))
                main_lines.append(line(ts, "StatusUpdate", status(usage, message_id)))
            if c % 25 == 0:
                main_lines.append(line(ts, "StatusUpdate", {"context_usage": None, "token_usage": None, "message_id": None, "plan_mode": None}))
        main_lines.append(line(ts + 1, "TurnEnd", {}))
        with open(os.path.join(directory, "wire.jsonl"), "w") as f:
            if args.truncate_every and s % args.truncate_every == 0:
                f.write("\n".join(main_lines)[:-len(main_lines[-1]) // 2])
            else:
                f.write("\n".join(main_lines) + "\n")
        if sub_calls:
            sub_dir = os.path.join(directory, "subagents", agent_id)
            os.makedirs(sub_dir, exist_ok=True)
            with open(os.path.join(sub_dir, "wire.jsonl"), "w") as f:
                f.write("\n".join(sub_lines) + "\n")
            with open(os.path.join(sub_dir, "meta.json"), "w") as f:
                json.dump({"agent_id": agent_id, "subagent_type": "coder"}, f)
        totals["sessions"] += 1

    json.dump(totals, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
