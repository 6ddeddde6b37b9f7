"""Ranking metrics with trec_eval's definitions: nDCG@k, average precision, P@k.

Conventions (the same as `trec_eval -c -m ndcg_cut.10 -m map -m P.10`):

* qrels map a query id to {doc id: relevance}. rel > 0 is relevant and is the
  gain used by nDCG (graded collections keep their grades); rel <= 0 (e.g. -1)
  is judged non-relevant. Documents absent from the qrels are non-relevant.
* A run maps a query id to its ranked list of doc ids, best first. Only the
  first 1000 count for MAP (trec_eval's default cut-off); a doc id repeated in
  a run counts once, at its first rank.
* nDCG@k = DCG@k / ideal DCG@k, with DCG@k = sum over ranks r <= k of
  gain(r) / log2(r + 1), and the ideal built from *all* judged relevant docs of
  the query sorted by gain (not only those the system retrieved).
* AP = (sum of precision@r over the ranks r of the relevant docs retrieved) /
  (number of relevant docs judged for the query).
* P@k = relevant docs in the first k / k (k, not the number retrieved).
* Means are taken over the queries that have at least one relevant doc; a
  query the system returns nothing for scores 0 (trec_eval's -c).

Standard library only, so it runs with /usr/bin/python3 anywhere.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Mapping, Sequence

Qrels = Dict[str, Dict[str, int]]
Run = Mapping[str, Sequence[str]]

MAP_DEPTH = 1000


def read_qrels(path) -> Qrels:
    """Reads `qid<TAB>docid<TAB>rel` lines (also the 4-column TREC form
    `qid 0 docid rel`, split on any whitespace). Blank lines are skipped.

    @raises ValueError naming the file and line for a malformed line.
    """
    qrels: Qrels = {}
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) == 3:
                qid, docid, rel = parts
            elif len(parts) == 4:
                qid, _, docid, rel = parts
            else:
                raise ValueError(f"{path}:{lineno}: expected 'qid docid rel', got {line.rstrip()!r}")
            try:
                qrels.setdefault(qid, {})[docid] = int(rel)
            except ValueError:
                raise ValueError(f"{path}:{lineno}: relevance is not an integer: {rel!r}") from None
    return qrels


def _dedup(ranking: Iterable[str]) -> List[str]:
    seen = set()
    out = []
    for d in ranking:
        if d not in seen:
            seen.add(d)
            out.append(d)
    return out


def num_relevant(judgements: Mapping[str, int]) -> int:
    return sum(1 for r in judgements.values() if r > 0)


def dcg(gains: Iterable[float]) -> float:
    """Discounted cumulative gain of gains listed by rank (rank 1 first)."""
    return sum(g / math.log2(rank + 1) for rank, g in enumerate(gains, 1) if g > 0)


def ndcg_at(ranking: Sequence[str], judgements: Mapping[str, int], k: int = 10) -> float:
    ideal = dcg(sorted((r for r in judgements.values() if r > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    got = dcg(max(judgements.get(d, 0), 0) for d in _dedup(ranking)[:k])
    return got / ideal


def average_precision(ranking: Sequence[str], judgements: Mapping[str, int],
                      depth: int = MAP_DEPTH) -> float:
    nrel = num_relevant(judgements)
    if nrel == 0:
        return 0.0
    hits = 0
    total = 0.0
    for rank, d in enumerate(_dedup(ranking)[:depth], 1):
        if judgements.get(d, 0) > 0:
            hits += 1
            total += hits / rank
    return total / nrel


def precision_at(ranking: Sequence[str], judgements: Mapping[str, int], k: int = 10) -> float:
    return sum(1 for d in _dedup(ranking)[:k] if judgements.get(d, 0) > 0) / k


METRICS = ("nDCG@10", "MAP", "P@10")


@dataclass
class Evaluation:
    """Mean metrics over the evaluated queries, and per-query values."""
    means: Dict[str, float]
    per_query: Dict[str, Dict[str, float]] = field(default_factory=dict)

    @property
    def num_queries(self) -> int:
        return len(self.per_query)


def evaluate_query(ranking: Sequence[str], judgements: Mapping[str, int]) -> Dict[str, float]:
    return {
        "nDCG@10": ndcg_at(ranking, judgements, 10),
        "MAP": average_precision(ranking, judgements, MAP_DEPTH),
        "P@10": precision_at(ranking, judgements, 10),
    }


def evaluate(run: Run, qrels: Mapping[str, Mapping[str, int]]) -> Evaluation:
    """Scores @p run against @p qrels over every query with >= 1 relevant doc.

    Queries missing from the run count as empty rankings (score 0); queries in
    the run but not in the qrels, or with no relevant doc, are ignored.
    """
    per_query = {}
    for qid, judgements in qrels.items():
        if num_relevant(judgements) == 0:
            continue
        per_query[qid] = evaluate_query(run.get(qid, ()), judgements)
    n = len(per_query)
    means = {m: (sum(v[m] for v in per_query.values()) / n if n else 0.0) for m in METRICS}
    return Evaluation(means=means, per_query=per_query)


@dataclass
class Risk:
    """Per-query comparison of a system with a baseline on one metric
    (Collins-Thompson's robustness index, as TREC's robust tracks report it)."""
    queries: int
    wins: int          # queries where the system scores higher than the baseline
    losses: int        # ... lower
    big_losses: int    # ... lower by more than the threshold
    mean_delta: float

    @property
    def robustness_index(self) -> float:
        """(wins - losses) / queries: 1 = better on every query, -1 = worse on every one."""
        return (self.wins - self.losses) / self.queries if self.queries else 0.0


def risk(system: Evaluation, baseline: Evaluation, metric: str = "nDCG@10",
         big_loss: float = 0.1, tie: float = 1e-9) -> Risk:
    """Wins and losses of @p system against @p baseline over the queries both
    scored; a difference within @p tie is a tie, a loss of more than
    @p big_loss also counts in big_losses."""
    qids = [q for q in system.per_query if q in baseline.per_query]
    deltas = [system.per_query[q][metric] - baseline.per_query[q][metric] for q in qids]
    return Risk(queries=len(deltas), wins=sum(1 for d in deltas if d > tie),
                losses=sum(1 for d in deltas if d < -tie), big_losses=sum(1 for d in deltas if d < -big_loss),
                mean_delta=sum(deltas) / len(deltas) if deltas else 0.0)
