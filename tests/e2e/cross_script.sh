#!/usr/bin/env bash
# Issue 17, names across scripts: one story in English, Russian, Ukrainian and
# Greek (tests/data/cross_script/kursk.jsonl). A name finds its spellings in
# the other scripts (Kursk -> Курске, Курск -> Kursk, Zelensky -> Зеленський),
# highlighted, ranked below the articles that write it as the query does; a
# query whose other words are not there (Kursk surrender) finds only those;
# place:Kursk finds the articles that inflect it (Курске, Курськом).
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH DATA_JSONL
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 DATA=$3
DB=$E2E_TMP/db

run_cmd "$INDEX" --db "$DB" --no-dedup "$DATA"
expect_exit 0

# query  first hit  every hit  a highlighted word of the Russian article
while read -r query first all ru_word; do
  run_cmd "$SEARCH" --db "$DB" --format json "$query"
  expect_exit 0
  expect_json "j['hits'][0]['id'] == '$first'"
  expect_json "sorted(h['id'] for h in j['hits']) == sorted('$all'.split(','))"
  expect_json "'$ru_word' in [hl(s['text'], b, e) for h in j['hits'] if h['id'] == 'ru1' for s in h['snippets'] for b, e in s['highlights']]"
done <<'ROWS'
Kursk en1 en1,ru1,uk1,el1 Курске
Курск ru1 en1,ru1,uk1,el1 Курске
Κουρσκ el1 en1,ru1,uk1,el1 Курске
Zelensky en1 en1,ru1,uk1,el1 Зеленский
Зеленский ru1 en1,ru1,uk1,el1 Зеленский
ROWS

# A cross-script match counts less than the same-script one.
run_cmd "$SEARCH" --db "$DB" --format json Kursk
expect_json "[h['score'] for h in j['hits'] if h['id'] == 'en1'][0] > 2 * max(h['score'] for h in j['hits'] if h['id'] != 'en1')"
# The English article's "Kursk" is found from Cyrillic and highlighted.
run_cmd "$SEARCH" --db "$DB" --format json Курск
expect_json "'Kursk' in [hl(h['title'], b, e) for h in j['hits'] if h['id'] == 'en1' for b, e in h['title_highlights']]"
# Every word must still match: only the English article has "surrender".
run_cmd "$SEARCH" --db "$DB" --format json 'Kursk surrender'
expect_json "[h['id'] for h in j['hits']] == ['en1']"
# Natural queries meet the other scripts too.
run_cmd "$SEARCH" --db "$DB" --format json --natural 'where is Kursk'
expect_json "{'ru1', 'el1'} <= {h['id'] for h in j['hits']}"
# Only names get keys: "Лавров" mid-sentence does, "Видео" and "Так"
# opening sentences do not (their keys would meet Video and Take).
run_cmd "$SEARCH" --db "$DB" --format json Lavrov
expect_json "[h['id'] for h in j['hits']] == ['ru2']"
for word in Video Take; do
  run_cmd "$SEARCH" --db "$DB" --format json "$word"
  expect_exit 1
done
# Entity filters see through inflection: the Russian article writes only Курске and Курской,
# the Ukrainian one Курськом, and place:Kursk finds them; the facet shows one Kursk.
run_cmd "$SEARCH" --db "$DB" --format json place:Kursk
expect_json "sorted(h['id'] for h in j['hits']) == ['en1', 'ru1', 'uk1']"
run_cmd "$SEARCH" --db "$DB" --format json --facets place 'lang:ru'
expect_json "'Kursk' in [v['value'] for v in j['facets']['place']]"
expect_json "not any(v['value'].startswith('Kursk') and v['value'] != 'Kursk' for v in j['facets']['place'])"
# An unrelated name finds nothing across scripts.
run_cmd "$SEARCH" --db "$DB" --format json Minsk
expect_exit 1
finish
