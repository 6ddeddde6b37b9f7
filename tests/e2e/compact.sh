#!/usr/bin/env bash
# A fresh bulk build is compacted in place (issue 6): smaller, identical
# search results, passes xapian-check, stays updatable; --no-compact, small
# runs and updates of an existing index are left alone.
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH CORPUS_DIR
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 CORPUS=$3
A=$E2E_TMP/a B=$E2E_TMP/b C=$E2E_TMP/c

# A leftover from a compaction that died half-way is cleaned up.
mkdir -p "$E2E_TMP/.a.newsdex-compact" && touch "$E2E_TMP/.a.newsdex-compact/junk"
run_cmd env NEWSDEX_COMPACT_MIN_ARTICLES=100 "$INDEX" --db "$A" "$CORPUS"
expect_exit 0
expect_stdout_contains "indexed 336 articles (336 added, 0 replaced)"
expect_stdout_contains "compacted $A: "
run_cmd env NEWSDEX_COMPACT_MIN_ARTICLES=100 "$INDEX" --no-compact --db "$B" "$CORPUS"
expect_exit 0
expect_stdout_lacks "compacted"
# Built by parallel segment writers and merged (issue 6): compacted as well.
D=$E2E_TMP/d
run_cmd env NEWSDEX_COMPACT_MIN_ARTICLES=100 NEWSDEX_PARALLEL_MIN_BYTES=0 "$INDEX" --threads 2 --batch-size 50 --db "$D" "$CORPUS"
expect_exit 0
expect_stdout_contains "indexed 336 articles (336 added, 0 replaced)"
expect_stdout_contains "compacted $D: "
# Below the threshold (default 2000 articles): not compacted.
run_cmd "$INDEX" --db "$C" "$CORPUS"
expect_exit 0
expect_stdout_lacks "compacted"
LAST_CMD="ls -A $E2E_TMP"; LAST_EXIT=0
if [ "$(ls -A "$E2E_TMP" | grep -c newsdex-compact)" = 0 ]; then pass "no temporary directory left"; else fail "temporary directory left"; fi

run_cmd xapian-check "$A"
expect_exit 0
expect_stdout_contains "No errors found"
size() { du -sb "$1" | cut -f1; }
LAST_CMD="size $A vs $B"
if [ "$(size "$A")" -lt "$(( $(size "$B") * 85 / 100 ))" ]; then pass "compacted is smaller: $(size "$A") < $(size "$B")"; else fail "not smaller: $(size "$A") vs $(size "$B")"; fi

# Same answers, byte for byte: hits, scores, snippets, facets, spelling, clusters.
Q=$E2E_TMP/queries.txt
printf '%s\n' 'Kursk surrender' 'election' 'armee' '広辞苑' 'กองทัพเรือ' '"Kursk region"' 'title:Putin' \
  'electon' 'date:2025 war' 'person:Putin OR place:Ukraine' 'xyzzyplugh' >"$Q"
for db in "$A" "$B" "$D"; do
  "$SEARCH" --db "$db" --limit 20 --facets --related --queries "$Q" >"$db.jsonl"
  "$SEARCH" --db "$db" --limit 20 --no-collapse --natural --queries "$Q" >>"$db.jsonl"
done
LAST_CMD="cmp $A.jsonl $B.jsonl"
if [ -s "$A.jsonl" ] && cmp -s "$A.jsonl" "$B.jsonl"; then pass "identical search results"; else fail "search results differ"; fi
LAST_CMD="cmp $D.jsonl $B.jsonl"
if cmp -s "$D.jsonl" "$B.jsonl"; then pass "parallel writers: identical search results"; else fail "parallel writers: search results differ"; fi
run_cmd xapian-check "$D"
expect_exit 0

# Updating the compacted index: not compacted again, still correct.
run_cmd env NEWSDEX_COMPACT_MIN_ARTICLES=100 "$INDEX" --db "$A" "$CORPUS/seed"
expect_exit 0
expect_stdout_lacks "compacted"
expect_stdout_contains "replaced"
run_cmd xapian-check "$A"
expect_exit 0
run_cmd "$SEARCH" --db "$A" --format json Kursk surrender
expect_exit 0
expect_json "j['hits'][0]['id'] == 'afp-2025-03-14-kursk-ceasefire'"
finish
