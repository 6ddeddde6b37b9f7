"""Retrieval systems that scripts/eval-ranking compares: newsdex (through its
CLI), the two baselines (plain Xapian, SQLite FTS5) and any Python callable.

A system has a `name`, `index(collection, workdir)` and
`search(text, k) -> [doc id, best first]`. `text` is the natural-language
query as the collection gives it; each system turns it into its own syntax.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Callable, List, Optional, Sequence

# Characters that Xapian's QueryParser (and most boolean syntaxes) read as
# operators: phrase quotes, grouping, love/hate, field prefixes, wildcards,
# ranges, and a few more that only ever add noise to a natural-language query.
_OPERATOR_CHARS = re.compile(r'["()+\-:*^~\[\]{}<>=!&|\\/]')
_OPERATOR_WORDS = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"}


def natural_query(text: str) -> str:
    """A natural-language sentence made safe for a boolean query parser:
    operator characters become spaces and operator words (AND, OR, NOT, XOR,
    NEAR, ADJ, in any case) are lower-cased so they are read as plain words.
    Other case is kept: what the parser does with it is the system's business.
    """
    text = _OPERATOR_CHARS.sub(" ", text)
    return " ".join(w.lower() if w.upper() in _OPERATOR_WORDS else w for w in text.split())


class System:
    name = "system"

    def index(self, collection, workdir: Path) -> None:
        raise NotImplementedError

    def search(self, text: str, k: int) -> List[str]:
        raise NotImplementedError

    def close(self) -> None:
        pass


class XapianBaseline(System):
    """Plain Xapian as its documentation shows it: TermGenerator with the
    English stemmer over title then body (no prefixes), QueryParser with the
    English stemmer and STEM_SOME, default flags, default operator (OR) and
    the default BM25Weight. @p all_words: the default operator AND instead
    ("xapian-and"), every word must match, as in newsdex's query language;
    the baseline of `--newsdex-query and`."""

    name = "xapian"

    def __init__(self, lowercase_query: bool = False, all_words: bool = False):
        import xapian  # python3-xapian (Debian)
        self._xapian = xapian
        self.lowercase_query = lowercase_query
        self.all_words = all_words
        if lowercase_query:
            self.name = "xapian-lc"
        if all_words:
            self.name = "xapian-and" if not lowercase_query else "xapian-lc-and"

    def index(self, collection, workdir: Path) -> None:
        xapian = self._xapian
        path = str(workdir / "xapian.db")
        db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
        tg = xapian.TermGenerator()
        tg.set_stemmer(xapian.Stem("english"))
        for d in collection.docs:
            doc = xapian.Document()
            tg.set_document(doc)
            tg.index_text(d.get("title") or "")
            tg.increase_termpos()
            tg.index_text(d.get("body") or "")
            doc.set_data(d["id"])
            doc.add_boolean_term("Q" + d["id"])
            db.replace_document("Q" + d["id"], doc)
        db.commit()
        db.close()
        self.db = xapian.Database(path)
        self.qp = xapian.QueryParser()
        self.qp.set_stemmer(xapian.Stem("english"))
        self.qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
        self.qp.set_database(self.db)
        if self.all_words:
            self.qp.set_default_op(xapian.Query.OP_AND)
        self.enquire = xapian.Enquire(self.db)

    def search(self, text: str, k: int) -> List[str]:
        q = natural_query(text)
        if self.lowercase_query:
            q = q.lower()
        self.enquire.set_query(self.qp.parse_query(q))
        return [m.document.get_data().decode("utf-8") for m in self.enquire.get_mset(0, k)]

    def close(self) -> None:
        if hasattr(self, "db"):
            self.db.close()


_FTS_WORD = re.compile(r"[^\W_]+")


def fts5_query(text: str, all_words: bool = False) -> str:
    """The query's words, each a quoted FTS5 string, OR-ed together (@p
    all_words: juxtaposed, FTS5's implicit AND)."""
    return (" " if all_words else " OR ").join('"' + w.replace('"', '""') + '"' for w in _FTS_WORD.findall(text))


