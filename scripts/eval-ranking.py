#!/usr/bin/python3
"""eval-ranking: measure newsdex's ranking against plain Xapian and SQLite FTS5.

usage: scripts/eval-ranking [options] COLLECTION_DIR [COLLECTION_DIR ...]

Each COLLECTION_DIR holds docs.jsonl, queries.jsonl and qrels.tsv (the format
of shared/corpora/ir/<name>/). For each, every system indexes the same docs
and runs the same judged queries; the table shows nDCG@10, MAP (@1000) and
P@10 with trec_eval's definitions (see scripts/lib/irmetrics.py) and, per
metric, newsdex divided by the best baseline.

Examples:
  scripts/eval-ranking /work/shared/corpora/ir/{cran,med,cisi,lisa}
  scripts/eval-ranking --systems xapian,fts5 /work/shared/corpora/ir/med
  scripts/eval-ranking --python-system my_idea.py:make_system --systems xapian,fts5 DIR
  scripts/eval-ranking --json out.json --newsdex-bin build DIR
  scripts/eval-ranking --stories --newsdex-bin build NEWS_DIR/bbc-caps
  scripts/eval-ranking --newsdex-query and --systems newsdex,xapian-and,fts5-and,xapian NEWS_DIR/reuters-topics

With --newsdex-query and as the last mode, the ratio row divides by the
better of xapian-and and fts5-and (the same words, every one required:
the same matches as newsdex's default mode, up to tokenising), and the
risk lines compare every system with xapian-and as well as with xapian.

--stories also scores every system at story level (scripts/lib/irstories.py):
newsdex's near-duplicate clusters are the stories, each judged by its best
document, each ranking keeping the first document of each story. newsdex
shows one hit per story, so a known item behind its own wire copy is found,
not missed; the baselines are deduplicated the same way.

Exit codes: 0 ok, 2 usage error (bad option, missing collection or binary),
1 a system failed while indexing or searching.
"""

import argparse
import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "lib"))

import irharness  # noqa: E402
import irmetrics  # noqa: E402
import irstories  # noqa: E402
import irsystems  # noqa: E402

PROG = "eval-ranking"
BASELINES = ("xapian", "fts5")
# The baselines of the query language's default AND mode: the same words, every one required.
AND_BASELINES = ("xapian-and", "fts5-and")
SYSTEMS = ("newsdex", "xapian", "xapian-lc", "fts5", "xapian-and", "fts5-and")


def load_python_system(spec: str) -> irsystems.CallableSystem:
    """FILE.py:FACTORY -> CallableSystem(FACTORY, name=FACTORY)."""
    path, _, func = spec.rpartition(":")
    if not path or not func:
        raise ValueError(f"--python-system wants FILE.py:FACTORY, got {spec!r}")
    mod_spec = importlib.util.spec_from_file_location(Path(path).stem, path)
    if mod_spec is None:
        raise ValueError(f"--python-system: cannot load {path!r}")
    module = importlib.util.module_from_spec(mod_spec)
    sys.path.insert(0, str(Path(path).resolve().parent))
    mod_spec.loader.exec_module(module)
    if not hasattr(module, func):
        raise ValueError(f"--python-system: {path} has no {func!r}")
    return irsystems.CallableSystem(getattr(module, func), name=func)


