#!/usr/bin/python3
"""tune-ranking: leave-one-collection-out tuning of ranking settings in the
python3-xapian prototype (scripts/lib/xapianlab.py, newsdex's term layout).

usage: scripts/tune-ranking [--grid NAME] [--out FILE.jsonl] COLLECTION_DIR...
       scripts/tune-ranking --loo-from FILE.jsonl...   (leave-one-out over earlier --out files together)
       scripts/tune-ranking --by mean ...               (choose by the mean, not the worst, collection)

For every setting in the grid it measures nDCG@10 on every collection; then,
for each collection held out in turn, it picks the setting with the best mean
nDCG@10 on the *other* collections and reports the held-out score. That is an
honest estimate of how a setting chosen this way does on a collection it was
not tuned on (the held-out news collections, for one).

Grids: bm25 (k1 x b, no feedback), news (k1 x b and proximity without
feedback, for issue 13's news collections), prf (k1 x b x feedback), ablation (one
idea at a time against the recommended setting), rounds (newsdex's own
feedback, common/src/ranking.cpp, with 1-4 rounds and variations), schemes
(Xapian's other weighting schemes, with and without that feedback), fusion
(another scheme or a fused ranking for feedback's first pass, another final
scheme, sequential-dependence proximity), ensemble (IneB2 in one pass; two
whole runs, BM25 and another scheme, fused), regularise (score regularisation
over the top docs' similarity graph, with 1-3 feedback rounds), dfr-bo1 (DPH, DLH, IneB2 or
BM25 with Xapian's Bo1 feedback, as Terrier pairs them), title (title wdf
and query-time title terms with their own length normalisation).
"""

import argparse
import itertools
import json
import sys
from dataclasses import asdict, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "lib"))

import irharness  # noqa: E402
import irmetrics  # noqa: E402
from xapianlab import LabConfig, LabIndex, LabSearcher  # noqa: E402

# newsdex today: title words get wdf 1 + 3 (common/src/document_builder.hpp).
NEWSDEX_TITLE_WDF = 4
# What this script recommends (see docs/RANKING.md); the ablation grid varies one thing at a time.
RECOMMENDED = LabConfig(title_wdf=NEWSDEX_TITLE_WDF, lowercase=True, stopwords=True, k1=1.2, b=0.75,
                        prf_docs=10, prf_terms=20, prf_weight=0.5)


