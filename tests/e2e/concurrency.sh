#!/usr/bin/env bash
# Signals, two writers, searching while indexing, and a full disk (issue 7).
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH CORPUS_DIR
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 CORPUS=$3
have_check=0
command -v xapian-check >/dev/null && have_check=1
check_db() {
  if [ $have_check = 1 ]; then run_cmd xapian-check "$1"; expect_exit 0; else echo "skip: xapian-check missing (xapian-tools)"; fi
}
doccount() { xapian-delve "$1" 2>/dev/null | sed -n 's/^number of documents = //p'; }

# A big input: the committed corpus three times over with distinct ids.
BIG="$E2E_TMP/big.jsonl"
python3 - "$CORPUS" "$BIG" <<'PY'
import json, pathlib, sys
recs = []
for p in sorted(pathlib.Path(sys.argv[1]).glob("*.jsonl")):
    for line in p.open(encoding="utf-8"):
        try:
            r = json.loads(line)
        except ValueError:
            continue
        if isinstance(r, dict) and (r.get("title") or r.get("body")):
            recs.append(r)
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for copy in range(3):
        for i, r in enumerate(recs):
            r = dict(r, id="c%d-%d" % (copy, i))
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
TOTAL=$(wc -l <"$BIG")

# --- SIGINT / SIGTERM: stop after committing, say so, exit 130 -------------
# BULK: a new index built by parallel writers (issue 6), merged on the signal.
for sig in INT TERM BULK; do
  DB="$E2E_TMP/sig-$sig"
  if [ $sig = BULK ]; then
    sig=INT
    NEWSDEX_PARALLEL_MIN_BYTES=0 "$INDEX" --db "$DB" --batch-size 10 --threads 2 "$BIG" >"$E2E_TMP/out" 2>"$E2E_TMP/err" &
    pid=$!
    # Wait until the second segment is being written, then signal.
    for _ in $(seq 200); do [ -e "$E2E_TMP/.sig-BULK.newsdex-compact/segment-000001" ] && break; sleep 0.05; done
  else
    "$INDEX" --db "$DB" --batch-size 10 "$BIG" >"$E2E_TMP/out" 2>"$E2E_TMP/err" &
    pid=$!
    # Wait until the first batch is committed, then signal.
    for _ in $(seq 100); do [ -e "$DB/iamglass" ] && [ "$(doccount "$DB")" != "0" ] && break; sleep 0.05; done
  fi
  kill -$sig "$pid"
  wait "$pid"
  LAST_EXIT=$? LAST_CMD="newsdex-index, then SIG$sig" LAST_STDOUT=$(cat "$E2E_TMP/out") LAST_STDERR=$(cat "$E2E_TMP/err")
  cp "$E2E_TMP/out" "$E2E_TMP/stdout"; cp "$E2E_TMP/err" "$E2E_TMP/stderr"
  expect_exit 130
  expect_stderr_contains "newsdex-index: interrupted; committed "
  held=$(sed -n 's/.* holds \([0-9]*\) articles.*/\1/p' "$E2E_TMP/out")
  n=$(doccount "$DB")
  if [ -n "$held" ] && [ "$held" = "$n" ] && [ "$n" -gt 0 ] && [ "$n" -lt "$TOTAL" ]; then
    pass "SIG$sig: stopped part-way, index holds the $n articles the summary reports"
  else
    fail "SIG$sig: summary says '$held', index holds '$n' of $TOTAL"
  fi
  check_db "$DB"
done

# A second signal while blocked on a silent stdin exits at once.
mkfifo "$E2E_TMP/silent"
"$INDEX" --db "$E2E_TMP/silent-db" - <"$E2E_TMP/silent" >/dev/null 2>"$E2E_TMP/err" &
pid=$!
exec 8>"$E2E_TMP/silent"
sleep 0.5
kill -TERM "$pid"; sleep 0.2; kill -TERM "$pid"
exec 8>&-
wait "$pid"
LAST_EXIT=$? LAST_CMD="newsdex-index - (silent stdin), SIGTERM twice"; cp "$E2E_TMP/err" "$E2E_TMP/stderr"; LAST_STDERR=$(cat "$E2E_TMP/err")
expect_exit 130
expect_stderr_line "newsdex-index: second signal; exiting without committing (the index keeps its last commit)"