def story_level(coll, result: irharness.SystemResult, stories) -> irharness.SystemResult:
    """@p result scored per story (irstories): its rankings deduplicated by story, the qrels per story."""
    run = irstories.story_run(result.run, stories)
    evaluation = irmetrics.evaluate(run, irstories.story_qrels(coll.qrels, stories))
    return irharness.SystemResult(system=result.system, collection=result.collection, evaluation=evaluation,
                                  run=run, index_seconds=result.index_seconds, search_seconds=result.search_seconds)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="\n\n".join(__doc__.split("\n\n")[2:]))
    ap.add_argument("collections", nargs="+", metavar="COLLECTION_DIR")
    ap.add_argument("--newsdex-bin", metavar="DIR", type=Path, default=HERE.parent / "build",
                    help="build dir (with indexer/ and searcher/) or dir holding newsdex-index "
                         "and newsdex-search (default: %(default)s)")
    ap.add_argument("--systems", default="newsdex,xapian,fts5",
                    help="comma-separated, from newsdex, xapian, xapian-lc (query lower-cased "
                         "first), fts5, xapian-and and fts5-and (every word required: the "
                         "baselines of --newsdex-query and) (default: %(default)s)")
    ap.add_argument("--python-system", action="append", default=[], metavar="FILE.py:FACTORY",
                    help="also run FACTORY(collection, workdir) -> search(text, k); repeatable")
    ap.add_argument("--search-arg", action="append", default=[], metavar="ARG",
                    help="extra argument for newsdex-search (repeatable), e.g. --search-arg=--no-feedback")
    ap.add_argument("--index-arg", action="append", default=[], metavar="ARG",
                    help="extra argument for newsdex-index (repeatable)")
    ap.add_argument("--newsdex-query", choices=("natural", "or", "and"), action="append", metavar="MODE",
                    help="how queries reach newsdex-search: natural (the sentence as given, with "
                         "--natural: newsdex's natural-language mode; default), or (the sanitised "
                         "words joined with OR in the query language) or and (the sentence made safe, "
                         "as a shell user types it, in the query language with its default AND); repeatable")
    ap.add_argument("--stories", action="store_true",
                    help="also score every system per story (newsdex's near-duplicate clusters; needs the "
                         "newsdex system)")
    ap.add_argument("--jobs", type=int, default=2, help="concurrent newsdex-search processes (default 2)")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON ('-' = stdout only)")
    ap.add_argument("--run-dir", metavar="DIR", type=Path,
                    help="write each system's ranking as a TREC run file DIR/<collection>.<system>.run")
    args = ap.parse_args(argv)

    wanted = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [s for s in wanted if s not in SYSTEMS]
    if unknown:
        print(f"{PROG}: unknown system {unknown[0]!r} (choose from {', '.join(SYSTEMS)})", file=sys.stderr)
        return 2
    if args.stories and "newsdex" not in wanted:
        print(f"{PROG}: --stories needs the newsdex system (its index holds the stories)", file=sys.stderr)
        return 2

    def make_systems():
        out = []
        for s in wanted:
            if s == "newsdex":
                index_bin, search_bin = irsystems.find_newsdex_binaries(args.newsdex_bin)
                if not index_bin or not search_bin:
                    raise FileNotFoundError(
                        f"newsdex binaries not found under {args.newsdex_bin} (looked for newsdex-index "
                        f"and newsdex-search there and in indexer/, searcher/); pass --newsdex-bin DIR, "
                        f"or --systems xapian,fts5 for the baselines only")
                for mode in args.newsdex_query or ["natural"]:
                    out.append(irsystems.NewsdexCli(index_bin, search_bin, args.search_arg, args.index_arg, mode,
                                                    read_stories=args.stories))
            elif s == "xapian":
                out.append(irsystems.XapianBaseline())
            elif s == "xapian-lc":
                out.append(irsystems.XapianBaseline(lowercase_query=True))
            elif s == "fts5":
                out.append(irsystems.Fts5Baseline())
            elif s == "xapian-and":
                out.append(irsystems.XapianBaseline(all_words=True))
            elif s == "fts5-and":
                out.append(irsystems.Fts5Baseline(all_words=True))
        for spec in args.python_system:
            out.append(load_python_system(spec))
        return out

    try:
        make_systems()  # fail fast on missing binaries or bad --python-system
        collections = [irharness.load_collection(p) for p in args.collections]
    except (FileNotFoundError, ValueError, ImportError) as e:
        print(f"{PROG}: {e}", file=sys.stderr)
        return 2

    table, story_table = {}, {}
    for coll in collections:
        results = []
        stories = None
        for system in make_systems():
            print(f"{PROG}: {coll.name}: {system.name} ...", file=sys.stderr, flush=True)
            jobs = args.jobs if isinstance(system, irsystems.NewsdexCli) else 1
            try:
                res = irharness.run(coll, system, jobs=jobs)
            except Exception as e:  # report which system and collection, then stop
                print(f"{PROG}: {coll.name}: {system.name} failed: {e}", file=sys.stderr)
                return 1
            results.append(res)
            if getattr(system, "stories", None) is not None:
                stories = system.stories
            if args.run_dir:
                args.run_dir.mkdir(parents=True, exist_ok=True)
                with open(args.run_dir / f"{coll.name}.{system.name}.run", "w") as f:
                    for qid, ranking in res.run.items():
                        for rank, docid in enumerate(ranking, 1):
                            f.write(f"{qid} Q0 {docid} {rank} {len(ranking) - rank + 1} {system.name}\n")
        table[coll.name] = results
        if args.stories:
            story_table[coll.name] = [story_level(coll, r, stories) for r in results]

    ratio_of = None
    baselines = BASELINES
    if "newsdex" in wanted:  # the ratio row is for the last newsdex mode asked for
        mode = (args.newsdex_query or ["natural"])[-1]
        ratio_of = "newsdex" if mode == "natural" else f"newsdex-{mode}"
        if mode == "and":
            baselines = AND_BASELINES
    data = irharness.to_json(table, ratio_of, baselines)
    if args.stories:
        data["story_level"] = irharness.to_json(story_table, ratio_of, baselines)["collections"]
    if args.json == "-":
        json.dump(data, sys.stdout, indent=2)
        print()
        return 0
    sys.stdout.write(irharness.format_table(table, ratio_of, baselines))
    if args.stories:
        sys.stdout.write("\nStory level (one hit per newsdex story, each judged by its best article):\n")
        sys.stdout.write(irharness.format_table(story_table, ratio_of, baselines))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(data, f, indent=2)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
