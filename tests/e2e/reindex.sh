#!/usr/bin/env bash
# Re-indexing the corpus leaves the document count unchanged (upsert by id).
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH CORPUS_DIR
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 CORPUS=$3
DB="$E2E_TMP/db"
run_cmd "$INDEX" --db "$DB" "$CORPUS"
expect_exit 0
first=$(printf '%s\n' "$LAST_STDOUT" | sed -n 's/.* holds \([0-9]*\) articles.*/\1/p')
run_cmd "$INDEX" --db "$DB" "$CORPUS"
expect_exit 0
expect_stdout_contains "(0 added, $first replaced)"
expect_stdout_contains "holds $first articles"
run_cmd "$SEARCH" --db "$DB" --count Kursk
expect_exit 0
finish