def grid(name):
    base = LabConfig(title_wdf=NEWSDEX_TITLE_WDF, lowercase=True, stopwords=True)
    if name == "bm25":
        for k1, b in itertools.product((0.6, 0.9, 1.2, 1.6, 2.0), (0.3, 0.5, 0.75, 0.9)):
            yield f"k1={k1} b={b}", replace(base, k1=k1, b=b)
    elif name == "prf":
        for k1, b in itertools.product((1.2, 1.6, 2.0, 2.5), (0.5, 0.75)):
            yield f"k1={k1} b={b} noprf", replace(base, k1=k1, b=b)
            for d, t, w in ((10, 20, 0.5), (10, 20, 1.0), (20, 20, 0.5), (20, 40, 0.5), (5, 20, 0.5)):
                yield f"k1={k1} b={b} prf{d}x{t}w{w}", replace(base, k1=k1, b=b, prf_docs=d, prf_terms=t,
                                                                prf_weight=w)
    elif name == "rounds":
        # Feedback as newsdex ships it (common/src/ranking.cpp), one or more rounds.
        shipped = replace(base, k1=1.6, b=0.5, prf_docs=10, prf_terms=10, prf_weight=0.5, prf_scheme="newsdex")
        yield "no feedback", replace(shipped, prf_docs=0)
        for rounds in (1, 2, 3, 4):
            r = replace(shipped, prf_rounds=rounds)
            yield f"{rounds} round(s)", r
            if rounds in (2, 3):
                yield f"{rounds} rounds, weight 0.4", replace(r, prf_weight=0.4)
                yield f"{rounds} rounds, weight 0.7", replace(r, prf_weight=0.7)
                yield f"{rounds} rounds, 20 terms", replace(r, prf_terms=20)
                yield f"{rounds} rounds, 15 docs", replace(r, prf_docs=15)
                yield f"{rounds} rounds, k1 2.0 b 0.75", replace(r, k1=2.0, b=0.75)
    elif name == "dfr-bo1":
        # Terrier's classic pairing: a DFR scheme with Bo1 feedback (Xapian's ESet, OR-ed)
        shipped = replace(base, k1=1.6, b=0.5, prf_docs=10, prf_terms=10, prf_weight=0.5, prf_scheme="newsdex")
        yield "shipped (BM25 k1 1.6 b 0.5, 1 round)", shipped
        for w in ("dph", "dlh", "ineb2", "bm25"):
            for docs, terms, weight in ((3, 10, 0.5), (3, 10, 1.0), (10, 10, 0.5), (10, 20, 1.0)):
                yield f"{w}, Bo1 {docs} docs x {terms} terms x {weight}", replace(
                    shipped, weighting=w, scheme_param=1.0 if w == "ineb2" else 0.0, prf_scheme="bo1",
                    prf_docs=docs, prf_terms=terms, prf_weight=weight)
    elif name == "title":
        # Title against body: the title's wdf in the main/stem terms, and the title terms (S/ZS, whose
        # length is the title's, so their own length normalisation: BM25F's idea, summed per field)
        # added at query time
        shipped = replace(base, k1=1.6, b=0.5, prf_docs=10, prf_terms=10, prf_weight=0.5, prf_scheme="newsdex")
        yield "shipped (BM25 k1 1.6 b 0.5, 1 round)", shipped
        for wdf in (1, 2, 3, 6):
            yield f"title wdf {wdf}", replace(shipped, title_wdf=wdf)
        for wdf, boost in ((1, 0.5), (1, 1.0), (1, 2.0), (2, 0.5), (4, 0.25)):
            yield f"title wdf {wdf} + title terms x{boost}", replace(shipped, title_wdf=wdf, title_boost=boost)
    elif name == "ensemble":
        # IneB2 (the best other scheme) in one pass only, and two whole runs fused
        shipped = replace(base, k1=1.6, b=0.5, prf_docs=10, prf_terms=10, prf_weight=0.5, prf_scheme="newsdex")
        yield "shipped (BM25 k1 1.6 b 0.5, 1 round)", shipped
        yield "first pass ineb2 c=1.0, final BM25", replace(shipped, fb_weighting="ineb2", fb_param=1.0)
        yield "first pass rrf(BM25, ineb2 c=1.0)", replace(shipped, fb_weighting="ineb2", fb_param=1.0,
                                                              fb_fusion="rrf")
        yield "first pass BM25, final ineb2 c=1.0", replace(shipped, weighting="ineb2", scheme_param=1.0,
                                                               fb_weighting="bm25")
        for c in (0.5, 2.0, 4.0):
            yield f"ineb2 c={c} both passes", replace(shipped, weighting="ineb2", scheme_param=c)
        for other in ("ineb2:1.0", "inl2:1.0", "dph:0"):
            for fusion in ("combsum", "rrf"):
                yield f"final {fusion}(BM25 run, {other} run)", replace(
                    shipped, ensemble=other, ensemble_fusion=fusion)
    elif name in ("schemes", "fusion"):
        # Other weighting schemes (final pass, feedback's first pass, or both), fusion of two first
        # passes, and sequential-dependence proximity, all with newsdex's one-round feedback.
        shipped = replace(base, k1=1.6, b=0.5, prf_docs=10, prf_terms=10, prf_weight=0.5, prf_scheme="newsdex")
        yield "shipped (BM25 k1 1.6 b 0.5, 1 round)", shipped
        if name == "schemes":
            for w, c in (("dph", 0), ("dlh", 0), ("pl2", 1.0), ("pl2", 7.0), ("inl2", 1.0), ("bb2", 1.0),
                         ("ifb2", 1.0), ("ineb2", 1.0), ("lm", 300), ("lm", 1000), ("lm", 2000), ("lm2", 1000),
                         ("lmjm", 0.7), ("tfidf:ntn", 0), ("tfidf:lpn", 0), ("bm25+", 0)):
                cfg = replace(shipped, weighting=w, scheme_param=c)
                yield f"{w} c={c} both passes", cfg
                yield f"{w} c={c} both passes, no feedback", replace(cfg, prf_docs=0)
        else:
            for w, c in (("dph", 0), ("dlh", 0), ("lm", 1000), ("pl2", 7.0), ("inl2", 1.0)):
                yield f"first pass {w} c={c}, final BM25", replace(shipped, fb_weighting=w, fb_param=c)
                for fusion in ("rrf", "combsum"):
                    yield f"first pass {fusion}(BM25, {w} c={c})", replace(
                        shipped, fb_weighting=w, fb_param=c, fb_fusion=fusion)
                yield f"first pass BM25, final {w} c={c}", replace(
                    shipped, weighting=w, scheme_param=c, fb_weighting="bm25")
            for kind, window, weight in (("sdm", 8, 0.05), ("sdm", 8, 0.1), ("phrase", 2, 0.05),
                                         ("phrase", 2, 0.1), ("near", 8, 0.05)):
                yield f"+ {kind} window {window} x{weight}", replace(
                    shipped, prox_kind=kind, prox_window=window, prox_weight=weight)
    elif name == "regularise":
        # Score regularisation of the final top docs over their similarity graph, with 1-3 feedback
        # rounds, later rounds from a new pass or from re-ranking the first pass's top 30.
        shipped = replace(base, k1=1.6, b=0.5, prf_docs=10, prf_terms=10, prf_weight=0.5, prf_scheme="newsdex")
        for rounds, pool in ((1, 0), (2, 0), (2, 30), (3, 0), (3, 30)):
            r = replace(shipped, prf_rounds=rounds, prf_pool=pool)
            label = f"{rounds} round(s)" + (f", pool {pool}" if pool else "")
            yield label, r
            for depth, alpha, nbrs in itertools.product((20, 30, 50), (0.3, 0.4, 0.5), (5, 10)):
                yield f"{label}, regularise {depth} x {alpha}, {nbrs} neighbours", replace(
                    r, reg_depth=depth, reg_alpha=alpha, reg_neighbours=nbrs)
    elif name == "news":
        # Issue 13: length normalisation and proximity without feedback, for news (short wires,
        # long features, headlines) beside the abstracts; newsdex's title wdf.
        for k1, b in itertools.product((0.9, 1.2, 1.6, 2.0), (0.5, 0.65, 0.75, 0.9)):
            cfg = replace(base, k1=k1, b=b)
            yield f"k1={k1} b={b}", cfg
            if (k1, b) in ((1.2, 0.75), (1.6, 0.5), (1.2, 0.65)):
                for kind, window, weight in (("sdm", 8, 0.1), ("sdm", 8, 0.2), ("phrase", 2, 0.1),
                                             ("near", 8, 0.1)):
                    yield f"k1={k1} b={b} + {kind} window {window} x{weight}", replace(
                        cfg, prox_kind=kind, prox_window=window, prox_weight=weight)
    elif name == "ablation":
        r = RECOMMENDED
        yield "recommended", r
        yield "xapian defaults k1=1 b=0.5", replace(r, k1=1.0, b=0.5)
        yield "no feedback", replace(r, prf_docs=0)
        yield "no stopwords", replace(r, stopwords=False)
        yield "query case kept (STEM_SOME skips capitals)", replace(r, lowercase=False)
        yield "case kept + STEM_ALL_Z", replace(r, lowercase=False, stem="all_z")
        yield "title wdf 1 (no title boost)", replace(r, title_wdf=1)
        yield "title wdf 2", replace(r, title_wdf=2)
        yield "+ title terms 0.5 at query time", replace(r, title_boost=0.5)
        yield "feedback bo1", replace(r, prf_scheme="bo1")
        yield "feedback rm3", replace(r, prf_scheme="rm3")
        yield "+ proximity NEAR/5 pairs x0.1", replace(r, prox_window=5, prox_weight=0.1)
        yield "newsdex-or today (case kept, no stop, k1=1 b=.5, no fb)", replace(
            r, lowercase=False, stopwords=False, k1=1.0, b=0.5, prf_docs=0)
    else:
        raise SystemExit(f"tune-ranking: unknown grid {name!r} (bm25, news, prf, ablation, rounds, schemes, fusion, ensemble, dfr-bo1, title, regularise)")


