"""Ranking prototypes in python3-xapian on newsdex's term layout.

Mirrors the layout in common/include/newsdex/schema.hpp closely enough for
ranking experiments (English ASCII text, where ICU analysis and Xapian's own
word splitting agree):

  unprefixed  title + body words, positional (title words get extra wdf)
  Z           stems of title + body words (STEM_SOME at index time)
  S, ZS       title words and their stems

and lets every ranking knob be switched from a LabConfig so that an idea can
be measured before anyone writes C++ for it. Use through irharness:

    system = irsystems.CallableSystem(xapianlab.factory(LabConfig(k1=1.2, b=0.75)), "k1.2")
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Dict, List, Optional

import xapian

import irsystems

def read_stopwords(language: str = "english") -> frozenset:
    """The stopword list newsdex compiles in: common/data/stopwords/LANGUAGE.txt
    (white-space separated words, '|' starts a comment)."""
    path = Path(__file__).resolve().parents[2] / "common" / "data" / "stopwords" / f"{language}.txt"
    with open(path, encoding="utf-8") as f:
        return frozenset(w for line in f for w in line.split("|", 1)[0].split())


# Snowball's English stopword list, the one newsdex's natural mode drops.
ENGLISH_STOPWORDS = read_stopwords("english")


@dataclass(frozen=True)
class LabConfig:
    # index time
    title_wdf: int = 1            # wdf per title word in the unprefixed/Z terms (body words get 1)
    # query time
    k1: float = 1.0               # Xapian's BM25Weight defaults: k1=1, k2=0, k3=1, b=0.5, min_normlen=0.5
    b: float = 0.5
    k3: float = 1.0
    weighting: str = "bm25"       # or "bm25+", "pl2", "pl2+", "inl2", "ifb2", "ineb2", "bb2", "dph", "dlh", "lm", "tfidf"
    scheme_param: float = 0.0     # c for the DFR schemes, mu for "lm" (0 = Xapian's default)
    stem: str = "some"            # "some" (STEM_SOME), "all_z" (STEM_ALL_Z: stem capitalised words too), "none"
    lowercase: bool = False       # lower-case the query before parsing
    stopwords: bool = False       # drop English stopwords from the query
    title_boost: float = 0.0      # extra query-time weight on S/ZS title terms (0 = off)
    prf_docs: int = 0             # pseudo-relevance feedback: top docs taken as relevant (0 = off)
    prf_terms: int = 10           # expansion terms taken from Xapian's ESet
    prf_weight: float = 0.5       # weight of the expansion relative to the original query
    prf_scheme: str = "trad"      # ESet expansion scheme: "trad" or "bo1"; "rm3" = relevance model (below);
                                  # "newsdex" = what common/src/ranking.cpp does (below)
    # prf_scheme "newsdex": stems (Z, ZS) in >= prf_min_top_docs of the top docs and in
    # prf_min_articles .. max(prf_max_share x docs, 100) articles, TradEWeight, AND_MAYBE,
    # prf_rounds rounds (each round's top docs from the query re-ranked by the previous round)
    prf_rounds: int = 1
    prf_min_top_docs: int = 2
    prf_min_articles: int = 3
    prf_max_share: float = 0.1
    # feedback's first pass (prf_scheme "newsdex"): its own weighting scheme ("" = weighting) and
    # optionally the fusion of that ranking with the final scheme's ("rrf": reciprocal rank, k=60;
    # "combsum": scores divided by each list's maximum, summed), top docs taken from the fused list
    fb_weighting: str = ""
    fb_param: float = 0.0
    fb_fusion: str = ""
    fb_fusion_depth: int = 100
    # a second full run (same query handling and feedback) with weighting "scheme:param", fused
    # with this one's at depth 1000 (ensemble_fusion "rrf" or "combsum", as fb_fusion)
    ensemble: str = ""
    ensemble_fusion: str = "combsum"
    # score regularisation (Diaz 2005; the cluster hypothesis): each of the final ranking's top
    # reg_depth docs gets (1 - reg_alpha) x its score / the top score + reg_alpha x the
    # similarity-weighted mean of its reg_neighbours most similar docs' scores among them;
    # similarity = cosine of (1 + log wdf) over stems (Z), stopwords left out (0 = off)
    reg_depth: int = 0
    reg_alpha: float = 0.4
    reg_neighbours: int = 5
    # feedback rounds after the first take their top docs from the first pass's top prf_pool
    # docs re-ranked, not from a new pass over the whole index (0 = a new pass)
    prf_pool: int = 0
    prox_window: int = 0          # proximity boost for adjacent query word pairs (0 = off)
    prox_weight: float = 0.3
    prox_kind: str = "near"       # "near" (unordered pairs), "phrase" (ordered pairs within prox_window),
                                  # "sdm" (sequential dependence: ordered pairs, window 2, at prox_weight
                                  # + unordered pairs, window prox_window, at half of it)


class LabIndex:
    """An in-memory Xapian index of one collection in newsdex's layout."""

    def __init__(self, collection, title_wdf: int = 1):
        self.db = xapian.WritableDatabase("", xapian.DB_BACKEND_INMEMORY)
        tg = xapian.TermGenerator()
        tg.set_stemmer(xapian.Stem("english"))
        self.ids: Dict[int, str] = {}
        for d in collection.docs:
            doc = xapian.Document()
            tg.set_document(doc)
            title = d.get("title") or ""
            if title:
                tg.index_text(title, title_wdf)
                tg.index_text_without_positions(title, 1, "S")
                tg.increase_termpos()
            tg.index_text(d.get("body") or "")
            docid = self.db.add_document(doc)
            self.ids[docid] = d["id"]
        self.db.commit()


