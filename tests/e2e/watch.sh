#!/usr/bin/env bash
# --watch DIR (issue 18): what is in DIR is indexed, then each file written,
# moved or copied into it (also into a new sub-folder), a changed file
# replaces its articles; commits come in batches while it runs (a searcher
# sees them); SIGTERM and SIGINT stop it cleanly (committed, exit 0).
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2
IN="$E2E_TMP/in" DB="$E2E_TMP/db"
mkdir -p "$IN"
printf 'Harbour story\nThe harbour reopened after the storm.\n' >"$IN/a.txt"
printf 'About this folder\n' >"$IN/README.md"

WATCHER=
stop_watcher() { [ -n "$WATCHER" ] && kill "$WATCHER" 2>/dev/null; wait "$WATCHER" 2>/dev/null; }
trap 'stop_watcher; rm -rf "$E2E_TMP"' EXIT

# until_count QUERY N: waits (up to 20 s) until QUERY finds N articles.
until_count() {
  local got
  for _ in $(seq 1 100); do
    got=$("$SEARCH" --db "$DB" --count "$1" 2>/dev/null)
    [ "$got" = "$2" ] && { pass "$1: $2 (seen while watching)"; return; }
    sleep 0.2
  done
  fail "$1: expected $2 articles, found ${got:-none} after 20 s"
}

"$INDEX" --db "$DB" --watch "$IN" --verbose >"$E2E_TMP/watch.out" 2>"$E2E_TMP/watch.err" &
WATCHER=$!
until_count harbour 1

# A JSONL file moved in, a Markdown file in a new folder, a file copied in.
printf '{"id":"w1","title":"Storm warning","body":"A storm is due on the coast."}\n{"id":"w2","title":"Ferry","body":"Ferries stay in port."}\n' >"$E2E_TMP/part.jsonl"
mv "$E2E_TMP/part.jsonl" "$IN/wire.jsonl"
mkdir -p "$IN/2025/03"
printf '# Volcano erupts\nAsh closed the airport.\n' >"$IN/2025/03/volcano.md"
until_count ferries 1
until_count volcano 1
run_cmd "$SEARCH" --db "$DB" --article file:2025/03/volcano.md
expect_stdout_contains "title   Volcano erupts"

# A changed file replaces its article; hidden and temporary files are left alone.
printf 'Airport story\nThe airport reopened after the ash.\n' >"$IN/a.txt"
printf 'Hidden\nsecretword here\n' >"$IN/.draft.txt"
until_count 'airport reopened' 1
until_count harbour 0
run_cmd "$SEARCH" --db "$DB" --count secretword
expect_stdout_contains "0"

kill -TERM "$WATCHER"
wait "$WATCHER"
LAST_EXIT=$? LAST_CMD="newsdex-index --watch (SIGTERM)"
LAST_STDOUT=$(cat "$E2E_TMP/watch.out") LAST_STDERR=$(cat "$E2E_TMP/watch.err")
WATCHER=
expect_exit 0
expect_stdout_contains "watching $IN (SIGINT or SIGTERM to stop)"
expect_stdout_contains "committed 1 articles from 1 files"
expect_stdout_contains "stopped watching; indexed 5 articles (4 added, 1 replaced), 0 skipped, 0 repaired"
expect_stdout_contains "index $DB holds 4 articles"
expect_stderr_contains "note: $IN/README.md: not read: describes the folder"
run_cmd xapian-check "$DB"
expect_exit 0

# Again with SIGINT, on the same index: what is there is read again (upserts, no copies).
"$INDEX" --db "$DB" --watch "$IN" >"$E2E_TMP/watch2.out" 2>&1 &
WATCHER=$!
until_count ferries 1
printf 'Late news\nThe bridge opened.\n' >"$IN/late.txt"
until_count bridge 1
kill -INT "$WATCHER"
wait "$WATCHER"
LAST_EXIT=$? LAST_STDOUT=$(cat "$E2E_TMP/watch2.out") WATCHER=
expect_exit 0
expect_stdout_contains "holds 5 articles"

run_cmd "$INDEX" --db "$DB" --watch "$E2E_TMP/nowhere"
expect_exit 66
run_cmd "$INDEX" --db "$DB" --watch "$IN" "$IN/a.txt"
expect_exit 2
expect_stderr_contains "--watch reads DIR: give no INPUT"
finish
