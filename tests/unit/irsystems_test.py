"""Unit tests for scripts/lib/irsystems.py: the baselines' query forms, and the
AND baselines (xapian-and, fts5-and) requiring every word, as newsdex's default mode does.

Run: /usr/bin/python3 -m unittest discover -s tests/unit -p 'irsystems_test.py'
"""

import os
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "lib"))

import irharness  # noqa: E402
import irsystems  # noqa: E402

DOCS = [
    {"id": "both", "title": "", "body": "Palm oil exports from Malaysia rose."},
    {"id": "oil", "title": "", "body": "Oil prices fell; oil stocks and more oil."},
    {"id": "palm", "title": "", "body": "Palm trees in Malaysia."},
]


def collection():
    return irharness.Collection(name="tiny", path=Path("."), docs=DOCS, queries=[], qrels={})


class QueryFormTest(unittest.TestCase):
    def test_fts5_ors_by_default_and_juxtaposes_for_and(self):
        self.assertEqual(irsystems.fts5_query("palm oil"), '"palm" OR "oil"')
        self.assertEqual(irsystems.fts5_query("palm oil", all_words=True), '"palm" "oil"')

    def test_and_mode_keeps_words_as_typed(self):
        cli = irsystems.NewsdexCli(Path("i"), Path("s"), query_mode="and")
        # An apostrophe or a dotted acronym stays in its word (no required "s" or "k"),
        # operator characters go and operator words are lower-cased.
        self.assertEqual(cli._query_line("LABOUR'S U.K. (OR) NOT-TAX")[0], "LABOUR'S U.K. or not TAX")
        self.assertEqual(cli._query_line("x")[1], [])

    def test_or_mode_ors_the_words(self):
        cli = irsystems.NewsdexCli(Path("i"), Path("s"), query_mode="or")
        self.assertEqual(cli._query_line("palm-oil AND Malaysia")[0], "palm OR oil OR and OR Malaysia")


class AndBaselinesTest(unittest.TestCase):
    def check_every_word_required(self, make):
        with tempfile.TemporaryDirectory() as tmp:
            any_word, all_words = make(False), make(True)
            for s in (any_word, all_words):
                s.index(collection(), Path(tmp))
            try:
                self.assertEqual(set(any_word.search("palm oil", 10)), {"both", "oil", "palm"})
                self.assertEqual(all_words.search("palm oil", 10), ["both"])
                self.assertEqual(all_words.search("palm oil Malaysia", 10), ["both"])
                self.assertEqual(all_words.search("palm tobacco", 10), [])
            finally:
                any_word.close()
                all_words.close()

    def test_xapian_and(self):
        self.assertEqual(irsystems.XapianBaseline(all_words=True).name, "xapian-and")
        self.check_every_word_required(lambda a: irsystems.XapianBaseline(all_words=a))

    def test_fts5_and(self):
        self.assertEqual(irsystems.Fts5Baseline(all_words=True).name, "fts5-and")
        self.check_every_word_required(lambda a: irsystems.Fts5Baseline(all_words=a))


class RiskLinesTest(unittest.TestCase):
    def test_and_systems_are_also_compared_with_xapian_and(self):
        import irmetrics
        qrels = {"q": {"both": 1}}
        def result(name, ranking):
            return irharness.SystemResult(system=name, collection="tiny",
                                          evaluation=irmetrics.evaluate({"q": ranking}, qrels),
                                          run={"q": ranking}, index_seconds=0, search_seconds=0)
        results = [result("newsdex-and", ["both"]), result("xapian-and", ["oil", "both"]),
                   result("xapian", ["both"]), result("fts5", ["both"])]
        lines = irharness.risk_lines(results)
        self.assertTrue(any("newsdex-and vs xapian-and" in l and "wins   1" in l for l in lines), lines)
        self.assertFalse(any("fts5 vs xapian-and" in l for l in lines), lines)
        self.assertTrue(any("fts5 vs xapian " in l for l in lines), lines)


if __name__ == "__main__":
    unittest.main()
