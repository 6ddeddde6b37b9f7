"""The ranking proposed for newsdex's natural-language queries (docs/RANKING.md),
as a python3-xapian prototype on newsdex's term layout:

  scripts/eval-ranking --systems xapian,fts5 \
      --python-system scripts/lib/proposed_ranking.py:proposed DIR...
"""

import xapianlab
from xapianlab import LabConfig

PROPOSED = LabConfig(
    title_wdf=4,                  # as newsdex indexes today (1 + title_wdf_boost 3)
    lowercase=True,               # every query word stemmed (same effect as STEM_ALL_Z)
    stopwords=True,               # English stopwords dropped from natural-language queries
    k1=1.6, b=0.5,                # BM25, chosen by leave-one-collection-out
    prf_docs=10, prf_terms=20, prf_weight=0.5,  # pseudo-relevance feedback via Xapian's ESet
)
TODAY = LabConfig(title_wdf=4)   # newsdex with the words OR-ed: STEM_SOME, no stopwords, BM25 k1=1 b=0.5


def proposed(collection, workdir):
    return xapianlab.LabSearcher(xapianlab.LabIndex(collection, PROPOSED.title_wdf), PROPOSED, "proposed")


def today(collection, workdir):
    return xapianlab.LabSearcher(xapianlab.LabIndex(collection, TODAY.title_wdf), TODAY, "today")
