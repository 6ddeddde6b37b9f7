#!/usr/bin/python3
"""Ranking regression: newsdex's nDCG@10 on the MEDLINE collection must not
drop more than TOLERANCE below the figure documented in docs/RANKING.md.

usage: ranking_regression.py NEWSDEX_INDEX NEWSDEX_SEARCH [COLLECTION_DIR]

COLLECTION_DIR defaults to ../shared/corpora/ir/med beside the source tree
(where the developers' machines and CI have it). Exits 77 (CTest's
SKIP_RETURN_CODE) with a message when the collection is not there, 0 when
the figure holds, 1 when it dropped, 2 on a usage or harness error.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SOURCE_DIR = Path(__file__).resolve().parents[2]
DEFAULT_COLLECTION = SOURCE_DIR.parent / "shared" / "corpora" / "ir" / "med"

# newsdex nDCG@10 on med, as documented in docs/RANKING.md ("Regression
# figure"). Update both together when a ranking change moves it on purpose.
DOCUMENTED_NDCG10 = 0.7122
# How eval-ranking hands queries to newsdex-search: "natural" runs the
# sentence as given with `newsdex-search --natural` (its defaults: stopwords
# dropped, every word stemmed, BM25 k1=1.6 b=0.5, pseudo-relevance feedback).
QUERY_MODE = "natural"
TOLERANCE = 0.02
SKIP = 77


def main(argv):
    if len(argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    index_bin, search_bin = Path(argv[1]), Path(argv[2])
    coll = Path(argv[3]) if len(argv) == 4 else DEFAULT_COLLECTION
    if not all((coll / f).is_file() for f in ("docs.jsonl", "queries.jsonl", "qrels.tsv")):
        print(f"SKIP: relevance collection not found at {coll} "
              f"(needs docs.jsonl, queries.jsonl, qrels.tsv; shared/corpora/ir/med)")
        return SKIP
    if DOCUMENTED_NDCG10 is None:
        print("SKIP: no documented nDCG@10 for med yet (docs/RANKING.md)")
        return SKIP
    with tempfile.TemporaryDirectory(prefix="ranking-regression-") as tmp:
        # eval-ranking finds binaries in one dir: link both into a temp one.
        bindir = Path(tmp)
        os.symlink(index_bin.resolve(), bindir / "newsdex-index")
        os.symlink(search_bin.resolve(), bindir / "newsdex-search")
        cmd = [sys.executable, str(SOURCE_DIR / "scripts" / "eval-ranking"), "--systems", "newsdex",
               "--newsdex-query", QUERY_MODE, "--newsdex-bin", str(bindir), "--json", "-", str(coll)]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        print(f"FAIL: {' '.join(cmd)} exited {p.returncode}:\n{p.stderr}")
        return 2
    data = json.loads(p.stdout)
    (entry,) = data["collections"].values()
    system = "newsdex" if QUERY_MODE == "natural" else f"newsdex-{QUERY_MODE}"
    got = entry["systems"][system]["means"]["nDCG@10"]
    floor = DOCUMENTED_NDCG10 - TOLERANCE
    verdict = "ok" if got >= floor else "FAIL"
    print(f"{verdict}: newsdex nDCG@10 on {coll.name} = {got:.4f} over {entry['queries']} queries "
          f"(documented {DOCUMENTED_NDCG10:.4f}, floor {floor:.4f})")
    return 0 if got >= floor else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
