#!/usr/bin/env python3
"""bench-ranking-latency: query latency of the ranking (issue 5), old against new.

    scripts/bench-ranking-latency [--build build-rank] [--old-build DIR] [--corpus PATH]
                                  [--queries FILE] [--rounds 3] [--work DIR]

Indexes the corpus (default ../shared/corpora/reuters21578.jsonl) once with
--build's newsdex-index, then times every query of the fixed list (default
scripts/bench-queries.txt) in process with tools/bench/newsdex-bench-search
(one Searcher, top 10, one snippet per hit, as scripts/bench does) in these runs:

  old                    --old-build's program (a build of the commit before the
                         ranking change), its default: the query language (BM25 k1=1
                         before issue 5; it must read the same index version)
  boolean                the new default for the query language (tuned BM25, no feedback)
  boolean + feedback     the same with --feedback
  natural, no feedback   --natural --no-feedback --no-regularise (the same words OR-ed)
  natural, not regularised  --natural --no-regularise (feedback, no score regularisation)
  natural                --natural (default: pseudo-relevance feedback, regularisation)
  natural, 2/3 rounds    --natural --feedback-rounds 2 (3)
  old natural            with --old-natural: --old-build's --natural, e.g. to time a
                         change to feedback against the feedback before it

With --cpu, a query's time is its thread's CPU time rather than wall time.
Runs are interleaved round by round (each round runs every configuration once
after a discarded warm-up pass), so load from other users hits all of them
alike; a query's time is its fastest over the rounds (--aggregate median for
the median), which on a shared machine is the best estimate of its own cost. Prints median, p90 and
mean ms and the ratios that the latency rule of issue 5 is about.
"""
import argparse
import os
import statistics
import subprocess
import sys

ROOT = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def percentile(xs, p):
    xs = sorted(xs)
    k = (len(xs) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


COLUMN = 0  # newsdex-bench-search prints wall µs first and the thread's CPU µs fifth (--cpu)


def times(cmd):
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
    return [float(line.split("\t")[COLUMN]) / 1000.0 for line in out.splitlines() if line.strip()]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build-rank"))
    ap.add_argument("--old-build", help="build dir of the ranking before issue 5 (omit to skip 'old')")
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpora", "reuters21578.jsonl"))
    ap.add_argument("--queries", default=os.path.join(ROOT, "scripts", "bench-queries.txt"))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--aggregate", choices=("min", "median"), default="min",
                    help="a query's time over the rounds (default: %(default)s)")
    ap.add_argument("--work", default="/tmp/newsdex-bench-ranking")
    ap.add_argument("--old-natural", action="store_true",
                    help="also time --old-build's --natural (its feedback) against the new one")
    ap.add_argument("--no-snippets", action="store_true", help="time ranking only (no snippets)")
    ap.add_argument("--cpu", action="store_true",
                    help="each query's CPU time (its thread's) instead of wall time: steadier on a shared machine")
    args = ap.parse_args()
    global COLUMN
    COLUMN = 4 if args.cpu else 0

    os.makedirs(args.work, exist_ok=True)
    db = os.path.join(args.work, "reuters.db")
    if not os.path.exists(db):
        print("bench-ranking-latency: indexing %s" % args.corpus, file=sys.stderr, flush=True)
        rc = subprocess.run([os.path.join(args.build, "indexer", "newsdex-index"), "--db", db, "--quiet",
                             args.corpus]).returncode
        if rc not in (0, 1):
            sys.exit("bench-ranking-latency: newsdex-index exited %d" % rc)
    new = [os.path.join(args.build, "tools", "bench", "newsdex-bench-search"), db, args.queries]
    extra = ["--no-snippets"] if args.no_snippets else []
    runs = []
    if args.old_build:
        runs.append(("old (its default: the query language)",
                     [os.path.join(args.old_build, "tools", "bench", "newsdex-bench-search"), db, args.queries]))
        if args.old_natural:
            runs.append(("old natural (its feedback)",
                         [os.path.join(args.old_build, "tools", "bench", "newsdex-bench-search"), db, args.queries,
                          "--natural"]))
    runs += [("boolean (new default)", new),
             ("boolean + feedback", new + ["--feedback"]),
             ("natural, no feedback", new + ["--natural", "--no-feedback", "--no-regularise"]),
             ("natural, feedback, not regularised", new + ["--natural", "--no-regularise"]),
             ("natural (new default: feedback)", new + ["--natural"]),
             ("natural, 2 feedback rounds", new + ["--natural", "--feedback-rounds", "2"]),
             ("natural, 3 feedback rounds", new + ["--natural", "--feedback-rounds", "3"])]
    per_run = {name: [] for name, _ in runs}
    for r in range(args.rounds):
        print("bench-ranking-latency: round %d of %d" % (r + 1, args.rounds), file=sys.stderr, flush=True)
        for name, cmd in runs:
            times(cmd + extra)  # warm-up
            per_run[name].append(times(cmd + extra))
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    print("\n## Query %s: %s, %d queries (%s), top 10%s, %s of %d rounds; load %s, %d cores" % (
        "CPU time" if args.cpu else "latency",
        os.path.basename(args.corpus), len(per_run[runs[0][0]][0]), os.path.relpath(args.queries, ROOT),
        ", no snippets" if args.no_snippets else " + 1 snippet", args.aggregate, args.rounds, load, os.cpu_count()))
    print("| run | median ms | p90 ms | mean ms |")
    print("|---|---:|---:|---:|")
    summary = {}
    for name, _ in runs:
        agg = min if args.aggregate == "min" else statistics.median
        ms = [agg(q) for q in zip(*per_run[name])]
        summary[name] = ms
        print("| %s | %.3f | %.3f | %.3f |" % (name, statistics.median(ms), percentile(ms, 90), statistics.mean(ms)))

    def ratio(a, b):
        if a in summary and b in summary:
            x, y = statistics.median(summary[a]), statistics.median(summary[b])
            print("median %s / %s: %.2fx" % (a, b, x / y))
    ratio("natural (new default: feedback)", "natural, no feedback")
    ratio("boolean + feedback", "boolean (new default)")
    ratio("boolean (new default)", "old (its default: the query language)")
    ratio("natural (new default: feedback)", "old (its default: the query language)")
    ratio("natural (new default: feedback)", "old natural (its feedback)")
    ratio("old natural (its feedback)", "natural, no feedback")
    ratio("natural (new default: feedback)", "natural, feedback, not regularised")
    ratio("natural, 2 feedback rounds", "natural, no feedback")
    ratio("natural, 2 feedback rounds", "natural (new default: feedback)")
    ratio("natural, 3 feedback rounds", "natural, no feedback")
    ratio("natural, 3 feedback rounds", "natural (new default: feedback)")


if __name__ == "__main__":
    main()
