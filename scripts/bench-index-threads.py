"""How many of a command's threads want a core, sampled over its run (issue 19: both cores busy).

usage: /usr/bin/python3 scripts/bench-index-threads [--interval S] [--phases N] -- COMMAND [ARG ...]

Runs COMMAND and samples every thread's state in /proc/PID/task/*/stat every
--interval seconds (default 0.05). A thread in state R is running or waiting for
a core; one blocked on a queue, a lock or the disk (S, D) is not. The average
number of R threads is how many cores the program could use at that moment,
whatever the other processes on the machine take, so it reads the same on a
loaded and on a quiet machine, unlike task-clock / wall (perf stat's "CPUs
utilised"), which says how many it got. Prints the run cut into --phases equal
parts of wall time (default 10): the mean runnable threads in each, the share
of samples with fewer than two, and the process's CPU seconds per phase; then
the whole run.

    /usr/bin/python3 scripts/bench-index-threads -- build/indexer/newsdex-index --db /tmp/x --quiet \\
        ../shared/corpora/reuters21578.jsonl
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from typing import List, Tuple

TICK = os.sysconf("SC_CLK_TCK")


def stat_fields(path: str) -> List[bytes]:
    """The fields of a /proc stat file after "pid (comm)": state is [0], utime [11], stime [12]."""
    with open(path, "rb") as f:
        return f.read().rsplit(b")", 1)[1].split()


def sample(pid: int) -> Tuple[int, float]:
    """(threads in state R, CPU seconds of the process so far, ended threads included)."""
    running = 0
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
        process = stat_fields(f"/proc/{pid}/stat")
    except (FileNotFoundError, ProcessLookupError):
        return 0, 0.0
    for tid in tasks:
        try:
            if stat_fields(f"/proc/{pid}/task/{tid}/stat")[0] == b"R":
                running += 1
        except (FileNotFoundError, ProcessLookupError):
            continue
    return running, (int(process[11]) + int(process[12])) / TICK


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--interval", type=float, default=0.05)
    parser.add_argument("--phases", type=int, default=10)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no COMMAND")
    start = time.monotonic()
    child = subprocess.Popen(command)
    samples: List[Tuple[float, int, float]] = []
    while child.poll() is None:
        running, cpu = sample(child.pid)
        if cpu > 0:
            samples.append((time.monotonic() - start, running, cpu))
        time.sleep(args.interval)
    wall = time.monotonic() - start
    if child.returncode != 0:
        print(f"command failed with exit code {child.returncode}", file=sys.stderr)
        return child.returncode
    if not samples:
        print("the command ended before the first sample", file=sys.stderr)
        return 1
    print(f"| phase (wall s) | runnable threads, mean | samples with < 2 runnable | CPU s |")
    print("|---|---:|---:|---:|")
    last_cpu = 0.0
    for p in range(args.phases):
        lo, hi = wall * p / args.phases, wall * (p + 1) / args.phases
        part = [s for s in samples if lo <= s[0] < hi]
        if not part:
            continue
        mean = sum(s[1] for s in part) / len(part)
        below = sum(1 for s in part if s[1] < 2) / len(part)
        cpu = part[-1][2] - last_cpu
        last_cpu = part[-1][2]
        print(f"| {lo:.1f}-{hi:.1f} | {mean:.2f} | {below:.0%} | {cpu:.1f} |")
    mean = sum(s[1] for s in samples) / len(samples)
    below = sum(1 for s in samples if s[1] < 2) / len(samples)
    print(f"| **all** {wall:.1f} s | {mean:.2f} | {below:.0%} | {samples[-1][2]:.1f} |")
    print(f"\n{len(samples)} samples; load average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
