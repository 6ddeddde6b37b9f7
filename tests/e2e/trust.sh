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

finish
