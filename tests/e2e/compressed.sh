#!/usr/bin/env bash
# Compressed input (issue 18): .gz for every format, streamed, recognised by
# content whatever the name, several gzip members, a file cut short (what
# came before the cut is kept; file:line of the cut), directories.
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH DATA_DIR (tests/data/compressed)
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 C=$3

run_cmd "$INDEX" --db "$E2E_TMP/a" "$C/wire.jsonl.gz"
expect_exit 0
expect_stdout_contains "indexed 7 articles (7 added"
run_cmd "$SEARCH" --db "$E2E_TMP/a" --article wire-afp --format json
expect_json "j['source'] == 'AFP' and j['body'].endswith('restore the railway line to Madrid.')"

run_cmd "$INDEX" --db "$E2E_TMP/b" "$C/two-members.jsonl.gz"
expect_exit 0
expect_stdout_contains "indexed 7 articles (7 added"

run_cmd "$INDEX" --db "$E2E_TMP/c" "$C/cut-short.jsonl.gz"
expect_exit 1
expect_stdout_contains "indexed 94 articles (94 added, 0 replaced), 2 skipped"
expect_stderr_line "newsdex-index: $C/cut-short.jsonl.gz:95: compressed data cut short (the gzip file is truncated)"
run_cmd "$SEARCH" --db "$E2E_TMP/c" --count id:cut-093
expect_exit 0

run_cmd "$INDEX" --db "$E2E_TMP/d" "$C/notes.txt.gz" "$C/no-suffix.jsonl"
expect_exit 0
expect_stdout_contains "indexed 3 articles"
run_cmd "$SEARCH" --db "$E2E_TMP/d" --article file:notes.txt.gz
expect_stdout_contains "title   Harbour cranes idle"

# A directory: .gz files are read like the others.
# What a directory walk leaves out is said under --verbose, with the reason.
mkdir -p "$E2E_TMP/dir" && cp "$C/wire.jsonl.gz" "$C/notes.txt.gz" "$E2E_TMP/dir/"
echo 'JFIF' >"$E2E_TMP/dir/photo.jpg"
echo 'About these files' >"$E2E_TMP/dir/README"
run_cmd "$INDEX" --db "$E2E_TMP/e" --verbose "$E2E_TMP/dir"
expect_exit 0
expect_stderr_line "newsdex-index: reading $E2E_TMP/dir/wire.jsonl.gz"
expect_stderr_contains "newsdex-index: note: $E2E_TMP/dir/photo.jpg: not read: its name is not one of an input format (.jsonl, .ndjson, .json, "
expect_stderr_line "newsdex-index: note: $E2E_TMP/dir/README: not read: describes the folder (README, LICENSE, ...), not an article"
run_cmd "$INDEX" --db "$E2E_TMP/e2" "$E2E_TMP/dir"
expect_exit 0
expect_stderr_lacks_note() { case "$LAST_STDERR" in *"not read"*) fail "notes without --verbose" ;; *) pass "no notes without --verbose" ;; esac; }
expect_stderr_lacks_note
expect_stdout_contains "indexed 8 articles"

# From stdin too.
run_cmd sh -c "\"$INDEX\" --db \"$E2E_TMP/f\" - < \"$C/wire.jsonl.gz\""
expect_exit 0
expect_stdout_contains "indexed 7 articles"
finish
