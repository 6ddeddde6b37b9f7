"""Runs retrieval systems over test collections and tabulates the metrics.

A collection is a folder with docs.jsonl ({"id","title","body",...}),
queries.jsonl ({"id","text",...}) and qrels.tsv (qid<TAB>docid<TAB>rel), the
format of shared/corpora/ir/<name>/. Use from Python:

    import irharness, irsystems
    coll = irharness.load_collection("/work/shared/corpora/ir/med")
    result = irharness.run(coll, irsystems.CallableSystem(my_factory))
    print(result.evaluation.means)
"""

from __future__ import annotations

import json
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import irmetrics

RUN_DEPTH = irmetrics.MAP_DEPTH


@dataclass
class Collection:
    name: str
    path: Path
    docs: List[dict]
    queries: List[tuple]  # (qid, text)
    qrels: irmetrics.Qrels

    @property
    def docs_path(self) -> Path:
        return self.path / "docs.jsonl"

    @property
    def judged_queries(self) -> List[tuple]:
        """The queries that have at least one relevant doc (the ones scored)."""
        return [(q, t) for q, t in self.queries if irmetrics.num_relevant(self.qrels.get(q, {})) > 0]


def _read_jsonl(path: Path, required: Sequence[str]) -> List[dict]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{lineno}: invalid JSON: {e}") from None
            for key in required:
                if key not in row:
                    raise ValueError(f"{path}:{lineno}: missing field {key!r}")
            row["id"] = str(row["id"])
            rows.append(row)
    return rows


def load_collection(path) -> Collection:
    """@raises FileNotFoundError or ValueError naming the file at fault."""
    path = Path(path)
    for name in ("docs.jsonl", "queries.jsonl", "qrels.tsv"):
        if not (path / name).is_file():
            raise FileNotFoundError(f"{path}: no {name} (expected docs.jsonl, queries.jsonl, qrels.tsv)")
    docs = _read_jsonl(path / "docs.jsonl", ("id",))
    queries = [(q["id"], q["text"]) for q in _read_jsonl(path / "queries.jsonl", ("id", "text"))]
    qrels = irmetrics.read_qrels(path / "qrels.tsv")
    return Collection(name=path.resolve().name, path=path, docs=docs, queries=queries, qrels=qrels)


@dataclass
class SystemResult:
    system: str
    collection: str
    evaluation: irmetrics.Evaluation
    run: Dict[str, List[str]]
    index_seconds: float
    search_seconds: float


def run(collection: Collection, system, workdir: Optional[Path] = None, jobs: int = 1,
        depth: int = RUN_DEPTH) -> SystemResult:
    """Indexes @p collection with @p system, runs its judged queries and scores them.

    @p jobs > 1 runs queries concurrently (useful for systems that spawn a
    process per query); in-process systems should keep 1.
    """
    with tempfile.TemporaryDirectory(prefix=f"eval-{collection.name}-{system.name}-") as tmp:
        wd = Path(workdir) if workdir else Path(tmp)
        wd.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        system.index(collection, wd)
        t1 = time.perf_counter()
        queries = collection.judged_queries
        try:
            if hasattr(system, "search_all"):
                rankings = system.search_all([t for _, t in queries], depth)
            elif jobs > 1:
                with ThreadPoolExecutor(max_workers=jobs) as pool:
                    rankings = list(pool.map(lambda qt: system.search(qt[1], depth), queries))
            else:
                rankings = [system.search(t, depth) for _, t in queries]
        finally:
            t2 = time.perf_counter()
            system.close()
    ranked = {qid: r for (qid, _), r in zip(queries, rankings)}
    return SystemResult(system=system.name, collection=collection.name,
                        evaluation=irmetrics.evaluate(ranked, collection.qrels), run=ranked,
                        index_seconds=t1 - t0, search_seconds=t2 - t1)


def ratios(results: Sequence[SystemResult], system: str, baselines: Sequence[str]) -> Dict[str, float]:
    """@p system's metric / the best of @p baselines, per metric (nan if absent)."""
    by = {r.system: r.evaluation.means for r in results}
    out = {}
    for m in irmetrics.METRICS:
        best = max((by[b][m] for b in baselines if b in by), default=0.0)
        out[m] = by[system][m] / best if system in by and best > 0 else float("nan")
    return out


