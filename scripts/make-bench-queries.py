#!/usr/bin/env python3
"""Writes scripts/bench-queries-1015.txt: the 285 hand-written queries of
scripts/bench-queries.txt followed by 730 headline queries drawn from
Reuters-21578 (issue 19: a batch large enough for stable p99s).

    scripts/make-bench-queries [REUTERS_JSONL] > scripts/bench-queries-1015.txt

A headline query is the first three words of 3+ letters of a headline that are
not stopwords, lower-cased (a search for the story by its main words). Headlines
are taken from every 25th record with a title, skipping repeats, in file order,
so the list is the same at every run.
"""
import json
import os
import re
import sys

ROOT = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DEFAULT = os.path.realpath(os.path.join(ROOT, "..", "shared", "corpora", "reuters21578.jsonl"))
STOP = set("the and for with from into over says said say new not its has have will was are but "
           "after sees set see may can".split())
WANTED = 730


def headline_query(title):
    words = [w.lower() for w in re.findall(r"[A-Za-z]{3,}", title)]
    words = [w for w in words if w not in STOP]
    return " ".join(words[:3])


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    with open(os.path.join(ROOT, "scripts", "bench-queries.txt"), encoding="utf-8") as f:
        hand = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    seen = set(hand)
    extra = []
    with open(path, encoding="utf-8") as f:
        titled = (json.loads(line).get("title", "") for line in f if line.strip())
        for n, title in enumerate(t for t in titled if t):
            if n % 25:
                continue
            q = headline_query(title)
            if len(q.split()) >= 2 and q not in seen:
                seen.add(q)
                extra.append(q)
            if len(extra) == WANTED:
                break
    print("# Benchmark queries (issue 19): the 285 of bench-queries.txt, then 730 Reuters")
    print("# headline queries made by scripts/make-bench-queries (see there). '#' lines are comments.")
    for q in hand + extra:
        print(q)


if __name__ == "__main__":
    main()
