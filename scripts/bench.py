#!/usr/bin/env python3
"""newsdex benchmarks against plain Xapian and SQLite FTS5 (issue 6). Run by hand.

    scripts/bench index  [--scale N | --corpus PATH] [--engines newsdex,xapian,fts5] [--newsdex-args "..."]
    scripts/bench search [--scale N | --corpus PATH] [--queries FILE] [--engines ...]
    scripts/bench all    ...

Builds nothing: expects the programs in --build (default build-bench/, made with
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release && cmake --build build-bench).
Indexes and scaled corpora go to --work (default /tmp/newsdex-bench), never the repo.
Indexing: each engine runs as a child process; wall and CPU seconds (user+sys)
and peak RSS come from wait4()'s rusage of that child. Searching: each program
opens its index once and times every query in process (wall and thread CPU time); one warm-up pass over the
list is discarded. Ratios are newsdex / baseline from the same run, printed last.
"""
import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DEFAULT_CORPUS = os.path.realpath(os.path.join(ROOT, "..", "shared", "corpora", "reuters21578.jsonl"))
FACETS = "person,place,org,source,year"


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def run_child(cmd, stdout=subprocess.DEVNULL, env=None):
    """Runs cmd; returns (wall s, cpu s, peak RSS bytes, returncode)."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=stdout, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss * 1024, p.returncode


def du(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(d, f))
    return total


def corpus_stats(path):
    n = 0
    text = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            a = json.loads(line)
            n += 1
            text += len(a.get("title", "").encode()) + len(a.get("body", "").encode())
    return n, text


def corpus_path(args):
    if args.corpus and args.scale == 1:
        return args.corpus
    if args.scale == 1:
        return DEFAULT_CORPUS
    src = args.corpus or DEFAULT_CORPUS
    out = os.path.join(args.work, "corpus-x%d.jsonl" % args.scale)
    if not os.path.exists(out):
        subprocess.run([os.path.join(ROOT, "scripts", "make-scaled-corpus"), "--factor", str(args.scale), src, out],
                       check=True)
    return out


def index_path(args, engine):
    tag = "x%d" % args.scale if not args.corpus else os.path.basename(args.corpus).split(".")[0]
    return os.path.join(args.work, "%s-%s%s" % (engine, tag, ".sqlite" if engine == "fts5" else ""))


def binary(args, rel):
    path = os.path.join(args.build, rel)
    if not os.path.exists(path):
        sys.exit("bench: %s is missing; build with cmake --build %s" % (path, args.build))
    return path


def index_command(args, engine, corpus, db):
    if engine == "newsdex":
        return [binary(args, "indexer/newsdex-index"), "--db", db, "--quiet"] + shlex.split(args.newsdex_args) + [corpus]
    if engine == "xapian":
        return [binary(args, "tools/bench/xapian-baseline"), "index", db, corpus]
    return [binary(args, "tools/bench/fts5-bench"), "index", db, corpus]


def cmd_index(args):
    corpus = corpus_path(args)
    n, text = corpus_stats(corpus)
    log("bench: corpus %s: %d articles, %.1f MB of title+body text; load %s" % (corpus, n, text / 1e6, load()))
    rows = {}
    for engine in args.engines:
        db = index_path(args, engine)
        shutil.rmtree(db, ignore_errors=True) if os.path.isdir(db) else (os.path.exists(db) and os.remove(db))
        cmd = index_command(args, engine, corpus, db)
        log("bench: " + " ".join(shlex.quote(c) for c in cmd))
        wall, cpu, rss, rc = run_child(cmd)
        if rc not in (0, 1):
            sys.exit("bench: %s exited with %d" % (engine, rc))
        size = du(db)
        rows[engine] = dict(wall=wall, cpu=cpu, rss=rss, size=size, rate=n / wall, mbs=text / 1e6 / wall)
    print("\n## Indexing: %s (%d articles, %.1f MB text), load before: %s, %d cores" %
          (os.path.basename(corpus), n, text / 1e6, load(), os.cpu_count()))
    print("| engine | wall s | CPU s | articles/s | MB/s | peak RSS MB | index MB | index/text |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for e, r in rows.items():
        print("| %s | %.1f | %.1f | %.0f | %.2f | %.0f | %.0f | %.2f |" % (
            e, r["wall"], r["cpu"], r["rate"], r["mbs"], r["rss"] / 2**20, r["size"] / 2**20, r["size"] / text))
    if "newsdex" in rows:
        for b in ("xapian", "fts5"):
            if b in rows:
                print("ratio newsdex/%s: articles/s %.2fx, CPU s %.2fx, peak RSS %.2fx, index size %.2fx" % (
                    b, rows["newsdex"]["rate"] / rows[b]["rate"], rows["newsdex"]["cpu"] / rows[b]["cpu"],
                    rows["newsdex"]["rss"] / rows[b]["rss"], rows["newsdex"]["size"] / rows[b]["size"]))
    return rows


def percentile(xs, p):
    xs = sorted(xs)
    k = (len(xs) - 1) * p / 100.0
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def time_queries(cmd):
    for attempt in ("warm-up", "measured"):
        out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
    rows = [line.split("\t") for line in out.splitlines() if line.strip()]
    ms = [float(r[0]) / 1000.0 for r in rows]
    hits = [int(r[1]) for r in rows]
    # Column 5: the query's thread CPU time (what load from other processes does not inflate).
    cpu = [float(r[4]) / 1000.0 if len(r) > 4 else float("nan") for r in rows]
    return ms, hits, cpu


def cmd_search(args):
    corpus = corpus_path(args)
    for engine in args.engines:
        if not os.path.exists(index_path(args, engine)):
            log("bench: no %s index yet; indexing first" % engine)
            saved = args.engines
            args.engines = [engine]
            cmd_index(args)
            args.engines = saved
    q = args.queries
    runs = []
    if "newsdex" in args.engines:
        nd = [binary(args, "tools/bench/newsdex-bench-search"), index_path(args, "newsdex"), q]
        runs += [("newsdex top-10 + snippets", nd),
                 ("newsdex top-10 + snippets + facets", nd + ["--facets", FACETS]),
                 ("newsdex top-10, no snippets", nd + ["--no-snippets"])]
    if "xapian" in args.engines:
        xb = [binary(args, "tools/bench/xapian-baseline"), "search", index_path(args, "xapian"), q]
        runs += [("xapian top-10 + MSet::snippet", xb), ("xapian top-10, no snippets", xb + ["--no-snippets"])]
    if "fts5" in args.engines:
        fb = [binary(args, "tools/bench/fts5-bench"), "search", index_path(args, "fts5"), q]
        runs += [("fts5 bm25 + snippet()", fb), ("fts5 bm25, no snippets", fb + ["--no-snippets"])]
    results = {}
    for name, cmd in runs:
        log("bench: " + " ".join(shlex.quote(c) for c in cmd))
        ms, hits, cpu = time_queries(cmd)
        results[name] = dict(ms=ms, hits=hits, cpu=cpu)
    nq = len(next(iter(results.values()))["ms"])
    print("\n## Search: %s, %d queries (%s), top-10; load: %s, %d cores" %
          (os.path.basename(corpus), nq, os.path.relpath(q, ROOT) if q.startswith(ROOT) else q, load(), os.cpu_count()))
    print("| run | median ms | p90 ms | p99 ms | mean ms | CPU median ms | CPU p99 ms | queries with hits |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in results.items():
        ms, cpu = r["ms"], r["cpu"]
        print("| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %d |" % (
            name, statistics.median(ms), percentile(ms, 90), percentile(ms, 99), statistics.mean(ms),
            statistics.median(cpu), percentile(cpu, 99), sum(1 for h in r["hits"] if h)))

    def ratio(a, b, label):
        if a in results and b in results:
            for clock in ("ms", "cpu"):
                x, y = results[a][clock], results[b][clock]
                print("ratio %s [%s]: median %.2fx (%+.3f ms), p99 %.2fx (%+.3f ms)" % (
                    label, "wall" if clock == "ms" else "CPU", statistics.median(x) / statistics.median(y),
                    statistics.median(x) - statistics.median(y), percentile(x, 99) / percentile(y, 99),
                    percentile(x, 99) - percentile(y, 99)))
    ratio("newsdex top-10 + snippets + facets", "fts5 bm25 + snippet()", "newsdex snippets+facets / fts5 snippet (target <= 0.5x)")
    ratio("newsdex top-10 + snippets", "fts5 bm25 + snippet()", "newsdex snippets / fts5 snippet")
    ratio("newsdex top-10 + snippets", "xapian top-10 + MSet::snippet", "newsdex snippets / xapian MSet::snippet")
    ratio("newsdex top-10, no snippets", "xapian top-10, no snippets", "newsdex plain / xapian plain (target <= +0.2 ms)")
    log("bench: load after the search runs: %s" % load())
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["index", "search", "all"])
    ap.add_argument("--corpus", help="JSONL corpus (default ../shared/corpora/reuters21578.jsonl)")
    ap.add_argument("--scale", type=int, default=1, help="use a xN scaled copy of the corpus (made in --work)")
    ap.add_argument("--engines", default="newsdex,xapian,fts5")
    ap.add_argument("--queries", default=os.path.join(ROOT, "scripts", "bench-queries.txt"))
    ap.add_argument("--build", default=os.path.join(ROOT, "build-bench"))
    ap.add_argument("--work", default="/tmp/newsdex-bench")
    ap.add_argument("--newsdex-args", default="", help="extra newsdex-index options, e.g. \"--threads 2\"")
    args = ap.parse_args()
    args.engines = [e for e in args.engines.split(",") if e]
    os.makedirs(args.work, exist_ok=True)
    if args.command in ("index", "all"):
        cmd_index(args)
    if args.command in ("search", "all"):
        cmd_search(args)


if __name__ == "__main__":
    main()
