#!/usr/bin/python3
"""News ranking regression and safety (issue 13) on one of the news relevance
sets scripts/make-news-relevance builds from ../shared/corpora.

usage: ranking_news.py NEWSDEX_INDEX NEWSDEX_SEARCH [and:]SET [CORPORA_DIR]

Fails (exit 1) when newsdex --natural's nDCG@10 on SET drops more than
TOLERANCE below the figure documented in docs/RANKING.md, or falls below
SAFETY_SHARE x plain Xapian BM25's (eval-ranking's "xapian" baseline) built in
the same run, or when, scored per story (eval-ranking --stories: one hit per
newsdex story, as newsdex shows them), it falls below STORY_SAFETY_SHARE x the
better of plain BM25 and SQLite FTS5 deduplicated the same way in the same run.
With and:SET, the query language's default AND mode instead (eval-ranking
--newsdex-query and): its figure (DOCUMENTED_AND_NDCG10) and, per story, at
least AND_STORY_SAFETY_SHARE x the better of xapian-and and fts5-and, the
baselines that match the same articles (per article, collapsing hides a
known item behind its copy: docs/RANKING.md "The default AND mode").
Exits 77 (CTest's SKIP_RETURN_CODE) with a message when the corpora are not
there, 2 on a usage or harness error.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SOURCE_DIR = Path(__file__).resolve().parents[2]
DEFAULT_CORPORA = SOURCE_DIR.parent / "shared" / "corpora"
# newsdex nDCG@10 per set, as documented in docs/RANKING.md ("Regression
# figures"); update both together when a ranking change moves one on purpose.
DOCUMENTED_NDCG10 = {"bbc-caps": 0.8013, "reuters-ki": 0.7922, "reuters-topics": 0.4527, "wikinews-lead": 0.9306}
TOLERANCE = 0.02
# Safety: newsdex's nDCG@10 must be at least this share of plain BM25's on the
# same set in the same run. Issue 13 asks for "never below plain BM25 by more
# than a small margin"; 0.98 is that margin (the shipped setting measures
# 0.998-1.058 x BM25 on the four sets, docs/RANKING.md "News").
SAFETY_SHARE = 0.98
# Per story (newsdex collapses wire copies; docs/RANKING.md "News"), against
# the better baseline: the shipped setting measures 1.000-1.074 of it.
STORY_SAFETY_SHARE = 0.99
# The default AND mode (--newsdex-query and) on the keyword sets and reuters-topics, per article.
DOCUMENTED_AND_NDCG10 = {"bbc-words": 0.8370, "reuters-words": 0.9241, "wikinews-words": 0.9811,
                         "reuters-topics": 0.3824}
# Per story against the better AND baseline: the shipped setting measures 0.993-1.040 of it.
AND_STORY_SAFETY_SHARE = 0.98
SKIP = 77


def check_and_mode(name, data):
    """The AND mode's checks on eval-ranking's JSON @p data for @p name: True if they pass."""
    (entry,) = data["collections"].values()
    got = entry["systems"]["newsdex-and"]["means"]["nDCG@10"]
    figure = DOCUMENTED_AND_NDCG10[name]
    ok = True
    if got < figure - TOLERANCE:
        ok = False
        print(f"FAIL: AND mode nDCG@10 on {name} = {got:.4f}, documented {figure:.4f}, floor {figure - TOLERANCE:.4f}")
    story = data["story_level"][name]["systems"]
    story_got = story["newsdex-and"]["means"]["nDCG@10"]
    story_best = max(story[b]["means"]["nDCG@10"] for b in ("xapian-and", "fts5-and"))
    if story_got < AND_STORY_SAFETY_SHARE * story_best:
        ok = False
        print(f"FAIL: per story, AND mode nDCG@10 on {name} = {story_got:.4f} is below {AND_STORY_SAFETY_SHARE} x "
              f"the better AND baseline's {story_best:.4f} (safety)")
    if ok:
        print(f"ok: AND mode nDCG@10 on {name} = {got:.4f} over {entry['queries']} queries (documented {figure}); "
              f"per story {story_got:.4f}, {story_got / story_best:.3f} x the better AND baseline")
    return ok


def main(argv):
    and_mode = len(argv) > 3 and argv[3].startswith("and:")
    name = argv[3][len("and:"):] if and_mode else argv[3] if len(argv) > 3 else ""
    if len(argv) not in (4, 5) or name not in (DOCUMENTED_AND_NDCG10 if and_mode else DOCUMENTED_NDCG10):
        print(__doc__, file=sys.stderr)
        return 2
    index_bin, search_bin = Path(argv[1]), Path(argv[2])
    corpora = Path(argv[4]) if len(argv) == 5 else DEFAULT_CORPORA
    needed = ("bbc_news.jsonl", "reuters21578.jsonl", "wikinews.jsonl")
    if not all((corpora / f).is_file() for f in needed):
        print(f"SKIP: news corpora not found at {corpora} (needs {', '.join(needed)}; shared/corpora)")
        return SKIP
    with tempfile.TemporaryDirectory(prefix="ranking-news-") as tmp:
        tmp = Path(tmp)
        p = subprocess.run([sys.executable, str(SOURCE_DIR / "scripts" / "make-news-relevance"), "--corpora",
                            str(corpora), str(tmp / "sets")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            print(f"FAIL: make-news-relevance exited {p.returncode}:\n{p.stderr}")
            return 2
        bindir = tmp / "bin"
        bindir.mkdir()
        os.symlink(index_bin.resolve(), bindir / "newsdex-index")
        os.symlink(search_bin.resolve(), bindir / "newsdex-search")
        systems = ["--systems", "newsdex,xapian-and,fts5-and", "--newsdex-query", "and"] if and_mode \
            else ["--systems", "newsdex,xapian,fts5"]
        cmd = [sys.executable, str(SOURCE_DIR / "scripts" / "eval-ranking"), *systems, "--stories",
               "--newsdex-bin", str(bindir), "--json", "-", str(tmp / "sets" / name)]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        print(f"FAIL: {' '.join(cmd)} exited {p.returncode}:\n{p.stderr}")
        return 2
    if and_mode:
        return 0 if check_and_mode(name, json.loads(p.stdout)) else 1
    (entry,) = json.loads(p.stdout)["collections"].values()
    got = entry["systems"]["newsdex"]["means"]["nDCG@10"]
    bm25 = entry["systems"]["xapian"]["means"]["nDCG@10"]
    figure = DOCUMENTED_NDCG10[name]
    ok = True
    if figure is not None and got < figure - TOLERANCE:
        ok = False
        print(f"FAIL: newsdex nDCG@10 on {name} = {got:.4f}, documented {figure:.4f}, floor {figure - TOLERANCE:.4f}")
    if got < SAFETY_SHARE * bm25:
        ok = False
        print(f"FAIL: newsdex nDCG@10 on {name} = {got:.4f} is below {SAFETY_SHARE} x plain BM25's {bm25:.4f} "
              f"= {SAFETY_SHARE * bm25:.4f} (safety)")
    story = json.loads(p.stdout)["story_level"][name]["systems"]
    story_got = story["newsdex"]["means"]["nDCG@10"]
    story_best = max(story[b]["means"]["nDCG@10"] for b in ("xapian", "fts5"))
    if story_got < STORY_SAFETY_SHARE * story_best:
        ok = False
        print(f"FAIL: per story, newsdex nDCG@10 on {name} = {story_got:.4f} is below {STORY_SAFETY_SHARE} x the "
              f"better baseline's {story_best:.4f} = {STORY_SAFETY_SHARE * story_best:.4f} (safety)")
    if ok:
        print(f"ok: newsdex nDCG@10 on {name} = {got:.4f} over {entry['queries']} queries (documented "
              f"{figure}, plain BM25 {bm25:.4f}, ratio {got / bm25:.3f}); per story {story_got:.4f}, "
              f"{story_got / story_best:.3f} x the better baseline")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
