#!/usr/bin/env python3
"""Write a scaled copy of a JSONL news corpus for benchmarks (issue 6).

    scripts/make-scaled-corpus [--factor 10] [--seed 1] [INPUT] OUTPUT

Copy 0 is the input as is; copy k > 0 of each article gets a new id
("<id>~k"), its body paragraphs shuffled, and one paragraph swapped for a
paragraph of a random other article, so no two articles are identical (many
remain near-duplicates of their original, as wire copies are). Titles get
the copy number appended in 1 of 3 copies. Deterministic for a given seed.
Write it outside the repository (e.g. /tmp): x10 of Reuters is ~250 MB.
"""
import argparse
import json
import os
import random
import re
import sys

DEFAULT_INPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpora",
                             "reuters21578.jsonl")
PARA = re.compile(r"\n\s*\n|\n(?=[ \t]{2,})")


def paragraphs(body):
    parts = [p.strip() for p in PARA.split(body)]
    return [p for p in parts if p]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--factor", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("paths", nargs="+", help="[INPUT] OUTPUT")
    args = ap.parse_args()
    if len(args.paths) == 1:
        src, dst = DEFAULT_INPUT, args.paths[0]
    elif len(args.paths) == 2:
        src, dst = args.paths
    else:
        ap.error("give [INPUT] OUTPUT")
    repo = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    if os.path.realpath(dst).startswith(repo + os.sep):
        sys.exit("make-scaled-corpus: refusing to write inside the repository: " + dst)
    articles = []
    with open(src, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                articles.append(json.loads(line))
    paras = [paragraphs(a.get("body", "")) for a in articles]
    rng = random.Random(args.seed)
    n = 0
    with open(dst, "w", encoding="utf-8") as out:
        for k in range(args.factor):
            for i, a in enumerate(articles):
                b = dict(a)
                if k > 0:
                    b["id"] = "%s~%d" % (a.get("id", i), k)
                    p = list(paras[i])
                    rng.shuffle(p)
                    other = paras[rng.randrange(len(paras))]
                    if p and other:
                        p[rng.randrange(len(p))] = other[rng.randrange(len(other))]
                    b["body"] = "\n\n".join(p)
                    if k % 3 == 0 and b.get("title"):
                        b["title"] = "%s (%d)" % (b["title"], k)
                out.write(json.dumps(b, ensure_ascii=False) + "\n")
                n += 1
    print("make-scaled-corpus: wrote %d articles (x%d of %d) to %s" % (n, args.factor, len(articles), dst),
          file=sys.stderr)


if __name__ == "__main__":
    main()
