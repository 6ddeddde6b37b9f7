#!/usr/bin/env bash
# Options, help, version and every documented error exit code of both binaries.
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH CORPUS_DIR
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 CORPUS=$3
DB="$E2E_TMP/db"

for bin in "$INDEX" "$SEARCH"; do
  run_cmd "$bin" --help
  expect_exit 0
  expect_stdout_contains "Exit status:"
  run_cmd "$bin" --version
  expect_exit 0
  expect_stdout_contains "0.1.0"
  run_cmd "$bin" --no-such-flag
  expect_exit 2
  expect_stderr_contains "Try '"
done

# Usage errors.
run_cmd "$INDEX" --db "$DB"
expect_exit 2
expect_stderr_line "newsdex-index: no INPUT given (a file, a directory, or - for stdin)"
run_cmd "$SEARCH" --db "$DB" --format xml Kursk
expect_exit 2
expect_stderr_contains "--format must be text or json"
# Search options are read by the library's request builder; its messages name the flag.
run_cmd "$SEARCH" --db "$DB" --limit abc Kursk
expect_exit 2
expect_stderr_line 'newsdex-search: --limit must be a whole number, not "abc"'
run_cmd "$SEARCH" --db "$DB" --feedback-rounds 5 --natural Kursk
expect_exit 2
expect_stderr_line "newsdex-search: --feedback-rounds must be between 1 and 3"
# A shell user's excluded word (oil -price) reaches the option parser: say how to write it.
run_cmd "$SEARCH" --db "$DB" oil -price
expect_exit 2
expect_stderr_contains "'-price' was read as options; to exclude a word, put the query after '--'"
run_cmd "$SEARCH" --db "$DB" --no-such-flag -oil
expect_exit 2
expect_stderr_lacks "was read as options"
run_cmd "$SEARCH" --db "$DB" --facets=person,colour Kursk
expect_exit 2
expect_stderr_line 'newsdex-search: --facets: unknown facet "colour" (facets: person, place, org, source, lang, year, month)'

# A missing index: 66, naming the path.
run_cmd "$SEARCH" --db "$E2E_TMP/nowhere" Kursk
expect_exit 66
expect_stderr_contains "newsdex-search: $E2E_TMP/nowhere: no index here"

# A missing input: 66.
run_cmd "$INDEX" --db "$DB" "$E2E_TMP/missing.jsonl"
expect_exit 66
expect_stderr_line "newsdex-index: $E2E_TMP/missing.jsonl: no such file or directory"

# The default index location: $NEWSDEX_DB.
run_cmd env NEWSDEX_DB="$DB" "$INDEX" "$CORPUS/seed"
expect_exit 0
run_cmd env NEWSDEX_DB="$DB" "$SEARCH" Kursk surrender
expect_exit 0
expect_stdout_contains "Kursk"
# No --db and no index at ./newsdex.db: the message says which path was tried and what to do.
mkdir "$E2E_TMP/elsewhere"
run_cmd env -C "$E2E_TMP/elsewhere" -u NEWSDEX_DB "$SEARCH" Kursk
expect_exit 66
expect_stderr_line "newsdex-search: newsdex.db: no index here while opening for search (DatabaseNotFoundError: Couldn't stat 'newsdex.db' (No such file or directory)) (no --db given and \$NEWSDEX_DB not set, so ./newsdex.db was tried: give --db DIR, set \$NEWSDEX_DB, or build an index there with newsdex-index)"
run_cmd env NEWSDEX_DB="$E2E_TMP/nowhere" "$SEARCH" --format json Kursk
expect_exit 66
expect_json "j['kind'] == 'index_missing' and j['error'].endswith('(the index \$NEWSDEX_DB names; --db DIR searches another)')"
run_cmd "$SEARCH" --db "$E2E_TMP/nowhere" Kursk  # named by the user: no hint
expect_stderr_lacks "no --db given"
# Each --db is taken whole: a comma is part of the path (not two shards).
mkdir -p "$E2E_TMP/desk,2025"
run_cmd "$INDEX" --db "$E2E_TMP/desk,2025/db" "$CORPUS/seed"
expect_exit 0
run_cmd "$SEARCH" --db "$E2E_TMP/desk,2025/db" --count Kursk
expect_exit 0
expect_stdout_contains "1"
run_cmd "$SEARCH" --db "$E2E_TMP/desk,2025/db" --db "$DB" --stats --format json
expect_exit 0
expect_json "j['articles'] == 2"
run_cmd "$SEARCH" --db "" Kursk
expect_exit 2
expect_stderr_contains "--db must not be empty"

# Query syntax errors: 2, naming the problem.
run_cmd "$SEARCH" --db "$DB" '"Kursk surrender'
expect_exit 2
expect_stderr_line "newsdex-search: bad query: unbalanced '\"' at character 1"
run_cmd "$SEARCH" --db "$DB" 'colour:red'
expect_exit 2
expect_stderr_contains 'unknown field "colour:"'

# --db in folders that do not exist yet: made, as mkdir -p would; removed again when nothing is indexed.
run_cmd "$INDEX" --db "$E2E_TMP/new/2025/db" "$CORPUS/seed"
expect_exit 0
expect_stdout_contains "index $E2E_TMP/new/2025/db holds"
run_cmd "$INDEX" --db "$E2E_TMP/gone/deeper/db" /dev/null
expect_exit 65
if [ -e "$E2E_TMP/gone" ]; then fail "folders made for an index that was not created are left"; else pass "no folders left"; fi
: >"$E2E_TMP/plain-file"
run_cmd "$INDEX" --db "$E2E_TMP/plain-file/sub/db" "$CORPUS/seed"
expect_exit 73
expect_stderr_line "newsdex-index: $E2E_TMP/plain-file/sub/db: cannot create the index: cannot create its folder $E2E_TMP/plain-file/sub: Not a directory"

# A locked index: a second writer fails with 75 while the first waits on stdin.
mkfifo "$E2E_TMP/fifo"
"$INDEX" --db "$DB" - <"$E2E_TMP/fifo" >/dev/null 2>&1 &
holder=$!
exec 9>"$E2E_TMP/fifo"
sleep 0.5
run_cmd "$INDEX" --db "$DB" "$CORPUS/seed"
expect_exit 75
expect_stderr_contains "index is locked by another writer"
exec 9>&-
wait "$holder"

# An index from a newer schema: refused with 74 and both versions named.
/usr/bin/python3 - "$DB" <<'PY' 2>/dev/null || echo "skip: python3-xapian missing for the schema test"
import sys, xapian
db = xapian.WritableDatabase(sys.argv[1], xapian.DB_OPEN)
db.set_metadata("newsdex.schema_version", "99")
db.commit()
PY
if /usr/bin/python3 -c 'import xapian' 2>/dev/null; then
  run_cmd "$SEARCH" --db "$DB" Kursk
  expect_exit 74
  expect_stderr_contains "index has schema version 99 but this newsdex supports up to 3"
fi
finish
