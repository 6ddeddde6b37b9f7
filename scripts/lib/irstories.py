"""Story-level evaluation for scripts/eval-ranking --stories (issue 13).

newsdex shows one hit per story: near-duplicate wire copies are collapsed
into the best-scoring one (README "Wire copies and near-duplicates"). A
judgement set made per document then punishes it twice over: a known item
hidden behind its own copy counts as not found, and a query whose relevant
set is a story and its exact copy can never reach nDCG 1. Story-level
evaluation scores every system the same way, as a user reads a result list:

* a story's gain is the best gain of its documents (story_qrels);
* a ranking keeps the first document of each story and drops its later
  copies (story_run), so a system is neither credited for showing a copy
  twice nor blamed for showing one copy instead of another.

The stories are newsdex's own near-duplicate clusters (the index's cluster
value, schema::slot_cluster = 5); an article of no cluster is its own story.
This is the judgement of newsdex's duplicate detector, applied to every
system alike; docs/RANKING.md ("News") reports both views.
"""

from __future__ import annotations

from typing import Dict, List, Mapping, Sequence

SLOT_CLUSTER = 5  # common/include/newsdex/schema.hpp: slot_cluster
PREFIX_ID = "Q"   # schema::prefix_id


def read_stories(db_path) -> Dict[str, str]:
    """{article id: story id} of the newsdex index at @p db_path (python3-xapian):
    the cluster value, or the article's own id when it has none."""
    import xapian  # python3-xapian (Debian)

    db = xapian.Database(str(db_path))
    stories = {}
    try:
        for t in db.allterms(PREFIX_ID):
            article = t.term[len(PREFIX_ID):].decode("utf-8")
            for posting in db.postlist(t.term):
                cluster = db.get_document(posting.docid).get_value(SLOT_CLUSTER).decode("utf-8")
                stories[article] = "story:" + cluster if cluster else article
    finally:
        db.close()
    return stories


def story_qrels(qrels: Mapping[str, Mapping[str, int]], stories: Mapping[str, str]) -> Dict[str, Dict[str, int]]:
    """@p qrels per story: each story judged with the best judgement of its
    documents (unknown documents are their own story)."""
    out: Dict[str, Dict[str, int]] = {}
    for qid, judgements in qrels.items():
        by_story: Dict[str, int] = {}
        for doc, rel in judgements.items():
            story = stories.get(doc, doc)
            by_story[story] = max(by_story.get(story, rel), rel)
        out[qid] = by_story
    return out


def story_ranking(ranking: Sequence[str], stories: Mapping[str, str]) -> List[str]:
    """@p ranking as stories: the first document of each, later copies dropped."""
    seen = set()
    out = []
    for doc in ranking:
        story = stories.get(doc, doc)
        if story not in seen:
            seen.add(story)
            out.append(story)
    return out


def story_run(run: Mapping[str, Sequence[str]], stories: Mapping[str, str]) -> Dict[str, List[str]]:
    """Every ranking of @p run as story_ranking()."""
    return {qid: story_ranking(ranking, stories) for qid, ranking in run.items()}
