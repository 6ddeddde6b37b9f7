"""Shared fixtures: the module, the CLI binaries and the corpus index (see run.py)."""
import json
import os
import subprocess

import pytest

import newsdex  # noqa: F401  (imported from the build tree by run.py)


class Cli:
    """The real binaries, for comparing the module with what they print."""

    def __init__(self):
        self.index_bin = os.environ["NEWSDEX_TEST_INDEX"]
        self.search_bin = os.environ["NEWSDEX_TEST_SEARCH"]
        self.db = os.environ["NEWSDEX_TEST_DB"]
        self.source = os.environ["NEWSDEX_TEST_SOURCE"]

    def search(self, *args, db=None):
        """newsdex-search ARGS: (exit code, stdout, stderr)."""
        dbs = db if isinstance(db, list) else [db or self.db]
        command = [self.search_bin] + [a for d in dbs for a in ("--db", str(d))] + [str(a) for a in args]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        return done.returncode, done.stdout, done.stderr

    def search_json(self, *args, db=None):
        """newsdex-search --format json ARGS: (exit code, the parsed object)."""
        code, out, _ = self.search("--format", "json", *args, db=db)
        return code, json.loads(out)

    def index(self, *args, stdin=None):
        done = subprocess.run([self.index_bin] + [str(a) for a in args], capture_output=True, text=True,
                              input=stdin, timeout=300)
        return done.returncode, done.stdout, done.stderr


@pytest.fixture(scope="session")
def cli():
    return Cli()


@pytest.fixture(scope="session")
def corpus_db(cli):
    return cli.db


@pytest.fixture(scope="session")
def wire_copies(cli):
    """A small JSONL fixture of wire copies (near-duplicates) with dates and sources."""
    return os.path.join(cli.source, "tests", "data", "search", "wire-copies.jsonl")