class LabSearcher(irsystems.System):
    def __init__(self, index: LabIndex, cfg: LabConfig, name: str = "lab"):
        self.index_ = index
        self.cfg = cfg
        self.name = name
        db = index.db
        self.qp = xapian.QueryParser()
        self.qp.set_database(db)
        self.qp.set_stemmer(xapian.Stem("english"))
        self.qp.set_stemming_strategy({"some": xapian.QueryParser.STEM_SOME,
                                       "all_z": xapian.QueryParser.STEM_ALL_Z,
                                       "none": xapian.QueryParser.STEM_NONE}[cfg.stem])
        if cfg.stopwords:
            self.stopper = xapian.SimpleStopper()
            for w in ENGLISH_STOPWORDS:
                self.stopper.add(w)
            self.qp.set_stopper(self.stopper)
        self.enquire = xapian.Enquire(db)
        self.enquire.set_weighting_scheme(make_weight(cfg))
        if cfg.prf_scheme not in ("trad", "rm3", "newsdex"):
            self.enquire.set_expansion_scheme(cfg.prf_scheme)

    def index(self, collection, workdir) -> None:  # built by LabIndex
        pass

    def _words(self, q: str) -> List[str]:
        words = [w.lower() for w in q.replace(",", " ").replace(".", " ").replace("?", " ").split()]
        return [w for w in words if w.isalnum() and not (self.cfg.stopwords and w in ENGLISH_STOPWORDS)]

    def build_query(self, text: str) -> xapian.Query:
        cfg = self.cfg
        q = irsystems.natural_query(text)
        if cfg.lowercase:
            q = q.lower()
        query = self.qp.parse_query(q)
        if cfg.title_boost > 0:
            tq = self.qp.parse_query(q, xapian.QueryParser.FLAG_DEFAULT, "S")
            query = xapian.Query(xapian.Query.OP_OR, query,
                                 xapian.Query(xapian.Query.OP_SCALE_WEIGHT, tq, cfg.title_boost))
        if cfg.prox_window > 0:
            words = self._words(q)
            adjacent = [(a, b) for a, b in zip(words, words[1:]) if a != b]
            if cfg.prox_kind == "sdm":
                pairs = [xapian.Query(xapian.Query.OP_PHRASE, [a, b], 2) for a, b in adjacent]
                pairs += [xapian.Query(xapian.Query.OP_SCALE_WEIGHT,
                                       xapian.Query(xapian.Query.OP_NEAR, [a, b], cfg.prox_window), 0.5)
                          for a, b in adjacent]
            else:
                op = xapian.Query.OP_PHRASE if cfg.prox_kind == "phrase" else xapian.Query.OP_NEAR
                pairs = [xapian.Query(op, [a, b], cfg.prox_window) for a, b in adjacent]
            if pairs:
                prox = xapian.Query(xapian.Query.OP_SCALE_WEIGHT,
                                    xapian.Query(xapian.Query.OP_OR, pairs), cfg.prox_weight)
                query = xapian.Query(xapian.Query.OP_AND_MAYBE, query, prox)
        return query

    def search(self, text: str, k: int) -> List[str]:
        cfg = self.cfg
        if cfg.ensemble:
            return self._ensemble(text, k)
        query = self.build_query(text)
        self.enquire.set_query(query)
        if cfg.prf_docs > 0 and cfg.prf_scheme == "newsdex":
            self.enquire.set_query(self._newsdex_feedback(query))
        elif cfg.prf_docs > 0 and cfg.prf_scheme == "rm3":
            query = self._rm3(query)
            self.enquire.set_query(query)
        elif cfg.prf_docs > 0:
            top = self.enquire.get_mset(0, cfg.prf_docs)
            rset = xapian.RSet()
            for m in top:
                rset.add_document(m.docid)
            if not rset.empty():
                decider = _StemTermsOnly(set(query), self.cfg.stopwords)
                eset = self.enquire.get_eset(cfg.prf_terms, rset, decider)
                terms = [(e.term, e.weight) for e in eset]
                if terms:
                    top_w = max(w for _, w in terms) or 1.0
                    exp = xapian.Query(xapian.Query.OP_OR, [
                        xapian.Query(xapian.Query.OP_SCALE_WEIGHT, xapian.Query(t), w / top_w)
                        for t, w in terms])
                    query = xapian.Query(xapian.Query.OP_OR, query,
                                         xapian.Query(xapian.Query.OP_SCALE_WEIGHT, exp, cfg.prf_weight))
                    self.enquire.set_query(query)
        ids = self.index_.ids
        if cfg.reg_depth > 1:
            ranked = [(m.docid, m.weight) for m in self.enquire.get_mset(0, max(k, cfg.reg_depth))]
            return [ids[d] for d, _ in self._regularise(ranked)[:k]]
        return [ids[m.docid] for m in self.enquire.get_mset(0, k)]

    def _regularise(self, ranked):
        """Score regularisation of the top reg_depth of ranked [(docid, score)] (see LabConfig)."""
        cfg = self.cfg
        depth = min(cfg.reg_depth, len(ranked))
        if depth < 2:
            return ranked
        db = self.index_.db
        vecs = []
        for docid, _ in ranked[:depth]:
            v = {}
            for t in db.termlist(docid):
                if t.term.startswith(b"Z") and t.term[1:].decode() not in ENGLISH_STOPWORDS:
                    v[t.term] = 1.0 + math.log(t.wdf)
            norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
            vecs.append({t: x / norm for t, x in v.items()})
        sim = [[0.0] * depth for _ in range(depth)]
        for i in range(depth):
            for j in range(i + 1, depth):
                a, b = vecs[i], vecs[j]
                if len(a) > len(b):
                    a, b = b, a
                sim[i][j] = sim[j][i] = sum(x * b.get(t, 0.0) for t, x in a.items())
        top = ranked[0][1] or 1.0
        score = [w / top for _, w in ranked[:depth]]
        new = []
        for i in range(depth):
            nbrs = sorted(((sim[i][j], j) for j in range(depth) if j != i), reverse=True)[:cfg.reg_neighbours]
            total = sum(x for x, _ in nbrs)
            mean = sum(x * score[j] for x, j in nbrs) / total if total > 0 else 0.0
            new.append((1 - cfg.reg_alpha) * score[i] + cfg.reg_alpha * mean)
        order = sorted(range(depth), key=lambda i: (-new[i], i))
        return [(ranked[i][0], new[i]) for i in order] + ranked[depth:]


