#!/usr/bin/env bash
# Export (issue 18): newsdex-search --export jsonl|csv writes every matching
# article (not a page), streamed; re-indexing the jsonl export gives the same
# articles (round trip), and exporting that index gives the same bytes.
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH CORPUS_DIR
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 CORPUS=$3

run_cmd "$INDEX" --db "$E2E_TMP/a" "$CORPUS"
expect_exit 0
total=$("$SEARCH" --db "$E2E_TMP/a" --stats --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])')

# No query: every article, whatever --limit says.
run_cmd sh -c "\"$SEARCH\" --db \"$E2E_TMP/a\" --export jsonl --limit 3 >\"$E2E_TMP/all.jsonl\""
expect_exit 0
lines=$(wc -l <"$E2E_TMP/all.jsonl")
[ "$lines" -eq "$total" ] && pass "every article exported ($lines)" || fail "exported $lines of $total"

# Round trip: the export indexed again holds the same articles, field for field.
run_cmd "$INDEX" --db "$E2E_TMP/b" "$E2E_TMP/all.jsonl"
expect_exit 0
expect_stdout_contains "index $E2E_TMP/b holds $total articles"
run_cmd sh -c "\"$SEARCH\" --db \"$E2E_TMP/b\" --export jsonl >\"$E2E_TMP/again.jsonl\""
expect_exit 0
cmp -s "$E2E_TMP/all.jsonl" "$E2E_TMP/again.jsonl" && pass "re-exported bytes identical" || fail "round trip changed the export"
id=$(head -1 "$E2E_TMP/all.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
a=$("$SEARCH" --db "$E2E_TMP/a" --article "$id" --format json)
b=$("$SEARCH" --db "$E2E_TMP/b" --article "$id" --format json)
[ "$a" = "$b" ] && pass "--article $id the same in both indexes (entities derived again alike)" || fail "article $id differs"

# A query and its filters choose the articles; every match, not one per story.
count=$("$SEARCH" --db "$E2E_TMP/a" --count Trump)
run_cmd "$SEARCH" --db "$E2E_TMP/a" --export jsonl Trump
expect_exit 0
n=$(printf '%s\n' "$LAST_STDOUT" | wc -l)
[ "$n" -eq "$count" ] && pass "Trump: $n articles, as --count says" || fail "Trump: exported $n, --count says $count"
run_cmd "$SEARCH" --db "$E2E_TMP/a" --export jsonl --since 2025-03-14 --until 2025-03-14 Kursk
expect_json "j['id'] == 'afp-2025-03-14-kursk-ceasefire' and j['body'].startswith('(AFP) – President Vladimir Putin')"

# CSV: a header, then the fields shown per hit, quoted where needed.
run_cmd "$SEARCH" --db "$E2E_TMP/a" --export csv Trump
expect_exit 0
printf '%s\n' "$LAST_STDOUT" | python3 -c '
import csv, sys
rows = list(csv.reader(sys.stdin))
assert rows[0] == ["id", "date", "source", "lang", "title", "url"], rows[0]
assert len(rows) - 1 == int(sys.argv[1]), (len(rows), sys.argv[1])
assert all(len(r) == 6 for r in rows), [r for r in rows if len(r) != 6][:1]
' "$count" && pass "csv parses: header and $count records of 6 fields" || fail "csv does not parse"

# Nothing matches: exit 1; mistakes: exit 2.
run_cmd "$SEARCH" --db "$E2E_TMP/a" --export jsonl zzzznotaword
expect_exit 1
run_cmd "$SEARCH" --db "$E2E_TMP/a" --export xml Trump
expect_exit 2
expect_stderr_contains '--export must be jsonl or csv, not "xml"'
run_cmd "$SEARCH" --db "$E2E_TMP/a" --export jsonl --count Trump
expect_exit 2
run_cmd "$SEARCH" --db "$E2E_TMP/a" --export jsonl 'Trump AND'
expect_exit 2
finish
