"""newsdex.IndexWriter and extract_entities: the index newsdex-index builds, its messages."""
import json
import os
import warnings

import pytest

import newsdex

QUERIES = [("Trump", {}), ("election", {"facets": ["person", "year"]}), ("floods Valencia", {"no_collapse": True}),
           ("Kursk surrender", {}), ("Trump", {"sort": "-date", "limit": 20})]


def records(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def answers(db, cli=None):
    """The answers to QUERIES from the module, or from newsdex-search when cli is given."""
    out = []
    with newsdex.Searcher(db) as s:
        for query, options in QUERIES:
            out.append(s.search(query, **options))
    return out


@pytest.fixture(scope="module")
def inputs(cli, tmp_path_factory):
    """A few corpus files in a folder of their own, and the index newsdex-index makes of them."""
    folder = tmp_path_factory.mktemp("inputs")
    for name in ("wikinews-en.jsonl", "seed/kursk-ceasefire.jsonl"):
        src = os.path.join(cli.source, "corpus", name)
        with open(src, encoding="utf-8") as f, open(folder / os.path.basename(name), "w", encoding="utf-8") as g:
            g.write(f.read())
    wire = os.path.join(cli.source, "tests", "data", "search", "wire-copies.jsonl")
    with open(wire, encoding="utf-8") as f, open(folder / "wire-copies.jsonl", "w", encoding="utf-8") as g:
        g.write(f.read())
    db = tmp_path_factory.mktemp("cli") / "cli.db"
    code, _, err = cli.index("--db", db, folder)
    assert code == 0, err
    return folder, db


def test_upserting_the_records_builds_the_index_newsdex_index_builds(inputs, tmp_path):
    folder, cli_db = inputs
    db = tmp_path / "py.db"
    results = []
    with newsdex.IndexWriter(db) as writer:
        for name in sorted(os.listdir(folder)):
            for record in records(folder / name):
                results.append(writer.upsert(record))
    assert results.count("added") == len(results) > 150
    assert answers(db) == answers(cli_db)


def test_add_file_reads_a_folder_as_newsdex_index_does(inputs, tmp_path):
    folder, cli_db = inputs
    db = tmp_path / "files.db"
    with newsdex.IndexWriter(str(db), threads=2) as writer:
        summary = writer.add_file(folder)
        writer.commit()  # with threads, articles may still be queued for analysis until then
        assert writer.stats()["articles"] == summary["articles"]
    assert summary == {"articles": 158, "skipped": 0, "empty": 0, "repaired": 0, "problems": []}
    assert answers(db) == answers(cli_db)


def test_add_file_reports_problems_as_newsdex_index_does(cli, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok", "title": "Fine", "body": "A good article."}\n'
                   '{"id": "x", "title": ["not", "a", "string"]}\n'
                   '{"id": "d", "title": "Dated", "body": "Bad date.", "date": "yesterday"}\n'
                   'not json\n'
                   '{"id": "e", "title": "", "body": ""}\n', encoding="utf-8")
    code, _, err = cli.index("--db", tmp_path / "cli.db", bad)
    assert code == 1
    with newsdex.IndexWriter(tmp_path / "py.db") as writer:
        summary = writer.add_file(bad)
    assert (summary["articles"], summary["skipped"], summary["empty"], summary["repaired"]) == (2, 2, 1, 1)
    assert ["newsdex-index: " + p for p in summary["problems"]] == err.splitlines()[:4]


def test_upsert_replaces_by_id_and_remove_deletes(tmp_path):
    db = tmp_path / "a.db"
    with newsdex.IndexWriter(db) as writer:
        assert writer.upsert({"id": "a1", "title": "Kursk", "body": "Troops surrendered."}) == "added"
        assert writer.add({"id": 7, "title": "Belgorod", "body": "Shelling near the border."}) == "added"
        assert writer.upsert({"id": "a1", "title": "Kursk again", "body": "Troops surrendered."}) == "replaced"
        writer.commit()
        with newsdex.Searcher(db) as s:
            hits = s.search("surrender")["hits"]
            assert [(h["id"], h["title"]) for h in hits] == [("a1", "Kursk again")]
            assert s.article("7")["title"] == "Belgorod"
        assert writer.remove("a1") is True
        assert writer.delete("a1") is False  # pending delete: the id is gone already
        assert writer.remove("never-there") is False
        writer.commit()
        stats = writer.stats()
        assert (stats["articles"], stats["added"], stats["replaced"], stats["removed"]) == (1, 2, 1, 1)
    with newsdex.Searcher(db) as s:
        assert s.search("surrender")["hits"] == []
        assert s.stats()["articles"] == 1


def test_an_article_without_id_gets_the_cli_id(tmp_path, cli):
    record = {"title": "No id here", "body": "An article without an id."}
    code, _, err = cli.index("--db", tmp_path / "cli.db", "-", stdin=json.dumps(record) + "\n")
    assert code == 0, err
    with newsdex.IndexWriter(tmp_path / "py.db") as writer:
        writer.upsert(record)
    cli_ids = [h["id"] for h in newsdex.Searcher(tmp_path / "cli.db").search("article")["hits"]]
    py_ids = [h["id"] for h in newsdex.Searcher(tmp_path / "py.db").search("article")["hits"]]
    assert py_ids == cli_ids and py_ids[0].startswith("h")


def test_a_bad_record_raises_input_error_with_the_cli_reason(tmp_path, cli):
    record = {"id": "x", "title": ["not", "a", "string"], "body": "b"}
    code, _, err = cli.index("--db", tmp_path / "cli.db", "-", stdin=json.dumps(record) + "\n")
    assert code == 65
    with newsdex.IndexWriter(tmp_path / "py.db") as writer:
        with pytest.raises(newsdex.InputError) as raised:
            writer.upsert(record)
        assert "newsdex-index: -:1: %s\n" % raised.value in err
        assert raised.value.reason == 'field "title" must be a string, not an array'
        assert isinstance(raised.value, ValueError)
        with pytest.raises(newsdex.InputError, match="no title and no body|title"):
            writer.upsert({"id": "empty"})
        with pytest.raises(TypeError, match="dict"):
            writer.upsert(["id", "title"])
        with pytest.warns(UserWarning, match="date"):
            assert writer.upsert({"id": "d", "title": "Dated", "body": "x", "date": "yesterday"}) == "added"


def test_the_context_manager_commits_and_releases_the_lock_even_on_error(tmp_path):
    db = tmp_path / "ctx.db"
    with pytest.raises(RuntimeError, match="boom"):
        with newsdex.IndexWriter(db) as writer:
            writer.upsert({"id": "kept", "title": "Kept", "body": "Committed when the block raised."})
            raise RuntimeError("boom")
    assert writer.closed
    with pytest.raises(ValueError, match="closed"):
        writer.upsert({"id": "late", "title": "Late", "body": "x"})
    writer.close()  # closing twice is harmless
    assert newsdex.Searcher(db).article("kept")["title"] == "Kept"
    with newsdex.IndexWriter(db) as again:  # the lock was released
        assert again.stats()["articles"] == 1


def test_a_second_writer_gets_a_locked_database_error(tmp_path):
    db = tmp_path / "locked.db"
    with newsdex.IndexWriter(db):
        with pytest.raises(newsdex.DatabaseError) as raised:
            newsdex.IndexWriter(db)
        assert raised.value.kind == "locked"
        assert raised.value.path == str(db)


def test_writer_options_are_checked(tmp_path):
    with pytest.raises(TypeError, match="batchsize"):
        newsdex.IndexWriter(tmp_path / "o.db", batchsize=10)
    with pytest.raises(TypeError, match="batch_size"):
        newsdex.IndexWriter(tmp_path / "o.db", batch_size="10")
    with pytest.raises(newsdex.UsageError, match="lang must be a BCP 47"):
        newsdex.IndexWriter(tmp_path / "o.db", lang="xx-!!")
    with pytest.raises(newsdex.UsageError, match="max_word_bytes"):
        newsdex.IndexWriter(tmp_path / "o.db", max_word_bytes=2)
    assert not (tmp_path / "o.db").exists()


def test_lang_option_is_the_language_of_articles_without_one(tmp_path):
    db = tmp_path / "fr.db"
    with newsdex.IndexWriter(db, lang="fr", entities=False, dedup=False, batch_size=1) as writer:
        writer.upsert({"id": "f", "title": "Les élections", "body": "Les électeurs ont voté dimanche."})
        assert writer.stats()["commits"] >= 1
    s = newsdex.Searcher(db)
    assert s.article("f")["lang"] == "fr"
    assert s.search("élection", lang="fr")["total_estimate"] == 1  # French stemming
    assert not any(s.article("f")["entities"].values())


def test_extract_entities_is_what_newsdex_index_prints(cli):
    seed = os.path.join(cli.source, "corpus", "seed", "kursk-ceasefire.jsonl")
    code, out, err = cli.index("--extract-entities", seed)
    assert code == 0, err
    expected = json.loads(out)["entities"]
    article = records(seed)[0]
    got = newsdex.extract_entities(article["body"], article.get("lang", "en"), title=article["title"])
    assert got == expected
    assert {"type": "person", "canonical": "Vladimir Putin"}.items() <= next(
        m for m in got if m["canonical"] == "Vladimir Putin").items()
    assert newsdex.extract_entities("Владимир Путин", "ru") == []


def test_an_open_searcher_sees_each_commit(tmp_path):
    db = tmp_path / "live.db"
    with newsdex.IndexWriter(db) as writer:
        writer.upsert({"id": "1", "title": "Floods in Valencia", "body": "Rain."})
        writer.commit()
        searcher = newsdex.Searcher(db)
        assert searcher.search("floods", count=True)["count"] == 1
        writer.upsert({"id": "2", "title": "More floods", "body": "More rain."})
        assert searcher.search("floods", count=True)["count"] == 1  # not committed yet
        writer.commit()
        assert searcher.search("floods", count=True)["count"] == 2