RISK_BASELINE = "xapian"  # plain BM25: what "do no harm" is measured against (issue 13)
# Plain BM25 with every word required: the same for the query language's default AND mode.
RISK_BASELINES = (RISK_BASELINE, "xapian-and")


def risk_lines(results: Sequence[SystemResult]) -> List[str]:
    """Per system, its per-query nDCG@10 against each of RISK_BASELINES present
    (xapian-and only for the other AND-mode systems): wins/losses, robustness
    index, queries losing more than 0.1 (empty without a baseline)."""
    by = {r.system: r for r in results}
    lines = []
    for baseline in RISK_BASELINES:
        if baseline in by:
            lines.extend(_risk_lines_against(results, baseline))
    return lines


def _compared_with(system: str, baseline: str) -> bool:
    """Whether @p system's risk is reported against @p baseline (AND systems against xapian-and)."""
    if system == baseline:
        return False
    return baseline == RISK_BASELINE or system.endswith("-and")


def _risk_lines_against(results: Sequence[SystemResult], baseline: str) -> List[str]:
    by = {r.system: r for r in results}
    lines = []
    for r in results:
        if not _compared_with(r.system, baseline):
            continue
        k = irmetrics.risk(r.evaluation, by[baseline].evaluation)
        lines.append(" " * 20 + f"  {r.system + ' vs ' + baseline:<16} nDCG@10 wins {k.wins:>3} losses {k.losses:>3}"
                     f"  RI {k.robustness_index:+.3f}  losing > 0.1: {k.big_losses:>3}  mean delta {k.mean_delta:+.4f}")
    return lines


def format_table(table: Dict[str, List[SystemResult]], ratio_of: Optional[str],
                 baselines: Sequence[str]) -> str:
    """One table for all collections: a row per system, then the ratio row."""
    head = f"{'collection':<12}{'queries':>8}  {'system':<16}" + "".join(f"{m:>9}" for m in irmetrics.METRICS) \
        + f"{'index s':>9}{'search s':>10}"
    lines = [head, "-" * len(head)]
    for coll, results in table.items():
        for i, r in enumerate(results):
            first = f"{coll:<12}{r.evaluation.num_queries:>8}" if i == 0 else " " * 20
            lines.append(f"{first}  {r.system:<16}"
                         + "".join(f"{r.evaluation.means[m]:>9.4f}" for m in irmetrics.METRICS)
                         + f"{r.index_seconds:>9.2f}{r.search_seconds:>10.2f}")
        present = {r.system for r in results}
        if ratio_of in present and any(b in present for b in baselines):
            rat = ratios(results, ratio_of, baselines)
            lines.append(" " * 20 + f"  {ratio_of + '/best':<16}" + "".join(f"{rat[m]:>8.3f}x" for m in irmetrics.METRICS))
        lines.extend(risk_lines(results))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def to_json(table: Dict[str, List[SystemResult]], ratio_of: Optional[str], baselines: Sequence[str]) -> dict:
    out = {"format_version": 1, "metrics": list(irmetrics.METRICS), "collections": {}}
    for coll, results in table.items():
        entry = {"queries": results[0].evaluation.num_queries if results else 0,
                 "systems": {r.system: {"means": r.evaluation.means, "per_query": r.evaluation.per_query,
                                        "index_seconds": round(r.index_seconds, 3),
                                        "search_seconds": round(r.search_seconds, 3)} for r in results}}
        present = {r.system for r in results}
        if ratio_of in present and any(b in present for b in baselines):
            entry["ratio_to_best_baseline"] = ratios(results, ratio_of, baselines)
        for baseline in RISK_BASELINES:
            base = next((r for r in results if r.system == baseline), None)
            if base is None:
                continue
            entry["risk_vs_" + baseline] = {}
            for r in results:
                if _compared_with(r.system, baseline):
                    k = irmetrics.risk(r.evaluation, base.evaluation)
                    entry["risk_vs_" + baseline][r.system] = {
                        "wins": k.wins, "losses": k.losses, "robustness_index": k.robustness_index,
                        "losing_more_than_0.1": k.big_losses, "mean_delta": k.mean_delta}
        out["collections"][coll] = entry
    return out