class Fts5Baseline(System):
    """SQLite FTS5 with tokenize='porter unicode61' over title and body and
    ranking by bm25() with its default (equal) column weights. @p all_words:
    every word must match ("fts5-and"), the baseline of `--newsdex-query and`."""

    name = "fts5"

    def __init__(self, all_words: bool = False):
        self.all_words = all_words
        if all_words:
            self.name = "fts5-and"

    def index(self, collection, workdir: Path) -> None:
        self.con = sqlite3.connect(str(workdir / "fts5.sqlite"))
        self.con.execute("DROP TABLE IF EXISTS docs")
        self.con.execute("CREATE VIRTUAL TABLE docs USING fts5("
                         "docid UNINDEXED, title, body, tokenize='porter unicode61')")
        self.con.executemany("INSERT INTO docs(docid, title, body) VALUES (?, ?, ?)",
                             ((d["id"], d.get("title") or "", d.get("body") or "")
                              for d in collection.docs))
        self.con.commit()

    def search(self, text: str, k: int) -> List[str]:
        q = fts5_query(text, self.all_words)
        if not q:
            return []
        rows = self.con.execute(
            "SELECT docid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?", (q, k))
        return [r[0] for r in rows]

    def close(self) -> None:
        if hasattr(self, "con"):
            self.con.close()


def find_newsdex_binaries(bin_dir: Path):
    """(newsdex-index, newsdex-search) in @p bin_dir itself or in a build tree
    (bin_dir/indexer/, bin_dir/searcher/); None where one is missing."""
    found = []
    for name, sub in (("newsdex-index", "indexer"), ("newsdex-search", "searcher")):
        for cand in (bin_dir / name, bin_dir / sub / name):
            if cand.is_file() and os.access(cand, os.X_OK):
                found.append(cand)
                break
        else:
            found.append(None)
    return tuple(found)