def leave_one_out(scores, names, by="mean"):
    """For each collection, the setting with the best nDCG@10 on the others, scored on it.

    @p by "mean": the best mean nDCG@10 of the others; "worst": the best worst
    collection among the others, each collection's nDCG@10 divided by the best
    any setting reached there (so that a collection scoring 0.4 and one scoring
    0.9 weigh alike); the held-out score is reported both ways."""
    oracle = {n: max(scores[s][n]["nDCG@10"] for s in scores) or 1.0 for n in names}

    def rel(s, n):
        return scores[s][n]["nDCG@10"] / oracle[n]

    def criterion(s, others):
        if by == "worst":
            return min(rel(s, n) for n in others)
        return sum(scores[s][n]["nDCG@10"] for n in others)

    print(f"\nleave-one-collection-out (setting chosen on the other collections' {by} nDCG@10"
          f"{' / best setting there' if by == 'worst' else ''}):")
    total, worst = 0.0, 1.0
    for held in names:
        others = [n for n in names if n != held]
        best = max(scores, key=lambda s: criterion(s, others))
        got = scores[best][held]["nDCG@10"]
        total += got
        worst = min(worst, rel(best, held))
        print(f"  {held:<14} chosen {best:<44} held-out nDCG@10 {got:.4f} ({rel(best, held):.3f} of the best "
              f"on {held} itself, {oracle[held]:.4f})")
    print(f"  mean held-out nDCG@10 {total / len(names):.4f}, worst held-out / best {worst:.3f}, "
          f"over {len(scores)} settings")


