#!/usr/bin/env python3
"""Summarises the held-apart reports of `newsdex-ner train --holdout-every 8 --holdout-fold F`
(one trainer log per fold, as scripts/train-ner --cv writes them): F1 overall and per type for
each fold and their mean, for each measure the trainer prints (CoNLL tokens / raw text, as
written / ALL CAPS)."""
import re
import sys

ROW = re.compile(r"^\s+(PER|LOC|ORG|overall)\s+P ([\d.]+)\s+R ([\d.]+)\s+F1 ([\d.]+)")


def measures(path):
    """{measure name: {type: F1}} of one trainer log."""
    out, current = {}, None
    with open(path) as f:
        for line in f:
            if line.startswith("held-apart train documents"):
                all_caps = "ALL CAPS" in line
                raw = "raw text" in line
                current = ("ALL CAPS " if all_caps else "") + ("raw" if raw else "tokens")
                out[current] = {}
                continue
            m = ROW.match(line)
            if m and current:
                out[current][m.group(1)] = float(m.group(4))
    return out


def main(paths):
    folds = [measures(p) for p in paths]
    if not folds or not folds[0]:
        sys.exit("ner-cv-summary: no held-apart report in " + " ".join(paths))
    for name in folds[0]:
        per_fold = [f[name]["overall"] for f in folds]
        mean = {t: sum(f[name][t] for f in folds) / len(folds) for t in ("PER", "LOC", "ORG", "overall")}
        print(f"{name:>16}: mean F1 {mean['overall']:.4f} (folds {' / '.join(f'{x:.4f}' for x in per_fold)}); "
              f"PER {mean['PER']:.4f} LOC {mean['LOC']:.4f} ORG {mean['ORG']:.4f}")


if __name__ == "__main__":
    main(sys.argv[1:])
