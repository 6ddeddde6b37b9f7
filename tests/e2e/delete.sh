#!/usr/bin/env bash
# Deleting articles (issue 18): --delete ID..., --delete-from FILE, unknown ids
# reported and counted (exit 1), deleting twice, story clusters after deleting
# the article a cluster is named after, a missing index, usage errors.
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH FIXTURE_JSONL
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 FIXTURE=$3
DB="$E2E_TMP/db"

run_cmd "$INDEX" --db "$DB" "$FIXTURE"
expect_exit 0
expect_stdout_contains "holds 7 articles"
run_cmd "$SEARCH" --db "$DB" --format json flash floods
expect_json "[(h['id'], h['similar']) for h in j['hits']] == [('wire-afp', 2)]"

# The story's first article goes; its two copies still collapse into one hit.
run_cmd "$INDEX" --db "$DB" --delete wire-afp
expect_exit 0
expect_stdout_contains "deleted 1 articles, 0 not found; index $DB holds 6 articles"
run_cmd "$SEARCH" --db "$DB" --format json flash floods
expect_json "len(j['hits']) == 1 and j['hits'][0]['id'] in ('wire-copy', 'wire-update') and j['hits'][0]['similar'] == 1"
run_cmd "$SEARCH" --db "$DB" --count id:wire-afp
expect_exit 1

# Deleting the same id twice: reported, counted, exit 1 (not 70).
run_cmd "$INDEX" --db "$DB" --delete wire-afp
expect_exit 1
expect_stderr_line 'newsdex-index: no article with id "wire-afp"'
expect_stdout_contains "deleted 0 articles, 1 not found; index $DB holds 6 articles"

# Ids from a file (blank lines and surrounding blanks ignored), unknown ones with file:line.
printf 'wire-copy\n\n  no-such-story \r\n' >"$E2E_TMP/ids.txt"
run_cmd "$INDEX" --db "$DB" --delete-from "$E2E_TMP/ids.txt"
expect_exit 1
expect_stderr_line "newsdex-index: $E2E_TMP/ids.txt:3: no article with id \"no-such-story\""
expect_stdout_contains "deleted 1 articles, 1 not found; index $DB holds 5 articles"
printf 'wire-update\n' | { run_cmd "$INDEX" --db "$DB" --delete-from - ; expect_exit 0; expect_stdout_contains "holds 4 articles"; }

# The original comes back: indexed again, it is one story with what is left of it.
head -n 3 "$FIXTURE" >"$E2E_TMP/again.jsonl"
run_cmd "$INDEX" --db "$DB" "$E2E_TMP/again.jsonl"
expect_exit 0
run_cmd "$SEARCH" --db "$DB" --format json flash floods
expect_json "[(h['id'], h['similar']) for h in j['hits']] == [('wire-afp', 2)]"

# No index there: exit 66, and none is created.
run_cmd "$INDEX" --db "$E2E_TMP/typo-db" --delete wire-afp
expect_exit 66
expect_stderr_contains "typo-db: no index here (nothing to delete from)"
if [ -e "$E2E_TMP/typo-db" ]; then fail "--delete created an index"; else pass "--delete created no index"; fi
run_cmd "$INDEX" --db "$E2E_TMP/ids-db" --delete-from "$E2E_TMP/no-such-file"
expect_exit 66
expect_stderr_contains "no-such-file: cannot read: No such file or directory"

# An id is one argument, commas and all (ids from feeds and CMSs hold them).
printf '%s\n' '{"id":"desk,2025,7","title":"Harbour notice","body":"The harbour office moved."}' \
  '{"id":"desk","title":"Desk note","body":"Desk note about the harbour."}' >"$E2E_TMP/comma.jsonl"
run_cmd "$INDEX" --db "$DB" "$E2E_TMP/comma.jsonl"
expect_exit 0
run_cmd "$INDEX" --db "$DB" --delete 'desk,2025,7'
expect_exit 0
expect_stdout_contains "deleted 1 articles, 0 not found"
run_cmd "$SEARCH" --db "$DB" --format json harbour
expect_json "[h['id'] for h in j['hits']] == ['desk']"
printf 'desk,2025,7\n' >"$E2E_TMP/comma-ids.txt"
run_cmd "$INDEX" --db "$DB" --delete-from "$E2E_TMP/comma-ids.txt"
expect_exit 1
expect_stderr_line "newsdex-index: $E2E_TMP/comma-ids.txt:1: no article with id \"desk,2025,7\""

# Usage errors.
run_cmd "$INDEX" --db "$DB" --delete
expect_exit 2
expect_stderr_contains "--delete needs at least one ID"
run_cmd "$INDEX" --db "$DB" --delete-from "$E2E_TMP/ids.txt" wire-afp
expect_exit 2
finish
