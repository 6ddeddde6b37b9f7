#!/usr/bin/env bash
# Relative dates (issue 18): --since/--until/--recency-ref and date: take
# 7d, 12h, 2w, 3mo, today, yesterday, "2 months ago", "last week", counted
# back from --now DATE (reproducible) or the current time.
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2
DB="$E2E_TMP/db"

# Five stories about one port, at known distances before 2025-03-14T12:00Z,
# and one dated an hour before the real present (for the clock).
recent=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)
cat >"$E2E_TMP/port.jsonl" <<JSONL
{"id":"p-today","title":"Port reopens","body":"The harbour reopened this morning.","date":"2025-03-14T08:00:00Z"}
{"id":"p-yesterday","title":"Port storm","body":"A storm closed the harbour.","date":"2025-03-13T15:00:00Z"}
{"id":"p-5d","title":"Port talks","body":"Talks at the harbour resumed.","date":"2025-03-09T12:00:00Z"}
{"id":"p-10d","title":"Port strike","body":"Harbour workers walked out.","date":"2025-03-04T12:00:00Z"}
{"id":"p-3mo","title":"Port budget","body":"The harbour budget was cut.","date":"2024-12-01T12:00:00Z"}
{"id":"p-clock","title":"Port live","body":"The harbour is busy right now.","date":"$recent"}
JSONL
run_cmd "$INDEX" --db "$DB" "$E2E_TMP/port.jsonl"
expect_exit 0

count() { run_cmd "$SEARCH" --db "$DB" --count --now 2025-03-14T12:00Z "$@"; }
ids() { run_cmd "$SEARCH" --db "$DB" --format json --sort -date --limit 20 --now 2025-03-14T12:00Z "$@"; }

ids --since 7d harbour
expect_json "[h['id'] for h in j['hits']] == ['p-clock', 'p-today', 'p-yesterday', 'p-5d']"
ids --since 7d --until yesterday harbour
expect_json "[h['id'] for h in j['hits']] == ['p-yesterday', 'p-5d']"
ids 'harbour date:yesterday'
expect_json "[h['id'] for h in j['hits']] == ['p-yesterday']"
ids 'harbour date:today'
expect_json "[h['id'] for h in j['hits']] == ['p-today']"
ids --since "last week" --until "2 days ago" harbour
expect_json "[h['id'] for h in j['hits']] == ['p-5d']"
ids 'harbour date:2w..1w'
expect_json "[h['id'] for h in j['hits']] == ['p-10d']"
count --since "2 months ago" harbour
expect_stdout_contains "5"
count --since 4mo --until 3mo harbour
expect_stdout_contains "1"
count 'harbour date:3d..now'
expect_stdout_contains "2"
# Recency counts age from a relative reference too.
run_cmd "$SEARCH" --db "$DB" --count --now 2025-03-14T12:00Z --recency 2d --recency-ref yesterday harbour
expect_exit 0

# Without --now: the current time.
run_cmd "$SEARCH" --db "$DB" --format json --since 12h harbour
expect_json "[h['id'] for h in j['hits']] == ['p-clock']"
run_cmd "$SEARCH" --db "$DB" --count 'harbour date:today..now'
expect_stdout_contains "1"

# No query words: --since/--until alone list that window, newest first (as date: alone finds it).
ids0() { run_cmd "$SEARCH" --db "$DB" --format json --limit 20 --now 2025-03-14T12:00Z "$@"; }
ids0 --since 7d --until now
expect_exit 0
expect_json "[h['id'] for h in j['hits']] == ['p-today', 'p-yesterday', 'p-5d'] and j['sort'] == '-date' and j['query'] == ''"
ids0 --until 7d
expect_json "[h['id'] for h in j['hits']] == ['p-10d', 'p-3mo']"
ids0 --since 7d --until now --sort date
expect_json "[h['id'] for h in j['hits']] == ['p-5d', 'p-yesterday', 'p-today']"
ids0 'date:7d..now'
expect_json "sorted(h['id'] for h in j['hits']) == ['p-5d', 'p-today', 'p-yesterday']"
run_cmd "$SEARCH" --db "$DB" --now 2025-03-14T12:00Z --since 7d --until now
expect_exit 0
expect_stdout_contains "3 results; showing 1-3"
run_cmd "$SEARCH" --db "$DB" --count --now 2025-03-14T12:00Z --since 1y --until 1w
expect_stdout_contains "2"
run_cmd "$SEARCH" --db "$DB" --now 2025-03-14T12:00Z --since 2025-03-14T11:00Z --until 2025-03-14T11:30Z
expect_exit 1  # an empty window is no hits, not an error
run_cmd "$SEARCH" --db "$DB" --now 2025-03-14T12:00Z
expect_exit 2
expect_stderr_contains "no QUERY given (or --since/--until to list the articles of a time window)"

# Mistakes are usage errors naming the option.
run_cmd "$SEARCH" --db "$DB" --since 7x harbour
expect_exit 2
expect_stderr_contains 'bad date "7x": expected YYYY'
run_cmd "$SEARCH" --db "$DB" --now yesterday harbour
expect_exit 2
expect_stderr_contains 'the present must be an absolute date'
run_cmd "$SEARCH" --db "$DB" --now 2025-03-14 --since today --until 7d harbour
expect_exit 2
expect_stderr_contains "is after"
run_cmd "$SEARCH" --db "$DB" 'harbour date:fortnight'
expect_exit 2
expect_stderr_contains 'bad query: bad date "fortnight"'
finish
