#!/usr/bin/env bash
# Issue 17, capitalised words in every language: a query word in any case,
# with or without the language's special letters, finds the article that
# writes it in another case — Turkish dotted/dotless I, German ß and umlauts,
# Greek accents and final sigma (tests/data/case_rules/articles.jsonl).
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH DATA_JSONL
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 DATA=$3
DB=$E2E_TMP/db

run_cmd "$INDEX" --db "$DB" --no-dedup "$DATA"
expect_exit 0

# query  the one article it must find
while read -r query id; do
  run_cmd "$SEARCH" --db "$DB" --format json "$query"
  expect_exit 0
  expect_json "[h['id'] for h in j['hits']] == ['$id']"
done <<'ROWS'
istanbul tr1
İstanbul tr1
ISTANBUL tr1
izmir tr1
Iğdır tr1
ığdır tr1
Isparta tr1
ısparta tr1
strasse de1
Strasse de1
STRASSE de1
straße de1
köln de1
koln de1
KÖLN de1
εκλογές el1
ΕΚΛΟΓΈΣ el1
εκλογεσ el1
αθηνα el1
ΑΘΗΝΑ el1
ROWS

# A word none of them has finds nothing (exit 1), so the rows above can fail.
run_cmd "$SEARCH" --db "$DB" --format json "ankara"
expect_exit 1
finish
