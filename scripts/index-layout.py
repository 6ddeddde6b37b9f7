"""What each article writes into an index, family by family, for one or more indexes.

usage: /usr/bin/python3 scripts/index-layout DB [DB ...] [--names NAME,...] [--sample N]

For every index it reads the documents (every one, or the first N with --sample) and
prints, per article: distinct terms, postings and positions per term family (the
prefixes of common/include/newsdex/schema.hpp; unprefixed words are "word"), the
value slots with their bytes, and the bytes of document data; then the size of each
glass table on disk. Several indexes print side by side, so newsdex's layout reads
against plain Xapian's (tools/bench/xapian-baseline index), as issue 19 asks:

    build/indexer/newsdex-index --db /tmp/nx --quiet ../shared/corpora/reuters21578.jsonl
    build/tools/bench/xapian-baseline index /tmp/xb ../shared/corpora/reuters21578.jsonl
    /usr/bin/python3 scripts/index-layout /tmp/nx /tmp/xb --names newsdex,xapian

Needs python3-xapian (Debian's, hence /usr/bin/python3).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from typing import Dict, List

import xapian

# Longest first, so XPERA is not read as XPER + "a..." (schema.hpp's prefixes).
PREFIXES = ["XPERA", "XLOCA", "XORGA", "XPER", "XLOC", "XORG", "XSRC", "XSIG", "XCL",
            "XY", "XM", "XT", "XA", "ZS", "Z", "S", "Q", "L", "U"]


def family(term: bytes) -> str:
    for prefix in PREFIXES:
        p = prefix.encode()
        if term.startswith(p):
            return prefix
    return "word"


class Layout:
    """Per-family and per-slot totals of the documents read."""

    def __init__(self) -> None:
        self.docs = 0
        self.terms: Dict[str, int] = defaultdict(int)       # postings (document, term)
        self.wdf: Dict[str, int] = defaultdict(int)
        self.positions: Dict[str, int] = defaultdict(int)
        self.value_docs: Dict[int, int] = defaultdict(int)
        self.value_bytes: Dict[int, int] = defaultdict(int)
        self.data_bytes = 0
        self.distinct: Dict[str, int] = defaultdict(int)     # terms in the whole index
        self.table_kb: Dict[str, int] = {}


def read(path: str, sample: int) -> Layout:
    db = xapian.Database(path)
    layout = Layout()
    it, end = db._allterms_begin(), db._allterms_end()
    while not it.equals(end):
        layout.distinct[family(it.get_term())] += 1
        it.__next__()  # SWIG iterators step in place
    limit = sample if sample else db.get_lastdocid()
    post, post_end = db._postlist_begin(b""), db._postlist_end(b"")
    while not post.equals(post_end) and layout.docs < limit:
        docid = post.get_docid()
        doc = db.get_document(docid)
        layout.docs += 1
        t, t_end = db._termlist_begin(docid), db._termlist_end(docid)
        while not t.equals(t_end):
            fam = family(t.get_term())
            layout.terms[fam] += 1
            layout.wdf[fam] += t.get_wdf()
            layout.positions[fam] += t.positionlist_count()
            t.__next__()
        for item in doc.values():
            layout.value_docs[item.num] += 1
            layout.value_bytes[item.num] += len(item.value)
        layout.data_bytes += len(doc.get_data())
        post.__next__()
    for name in sorted(os.listdir(path)):
        if name.endswith(".glass"):
            layout.table_kb[name[:-6]] = os.path.getsize(os.path.join(path, name)) // 1024
    return layout


def per(value: int, docs: int) -> str:
    return f"{value / docs:.1f}" if docs else "-"


def print_tables(names: List[str], layouts: List[Layout]) -> None:
    families = sorted({f for lay in layouts for f in lay.terms} | {f for lay in layouts for f in lay.distinct},
                      key=lambda f: (f != "word", f))
    head = " | ".join(f"{n} terms / positions / distinct" for n in names)
    print(f"| family (per article) | {head} |")
    print("|---|" + "---:|" * len(names))
    totals = [[0, 0, 0] for _ in names]
    for fam in families:
        cells = []
        for i, lay in enumerate(layouts):
            totals[i][0] += lay.terms.get(fam, 0)
            totals[i][1] += lay.positions.get(fam, 0)
            totals[i][2] += lay.distinct.get(fam, 0)
            cells.append(f"{per(lay.terms.get(fam, 0), lay.docs)} / {per(lay.positions.get(fam, 0), lay.docs)}"
                         f" / {lay.distinct.get(fam, 0):,}")
        print(f"| {fam} | " + " | ".join(cells) + " |")
    print("| **all** | " + " | ".join(f"{per(t[0], lay.docs)} / {per(t[1], lay.docs)} / {t[2]:,}"
                                     for t, lay in zip(totals, layouts)) + " |")
    print()
    slots = sorted({s for lay in layouts for s in lay.value_docs})
    print("| value slot (bytes per article) | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for slot in slots:
        print(f"| {slot} | " + " | ".join(per(lay.value_bytes.get(slot, 0), lay.docs) for lay in layouts) + " |")
    print("| values, all | " + " | ".join(per(sum(lay.value_bytes.values()), lay.docs) for lay in layouts) + " |")
    print("| document data | " + " | ".join(per(lay.data_bytes, lay.docs) for lay in layouts) + " |")
    print()
    tables = sorted({t for lay in layouts for t in lay.table_kb})
    print("| glass table (kB on disk) | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for table in tables:
        print(f"| {table} | " + " | ".join(f"{lay.table_kb.get(table, 0):,}" for lay in layouts) + " |")
    print("| **all** | " + " | ".join(f"{sum(lay.table_kb.values()):,}" for lay in layouts) + " |")
    print()
    print("articles read: " + ", ".join(f"{n} {lay.docs:,}" for n, lay in zip(names, layouts)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dbs", nargs="+", metavar="DB")
    parser.add_argument("--names", help="comma-separated column names (default: the paths)")
    parser.add_argument("--sample", type=int, default=0, help="read only the first N articles")
    args = parser.parse_args()
    names = args.names.split(",") if args.names else args.dbs
    if len(names) != len(args.dbs):
        parser.error("--names needs one name per DB")
    print_tables(names, [read(path, args.sample) for path in args.dbs])
    return 0


if __name__ == "__main__":
    sys.exit(main())
