#!/usr/bin/env bash
# Issue 17, accent-less words across languages: a French article with
# "grève", a Portuguese one with "greve" (the same word without the accent),
# French "résumé" beside English "resume" (tests/data/diacritics/strike.jsonl).
# A word typed with or without its accents finds both spellings, in any
# language the index holds, and lang: keeps to one. A word typed with its
# accents ranks the article that writes them first (schema 3 accented forms);
# typed without, both rank as before. A schema 2 index (no accented forms) is
# searched as before, without the bonus, and refused for writing.
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
# Typed with accents, the article that writes them comes first; typed without, a tie.
while read -r query first mode; do
  run_cmd "$SEARCH" --db "$DB" --format json $mode -- "$query"
  expect_json "j['hits'][0]['id'] == '$first' and j['hits'][0]['score'] > 1.2 * j['hits'][1]['score']"
done <<'ROWS'
grève fr1
GRÈVE fr1
grève fr1 --natural
résumé fr2
résumé fr2 --natural
ROWS
run_cmd "$SEARCH" --db "$DB" --format json greve
expect_json "len(j['hits']) == 2 and abs(j['hits'][0]['score'] - j['hits'][1]['score']) < 1e-6"
run_cmd "$SEARCH" --db "$DB" --explain -- grève
expect_stdout_contains "XAgrève (accent)"

# A schema 2 index (before accented forms): searched, without the bonus; not written to.
OLD=$E2E_TMP/old
run_cmd "$INDEX" --db "$OLD" --no-dedup "$DATA"
expect_exit 0
if /usr/bin/python3 -c 'import xapian' 2>/dev/null; then
  /usr/bin/python3 - "$OLD" <<'PY'
import sys, xapian
db = xapian.WritableDatabase(sys.argv[1], xapian.DB_OPEN)
for docid in range(1, db.get_lastdocid() + 1):
    doc = db.get_document(docid)
    for t in [t.term for t in doc.termlist() if t.term.startswith(b"XA")]:
        doc.remove_term(t)
    db.replace_document(docid, doc)
db.set_metadata("newsdex.schema_version", "2")
db.commit()
PY
  run_cmd "$SEARCH" --db "$OLD" --format json grève
  expect_exit 0
  expect_json "sorted(h['id'] for h in j['hits']) == ['fr1', 'pt1'] and abs(j['hits'][0]['score'] - j['hits'][1]['score']) < 1e-6"
  run_cmd "$INDEX" --db "$OLD" --no-dedup "$DATA"
  expect_exit 74
  expect_stderr_contains "index has schema version 2 but this newsdex writes version 3"
  expect_stderr_contains "rebuild it into a new index"
else
  echo "skip: python3-xapian missing for the schema 2 test"
fi
finish
