#!/usr/bin/env bash
# A query with nothing to rank (filters alone: date:, source:, person:, ...;
# exclusions alone; --since/--until alone) lists its matches newest first in
# the CLI and over HTTP, where relevance order would be index order with every
# score 0; a sort asked for (relevance included) wins; words, --recency and
# --like still rank. "No results for:" names the date window.
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2
DB="$E2E_TMP/db"
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill -TERM "$SERVER_PID" 2>/dev/null; rm -rf "$E2E_TMP"' EXIT

# Index order (docids) is not date order: f-mar10 is indexed first, f-mar14 third.
cat >"$E2E_TMP/port.jsonl" <<'JSONL'
{"id":"f-mar10","title":"Harbour strike","body":"Dock workers at the harbour walked out on Monday.","date":"2025-03-10T09:00:00Z","source":"AFP","lang":"en"}
{"id":"f-feb02","title":"Harbour budget","body":"The city cut the harbour budget again.","date":"2025-02-02T09:00:00Z","source":"AFP","lang":"en"}
{"id":"f-mar14","title":"Talks resume","body":"Negotiators met again in the town hall.","date":"2025-03-14T09:00:00Z","source":"AFP","lang":"en"}
{"id":"f-undated","title":"Harbour history","body":"A short history of the old harbour.","source":"AFP","lang":"en"}
{"id":"f-mar12","title":"Rail strike","body":"Train drivers walked out across the region.","date":"2025-03-12T09:00:00Z","source":"Reuters","lang":"en"}
{"id":"f-jan20","title":"Harbour harbour harbour","body":"Harbour, harbour: the harbour reopened.","date":"2025-01-20T09:00:00Z","source":"AFP","lang":"en"}
JSONL
run_cmd "$INDEX" --db "$DB" --no-dedup "$E2E_TMP/port.jsonl"
expect_exit 0

ids() { run_cmd "$SEARCH" --db "$DB" --format json --limit 20 --now 2025-03-15T12:00Z "$@"; }
newest_first="[h['id'] for h in j['hits']]"

ids 'source:AFP'
expect_exit 0
expect_json "$newest_first == ['f-mar14', 'f-mar10', 'f-feb02', 'f-jan20', 'f-undated'] and j['sort'] == '-date'"
ids 'date:2025-03'
expect_json "$newest_first == ['f-mar14', 'f-mar12', 'f-mar10'] and j['sort'] == '-date'"
ids 'date:7d'
expect_json "$newest_first == ['f-mar14', 'f-mar12', 'f-mar10']"
ids 'source:AFP OR source:Reuters' lang:en
expect_json "$newest_first == ['f-mar14', 'f-mar12', 'f-mar10', 'f-feb02', 'f-jan20', 'f-undated']"
# Exclusions alone (also written as lower-case "and not") score nothing either.
ids -- '-harbour'
expect_json "$newest_first == ['f-mar14', 'f-mar12'] and j['sort'] == '-date'"
ids 'source:AFP and not harbour'
expect_json "$newest_first == ['f-mar14']"
ids 'date:2025 NOT (harbour OR train)'
expect_json "$newest_first == ['f-mar14']"

# A sort asked for wins, relevance too; words, title: and --recency rank.
ids --sort date 'source:AFP'
expect_json "$newest_first == ['f-jan20', 'f-feb02', 'f-mar10', 'f-mar14', 'f-undated'] and j['sort'] == 'date'"
# Asked for, relevance keeps it; equal scores (all 0) then come oldest first.
ids --sort relevance 'source:AFP'
expect_json "j['sort'] == 'relevance' and $newest_first == ['f-jan20', 'f-feb02', 'f-mar10', 'f-mar14', 'f-undated']"  # equal scores: oldest first
ids 'source:AFP harbour'
expect_json "j['sort'] == 'relevance' and $newest_first[0] == 'f-jan20' and j['hits'][0]['score'] > 0"
ids 'title:harbour'
expect_json "j['sort'] == 'relevance' and $newest_first[0] == 'f-jan20'"
ids --recency 2d 'source:AFP'
expect_json "j['sort'] == 'relevance' and $newest_first[0] == 'f-mar14' and j['hits'][0]['score'] > 0"

# --queries decides per line: a filters-only line newest first, a line of words by relevance.
printf 'source:AFP\nharbour\n' >"$E2E_TMP/queries.txt"
run_cmd "$SEARCH" --db "$DB" --limit 20 --queries "$E2E_TMP/queries.txt"
expect_exit 0
if printf '%s\n' "$LAST_STDOUT" | python3 -c '
import json, sys
first, second = (json.loads(line) for line in sys.stdin)
assert first["sort"] == "-date" and [h["id"] for h in first["hits"]][0] == "f-mar14", first
assert second["sort"] == "relevance" and second["hits"][0]["score"] > 0, second
'; then pass "--queries: sort per line"; else fail "--queries: sort per line"; fi

# The text output: newest first, and an empty window says what was asked.
run_cmd "$SEARCH" --db "$DB" --color never --snippets 0 'source:Reuters'
expect_exit 0
expect_stdout_contains "1. Rail strike"
run_cmd "$SEARCH" --db "$DB" --color never --now 2025-03-15T12:00Z --since 12h
expect_exit 1
expect_stdout_contains "No results for: articles since 12h"
run_cmd "$SEARCH" --db "$DB" --color never --now 2025-03-15T12:00Z --since 12h --until now harbour
expect_exit 1
expect_stdout_contains "No results for: harbour (since 12h, until now)"

# HTTP: the same rule (the web page sends no sort for "Best match").
"$SEARCH" --db "$DB" --serve 0 2>"$E2E_TMP/server.log" &
SERVER_PID=$!
PORT=""
for _ in $(seq 300); do
  PORT=$(sed -n 's|^newsdex-search: serving .* on http://127\.0\.0\.1:\([0-9]*\)/ .*|\1|p' "$E2E_TMP/server.log")
  [ -n "$PORT" ] && break
  sleep 0.1
done
http() { LAST_CMD="GET $1"; curl -s -o "$E2E_TMP/stdout" "http://127.0.0.1:$PORT/$1"; LAST_EXIT=$?; LAST_STDOUT=$(cat "$E2E_TMP/stdout"); }
http 'search?q=source:AFP&limit=20'
expect_json "$newest_first == ['f-mar14', 'f-mar10', 'f-feb02', 'f-jan20', 'f-undated'] and j['sort'] == '-date'"
http 'search?q=source:AFP&sort=relevance&limit=20'
expect_json "j['sort'] == 'relevance' and $newest_first == ['f-jan20', 'f-feb02', 'f-mar10', 'f-mar14', 'f-undated']"  # equal scores: oldest first
http 'search?q=harbour+source:AFP'
expect_json "j['sort'] == 'relevance'"
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null; SERVER_PID=""
finish