class NewsdexCli(System):
    """newsdex through its two binaries, as a user runs them."""

    name = "newsdex"

    def __init__(self, index_bin: Path, search_bin: Path, search_args: Sequence[str] = (),
                 index_args: Sequence[str] = (), query_mode: str = "natural", read_stories: bool = False):
        """@p query_mode: "natural" passes the sentence as given with --natural
        (newsdex's natural-language mode); "or" joins its sanitised words with
        OR in the query language (how newsdex was measured before it had one); "and"
        gives the sentence made safe (natural_query(): operator characters out,
        operator words lower-cased) to the query language as a shell user types
        it (its default operator: every word must match). @p read_stories: after
        indexing, `stories` holds {article id: story} (irstories.read_stories)."""
        if query_mode not in ("natural", "or", "and"):
            raise ValueError(f"unknown query mode {query_mode!r} (natural, or, and)")
        self.query_mode = query_mode
        if query_mode != "natural":
            self.name = f"newsdex-{query_mode}"
        self.index_bin = str(index_bin)
        self.search_bin = str(search_bin)
        self.search_args = list(search_args)
        self.index_args = list(index_args)
        self.read_stories = read_stories
        self.stories = None

    def index(self, collection, workdir: Path) -> None:
        self.db = workdir / "newsdex.db"
        if self.db.exists():
            shutil.rmtree(self.db)
        cmd = [self.index_bin, "--db", str(self.db), *self.index_args, str(collection.docs_path)]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if p.returncode == 1:
            # Partial: some records were skipped (e.g. cran has two empty docs),
            # the rest is indexed. Those docs simply cannot be found.
            print(f"eval-ranking: {collection.name}: newsdex-index skipped records:\n{p.stderr.strip()}",
                  file=sys.stderr)
        elif p.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}: {p.stderr.strip()}")
        if self.read_stories:
            import irstories
            self.stories = irstories.read_stories(self.db)

    def _query_line(self, text: str):
        """(@p text as this mode hands it to newsdex-search, the mode's options)."""
        if self.query_mode == "natural":
            return " ".join(text.split()), ["--natural"]
        if self.query_mode == "and":
            # As a shell user types them: "Labour's", "U.K." stay one word each (newsdex's
            # tokeniser reads them), where splitting at the apostrophe would require an "s".
            return natural_query(text), []
        words = [w.lower() if w.upper() in _OPERATOR_WORDS else w for w in _FTS_WORD.findall(natural_query(text))]
        return " OR ".join(words), []

    def search_all(self, texts: Sequence[str], k: int) -> List[List[str]]:
        """Every query through one `newsdex-search --queries -` (one process and
        one long-lived Searcher, as a server answers them): the rankings in order."""
        lines = [self._query_line(t)[0] for t in texts]
        wanted = [i for i, q in enumerate(lines) if q]
        mode_args = self._query_line("x")[1]
        cmd = [self.search_bin, "--db", str(self.db), "--format", "json", "--limit", str(k),
               "--snippets", "0", *self.search_args, *mode_args, "--queries", "-"]
        p = subprocess.run(cmd, input="".join(lines[i] + "\n" for i in wanted), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
        if p.returncode not in (0, 2):
            raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}: {p.stderr.strip()}")
        answers = p.stdout.splitlines()
        if len(answers) != len(wanted):
            raise RuntimeError(f"{' '.join(cmd)}: {len(wanted)} queries, {len(answers)} answers: {p.stderr.strip()}")
        out: List[List[str]] = [[] for _ in texts]
        for i, line in zip(wanted, answers):
            try:
                answer = json.loads(line)
            except json.JSONDecodeError as e:
                raise RuntimeError(f"newsdex-search printed invalid JSON for query {lines[i]!r}: {e}") from None
            if "error" in answer:
                print(f"eval-ranking: newsdex-search refused {lines[i]!r}: {answer['error']}", file=sys.stderr)
            out[i] = [str(h["id"]) for h in answer.get("hits", [])]
        return out

    def search(self, text: str, k: int) -> List[str]:
        if self.query_mode == "natural":
            # newsdex-search --natural reads the sentence as plain text itself
            # (operators and special characters included); "--" ends the options
            # so a query starting with "-" stays a query.
            q = " ".join(text.split())
            mode_args = ["--natural", "--"]
        else:
            q, mode_args = self._query_line(text)
        if not q:
            return []
        # No snippets: they cost time per hit (1000 hits a query) and never change the ranking.
        cmd = [self.search_bin, "--db", str(self.db), "--format", "json", "--limit", str(k),
               "--snippets", "0", *self.search_args, *mode_args, q]
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if p.returncode == 1 and not p.stdout.strip():
            return []  # exit 1 = no hits
        if p.returncode not in (0, 1):
            raise RuntimeError(f"newsdex-search exited {p.returncode} for query {q!r}: {p.stderr.strip()}")
        try:
            out = json.loads(p.stdout)
        except json.JSONDecodeError as e:
            raise RuntimeError(f"newsdex-search printed invalid JSON for query {q!r}: {e}") from None
        return [str(h["id"]) for h in out.get("hits", [])]


class CallableSystem(System):
    """Wraps a Python factory: `factory(collection, workdir)` returns either a
    System-like object (with .search(text, k)) or a plain `search(text, k)`
    function. This is how ranking ideas are tried without a C++ build."""

    def __init__(self, factory: Callable, name: Optional[str] = None):
        self.factory = factory
        self.name = name or getattr(factory, "__name__", "python")

    def index(self, collection, workdir: Path) -> None:
        made = self.factory(collection, workdir)
        self._search = made.search if hasattr(made, "search") else made
        self._made = made

    def search(self, text: str, k: int) -> List[str]:
        return list(self._search(text, k))

    def close(self) -> None:
        if hasattr(getattr(self, "_made", None), "close"):
            self._made.close()
