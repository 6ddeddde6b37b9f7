#!/usr/bin/env python3
"""Accuracy of newsdex's language detection, per language, end to end.

usage: scripts/eval-language-detection.py [--build DIR] [--keep DIR] [CORPUS.jsonl]

Indexes CORPUS (default ../shared/corpora/ntrex128_news.jsonl: the same 123
stories in 38 languages, labelled) with every "lang" field removed, so that
newsdex-index detects each article's language, then reads back the language
each article got (newsdex-search --queries 'id:...') and compares it with the
label, by primary subtag except for Chinese (zh-Hans / zh-Hant are told
apart). Prints one row per language: articles, correct, wrong, undetected
(below the confidence floor: indexed without a language), and the most
common wrong answers; then the totals, also for two halves of the stories
(even and odd doc ids) to show how stable the figures are.
Exit codes: 0 ok, 2 usage error or missing binaries/corpus.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def key(tag):
    if not tag:
        return ""
    tag = tag.replace("_", "-")
    primary = tag.split("-")[0].lower()
    return tag if primary == "zh" else primary


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", default=os.path.join(ROOT, "..", "shared", "corpora", "ntrex128_news.jsonl"))
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--keep", help="build the index in this directory and keep it")
    args = ap.parse_args()
    index_bin = os.path.join(args.build, "indexer", "newsdex-index")
    search_bin = os.path.join(args.build, "searcher", "newsdex-search")
    for path in (index_bin, search_bin, args.corpus):
        if not os.path.exists(path):
            print(f"eval-language-detection: {path} not found", file=sys.stderr)
            return 2
    articles = [json.loads(line) for line in open(args.corpus, encoding="utf-8") if line.strip()]
    work = args.keep or tempfile.mkdtemp(prefix="newsdex-langid-")
    os.makedirs(work, exist_ok=True)
    stripped = os.path.join(work, "unlabelled.jsonl")
    with open(stripped, "w", encoding="utf-8") as out:
        for a in articles:
            out.write(json.dumps({k: v for k, v in a.items() if k != "lang"}, ensure_ascii=False) + "\n")
    db = os.path.join(work, "db")
    subprocess.run([index_bin, "--db", db, "--quiet", "--no-entities", "--no-dedup", "--no-compact", stripped],
                   check=True)
    queries = "".join(f"id:{a['id']}\n" for a in articles)
    result = subprocess.run([search_bin, "--db", db, "--queries", "-", "--limit", "1", "--snippets", "0"],
                            input=queries, capture_output=True, text=True, check=False)
    detected = {}
    for line in result.stdout.splitlines():
        answer = json.loads(line)
        for hit in answer.get("hits", []):
            detected[hit["id"]] = hit.get("lang") or ""

    rows = collections.OrderedDict()
    halves = [collections.Counter(), collections.Counter()]
    for a in articles:
        label = key(a["lang"])
        got = key(detected.get(a["id"], ""))
        row = rows.setdefault(label, {"n": 0, "ok": 0, "wrong": 0, "none": 0, "as": collections.Counter()})
        row["n"] += 1
        outcome = "ok" if got == label else "none" if not got else "wrong"
        row[outcome] += 1
        if outcome == "wrong":
            row["as"][got] += 1
        half = halves[int(a.get("doc_id", a["id"]).split(".")[-1]) % 2 if a.get("doc_id", "").split(".")[-1].isdigit() else 0]
        half["n"] += 1
        half[outcome] += 1

    print(f"command: scripts/eval-language-detection.py {args.corpus}")
    print(f"{'lang':8} {'articles':>8} {'correct':>8} {'wrong':>6} {'undetected':>10} {'accuracy':>8}  wrong answers")
    total = collections.Counter()
    for label in sorted(rows):
        r = rows[label]
        for k in ("n", "ok", "wrong", "none"):
            total[k] += r[k]
        wrong = ", ".join(f"{t or '?'} x{c}" for t, c in r["as"].most_common(3))
        print(f"{label:8} {r['n']:8} {r['ok']:8} {r['wrong']:6} {r['none']:10} {r['ok'] / r['n']:8.3f}  {wrong}")
    print(f"{'all':8} {total['n']:8} {total['ok']:8} {total['wrong']:6} {total['none']:10} {total['ok'] / total['n']:8.3f}")
    for i, h in enumerate(halves):
        if h["n"]:
            print(f"{['even', 'odd'][i]} doc ids: {h['ok']}/{h['n']} correct ({h['ok'] / h['n']:.3f}), "
                  f"{h['wrong']} wrong, {h['none']} undetected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