def loo_from(files, by="mean"):
    """Leave-one-out over the settings of several --out files (the same label twice counts once)."""
    scores = {}
    for path in files:
        with open(path) as f:
            for line in f:
                rec = json.loads(line)
                scores[rec["setting"]] = rec["scores"]
    names = sorted(set.intersection(*(set(row) for row in scores.values())))
    leave_one_out(scores, names, by)


def main():
    ap = argparse.ArgumentParser(prog="tune-ranking", description=__doc__.split("\n\n")[0])
    ap.add_argument("collections", nargs="*")
    ap.add_argument("--grid", default="bm25")
    ap.add_argument("--out", help="append one JSON line per setting here")
    ap.add_argument("--loo-from", nargs="+", metavar="FILE.jsonl",
                    help="no new runs: leave-one-out over the settings in these --out files")
    ap.add_argument("--by", choices=("mean", "worst"), default="worst",
                    help="leave-one-out criterion: the other collections' mean nDCG@10, or their worst "
                         "(each divided by the best setting's there; default: %(default)s, issue 13)")
    args = ap.parse_args()
    if args.loo_from:
        return loo_from(args.loo_from, args.by)
    if not args.collections:
        ap.error("give collection folders (or --loo-from)")
    colls = [irharness.load_collection(p) for p in args.collections]
    indexes = {}
    scores = {}  # setting -> {collection: means}
    names = [c.name for c in colls]
    print(f"{'setting':<58}" + "".join(f"{n[:14]:>15}" for n in names) + f"{'mean':>9}", flush=True)
    for label, cfg in grid(args.grid):
        row = {}
        for c in colls:
            key = (c.name, cfg.title_wdf)
            if key not in indexes:
                indexes[key] = LabIndex(c, cfg.title_wdf)
            s = LabSearcher(indexes[key], cfg)
            run = {q: s.search(t, irmetrics.MAP_DEPTH) for q, t in c.judged_queries}
            row[c.name] = irmetrics.evaluate(run, c.qrels).means
        scores[label] = row
        nd = [row[n]["nDCG@10"] for n in names]
        print(f"{label:<58}" + "".join(f"{x:>15.4f}" for x in nd) + f"{sum(nd) / len(nd):>9.4f}", flush=True)
        if args.out:
            with open(args.out, "a") as f:
                f.write(json.dumps({"grid": args.grid, "setting": label, "config": asdict(cfg), "scores": row}) + "\n")
    if len(colls) > 1:
        leave_one_out(scores, names, args.by)


if __name__ == "__main__":
    main()
