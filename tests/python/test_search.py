"""newsdex.Searcher: the same answers, errors and messages as newsdex-search."""
import inspect
import json
import os
import pathlib
import re

import pytest

import newsdex

# (query, Python keywords, the same options as newsdex-search flags)
SAME_AS_CLI = [
    ("Kursk surrender", {}, []),
    ("Trump", {"limit": 3, "facets": ["person", "place", "year"]}, ["--limit", "3", "--facets=person,place,year"]),
    ("Trump", {"facets": "org,source", "facet_limit": 2}, ["--facets=org,source", "--facet-limit", "2"]),
    ("Did the Ukrainian troops in Kursk surrender?", {"natural": True}, ["--natural"]),
    ("ceasfire", {}, []),  # did you mean "ceasefire"
    ("ceasfire", {"auto_correct": True}, ["--auto-correct"]),
    ("Putin", {"sort": "-date", "offset": 1, "snippets": 1, "explain": True},
     ["--sort", "-date", "--offset", "1", "--snippets", "1", "--explain"]),
    ("Trump", {"related": 3, "no_collapse": True}, ["--related=3", "--no-collapse"]),
    ("Ukraine", {"since": "2025-01", "until": "2025-12-31", "lang": "en"},
     ["--since", "2025-01", "--until", "2025-12-31", "--lang", "en"]),
    ("Kursk", {"count": True}, ["--count"]),
    ("Kursk", {"recency": "30d", "recency_ref": "2025-04-01"}, ["--recency", "30d", "--recency-ref", "2025-04-01"]),
    ("élection OR élections", {"limit": "2", "snippet_bytes": 80}, ["--limit", "2", "--snippet-bytes", "80"]),
    ("nothingmatchesthisword", {}, []),
    ("person:putin", {"limit": 5}, ["--limit", "5"]),  # filters alone: newest first
    ("person:putin", {"sort": "relevance", "limit": 5}, ["--sort", "relevance", "--limit", "5"]),
]


@pytest.fixture(scope="module")
def searcher(corpus_db):
    with newsdex.Searcher(corpus_db) as s:
        yield s


@pytest.mark.parametrize("query,options,flags", SAME_AS_CLI, ids=[q + str(sorted(o)) for q, o, _ in SAME_AS_CLI])
def test_search_returns_what_the_cli_prints(searcher, cli, query, options, flags):
    code, expected = cli.search_json(*flags, "--", query)
    assert code in (0, 1)
    got = searcher.search(query, **options)
    assert got == expected
    assert got["format_version"] == newsdex.JSON_FORMAT_VERSION


def test_hits_have_the_json_fields(searcher):
    result = searcher.search("Kursk surrender")
    assert result["total_estimate"] == 1
    hit = result["hits"][0]
    assert hit["id"] == "afp-2025-03-14-kursk-ceasefire"
    assert hit["title"] == "Putin calls on Ukrainian troops in Kursk to surrender"
    assert (hit["date"], hit["source"], hit["lang"]) == ("2025-03-14", "AFP", "en")
    assert hit["score"] > 0
    title = hit["title"].encode()
    assert [title[a:b].decode() for a, b in hit["title_highlights"]] == ["Kursk", "surrender"]
    assert "Vladimir Putin" in hit["entities"]["person"]
    assert result["suggestion"] is None


def test_filters_alone_come_newest_first(searcher):
    # Nothing in `person:putin` scores: relevance order would be index order.
    result = searcher.search("person:putin", limit=50)
    assert result["sort"] == "-date" and len(result["hits"]) > 2
    dates = [h["date"] for h in result["hits"] if h["date"]]
    assert dates == sorted(dates, reverse=True)
    assert searcher.search("person:putin Kursk")["sort"] == "relevance"


def test_none_leaves_the_default(searcher):
    assert searcher.search("Trump", limit=None, since=None) == searcher.search("Trump")


def test_article_and_stats_are_the_cli_json(searcher, cli):
    code, expected = cli.search_json("--article", "afp-2025-03-14-kursk-ceasefire")
    assert code == 0
    article = searcher.article("afp-2025-03-14-kursk-ceasefire")
    assert article == expected
    assert "Kursk" in article["body"]
    assert searcher.article("no-such-id") is None
    code, expected = cli.search_json("--stats")
    assert code == 0
    assert searcher.stats() == expected
    assert searcher.stats()["articles"] == 336


def test_a_malformed_query_raises_query_error_with_the_cli_message(searcher, cli):
    code, expected = cli.search_json("--", "Kursk AND")
    assert code == 2
    with pytest.raises(newsdex.QueryError) as raised:
        searcher.search("Kursk AND")
    assert str(raised.value) == expected["error"] == "AND at character 7 has no search term after it"
    assert raised.value.query == "Kursk AND"
    assert isinstance(raised.value, ValueError) and isinstance(raised.value, newsdex.Error)
    _, _, stderr = cli.search("--", "Kursk AND")
    assert stderr == "newsdex-search: bad query: " + str(raised.value) + "\n"


