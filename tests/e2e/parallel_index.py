#!/usr/bin/python3
"""Parallel indexing gives the same index as one thread (issue 6).

    parallel_index.py NEWSDEX_INDEX NEWSDEX_SEARCH INPUT[@LINES]...

Indexes the same inputs (given twice, so the second pass replaces every
article: upserts across batches) with --threads 1 (one writer) and
--threads 3 (three analysis threads and three segment writers, merged), small
batches so that near-duplicate clusters are looked up across commits, then
runs queries with facets on both and requires identical JSON: ids, order,
scores, snippets, story clusters and facet counts; and the spelling tables
("did you mean") word for word with their counts: one writer adds each
article's words, a parallel build makes them once from the merged terms.
"""
import json
import os
import subprocess
import sys
import tempfile

import xapian


def spelling_table(db):
    """Every word of the spelling table with its count."""
    d = xapian.Database(db)
    return {s.term.decode("utf-8", "replace"): s.termfreq for s in d.spellings()}

QUERIES = ["cocoa", "coffee prices", "oil", "dividend", "japan trade", "kursk", "ceasefire", "election", "president", "police", "government minister",
           "\"prime minister\"", "football OR cricket", "france", "oil", "court", "title:fire",
           "war", "climate", "company", "la", "le gouvernement", "university", "china", "storm"]
FACETS = "person,place,org,source,lang,year"


def main():
    index, search = sys.argv[1], sys.argv[2]
    failures = 0
    with tempfile.TemporaryDirectory(prefix="newsdex-parallel.") as tmp:
        inputs = []
        for arg in sys.argv[3:]:
            # PATH@N: the first N lines of PATH (a slice of a big shared corpus); skipped if absent.
            path, _, head = arg.partition("@")
            if not os.path.exists(path):
                print("note: %s is absent; not used" % path)
                continue
            if head:
                cut = os.path.join(tmp, "head%d.jsonl" % len(inputs))
                with open(path, encoding="utf-8") as f, open(cut, "w", encoding="utf-8") as out:
                    for i, line in enumerate(f):
                        if i >= int(head):
                            break
                        out.write(line)
                path = cut
            inputs.append(path)
        outputs = {}
        for threads in (1, 3):
            db = os.path.join(tmp, "db%d" % threads)
            # Parallel writers even for this small input (they start at 4 MB of input).
            env = dict(os.environ, NEWSDEX_PARALLEL_MIN_BYTES="0")
            r = subprocess.run([index, "--db", db, "--threads", str(threads), "--batch-size", "97"] + inputs + inputs,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            if r.returncode not in (0, 1):
                print("FAIL: --threads %d exited %d: %s" % (threads, r.returncode, r.stderr[-2000:]))
                return 1
            print("--threads %d: %s" % (threads, r.stdout.strip()))
            results = []
            for q in QUERIES:
                s = subprocess.run([search, "--db", db, "--format", "json", "--facets", FACETS, "-n", "20", q],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                results.append((s.returncode, s.stdout))
            outputs[threads] = (r.stdout.split(" in ")[0], results, spelling_table(db))
        if outputs[1][0] != outputs[3][0]:
            print("FAIL: different counts: %r vs %r" % (outputs[1][0], outputs[3][0]))
            failures += 1
        if "replaced" not in outputs[1][0] or " 0 replaced" in outputs[1][0]:
            print("FAIL: the second pass should replace articles: %r" % outputs[1][0])
            failures += 1
        words1, words3 = outputs[1][2], outputs[3][2]
        if len(words1) < 1000:
            print("FAIL: only %d spelling words with one writer; the comparison proves little" % len(words1))
            failures += 1
        if words1 != words3:
            diff = sorted(w for w in set(words1) | set(words3) if words1.get(w) != words3.get(w))
            print("FAIL: spelling tables differ in %d words, e.g. %s" %
                  (len(diff), ", ".join("%s: %s vs %s" % (w, words1.get(w), words3.get(w)) for w in diff[:5])))
            failures += 1
        hits = 0
        clustered = 0
        for q, (a, b) in zip(QUERIES, zip(outputs[1][1], outputs[3][1])):
            if a != b:
                print("FAIL: query %r differs between 1 and 3 threads\n  1: %s\n  3: %s" % (q, a[1][:600], b[1][:600]))
                failures += 1
                continue
            if a[0] == 0:
                doc = json.loads(a[1])
                hits += len(doc.get("hits", []))
                clustered += sum(1 for h in doc.get("hits", []) if h.get("cluster") not in (None, h.get("id")))
        if hits < 50:
            print("FAIL: only %d hits over %d queries; the comparison proves little" % (hits, len(QUERIES)))
            failures += 1
        if clustered == 0:
            print("FAIL: no hit joined another article's story cluster; near-duplicates were not exercised")
            failures += 1
        print("compared %d queries, %d hits, %d with near-duplicates; %d spelling words" %
              (len(QUERIES), hits, clustered, len(words1)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
