#!/usr/bin/env python3
"""Times status, gate and record on the team store, alternating the builds run by run (see bench/status-gate.sh).

On a shared machine the load drifts over a minute; hyperfine runs every run of one build before the next build, so
the drift falls on one build. Here each round runs every build once per command, in turn (the order reversed every
other round), so the builds see the same load.

    bench/alternate.py RUNS STATE_DIR PG_SOCKET_DIR OMK [OMK ...]

OMK_COST_STORE must name the store. Before each run the reservations are removed (psql), as status-gate.sh does.
Each build has a state folder of its own under STATE_DIR (build-1, build-2, ...): a build never trusts the Kimi index
that another build of the parsers wrote, so one shared folder would have each run rewrite the other build's index.
"""
import os
import statistics
import subprocess
import sys
import time

runs, state, socket = int(sys.argv[1]), sys.argv[2], sys.argv[3]
builds = sys.argv[4:]
states = {build: os.path.join(state, f"build-{number}") for number, build in enumerate(builds, start=1)}
for folder in states.values():
    os.makedirs(folder, mode=0o700, exist_ok=True)
commands = {
    "status": ["cost", "status"],
    "gate": ["cost", "gate", "--usd", "0.01", "--type", "team"],
    "record": ["cost", "record", "--type", "team", "--name", "bench", "--duration", "60"],
}
clear = ["psql", "-X", "-q", "-h", socket, "-U", "postgres", "-d", "omk", "-c", "DELETE FROM omk_cost.reservations"]
times = {(command, build): [] for command in commands for build in builds}
for round_ in range(-1, runs):  # round -1 warms each build's state folder up and is not counted
    for command, arguments in commands.items():
        for build in builds if round_ % 2 == 0 else builds[::-1]:
            subprocess.run(clear, check=True)
            start = time.perf_counter()
            subprocess.run([build, *arguments, "--state-dir", states[build]], stdout=subprocess.DEVNULL, check=True, env=os.environ)
            if round_ >= 0:
                times[(command, build)].append((time.perf_counter() - start) * 1000)
print(f"load average {os.getloadavg()[0]:.1f} at the end, {os.cpu_count()} cores; {runs} runs a build and command")
for command in commands:
    for build in builds:
        sample = sorted(times[(command, build)])
        fastest = sample[: max(1, len(sample) // 10)]
        print(f"{command:7} {build}: min {sample[0]:.1f} ms, fastest tenth {statistics.mean(fastest):.1f} ms, median {statistics.median(sample):.1f} ms, mean {statistics.mean(sample):.1f} ms")
