#!/usr/bin/env bash
# Issue 14, "search you can trust": no query runs its opposite, capitalised
# words match, emoji never void a query, and the smaller defects of the
# issue, on purpose-made fixtures (tests/data/trust) and on corpus/.
# Usage: trust.sh NEWSDEX_INDEX NEWSDEX_SEARCH SOURCE_DIR CORPUS_DB
INDEX=$1
SEARCH=$2
SRC=$3
CORPUS_DB=$4
. "$(dirname "$0")/lib.sh"

DB="$E2E_TMP/db"
run_cmd "$INDEX" --db "$DB" --quiet "$SRC/tests/data/trust/news.jsonl"
count() { "$SEARCH" --db "$DB" --count -- "$@"; }

# Negative-only queries find the articles without the words (as NOT would).
all=$(count 'NOT zzzz')
[ "$all" = 10 ] && pass "10 articles" || fail "NOT zzzz counts $all, not 10"
for pair in '-oil|oil' '-oil -gas|oil OR gas' '-"crude oil"|"crude oil"' '-oil*|oil*'; do
  q=${pair%%|*}; positive=${pair#*|}
  with=$(count "$positive"); without=$(count "$q")
  [ $((with + without)) -eq "$all" ] && [ "$without" -lt "$all" ] && pass "$q: $without without + $with with" ||
    fail "$q finds $without, '$positive' $with, of $all"
done
run_cmd "$SEARCH" --db "$DB" --format json -- '-oil -gas'
expect_json "j['hits'] and all(h['id'] in ('wheat1', 'ru1', 'fr1', 'fr2', 'zh1') for h in j['hits'])"
expect_json "'AND_NOT Zoil' in j['parsed_query']"
run_cmd "$SEARCH" --db "$DB" -- 'oil NEAR -gas'
expect_exit 2
expect_stderr_contains "bad query: this combination of operators cannot be parsed"

# A capitalised word matches at least what its lower-case form matches.
for pair in 'Elections:elections' 'Ministers:ministers' 'EXPORTS:exports' 'Выборы:выборы'; do
  upper=${pair%%:*}; lower=${pair#*:}
  u=$(count "$upper"); l=$(count "$lower")
  [ "$u" -ge "$l" ] && [ "$l" -gt 0 ] && pass "$upper $u >= $lower $l" || fail "$upper finds $u, $lower $l"
done

# Emoji with a variation selector (U+FE0F) or a joiner never void a query.
for q in '🛢️ oil' '❤️ oil' 'oil ☀️' '👨‍👩‍👧 oil'; do
  n=$(count "$q")
  [ "$n" = "$(count oil)" ] && pass "'$q' finds $n" || fail "'$q' finds $n, oil $(count oil)"
done
run_cmd "$SEARCH" --db "$DB" -- '🛢️'
expect_exit 2
expect_stderr_contains "nothing to search for"

# lang:zh matches zh-Hans (a language range), lang:zh-Hant does not.
[ "$(count 'lang:zh')" = 1 ] && pass "lang:zh" || fail "lang:zh finds $(count 'lang:zh')"
[ "$(count 'lang:zh-hans')" = 1 ] && pass "lang:zh-hans" || fail "lang:zh-hans"
[ "$(count 'lang:zh-Hant')" = 0 ] && pass "lang:zh-Hant" || fail "lang:zh-Hant"
[ "$("$SEARCH" --db "$CORPUS_DB" --count lang:zh)" = 5 ] && pass "corpus lang:zh" || fail "corpus lang:zh"

# '*' alone, a misplaced '*' and a field without a value are errors, not silence.
for q in '*' '*oil' 'o*il' '"crude oil*"' 'person:' 'oil title: crude'; do
  run_cmd "$SEARCH" --db "$DB" -- "$q"
  expect_exit 2
  expect_stderr_contains "newsdex-search: bad query: "
done

# Estimates: on corpus/ (336 articles, wire copies collapsed into stories)
# every total is below the ranked pass's count, so the shown total is exact.
for q in 'the' 'Trump' 'election' 'la OR il' 'said -Trump'; do
  run_cmd "$SEARCH" --db "$CORPUS_DB" --format json --limit 3 --snippets 0 -- "$q"
  shown=$(printf '%s' "$LAST_STDOUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total_estimate"], d["exact"])')
  exact=$("$SEARCH" --db "$CORPUS_DB" --format json --limit 0 --facets=year -- "$q" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total_estimate"])')
  [ "$shown" = "$exact True" ] && pass "'$q': $shown" || fail "'$q': shown $shown, exact $exact"
done

# A French question ranks by its words, not its stopwords (la, que, est).
run_cmd "$SEARCH" --db "$DB" --format json --natural "Qu'est-ce que la Réserve fédérale a décidé ?"
expect_json "j['hits'][0]['id'] == 'fr1' and 'fr2' not in [h['id'] for h in j['hits']]"

# Facets print in the order asked; text output shows the time when there is one.
run_cmd "$SEARCH" --db "$DB" --limit 0 --facets=year,source,lang 'NOT zzzz'
expect_exit 0
order=$(printf '%s\n' "$LAST_STDOUT" | grep -E '^[a-z]+:$' | tr -d ':' | tr '\n' ' ')
[ "$order" = "year source lang " ] && pass "facets in the order asked" || fail "facet order: $order"
run_cmd "$SEARCH" --db "$DB" --sort date election
expect_stdout_contains "2025-03-01 09:30 UTC · Wire"
expect_stdout_contains "2025-03-01 17:45 UTC · Wire"
run_cmd "$SEARCH" --db "$DB" gas storage
expect_stdout_contains "2025-03-02 · Wire"

# --help documents the query limits (one default per option: unit.readers).
run_cmd "$SEARCH" --help
expect_stdout_contains "at most 1000 terms and 32 wildcards"
expect_stdout_contains "500 most frequent words"

# JSON mode always prints JSON: errors as {"error", "kind", ...} on stdout,
# the message on stderr, the same exit codes; --count is an object.
run_cmd "$SEARCH" --db "$DB" --format json 'oil AND'
expect_exit 2
expect_json "j == {'format_version': 1, 'error': 'AND at character 5 has no search term after it', 'kind': 'query', 'exit_code': 2, 'query': 'oil AND'}"
expect_stderr_line "newsdex-search: bad query: AND at character 5 has no search term after it"
run_cmd "$SEARCH" --db "$E2E_TMP/no-such-index" -f json oil
expect_exit 66
expect_json "j['kind'] == 'index_missing' and j['exit_code'] == 66 and j['query'] is None and 'no index here' in j['error']"
run_cmd "$SEARCH" --db "$DB" --format=json --limit abc oil
expect_exit 2
expect_json "j['kind'] == 'usage' and j['error'] == '--limit must be a whole number, not \"abc\"'"
run_cmd "$SEARCH" --db "$DB" --format json --count oil
expect_exit 0
expect_json "j == {'format_version': 1, 'query': 'oil', 'count': $(count oil), 'exact': True}"
run_cmd "$SEARCH" --db "$DB" --count oil
expect_stdout_contains "$(count oil)"
printf 'oil\noil AND\n' >"$E2E_TMP/queries.txt"
run_cmd "$SEARCH" --db "$DB" --queries "$E2E_TMP/queries.txt"
expect_exit 2
expect_stdout_contains '"kind":"query"'
# Text mode keeps plain messages, nothing on stdout.
run_cmd "$SEARCH" --db "$DB" 'oil AND'
expect_exit 2
[ -z "$LAST_STDOUT" ] && pass "text mode: no stdout on error" || fail "text mode printed on stdout"

# Indexing: a headline-only article is news (exit 0; a note under --verbose).
run_cmd "$INDEX" --db "$E2E_TMP/db2" "$SRC/tests/data/trust/news.jsonl"
expect_exit 0
expect_stdout_contains "indexed 10 articles (10 added, 0 replaced), 0 skipped, 0 repaired"
[ -z "$LAST_STDERR" ] && pass "no message for a headline-only article" || fail "stderr not empty"
run_cmd "$INDEX" --db "$E2E_TMP/db3" --verbose "$SRC/tests/data/trust/news.jsonl"
expect_exit 0
expect_stderr_line "newsdex-index: note: $SRC/tests/data/trust/news.jsonl:10: empty body; indexed by its title"

# An archive's odd empty record (Reuters-21578 has one) is named, not a failure.
printf '%s\n' '{"id":"e1","title":"Oil prices rise","body":"Crude oil rose."}' '{"id":"e2","title":"","body":""}' >"$E2E_TMP/one-empty.jsonl"
run_cmd "$INDEX" --db "$E2E_TMP/empty-rec-db" "$E2E_TMP/one-empty.jsonl"
expect_exit 0
expect_stderr_line "newsdex-index: $E2E_TMP/one-empty.jsonl:2: empty record (no title and no body); left out"
expect_stdout_contains "indexed 1 articles (1 added, 0 replaced), 0 skipped, 1 empty, 0 repaired"
printf '%s\n' '{"id":"e2","title":"","body":""}' >"$E2E_TMP/all-empty.jsonl"
run_cmd "$INDEX" --db "$E2E_TMP/all-empty-db" "$E2E_TMP/all-empty.jsonl"
expect_exit 65
[ ! -e "$E2E_TMP/all-empty-db" ] && pass "only empty records: no index" || fail "index left from empty records"

# Nothing indexed into a new index leaves nothing behind (exit 65 as before).
: >"$E2E_TMP/empty.jsonl"
run_cmd "$INDEX" --db "$E2E_TMP/empty-db" "$E2E_TMP/empty.jsonl"
expect_exit 65
[ ! -e "$E2E_TMP/empty-db" ] && pass "no empty index left behind" || fail "empty index left at $E2E_TMP/empty-db"
expect_stderr_contains "nothing indexed; $E2E_TMP/empty-db not created"
expect_stdout_contains "no index created at $E2E_TMP/empty-db"
expect_stdout_lacks "holds 0 articles"
run_cmd "$INDEX" --db "$E2E_TMP/t-db" --threads -1 "$E2E_TMP/empty.jsonl"
expect_exit 2
expect_stderr_contains 'newsdex-index: --threads must be a whole number (0 = one per core), not "-1"'
# An existing index is kept, of course.
run_cmd "$INDEX" --db "$DB" "$E2E_TMP/empty.jsonl"
expect_exit 65
[ "$(count 'NOT zzzz')" = 10 ] && pass "existing index kept" || fail "existing index changed"

# An invalid lang is reported and replaced by the default; --lang is checked.
printf '{"id":"l1","title":"Bad tag","body":"text","lang":"xx-!!"}\n' >"$E2E_TMP/lang.jsonl"
run_cmd "$INDEX" --db "$E2E_TMP/lang-db" "$E2E_TMP/lang.jsonl"
expect_exit 1
expect_stderr_line "newsdex-index: $E2E_TMP/lang.jsonl:1: field \"lang\" is not a BCP 47 language tag: \"xx-!!\"; indexed in the default language (--lang)"
[ "$("$SEARCH" --db "$E2E_TMP/lang-db" --count lang:en)" = 1 ] && pass "stored as en" || fail "lang not replaced"
run_cmd "$INDEX" --db "$E2E_TMP/lang-db" --lang 'xx-!!' "$E2E_TMP/lang.jsonl"
expect_exit 2
expect_stderr_contains "--lang must be a BCP 47 language tag"

# Text files: ids relative to the input root, so a copied corpus keeps its ids.
mkdir -p "$E2E_TMP/copy1/world" "$E2E_TMP/copy2"
printf 'Oil talks\nMinisters met.\n' >"$E2E_TMP/copy1/world/oil.txt"
cp -r "$E2E_TMP/copy1/world" "$E2E_TMP/copy2/"
run_cmd "$INDEX" --db "$E2E_TMP/text-db" "$E2E_TMP/copy1"
run_cmd "$INDEX" --db "$E2E_TMP/text-db" "$E2E_TMP/copy2"
expect_stdout_contains "(0 added, 1 replaced)"
run_cmd "$SEARCH" --db "$E2E_TMP/text-db" --format json oil
expect_json "[h['id'] for h in j['hits']] == ['file:world/oil.txt']"

# Filters on one field OR together, on different fields AND (README "Several filters").
fr=$(count 'lang:fr'); ru=$(count 'lang:ru'); both=$(count 'lang:fr lang:ru')
[ "$fr" -gt 0 ] && [ "$ru" -gt 0 ] && [ "$both" = $((fr + ru)) ] && pass "lang:fr lang:ru = $fr + $ru" ||
  fail "lang:fr lang:ru finds $both, lang:fr $fr, lang:ru $ru"
[ "$(count 'lang:fr lang:ru id:fr1')" = 1 ] && pass "different fields AND" || fail "lang:fr lang:ru id:fr1 finds $(count 'lang:fr lang:ru id:fr1')"

finish
