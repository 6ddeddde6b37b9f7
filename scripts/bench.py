#!/usr/bin/env python3
"""newsdex benchmarks against plain Xapian and SQLite FTS5 (issue 6). Run by hand.

    scripts/bench [report] [--scales 1,10] [--x50]   # issue 19: everything below, per scale, one table
    scripts/bench index  [--scale N | --corpus PATH] [--engines newsdex,xapian,fts5] [--newsdex-args "..."]
    scripts/bench search [--scale N | --corpus PATH] [--queries FILE] [--engines ...]
    scripts/bench all    ...

report (the default) indexes Reuters-21578 x1 and x10 (and x50 with --x50:
about an hour on two idle cores) with all three engines, then times the
queries of --queries (default scripts/bench-queries-1015.txt) on each, and
prints one summary: indexing wall/CPU s, articles/s, MB/s, peak RSS, index
size, CPU ms per article; search median/p90/p99 with snippets+facets and
without snippets; whole-process batches (newsdex-search --queries against
fts5-bench); and the ratios pair by pair.

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
        rows[engine] = dict(wall=wall, cpu=cpu, rss=rss, size=size, rate=n / wall, mbs=text / 1e6 / wall,
                            cpu_ms=1000.0 * cpu / n, n=n, text=text)
    print("\n## Indexing: %s (%d articles, %.1f MB text), load before: %s, %d cores" %
          (os.path.basename(corpus), n, text / 1e6, load(), os.cpu_count()))
    print("| engine | wall s | CPU s | articles/s | MB/s | peak RSS MB | index MB | index/text | CPU ms/article |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for e, r in rows.items():
        print("| %s | %.1f | %.1f | %.0f | %.2f | %.0f | %.0f | %.2f | %.3f |" % (
            e, r["wall"], r["cpu"], r["rate"], r["mbs"], r["rss"] / 2**20, r["size"] / 2**20, r["size"] / text,
            r["cpu_ms"]))
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


def cmd_batch(args):
    """Whole processes: one newsdex-search --queries batch (top 10, 1 snippet, facets) against one
    fts5-bench and one xapian-baseline run over the same list, alternated, args.repeat times each."""
    q = args.queries
    runs = []
    if "newsdex" in args.engines:
        runs.append(("newsdex-search --queries (snippets + facets)",
                     [binary(args, "searcher/newsdex-search"), "--db", index_path(args, "newsdex"), "--queries", q,
                      "--format", "json", "--snippets", "1", "--facets=" + FACETS, "--color", "never"]))
        runs.append(("newsdex-search --queries (no snippets)",
                     [binary(args, "searcher/newsdex-search"), "--db", index_path(args, "newsdex"), "--queries", q,
                      "--format", "json", "--snippets", "0", "--color", "never"]))
    if "fts5" in args.engines:
        runs.append(("fts5-bench search (bm25 + snippet())",
                     [binary(args, "tools/bench/fts5-bench"), "search", index_path(args, "fts5"), q]))
    if "xapian" in args.engines:
        runs.append(("xapian-baseline search (no snippets)",
                     [binary(args, "tools/bench/xapian-baseline"), "search", index_path(args, "xapian"), q,
                      "--no-snippets"]))
    timings = {name: [] for name, _ in runs}
    for attempt in range(args.repeat + 1):  # the first round is a warm-up
        for name, cmd in runs:
            if attempt == 0:
                log("bench: " + " ".join(shlex.quote(c) for c in cmd))
            wall, cpu, rss, rc = run_child(cmd)
            if rc not in (0, 1):
                sys.exit("bench: %s exited with %d" % (name, rc))
            if attempt:
                timings[name].append((wall, cpu, rss))
    print("\n## Search batches, whole processes (%d runs each after a warm-up, alternated; median), load %s" %
          (args.repeat, load()))
    print("| run | wall s | CPU s | peak RSS MB |")
    print("|---|---:|---:|---:|")
    result = {}
    for name, t in timings.items():
        wall = statistics.median(x[0] for x in t)
        cpu = statistics.median(x[1] for x in t)
        rss = max(x[2] for x in t)
        result[name] = dict(wall=wall, cpu=cpu, rss=rss)
        print("| %s | %.2f | %.2f | %.0f |" % (name, wall, cpu, rss / 2**20))
    a, b = "newsdex-search --queries (snippets + facets)", "fts5-bench search (bm25 + snippet())"
    if a in result and b in result:
        print("ratio newsdex batch (snippets + facets) / fts5 batch (target <= 0.5x): wall %.2fx, CPU %.2fx" % (
            result[a]["wall"] / result[b]["wall"], result[a]["cpu"] / result[b]["cpu"]))
    return result


def cmd_report(args):
    scales = [int(x) for x in args.scales.split(",") if x] + ([50] if args.x50 else [])
    args.corpus = None
    per_scale = []
    for scale in scales:
        args.scale = scale
        log("bench: === Reuters-21578 x%d ===" % scale)
        idx = cmd_index(args)
        srch = cmd_search(args)
        batch = cmd_batch(args)
        per_scale.append((scale, idx, srch, batch))
    print_summary(per_scale)


def print_summary(per_scale):
    print("\n## Summary (newsdex / baseline ratios from the same run)")
    print("\n| scale | articles | engine | wall s | CPU s | articles/s | MB/s | peak RSS MB | index MB | CPU ms/article |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for scale, idx, _, _ in per_scale:
        for e, r in idx.items():
            print("| x%d | %d | %s | %.1f | %.1f | %.0f | %.2f | %.0f | %.0f | %.3f |" % (
                scale, r["n"], e, r["wall"], r["cpu"], r["rate"], r["mbs"], r["rss"] / 2**20, r["size"] / 2**20,
                r["cpu_ms"]))
    print("\n| scale | newsdex/xapian articles/s (target >= 1.5) | CPU per article | index size | newsdex/fts5 articles/s |")
    print("|---|---:|---:|---:|---:|")
    for scale, idx, _, _ in per_scale:
        nd, xb, ft = idx.get("newsdex"), idx.get("xapian"), idx.get("fts5")
        cell = lambda a, b, k: "%.2fx" % (a[k] / b[k]) if a and b else "-"
        print("| x%d | %s | %s | %s | %s |" % (scale, cell(nd, xb, "rate"), cell(nd, xb, "cpu_ms"),
                                              cell(nd, xb, "size"), cell(nd, ft, "rate")))
    first = per_scale[0][1].get("newsdex")
    if first:
        for scale, idx, _, _ in per_scale[1:]:
            if "newsdex" in idx:
                print("newsdex CPU per article x%d / x%d: %.2fx (target within 1.10x)" % (
                    scale, per_scale[0][0], idx["newsdex"]["cpu_ms"] / first["cpu_ms"]))
    sf, fs = "newsdex top-10 + snippets + facets", "fts5 bm25 + snippet()"
    ns, xs = "newsdex top-10, no snippets", "xapian top-10, no snippets"
    print("\n| scale | newsdex snippets+facets median / p90 / p99 ms | fts5 snippet() median / p90 / p99 ms | ratio median / p99 (target <= 0.5) | newsdex no snippets median / p99 ms | xapian no snippets median / p99 ms | difference median (target <= +0.1 ms) | batch ratio wall / CPU |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for scale, _, srch, batch in per_scale:
        def trio(name):
            if name not in srch:
                return "-"
            ms = srch[name]["ms"]
            return "%.3f / %.3f / %.3f" % (statistics.median(ms), percentile(ms, 90), percentile(ms, 99))

        def ratio(a, b):
            if a not in srch or b not in srch:
                return "-"
            x, y = srch[a]["ms"], srch[b]["ms"]
            return "%.2fx / %.2fx" % (statistics.median(x) / statistics.median(y), percentile(x, 99) / percentile(y, 99))

        def pair(name):
            if name not in srch:
                return "-"
            ms = srch[name]["ms"]
            return "%.3f / %.3f" % (statistics.median(ms), percentile(ms, 99))
        diff = "-"
        if ns in srch and xs in srch:
            diff = "%+.3f ms" % (statistics.median(srch[ns]["ms"]) - statistics.median(srch[xs]["ms"]))
        a, b = "newsdex-search --queries (snippets + facets)", "fts5-bench search (bm25 + snippet())"
        bratio = "%.2fx / %.2fx" % (batch[a]["wall"] / batch[b]["wall"], batch[a]["cpu"] / batch[b]["cpu"]) \
            if a in batch and b in batch else "-"
        print("| x%d | %s | %s | %s | %s | %s | %s | %s |" % (scale, trio(sf), trio(fs), ratio(sf, fs), pair(ns), pair(xs),
                                                             diff, bratio))
    print("\nload at the end: %s, %d cores" % (load(), os.cpu_count()))



def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", nargs="?", default="report", choices=["report", "index", "search", "batch", "all"])
    ap.add_argument("--corpus", help="JSONL corpus (default ../shared/corpora/reuters21578.jsonl)")
    ap.add_argument("--scale", type=int, default=1, help="use a xN scaled copy of the corpus (made in --work)")
    ap.add_argument("--engines", default="newsdex,xapian,fts5")
    ap.add_argument("--queries", default=os.path.join(ROOT, "scripts", "bench-queries-1015.txt"))
    ap.add_argument("--scales", default="1,10", help="report: Reuters scales to run (default 1,10)")
    ap.add_argument("--x50", action="store_true", help="report: also x50 (1.08M articles; about an hour)")
    ap.add_argument("--repeat", type=int, default=3, help="batch: measured runs of each whole-process batch")
    ap.add_argument("--build", default=os.path.join(ROOT, "build-bench"))
    ap.add_argument("--work", default="/tmp/newsdex-bench")
    ap.add_argument("--newsdex-args", default="", help="extra newsdex-index options, e.g. \"--threads 2\"")
    args = ap.parse_args()
    args.engines = [e for e in args.engines.split(",") if e]
    os.makedirs(args.work, exist_ok=True)
    if args.command == "report":
        cmd_report(args)
        return
    if args.command in ("index", "all"):
        cmd_index(args)
    if args.command in ("search", "all"):
        cmd_search(args)
    if args.command in ("batch", "all"):
        cmd_batch(args)


if __name__ == "__main__":
    main()
