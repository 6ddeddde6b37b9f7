"""The GIL is released while newsdex works: threads search at once and never deadlock."""
import json
import os
import shutil
import socket
import subprocess
import threading
import time

import pytest

import newsdex

QUERIES = ["Trump", "Kursk surrender", "élection", "Ukraine OR Russia", "climate", "Putin ceasefire"]


def test_threads_sharing_one_searcher_get_the_single_thread_answers(corpus_db):
    searcher = newsdex.Searcher(corpus_db)
    expected = {q: searcher.search(q, facets=["person"]) for q in QUERIES}
    failures, answers = [], []

    def work(offset):
        try:
            for i in range(24):
                q = QUERIES[(i + offset) % len(QUERIES)]
                answers.append(searcher.search(q, facets=["person"]) == expected[q])
        except Exception as e:  # noqa: BLE001 - reported below
            failures.append(e)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not failures and not any(t.is_alive() for t in threads)
    assert answers == [True] * 96


def test_a_writer_waiting_for_the_lock_lets_other_threads_run(tmp_path):
    # If IndexWriter(wait=True) kept the GIL while blocked on the lock, this
    # thread could never close the first writer: a deadlock, not a failure.
    db = tmp_path / "w.db"
    first = newsdex.IndexWriter(db)
    first.upsert({"id": "1", "title": "First", "body": "Written by the first writer."})
    opened = []

    def second_writer():
        with newsdex.IndexWriter(db, wait=True) as w:
            opened.append(w.stats()["articles"])
            w.upsert({"id": "2", "title": "Second", "body": "Written by the second writer."})

    waiter = threading.Thread(target=second_writer)
    waiter.start()
    time.sleep(0.5)
    assert waiter.is_alive() and opened == []  # still waiting for the lock
    first.close()
    waiter.join(timeout=60)
    assert not waiter.is_alive()
    assert opened == [1]
    assert newsdex.Searcher(db).stats()["articles"] == 2


class GatedProxy:
    """A TCP proxy in Python threads in front of xapian-tcpsrv. While the gate
    is shut, the first connection's requests are held: its search waits for
    the network, and only a search that released the GIL lets the rest of the
    program (this proxy included) go on."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.gate = threading.Event()
        self.gate.set()
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target_port))
            gated = self.connections == 0
            self.connections += 1
            threading.Thread(target=self._pump, args=(client, server, gated), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, False), daemon=True).start()

    def close(self):
        self.gate.set()
        self.listener.close()

    def _pump(self, source, sink, gated):
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                return
            if not data:
                sink.close()
                return
            if gated:
                self.gate.wait()
            try:
                sink.sendall(data)
            except OSError:
                return


@pytest.fixture
def tcpsrv(corpus_db):
    if shutil.which("xapian-tcpsrv") is None:
        pytest.skip("xapian-tcpsrv not installed (package xapian-tools)")
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    server = subprocess.Popen(["xapian-tcpsrv", "--interface", "127.0.0.1", "--port", str(port), corpus_db],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    yield port
    server.terminate()
    server.wait(timeout=10)


def test_two_searches_on_one_searcher_run_at_once(tcpsrv, tmp_path, corpus_db):
    proxy = GatedProxy(tcpsrv)
    stub = tmp_path / "remote.stub"
    stub.write_text("remote 127.0.0.1:%d\n" % proxy.port)
    searcher = newsdex.Searcher(stub)  # connection 1, through the gate
    local = newsdex.Searcher(corpus_db).search("Kursk surrender")
    proxy.gate.clear()
    held = []
    first = threading.Thread(target=lambda: held.append(searcher.search("Kursk surrender")))
    first.start()
    time.sleep(0.3)
    assert first.is_alive() and held == []  # its request is held at the gate
    # Meanwhile the same Searcher answers another thread (a second connection).
    second = searcher.search("Kursk surrender")
    assert first.is_alive() and held == []
    proxy.close()  # opens the gate; the connections made stay up
    first.join(timeout=60)
    assert not first.is_alive()
    assert proxy.connections == 2
    ids = [[h["id"] for h in r["hits"]] for r in (held[0], second, local)]
    assert ids[0] == ids[1] == ids[2] == ["afp-2025-03-14-kursk-ceasefire"]


def test_add_file_reading_a_pipe_lets_the_writing_thread_run(tmp_path):
    # add_file() blocks reading the FIFO until this thread writes to it: only
    # an add_file() that released the GIL lets it (else a deadlock).
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    db = tmp_path / "fifo.db"
    summaries = []
    with newsdex.IndexWriter(db) as writer:
        reader = threading.Thread(target=lambda: summaries.append(writer.add_file(fifo)))
        reader.start()
        with open(fifo, "w", encoding="utf-8") as feed:
            for n in range(50):
                feed.write(json.dumps({"id": "p%d" % n, "title": "Piped %d" % n, "body": "Article %d." % n}) + "\n")
        reader.join(timeout=60)
        assert not reader.is_alive()
    assert summaries[0]["articles"] == 50
    assert newsdex.Searcher(db).search("piped", count=True)["count"] == 50
