#!/usr/bin/python3
"""newsdex-index --memory bounds peak RSS (issue 6).

    memory_limit.py NEWSDEX_INDEX

Generates a synthetic corpus whose change buffer exceeds the limit when held
in one batch (--batch-size larger than the corpus), indexes it once without
and once with --memory, and measures each child's peak RSS with wait4().
Passes if the unbounded run exceeds the limit (else the corpus proves
nothing) and the bounded run stays under it with the same article count.
"""
import os
import random
import subprocess
import sys
import tempfile

LIMIT_MB = 100
ARTICLES = 3000


def make_corpus(path):
    rng = random.Random(6)
    syllables = ["ka", "to", "ri", "men", "sa", "lo", "ve", "dri", "pan", "cor", "ul", "ne", "sti", "bar", "qui"]
    vocab = ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(40000)]
    with open(path, "w") as f:
        for i in range(ARTICLES):
            words = [rng.choice(vocab) for _ in range(rng.randint(300, 500))]
            body = " ".join(words[:150]) + ".\n\n" + " ".join(words[150:]) + "."
            f.write('{"id": "m%d", "title": "%s", "body": "%s", "date": "2024-01-%02d"}\n'
                    % (i, " ".join(words[:6]), body.replace("\n", "\\n"), 1 + i % 28))


def run(cmd):
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, ru = os.wait4(p.pid, 0)
    out = p.stdout.read()
    err = p.stderr.read()
    return os.waitstatus_to_exitcode(status), ru.ru_maxrss / 1024.0, out, err


def main():
    index = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="newsdex-memory.") as tmp:
        corpus = os.path.join(tmp, "corpus.jsonl")
        make_corpus(corpus)
        print("corpus: %d articles, %.1f MB" % (ARTICLES, os.path.getsize(corpus) / 1e6))
        base = [index, "--no-entities", "--threads", "2", "--batch-size", "1000000"]
        rc, free_mb, out, err = run(base + ["--db", os.path.join(tmp, "free"), corpus])
        print("unbounded: exit %d, peak RSS %.0f MB: %s" % (rc, free_mb, out.strip() or err[-500:]))
        rc2, bound_mb, out2, err2 = run(base + ["--memory", "%dM" % LIMIT_MB, "--db", os.path.join(tmp, "bound"), corpus])
        print("--memory %dM: exit %d, peak RSS %.0f MB: %s" % (LIMIT_MB, rc2, bound_mb, out2.strip() or err2[-500:]))
        failures = 0
        if rc != 0 or rc2 != 0:
            print("FAIL: indexing failed")
            failures += 1
        if free_mb <= LIMIT_MB:
            print("FAIL: the unbounded run stayed under %d MB; the corpus does not test the limit" % LIMIT_MB)
            failures += 1
        if bound_mb > LIMIT_MB:
            print("FAIL: peak RSS %.0f MB exceeds --memory %dM" % (bound_mb, LIMIT_MB))
            failures += 1
        if "holds %d articles" % ARTICLES not in out2:
            print("FAIL: the bounded run did not index every article")
            failures += 1
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
