#!/usr/bin/env python3
"""Queries without a language against a mixed-language index, before/after.

usage: scripts/eval-mixed-languages.py [--search BIN]... [--index BIN] [--db DIR]
                                       [--per-language N] [CORPUS.jsonl]

Indexes CORPUS (default ../shared/corpora/wikinews.jsonl: English, French and
Italian Wikinews in one index) once, then makes N queries per language from
the articles' headlines as a user would type them: the two longest words of
the headline that are not stopwords of its language, lower case ("grève
cheminots"). Each query runs without --lang through every --search binary
(give the old one and the new one to compare them on the same index) and is
scored two ways:

* same-language recall: of the articles of the query's language that the
  query matches when the language is given (`lang:L` stems it in L, the path
  that existed before), how many the query without a language finds;
* known item: the rank of the headline's own article (success@10, MRR).

Queries are split into two halves (even and odd article numbers): tune on
one, report the other. The index is built with the first --index binary
(default build/indexer/newsdex-index); all --search binaries must read it.
Exit codes: 0 ok, 2 usage error or missing binaries/corpus.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SNOWBALL = {"en": "english", "fr": "french", "it": "italian", "de": "german", "es": "spanish",
            "pt": "portuguese", "nl": "dutch", "ru": "russian", "sv": "swedish"}


def stopwords(lang):
    path = os.path.join(ROOT, "common", "data", "stopwords", SNOWBALL.get(lang, "none") + ".txt")
    words = set()
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            words.update(line.split("|")[0].split())
    return words


def make_queries(corpus, per_language):
    by_lang = collections.defaultdict(list)
    for line in open(corpus, encoding="utf-8"):
        a = json.loads(line)
        if a.get("lang") and a.get("title"):
            by_lang[a["lang"]].append(a)
    queries = []
    for lang, articles in sorted(by_lang.items()):
        stop = stopwords(lang)
        step = max(1, len(articles) // per_language)
        for n, a in enumerate(articles[::step][:per_language]):
            words = [w.lower() for w in re.findall(r"[^\W\d_]{4,}", a["title"])]
            words = [w for w in dict.fromkeys(words) if w not in stop]
            if len(words) < 2:
                continue
            words = sorted(words, key=len, reverse=True)[:2]
            queries.append({"lang": lang, "id": a["id"], "query": " ".join(words), "half": n % 2})
    return queries


def run_batch(search, db, lines, extra):
    out = subprocess.run([search, "--db", db, "--queries", "-", "--limit", "10", "--facets", "lang",
                          "--facet-limit", "50", "--no-suggest"] + extra,
                         input="\n".join(lines) + "\n", capture_output=True, text=True)
    results = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
    if len(results) != len(lines):
        sys.exit(f"{search}: {len(results)} answers to {len(lines)} queries: {out.stderr[:300]}")
    return results


def lang_count(result, lang):
    return sum(v["count"] for v in result.get("facets", {}).get("lang", []) if v["value"].split("-")[0] == lang)


def score(search, db, queries):
    plain = run_batch(search, db, [q["query"] for q in queries], [])
    chosen = run_batch(search, db, [f"lang:{q['lang']} {q['query']}" for q in queries], [])
    rows = collections.defaultdict(lambda: collections.Counter())
    for q, p, c in zip(queries, plain, chosen):
        r = rows[(q["lang"], q["half"])]
        relevant = lang_count(c, q["lang"])
        r["queries"] += 1
        r["relevant"] += relevant
        r["found"] += min(lang_count(p, q["lang"]), relevant)
        ids = [h["id"] for h in p.get("hits", [])]
        if q["id"] in ids:
            r["top10"] += 1
            r["rr"] += 1.0 / (ids.index(q["id"]) + 1)
        # Top ten of another language than the query's (English queries should stay English).
        r["foreign_top10"] += sum(1 for h in p.get("hits", []) if (h.get("lang") or "").split("-")[0] != q["lang"])
        r["hits_top10"] += len(p.get("hits", []))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", default=os.path.join(ROOT, "..", "shared", "corpora", "wikinews.jsonl"))
    ap.add_argument("--search", action="append", help="newsdex-search binary (repeat to compare)")
    ap.add_argument("--index", default=os.path.join(ROOT, "build", "indexer", "newsdex-index"))
    ap.add_argument("--db", help="index directory to build (or reuse, if it exists)")
    ap.add_argument("--per-language", type=int, default=100)
    args = ap.parse_args()
    searches = args.search or [os.path.join(ROOT, "build", "searcher", "newsdex-search")]
    for b in searches + [args.index]:
        if not os.access(b, os.X_OK):
            print(f"eval-mixed-languages: no binary {b}", file=sys.stderr)
            return 2
    if not os.path.exists(args.corpus):
        print(f"eval-mixed-languages: no corpus {args.corpus}", file=sys.stderr)
        return 2
    tmp = tempfile.TemporaryDirectory()
    db = args.db or os.path.join(tmp.name, "db")
    if not os.path.exists(db):
        subprocess.run([args.index, "--quiet", "--db", db, args.corpus], check=True)
    queries = make_queries(args.corpus, args.per_language)
    print(f"{len(queries)} queries from {os.path.basename(args.corpus)}; e.g. " +
          "; ".join(f"{q['lang']}: {q['query']}" for q in queries[::max(1, len(queries) // 6)][:6]))
    print(f"{'binary':<40} {'lang':<4} {'half':<4} {'queries':>7} {'recall':>7} {'found@10':>8} {'MRR':>6} {'foreign@10':>10}")
    for search in searches:
        rows = score(search, db, queries)
        for (lang, half), r in sorted(rows.items()):
            recall = r["found"] / r["relevant"] if r["relevant"] else 0
            foreign = r["foreign_top10"] / r["hits_top10"] if r["hits_top10"] else 0
            print(f"{search[-40:]:<40} {lang:<4} {half:<4} {r['queries']:>7} {recall:>7.3f} "
                  f"{r['top10'] / r['queries']:>8.3f} {r['rr'] / r['queries']:>6.3f} {foreign:>10.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
