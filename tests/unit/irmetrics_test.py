"""Unit tests for scripts/lib/irmetrics.py against hand-computed values.

Run: /usr/bin/python3 -m unittest discover -s tests/unit -p 'irmetrics_test.py'
"""

import math
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "lib"))

import irmetrics  # noqa: E402


class NdcgTest(unittest.TestCase):
    def test_graded_gains_with_log2_discount_and_ideal_from_all_judged(self):
        # a=3, b=2, c=1 relevant; d judged non-relevant (-1); x unjudged.
        judged = {"a": 3, "b": 2, "c": 1, "d": -1}
        # DCG  = 0 (d) + 2/log2(3) (b) + 0 (x) + 3/log2(5) (a) = 2.5538892
        # IDCG = 3/log2(2) + 2/log2(3) + 1/log2(4)             = 4.7618595
        # c is never retrieved but still counts in the ideal.
        self.assertAlmostEqual(irmetrics.ndcg_at(["d", "b", "x", "a"], judged, 10), 0.5363218, places=6)

    def test_perfect_ranking_is_one_and_cut_applies_to_the_ideal(self):
        judged = {f"r{i}": 1 for i in range(12)}
        self.assertAlmostEqual(irmetrics.ndcg_at([f"r{i}" for i in range(10)], judged, 10), 1.0)
        # Two relevant docs at ranks 1-2 of a cut at 2 is perfect even though 12 are relevant.
        self.assertAlmostEqual(irmetrics.ndcg_at(["r0", "r1", "x"], judged, 2), 1.0)

    def test_relevant_doc_just_past_the_cut_scores_nothing(self):
        judged = {"a": 2}
        ranking = [f"x{i}" for i in range(10)] + ["a"]
        self.assertEqual(irmetrics.ndcg_at(ranking, judged, 10), 0.0)
        # At rank 10 it earns 1/log2(11) of the ideal 1/log2(2).
        self.assertAlmostEqual(irmetrics.ndcg_at(ranking[1:], judged, 10), 1 / math.log2(11))

    def test_swapping_grades_lowers_ndcg(self):
        judged = {"a": 3, "b": 1}
        best = irmetrics.ndcg_at(["a", "b"], judged)
        worse = irmetrics.ndcg_at(["b", "a"], judged)
        self.assertAlmostEqual(best, 1.0)
        # (1 + 3/log2(3)) / (3 + 1/log2(3))
        self.assertAlmostEqual(worse, (1 + 3 / math.log2(3)) / (3 + 1 / math.log2(3)))

    def test_no_relevant_doc_gives_zero(self):
        self.assertEqual(irmetrics.ndcg_at(["a"], {"a": -1}), 0.0)


class AveragePrecisionTest(unittest.TestCase):
    def test_unjudged_docs_are_non_relevant(self):
        judged = {"a": 1, "b": 1, "c": 1, "n": -1}
        # u1 and u2 are unjudged; relevant at ranks 2 and 4; c never retrieved.
        # AP = (1/2 + 2/4) / 3
        self.assertAlmostEqual(irmetrics.average_precision(["u1", "a", "n", "b", "u2"], judged), 1 / 3)

    def test_graded_relevance_is_binary_for_ap(self):
        judged = {"a": 4, "b": 1}
        # relevant at ranks 1 and 3: (1/1 + 2/3) / 2
        self.assertAlmostEqual(irmetrics.average_precision(["a", "x", "b"], judged), (1 + 2 / 3) / 2)

    def test_depth_cuts_the_ranking(self):
        judged = {"a": 1}
        self.assertEqual(irmetrics.average_precision(["x", "a"], judged, depth=1), 0.0)
        self.assertAlmostEqual(irmetrics.average_precision(["x", "a"], judged, depth=2), 0.5)

    def test_duplicate_docs_count_once(self):
        judged = {"a": 1, "b": 1}
        # a, a, b -> a at 1, b at 2 once duplicates are dropped
        self.assertAlmostEqual(irmetrics.average_precision(["a", "a", "b"], judged), 1.0)


