#!/usr/bin/env bash
# Issue 17, accent-less words across languages: a French article with
# "grève", a Portuguese one with "greve" (the same word without the accent),
# French "résumé" beside English "resume" (tests/data/diacritics/strike.jsonl).
# A word typed with or without its accents finds both spellings, in any
# language the index holds, and lang: keeps to one. Not asserted, because it
# does not hold yet: that the accented form ranks the article that writes it
# first (the index keeps only folded words, so grève and greve tie).
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH DATA_JSONL
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 DATA=$3
DB=$E2E_TMP/db

run_cmd "$INDEX" --db "$DB" --no-dedup "$DATA"
expect_exit 0

# query | the articles it must find, and no others
while IFS='|' read -r query ids; do
  run_cmd "$SEARCH" --db "$DB" --format json "$query"
  expect_exit 0
  expect_json "sorted(h['id'] for h in j['hits']) == sorted('$ids'.split(','))"
done <<'ROWS'
grève|fr1,pt1
greve|fr1,pt1
GRÈVE|fr1,pt1
Greve|fr1,pt1
lang:fr greve|fr1
lang:pt grève|pt1
besancon|fr1
orleans|fr1
Besançon|fr1
besancon orleans greve|fr1
résumé|fr2,en1
resume|fr2,en1
ferroviarios|pt1
ROWS

# The highlight is the word as the article writes it, accent included.
run_cmd "$SEARCH" --db "$DB" --format json 'greve lang:fr'
expect_json "[hl(j['hits'][0]['title'], b, e) for b, e in j['hits'][0]['title_highlights']] == ['grève']"
run_cmd "$SEARCH" --db "$DB" --format json 'grève lang:pt'
expect_json "[hl(j['hits'][0]['title'], b, e) for b, e in j['hits'][0]['title_highlights']] == ['greve']"
finish
