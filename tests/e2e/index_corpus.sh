#!/usr/bin/env bash
# Fixture: index corpus/ into a fresh database shared by the search tests.
# Args: NEWSDEX_INDEX CORPUS_DIR DB_DIR
. "$(dirname "$0")/lib.sh"
INDEX=$1 CORPUS=$2 DB=$3
rm -rf "$DB"
run_cmd "$INDEX" --db "$DB" "$CORPUS"
expect_exit 0
expect_stdout_contains "indexed 336 articles (336 added, 0 replaced), 0 skipped, 0 repaired"
finish
