#!/usr/bin/env bash
# Keeping an archive (issue 18): --stats (text and JSON), --article ID (text
# and JSON: every stored field, the entities, the whole body), and --compact in
# place after updates and deletions (searchable afterwards, no leftovers).
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH FIXTURE_JSONL
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 FIXTURE=$3
DB="$E2E_TMP/db"
run_cmd "$INDEX" --db "$DB" "$FIXTURE"
expect_exit 0

run_cmd "$SEARCH" --db "$DB" --stats
expect_exit 0
expect_stdout_contains "articles     7 (1 undated)"
expect_stdout_contains "dates        2023-05-02 .. 2025-01-01T01:30:00Z"
expect_stdout_contains "languages    en 7"
expect_stdout_contains "sources      Wire 3, AFP 2, Daily Courier 1, Magazine 1"
run_cmd "$SEARCH" --db "$DB" --stats --format json
expect_exit 0
expect_json "j['format_version'] == 1 and j['articles'] == 7 and j['undated'] == 1"
expect_json "j['languages'] == [{'value': 'en', 'count': 7}] and j['sources'][0] == {'value': 'Wire', 'count': 3}"
expect_json "j['first_date'] == '2023-05-02' and j['last_date'] == '2025-01-01T01:30:00Z'"
expect_json "j['bytes'] > 10000 and isinstance(j['schema_version'], int) and j['schema_version'] >= 1"
expect_json "len(j['last_modified']) == 20 and j['last_modified'].endswith('Z')"
run_cmd "$SEARCH" --db "$DB" --stats valencia
expect_exit 2
expect_stderr_contains "--stats takes no QUERY"

run_cmd "$SEARCH" --db "$DB" --article wire-afp
expect_exit 0
expect_stdout_contains "title   Flash floods hit Valencia region"
expect_stdout_contains "source  AFP"
expect_stdout_contains "places  Valencia; Paiporta; Madrid"
expect_stdout_contains "restore the railway line to Madrid."  # the end of the body: all of it
run_cmd "$SEARCH" --db "$DB" --article wire-afp --format json
expect_exit 0
expect_json "j['id'] == 'wire-afp' and j['date'] == '2024-10-30' and j['source'] == 'AFP' and j['lang'] == 'en'"
expect_json "j['body'].endswith('restore the railway line to Madrid.') and 'Paiporta' in j['entities']['place']"
run_cmd "$SEARCH" --db "$DB" --article no-such-id
expect_exit 1
expect_stderr_line 'newsdex-search: no article with id "no-such-id"'

# Updates and deletions, then --compact in place: same answers, no leftovers.
"$INDEX" --db "$DB" "$FIXTURE" >/dev/null
"$INDEX" --db "$DB" --delete election-2023 >/dev/null
before=$("$SEARCH" --db "$DB" --format json --no-collapse --limit 50 valencia | python3 -c 'import json,sys; print(sorted(h["id"] for h in json.load(sys.stdin)["hits"]))')
run_cmd "$INDEX" --db "$DB" --compact
expect_exit 0
expect_stdout_contains "compacted $DB: "
after=$("$SEARCH" --db "$DB" --format json --no-collapse --limit 50 valencia | python3 -c 'import json,sys; print(sorted(h["id"] for h in json.load(sys.stdin)["hits"]))')
LAST_CMD="search after --compact"
if [ "$before" = "$after" ] && [ -n "$after" ]; then pass "same hits after --compact: $after"; else fail "hits changed: $before -> $after"; fi
if ls -a "$E2E_TMP" | grep -q newsdex-compact; then fail "a compaction directory was left behind"; else pass "no leftover"; fi
run_cmd "$SEARCH" --db "$DB" --stats --format json
expect_json "j['articles'] == 6"
run_cmd "$INDEX" --db "$E2E_TMP/typo" --compact
expect_exit 66
expect_stderr_contains "no index here (nothing to compact)"
run_cmd "$INDEX" --db "$DB" --compact --no-compact
expect_exit 2
finish