@pytest.mark.parametrize("options,flags,field", [
    ({"limit": "abc"}, ["--limit", "abc"], "limit"),
    ({"limit": -1}, ["--limit", "-1"], "limit"),
    ({"sort": "size"}, ["--sort", "size"], "sort"),
    ({"facets": ["person", "colour"]}, ["--facets=person,colour"], "facets"),
    ({"since": "2025-13"}, ["--since", "2025-13"], "since"),
    ({"since": "2025", "until": "2024"}, ["--since", "2025", "--until", "2024"], "since"),
    ({"feedback": True, "no_feedback": True}, ["--feedback", "--no-feedback"], "feedback"),
    ({"regularise": True, "sort": "date"}, ["--regularise", "--sort", "date"], "regularise"),
    ({"recency_ref": "2025-01-01"}, ["--recency-ref", "2025-01-01"], "recency_ref"),
    ({"timeout": "soon"}, ["--timeout", "soon"], "timeout"),
])
def test_a_bad_value_raises_usage_error_naming_the_keyword(searcher, cli, options, flags, field):
    code, expected = cli.search_json(*flags, "--", "Trump")
    assert code == 2 and expected["kind"] == "usage"
    with pytest.raises(newsdex.UsageError) as raised:
        searcher.search("Trump", **options)
    assert isinstance(raised.value, ValueError)
    assert raised.value.field == field
    # The CLI's message with its option spellings (--recency-ref) as keywords (recency_ref).
    cli_message = re.sub(r"--([a-z-]+)", lambda m: m.group(1).replace("-", "_"), expected["error"])
    assert str(raised.value) == cli_message
    assert re.search(r"\b%s\b" % field, str(raised.value))


def test_an_unknown_keyword_is_a_type_error_naming_it(searcher):
    with pytest.raises(TypeError, match="limitt"):
        searcher.search("Trump", limitt=3)


@pytest.mark.parametrize("value", [{"a": 1}, object(), [1, 2], b"10"])
def test_a_value_of_the_wrong_type_is_a_type_error_naming_the_keyword(searcher, value):
    with pytest.raises(TypeError, match="limit|facets"):
        searcher.search("Trump", limit=value)


def test_a_missing_index_raises_database_error_with_the_cli_message(tmp_path, cli):
    missing = tmp_path / "nothing-here"
    code, expected = cli.search_json("Trump", db=missing)
    assert code == 66 and expected["kind"] == "index_missing"
    with pytest.raises(newsdex.DatabaseError) as raised:
        newsdex.Searcher(missing)
    assert str(raised.value) == expected["error"]
    assert raised.value.kind == "missing"
    assert raised.value.path == str(missing)
    assert not isinstance(raised.value, IndexError)  # no builtin shadowed


def test_several_indexes_search_as_one_like_the_cli(tmp_path, cli, corpus_db, wire_copies):
    shard = tmp_path / "wire.db"
    code, _, err = cli.index("--db", shard, wire_copies)
    assert code == 0, err
    for query, flags, options in [("floods", ["--facets=source"], {"facets": ["source"]}), ("Trump", [], {}),
                                  ("Valencia", ["--no-collapse"], {"no_collapse": True})]:
        code, expected = cli.search_json(*flags, "--", query, db=[corpus_db, shard])
        with newsdex.Searcher([pathlib.Path(corpus_db), str(shard)]) as both:
            assert both.search(query, **options) == expected
            assert both.indexes == [corpus_db, str(shard)]


def test_paths_may_be_path_like_and_a_bad_path_type_is_a_type_error(corpus_db):
    assert newsdex.Searcher(pathlib.Path(corpus_db)).stats()["articles"] == 336
    with pytest.raises(TypeError):
        newsdex.Searcher(42)
    with pytest.raises(TypeError):
        newsdex.Searcher([corpus_db, 42])
    with pytest.raises(ValueError):
        newsdex.Searcher([])


def test_a_closed_searcher_refuses_to_search(corpus_db):
    with newsdex.Searcher(corpus_db) as s:
        assert not s.closed
        assert s.search("Trump")["total_estimate"] > 0
    assert s.closed
    with pytest.raises(ValueError, match="closed"):
        s.search("Trump")


def test_help_lists_every_option_and_the_stub_declares_them(corpus_db):
    names = [name for name, _, _ in newsdex.request_fields()]
    assert {"limit", "facets", "natural", "since", "no_collapse", "recency_ref"} <= set(names)
    doc = newsdex.Searcher.search.__doc__
    for name in names:
        if name != "query":
            assert re.search(r"^  %s \(" % name, doc, re.M), name
    stub = pathlib.Path(os.path.dirname(newsdex.__file__), "newsdex.pyi").read_text()
    search_stub = stub[stub.index("def search("):stub.index(") -> Dict[str, Any]:")]
    assert re.findall(r"^\s+(\w+):", search_stub, re.M) == names
    assert "IndexWriter" in newsdex.__doc__ and inspect.isclass(newsdex.Searcher)
