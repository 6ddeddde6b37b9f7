"""Unit tests for scripts/lib/irstories.py (story-level evaluation, issue 13).

Run: /usr/bin/python3 -m unittest discover -s tests/unit -p 'irstories_test.py'
"""

import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "lib"))

import irmetrics  # noqa: E402
import irstories  # noqa: E402

# a and a2 are copies of one story; b and c stand alone.
STORIES = {"a": "story:1", "a2": "story:1", "b": "b", "c": "c"}


class StoryQrelsTest(unittest.TestCase):
    def test_a_story_takes_the_best_judgement_of_its_articles(self):
        qrels = {"q": {"a": 0, "a2": 2, "b": 1, "c": -1}}
        self.assertEqual(irstories.story_qrels(qrels, STORIES), {"q": {"story:1": 2, "b": 1, "c": -1}})

    def test_an_article_of_no_known_story_is_its_own(self):
        self.assertEqual(irstories.story_qrels({"q": {"z": 1}}, STORIES), {"q": {"z": 1}})


class StoryRunTest(unittest.TestCase):
    def test_later_copies_are_dropped_and_order_kept(self):
        self.assertEqual(irstories.story_ranking(["a2", "b", "a", "x", "c"], STORIES), ["story:1", "b", "x", "c"])

    def test_a_known_item_behind_its_copy_counts_as_found_at_the_copys_rank(self):
        qrels = {"q": {"a": 1}}  # the known item is a; the system shows its copy a2 first
        run = {"q": ["a2", "b"]}
        by_doc = irmetrics.evaluate(run, qrels).means["nDCG@10"]
        by_story = irmetrics.evaluate(irstories.story_run(run, STORIES),
                                      irstories.story_qrels(qrels, STORIES)).means["nDCG@10"]
        self.assertEqual(by_doc, 0.0)
        self.assertAlmostEqual(by_story, 1.0)

    def test_showing_both_copies_of_a_two_copy_story_is_not_worth_more_than_one(self):
        qrels = {"q": {"a": 1, "a2": 1, "b": 1}}
        twice = irstories.story_run({"q": ["a", "a2", "b"]}, STORIES)
        once = irstories.story_run({"q": ["a", "b"]}, STORIES)
        sq = irstories.story_qrels(qrels, STORIES)
        self.assertEqual(twice, once)
        self.assertAlmostEqual(irmetrics.evaluate(once, sq).means["nDCG@10"], 1.0)


class ReadStoriesTest(unittest.TestCase):
    def test_cluster_values_of_a_newsdex_style_index(self):
        try:
            import xapian
        except ImportError:
            self.skipTest("python3-xapian not installed")
        with tempfile.TemporaryDirectory() as tmp:
            db = xapian.WritableDatabase(os.path.join(tmp, "db"), xapian.DB_CREATE)
            for article, cluster in (("a", "7"), ("a2", "7"), ("b", "")):
                doc = xapian.Document()
                doc.add_boolean_term("Q" + article)
                if cluster:
                    doc.add_value(irstories.SLOT_CLUSTER, cluster)
                db.add_document(doc)
            db.commit()
            db.close()
            self.assertEqual(irstories.read_stories(os.path.join(tmp, "db")),
                             {"a": "story:7", "a2": "story:7", "b": "b"})


if __name__ == "__main__":
    unittest.main()