def make_weight(cfg: LabConfig, w: Optional[str] = None, c: Optional[float] = None) -> xapian.Weight:
    w = cfg.weighting if w is None else w
    c = cfg.scheme_param if c is None else c
    if w == "bm25":
        return xapian.BM25Weight(cfg.k1, 0, cfg.k3, cfg.b, 0.5)
    if w == "bm25+":
        return xapian.BM25PlusWeight(cfg.k1, 0, cfg.k3, cfg.b, 0.5, 1.0)
    if w in ("pl2", "inl2", "ifb2", "ineb2", "bb2"):
        cls = {"pl2": xapian.PL2Weight, "inl2": xapian.InL2Weight, "ifb2": xapian.IfB2Weight,
               "ineb2": xapian.IneB2Weight, "bb2": xapian.BB2Weight}[w]
        return cls(c or 1.0)
    if w == "pl2+":
        return xapian.PL2PlusWeight(c or 1.0, 0.8)
    if w == "dph":
        return xapian.DPHWeight()
    if w == "dlh":
        return xapian.DLHWeight()
    if w == "lm":
        # Dirichlet smoothing, mu = scheme_param (default 2000)
        return xapian.LMWeight(0.0, xapian.Weight.DIRICHLET_SMOOTHING, c or 2000.0, 0.0)
    if w == "lm2":
        # two-stage smoothing: Dirichlet mu = scheme_param, then Jelinek-Mercer lambda 0.7
        return xapian.LMWeight(0.0, xapian.Weight.TWO_STAGE_SMOOTHING, 0.7, c or 2000.0)
    if w == "lmjm":
        # Jelinek-Mercer, lambda = scheme_param
        return xapian.LMWeight(0.0, xapian.Weight.JELINEK_MERCER_SMOOTHING, c or 0.7, 0.0)
    if w.startswith("tfidf"):
        # "tfidf" = ntn; "tfidf:lpn" etc. pick Xapian's SMART normalisations
        return xapian.TfIdfWeight(w.split(":", 1)[1] if ":" in w else "ntn")
    raise ValueError(f"unknown weighting {w!r}")