# --- Two writers: the second fails with 75, or waits with --wait ------------
DB="$E2E_TMP/two"
mkfifo "$E2E_TMP/fifo"
"$INDEX" --db "$DB" - <"$E2E_TMP/fifo" >/dev/null 2>&1 &
holder=$!
exec 9>"$E2E_TMP/fifo"
printf '%s\n' '{"id":"first-writer","title":"From the first writer","body":"Held lock."}' >&9
for _ in $(seq 100); do [ -e "$DB/flintlock" ] && break; sleep 0.05; done
sleep 0.3
run_cmd "$INDEX" --db "$DB" "$CORPUS/seed" 9>&-
expect_exit 75
expect_stderr_contains "index is locked by another writer"
# (9>&-: the waiter must not hold the FIFO open, or the first writer never sees EOF)
"$INDEX" --db "$DB" --wait "$CORPUS/seed" >"$E2E_TMP/wait-out" 2>&1 9>&- &
waiter=$!
sleep 1
if kill -0 "$waiter" 2>/dev/null; then pass "--wait: the second writer is waiting"; else fail "--wait: second writer did not wait"; fi
exec 9>&-            # the first writer sees EOF, commits and exits
wait "$holder"; h=$?
wait "$waiter"; w=$?
[ $h = 0 ] && pass "first writer exit 0" || fail "first writer exit $h"
[ $w = 0 ] && pass "waiting writer exit 0 after the lock was released" || fail "waiting writer exit $w: $(cat "$E2E_TMP/wait-out")"
run_cmd "$SEARCH" --db "$DB" --format json 'id:first-writer'
expect_exit 0
check_db "$DB"

# --- Searching while indexing ------------------------------------------------
# Searches never fail, never go backwards, and see new commits as they land.
DB="$E2E_TMP/live"
"$INDEX" --db "$DB" --batch-size 5 "$CORPUS/seed" >/dev/null 2>&1   # something to search from the start
"$INDEX" --db "$DB" --batch-size 20 "$BIG" >/dev/null 2>&1 &
writer=$!
last=0 seen=() bad=0 searches=0
while kill -0 "$writer" 2>/dev/null; do
  n=$("$SEARCH" --db "$DB" --count the 2>"$E2E_TMP/err"); rc=$?
  searches=$((searches + 1))
  if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then bad=1; echo "search failed ($rc): $(cat "$E2E_TMP/err")"; break; fi
  [ -z "$n" ] && n=0
  if [ "$n" -lt "$last" ]; then bad=1; echo "count went back from $last to $n"; fi
  [ "$n" != "$last" ] && seen+=("$n")
  last=$n
  "$SEARCH" --db "$DB" --format json --limit 5 the >/dev/null 2>"$E2E_TMP/err"; rc=$?
  if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then bad=1; echo "search failed ($rc): $(cat "$E2E_TMP/err")"; break; fi
done
wait "$writer"
LAST_CMD="searches while indexing"; LAST_EXIT=0
[ $bad = 0 ] && pass "$searches searches while indexing: none failed, counts never went back" || fail "searches while indexing"
if [ "${#seen[@]}" -ge 2 ]; then pass "searches saw ${#seen[@]} successive commits: ${seen[*]:0:8}..."; else fail "searches saw only ${#seen[@]} distinct counts (${seen[*]})"; fi
final=$("$SEARCH" --db "$DB" --count the)
if [ "$final" = "$last" ] || [ "$final" -gt "$last" ]; then pass "after the writer finished, searches see its last commit ($final matches)"; else fail "final count $final < $last"; fi
if [ "$(doccount "$DB")" -ge "$TOTAL" ]; then pass "all $TOTAL articles committed"; else fail "index holds $(doccount "$DB") of $TOTAL"; fi

# --- Disk full ---------------------------------------------------------------
# A small tmpfs where we may mount one; otherwise a file size limit (ulimit -f),
# which the indexer meets as EFBIG (it ignores SIGXFSZ).
DB="$E2E_TMP/full/db"
mkdir -p "$E2E_TMP/full"
mounted=0
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=1200k newsdex-full "$E2E_TMP/full" 2>/dev/null; then
  mounted=1
  trap 'umount "$E2E_TMP/full" 2>/dev/null; rm -rf "$E2E_TMP"' EXIT
  echo "disk full: a 1.2 MB tmpfs"
  run_cmd "$INDEX" --db "$DB" --batch-size 20 "$BIG"
else
  echo "disk full: cannot mount a tmpfs here; simulating with ulimit -f (file size limit)"
  run_cmd bash -c "ulimit -f 1024; exec \"\$0\" --db \"\$1\" --batch-size 20 \"\$2\"" "$INDEX" "$DB" "$BIG"
fi
expect_exit 74
case "$LAST_STDERR" in
  *"No space left on device"*|*"File too large"*) pass "stderr names the cause: $(printf '%s' "$LAST_STDERR" | head -1)" ;;
  *) fail "disk full: unclear message" ;;
esac
expect_stderr_contains "newsdex-index: $DB: "
if [ $mounted = 1 ]; then
  # Make room so that checking and reading are not themselves out of space.
  mkdir -p "$E2E_TMP/full-copy"; cp -r "$DB" "$E2E_TMP/full-copy/"; umount "$E2E_TMP/full"; DB="$E2E_TMP/full-copy/db"
fi
check_db "$DB"
n=$(doccount "$DB")
run_cmd "$SEARCH" --db "$DB" --count the
if [ "$LAST_EXIT" -le 1 ] && [ "${n:-0}" -ge 0 ] && [ $((n % 20)) -eq 0 ] && [ "$n" -lt "$TOTAL" ]; then
  pass "after the full disk the index opens at its last commit ($n articles, whole batches)"
else
  fail "after the full disk: search exit $LAST_EXIT, $n articles"
fi
finish