class PrecisionTest(unittest.TestCase):
    def test_divides_by_k_not_by_number_retrieved(self):
        judged = {"a": 1, "b": 2, "c": -1}
        self.assertAlmostEqual(irmetrics.precision_at(["a", "c", "b"], judged, 10), 0.2)


class EvaluateTest(unittest.TestCase):
    def test_means_over_queries_with_a_relevant_doc_and_missing_runs_score_zero(self):
        qrels = {
            "1": {"a": 1, "b": 1},   # AP = (1/1 + 2/3)/2 = 5/6
            "2": {"z": -1},          # no relevant doc: not evaluated
            "3": {"c": 2},           # no ranking returned: 0
        }
        run = {"1": ["a", "x", "b"], "2": ["z"], "4": ["q"]}
        ev = irmetrics.evaluate(run, qrels)
        self.assertEqual(ev.num_queries, 2)
        self.assertEqual(sorted(ev.per_query), ["1", "3"])
        self.assertAlmostEqual(ev.means["MAP"], (5 / 6 + 0) / 2)
        self.assertAlmostEqual(ev.means["P@10"], (0.2 + 0) / 2)
        ndcg1 = (1 + 1 / math.log2(4)) / (1 + 1 / math.log2(3))
        self.assertAlmostEqual(ev.means["nDCG@10"], ndcg1 / 2)


class RiskTest(unittest.TestCase):
    def test_wins_losses_ties_and_robustness_index(self):
        def ev(values):
            return irmetrics.Evaluation(means={}, per_query={q: {"nDCG@10": v} for q, v in values.items()})
        system = ev({"a": 0.5, "b": 0.2, "c": 0.3, "d": 0.0, "e": 0.9})
        base = ev({"a": 0.4, "b": 0.35, "c": 0.3, "d": 0.25, "f": 1.0})  # e, f scored by one only
        k = irmetrics.risk(system, base)
        self.assertEqual((k.queries, k.wins, k.losses, k.big_losses), (4, 1, 2, 2))
        self.assertAlmostEqual(k.robustness_index, (1 - 2) / 4)
        self.assertAlmostEqual(k.mean_delta, (0.1 - 0.15 + 0 - 0.25) / 4)
        # A loss of 0.1 or less is not a big loss; a larger one is.
        self.assertEqual(irmetrics.risk(ev({"a": 0.31}), ev({"a": 0.4})).big_losses, 0)
        self.assertEqual(irmetrics.risk(ev({"a": 0.29}), ev({"a": 0.4})).big_losses, 1)

    def test_no_common_queries(self):
        k = irmetrics.risk(irmetrics.Evaluation(means={}), irmetrics.Evaluation(means={}))
        self.assertEqual((k.queries, k.robustness_index, k.mean_delta), (0, 0.0, 0.0))


class ReadQrelsTest(unittest.TestCase):
    def _write(self, text):
        f = tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8")
        f.write(text)
        f.close()
        self.addCleanup(os.unlink, f.name)
        return f.name

    def test_reads_three_and_four_column_forms(self):
        path = self._write("1\t184\t3\n1\t29\t-1\n\n2 0 7 1\n")
        self.assertEqual(irmetrics.read_qrels(path), {"1": {"184": 3, "29": -1}, "2": {"7": 1}})

    def test_malformed_line_names_file_and_line(self):
        path = self._write("1\t2\t1\n1\t2\n")
        with self.assertRaisesRegex(ValueError, r":2: expected"):
            irmetrics.read_qrels(path)
        path = self._write("1\t2\tyes\n")
        with self.assertRaisesRegex(ValueError, r":1: relevance is not an integer"):
            irmetrics.read_qrels(path)


if __name__ == "__main__":
    unittest.main()