def _rm3_method(self, query: xapian.Query) -> xapian.Query:
    """RM3 as in Anserini/Lavrenko: the relevance model
    P(t|R) ~ sum over the top docs of P(t|d) * score(d) / sum(scores), over
    stem (Z) terms; the new query is prf_weight * P(t|R) + (1 - prf_weight) *
    the original query's term distribution, each term's BM25 weight scaled by
    that probability."""
    cfg = self.cfg
    db = self.index_.db
    top = list(self.enquire.get_mset(0, cfg.prf_docs))
    if not top:
        return query
    total = sum(m.weight for m in top) or 1.0
    rm: Dict[str, float] = {}
    for m in top:
        terms = [(t.term.decode(), t.wdf) for t in db.termlist(m.docid) if t.term.startswith(b"Z")]
        dlen = sum(w for _, w in terms) or 1
        for t, wdf in terms:
            if cfg.stopwords and t[1:] in ENGLISH_STOPWORDS:
                continue
            rm[t] = rm.get(t, 0.0) + (wdf / dlen) * (m.weight / total)
    best = sorted(rm.items(), key=lambda kv: -kv[1])[:cfg.prf_terms]
    norm = sum(w for _, w in best) or 1.0
    qterms: Dict[str, float] = {}
    for t in query:
        t = t.decode() if isinstance(t, bytes) else t
        if t.startswith("Z"):
            qterms[t] = qterms.get(t, 0.0) + 1.0
    if not qterms:
        return query
    qn = sum(qterms.values())
    weights = {t: (1 - cfg.prf_weight) * w / qn for t, w in qterms.items()}
    for t, w in best:
        weights[t] = weights.get(t, 0.0) + cfg.prf_weight * w / norm
    return xapian.Query(xapian.Query.OP_OR, [
        xapian.Query(xapian.Query.OP_SCALE_WEIGHT, xapian.Query(t), w) for t, w in weights.items()])


LabSearcher._rm3 = _rm3_method


def _newsdex_feedback(self, query: xapian.Query) -> xapian.Query:
    """common/src/ranking.cpp's feedback_expansion + with_feedback, term for term."""
    cfg = self.cfg
    db = self.index_.db
    excluded = {t.decode() if isinstance(t, bytes) else t for t in query}
    if cfg.stopwords:
        stem = xapian.Stem("english")
        excluded |= {"Z" + stem(w).decode() for w in ENGLISH_STOPWORDS}
    n_docs = db.get_doccount()
    avlen = max(db.get_avlength(), 1.0)
    max_articles = max(cfg.prf_max_share * n_docs, 100)
    expansion = None
    pool = None
    for rnd in range(cfg.prf_rounds):
        ranked = query if expansion is None else xapian.Query(xapian.Query.OP_AND_MAYBE, query, expansion)
        self.enquire.set_query(ranked)
        if rnd == 0 and (cfg.fb_weighting or cfg.fb_fusion):
            top = self._first_pass(query)
        elif rnd == 0 and cfg.prf_pool:
            first = [m.docid for m in self.enquire.get_mset(0, max(cfg.prf_pool, cfg.prf_docs))]
            pool = set(first)
            top = first[:cfg.prf_docs]
        elif pool is not None:
            top = [m.docid for m in self.enquire.get_mset(0, db.get_doccount()) if m.docid in pool][:cfg.prf_docs]
        else:
            top = [m.docid for m in self.enquire.get_mset(0, cfg.prf_docs)]
        if not top:
            break
        cand: Dict[str, List[float]] = {}
        for docid in top:
            length = db.get_doclength(docid)
            for t in db.termlist(docid):
                term = t.term.decode()
                if term.startswith("Z"):
                    c = cand.setdefault(term, [0, 0.0])
                    c[0] += 1
                    c[1] += 2.0 * t.wdf / (length / avlen + t.wdf)
        big_r = len(top)
        weighed = []
        for term, (r, tf) in cand.items():
            if r < cfg.prf_min_top_docs or term in excluded:
                continue
            n = db.get_termfreq(term)
            if n < cfg.prf_min_articles or n > max_articles:
                continue
            odds = (r + 0.5) * (n_docs - big_r - n + r + 0.5) / ((big_r - r + 0.5) * (n - r + 0.5))
            if odds < 2:
                odds = odds * 0.5 + 1
            weighed.append((tf / big_r * math.log(odds), term))
        weighed.sort(key=lambda x: (-x[0], x[1]))
        weighed = weighed[:cfg.prf_terms]
        if not weighed:
            break
        best = max(weighed[0][0], 1e-9)
        expansion = xapian.Query(xapian.Query.OP_OR, [
            xapian.Query(xapian.Query.OP_SCALE_WEIGHT, xapian.Query(t), cfg.prf_weight * w / best)
            for w, t in weighed if w > 0])
    return query if expansion is None else xapian.Query(xapian.Query.OP_AND_MAYBE, query, expansion)


