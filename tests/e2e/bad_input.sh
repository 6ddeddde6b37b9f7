#!/usr/bin/env bash
# Bad input never loses good input: precise file:line messages, the rest is
# indexed and searchable, and the exit code says the run was partial.
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2
DB="$E2E_TMP/db"
IN="$E2E_TMP/mixed.jsonl"
{
  printf '%s\n' '{"id":"good-1","title":"Kursk talks","body":"Troops surrendered near Kursk."}'
  printf '%s\n' '{"id":"bad-json","title":"broken'
  printf '%s\n' '{"id":"bad-type","title":["not","a","string"],"body":"x"}'
  printf '%s\n' '["not an object"]'
  printf '{"id":"bad-utf8","title":"Caf\xe9 society","body":"Invalid \xff bytes are repaired."}\n'
  printf '%s\n' '{"id":"no-body","title":"Headline only"}'
  printf '%s\n' '{"id":"empty","title":"","body":""}'
  printf '%s\n' '{"id":"bad-date","title":"Dated","body":"A body.","date":"31/02/2007"}'
  printf '%s\r\n' '{"id":7,"title":"CRLF and a numeric id","body":"Windows line ends."}'
  printf '%s\n' '{"id":"good-2","title":"Second good","body":"More surrender talk."}'
} >"$IN"

run_cmd "$INDEX" --db "$DB" "$IN"
expect_exit 1
expect_stderr_line "newsdex-index: $IN:2: malformed JSON: A string is opened, but never closed."
expect_stderr_line "newsdex-index: $IN:3: field \"title\" must be a string, not an array"
expect_stderr_line "newsdex-index: $IN:4: expected a JSON object, found an array"
expect_stderr_line "newsdex-index: $IN:5: invalid UTF-8 or control characters replaced"

if printf "%s\n" "$LAST_STDERR" | grep -q "empty body"; then fail "a headline-only article is reported without --verbose"; else pass "headline-only article not reported"; fi
expect_stderr_line "newsdex-index: $IN:7: empty record (no title and no body); left out"
expect_stderr_line "newsdex-index: $IN:8: field \"date\" is not an ISO 8601 date: \"31/02/2007\"; indexed without a date"
expect_stdout_contains "indexed 6 articles (6 added, 0 replaced), 3 skipped, 1 empty, 2 repaired"

run_cmd "$SEARCH" --db "$DB" --format json surrender
expect_exit 0
expect_json "sorted(h['id'] for h in j['hits']) == ['good-1', 'good-2']"
run_cmd "$SEARCH" --db "$DB" --format json 'id:bad-utf8'
expect_exit 0
expect_json "j['hits'][0]['title'] == 'Caf\ufffd society'"
run_cmd "$SEARCH" --db "$DB" --format json 'id:7'
expect_exit 0

# Re-indexing replaces by id: the count stays the same.
run_cmd "$INDEX" --db "$DB" "$IN"
expect_exit 1
expect_stdout_contains "(0 added, 6 replaced)"
expect_stdout_contains "holds 6 articles"

# Nothing indexable at all: 65.
printf 'garbage\n' >"$E2E_TMP/garbage.jsonl"
run_cmd "$INDEX" --db "$E2E_TMP/db2" "$E2E_TMP/garbage.jsonl"
expect_exit 65

# Plain text and Markdown: first non-empty line is the title; stdin takes JSONL.
printf '\n# A Markdown headline\n\nBody of the markdown article about Kursk.\n' >"$E2E_TMP/a.md"
run_cmd "$INDEX" --db "$DB" "$E2E_TMP/a.md"
expect_exit 0
run_cmd "$SEARCH" --db "$DB" --format json 'title:markdown'
expect_json "j['hits'][0]['title'] == 'A Markdown headline'"
run_cmd sh -c "printf '%s\n' '{\"id\":\"stdin-1\",\"title\":\"From stdin\",\"body\":\"Piped article.\"}' | '$INDEX' --db '$DB' -"
expect_exit 0
run_cmd "$SEARCH" --db "$DB" --format json piped
expect_json "j['hits'][0]['id'] == 'stdin-1'"
finish