LabSearcher._newsdex_feedback = _newsdex_feedback


def _first_pass(self, query: xapian.Query) -> List[int]:
    """Feedback's top docs from another scheme's ranking, or from the fusion of
    that ranking with the final scheme's (self.enquire, query already set)."""
    cfg = self.cfg
    other = xapian.Enquire(self.index_.db)
    other.set_weighting_scheme(make_weight(cfg, cfg.fb_weighting or cfg.weighting, cfg.fb_param))
    other.set_query(query)
    if not cfg.fb_fusion:
        return [m.docid for m in other.get_mset(0, cfg.prf_docs)]
    fused: Dict[int, float] = {}
    for mset in (self.enquire.get_mset(0, cfg.fb_fusion_depth), other.get_mset(0, cfg.fb_fusion_depth)):
        ms = list(mset)
        top_w = max((m.weight for m in ms), default=1.0) or 1.0
        for rank, m in enumerate(ms):
            add = 1.0 / (60 + rank + 1) if cfg.fb_fusion == "rrf" else m.weight / top_w
            fused[m.docid] = fused.get(m.docid, 0.0) + add
    return [d for d, _ in sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))[:cfg.prf_docs]]


LabSearcher._first_pass = _first_pass


def _ensemble(self, text: str, k: int) -> List[str]:
    cfg = self.cfg
    scheme, _, param = cfg.ensemble.partition(":")
    runs = []
    for c in (replace(cfg, ensemble=""), replace(cfg, ensemble="", weighting=scheme, scheme_param=float(param or 0))):
        s = LabSearcher(self.index_, c, self.name)
        s.search(text, 0)  # sets the final query on s.enquire
        runs.append(list(s.enquire.get_mset(0, max(k, 1000))))
    fused: Dict[int, float] = {}
    for ms in runs:
        top_w = max((m.weight for m in ms), default=1.0) or 1.0
        for rank, m in enumerate(ms):
            add = 1.0 / (60 + rank + 1) if cfg.ensemble_fusion == "rrf" else m.weight / top_w
            fused[m.docid] = fused.get(m.docid, 0.0) + add
    ids = self.index_.ids
    return [ids[d] for d, _ in sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]


LabSearcher._ensemble = _ensemble


class _StemTermsOnly(xapian.ExpandDecider):
    """Expansion terms come from the Z (stem) space only, never the query's own terms."""

    def __init__(self, query_terms, drop_stopwords: bool):
        super().__init__()
        self.query_terms = {t.decode() if isinstance(t, bytes) else t for t in query_terms}
        self.drop_stopwords = drop_stopwords

    def __call__(self, term):
        term = term.decode() if isinstance(term, bytes) else term
        if not term.startswith("Z") or term in self.query_terms:
            return False
        return not (self.drop_stopwords and term[1:] in ENGLISH_STOPWORDS)


def factory(cfg: LabConfig, name: Optional[str] = None):
    """A CallableSystem factory for irharness / eval-ranking --python-system."""
    def make(collection, workdir):
        return LabSearcher(LabIndex(collection, cfg.title_wdf), cfg, name or "lab")
    make.__name__ = name or "lab"
    return make


__all__ = ["LabConfig", "LabIndex", "LabSearcher", "factory", "ENGLISH_STOPWORDS", "replace"]
