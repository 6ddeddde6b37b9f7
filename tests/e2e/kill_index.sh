#!/usr/bin/env bash
# Crash safety (issue 7): SIGKILL newsdex-index at random points, again and
# again, on a real corpus. After every kill xapian-check passes, the index
# opens, and it holds exactly the articles of the last commit: a prefix of the
# input whose length is a multiple of --batch-size. Re-running the same command
# then completes the job with no duplicates and the same result as an
# uninterrupted run (same sorted ids, same document count, same total length).
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH CORPUS.jsonl [ROUNDS]
# Skips (77) when the corpus or xapian-check/xapian-delve are missing.
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 CORPUS=$3 ROUNDS=${4:-${NEWSDEX_KILL_ROUNDS:-10}}
BATCH=25

if [ ! -r "$CORPUS" ]; then
  echo "SKIP: corpus $CORPUS not found; kill test needs a real corpus"
  exit 77
fi
for tool in xapian-check xapian-delve; do
  command -v $tool >/dev/null || { echo "SKIP: $tool not installed (Debian package xapian-tools)"; exit 77; }
done

# A clean input (every line an object with a unique id and some text), so that
# "prefix of the input" is exact; at most 600 articles to bound the run time.
IN="$E2E_TMP/input.jsonl"
IDS="$E2E_TMP/input-ids"
python3 - "$CORPUS" "$IN" "$IDS" <<'PY'
import json, sys
seen, out, ids = set(), open(sys.argv[2], "w"), open(sys.argv[3], "w")
for line in open(sys.argv[1], encoding="utf-8"):
    try:
        r = json.loads(line)
    except ValueError:
        continue
    rid = r.get("id") if isinstance(r, dict) else None
    if not isinstance(rid, str) or not rid or len(rid) > 200 or rid in seen:
        continue
    if not (r.get("title") or r.get("body")):
        continue
    seen.add(rid)
    out.write(json.dumps(r, ensure_ascii=False) + "\n")
    ids.write("Q" + rid + "\n")
    if len(seen) == 600:
        break
PY
TOTAL=$(wc -l <"$IDS")
echo "input: $TOTAL articles from $CORPUS, --batch-size $BATCH"

# Ids in the index, one term per line, sorted.
ids_of() { xapian-delve -1 -A Q "$1" 2>/dev/null | grep '^Q' | LC_ALL=C sort; }
doccount() { xapian-delve "$1" 2>/dev/null | sed -n 's/^number of documents = //p'; }
total_length() { xapian-delve -v "$1" 2>/dev/null | sed -n 's/^average document length = //p'; }

# Reference: one uninterrupted run.
REF="$E2E_TMP/ref"
start=$(date +%s.%N)
run_cmd "$INDEX" --db "$REF" --batch-size $BATCH "$IN"
expect_exit 0
FULL_SECONDS=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$(date +%s.%N)")
ids_of "$REF" >"$E2E_TMP/ref-ids"
LC_ALL=C sort "$IDS" >"$E2E_TMP/input-sorted"
if cmp -s "$E2E_TMP/ref-ids" "$E2E_TMP/input-sorted"; then pass "reference run holds every input id"; else fail "reference ids differ from input"; fi
echo "uninterrupted run: ${FULL_SECONDS}s"

# checks the index at $1 right after a kill: xapian-check, opens for search, prefix property.
check_after_kill() {
  local db=$1 round=$2
  if [ ! -e "$db/iamglass" ]; then
    pass "round $round: killed before the index was created"
    return
  fi
  run_cmd xapian-check "$db"
  expect_exit 0
  run_cmd "$SEARCH" --db "$db" --count the
  if [ "$LAST_EXIT" -eq 0 ] || [ "$LAST_EXIT" -eq 1 ]; then pass "round $round: index opens for search"; else fail "round $round: search after kill"; fi
  local n
  n=$(ids_of "$db" | wc -l)
  head -n "$n" "$IDS" | LC_ALL=C sort >"$E2E_TMP/prefix"
  ids_of "$db" >"$E2E_TMP/got"
  if cmp -s "$E2E_TMP/prefix" "$E2E_TMP/got" && { [ $((n % BATCH)) -eq 0 ] || [ "$n" -eq "$TOTAL" ]; }; then
    pass "round $round: index holds exactly the first $n articles (a whole number of commits)"
  else
    fail "round $round: index holds $n articles that are not the articles of a commit"
  fi
  [ "$(doccount "$db")" = "$n" ] || fail "round $round: document count $(doccount "$db") != $n ids (duplicates?)"
  KILLED_AT+=("$n")
}

# Kill at a random point of [0.05 s, 1.1 x the full run]; repeat on one index
# (every run re-reads the input from the start, as a user would re-run it),
# then on fresh indexes, then let the same command finish.
KILLED_AT=()
DB="$E2E_TMP/killed"
RANDOM=${NEWSDEX_KILL_SEED:-$$}
for round in $(seq 1 "$ROUNDS"); do
  if [ "$round" -gt $((ROUNDS / 2)) ]; then
    # Second half: the kill lands on a fresh index each time.
    rm -rf "$DB"
  fi
  delay=$(python3 -c "import sys; print(round(0.05 + (int(sys.argv[1]) / 32767.0) * 1.1 * float(sys.argv[2]), 3))" "$RANDOM" "$FULL_SECONDS")
  "$INDEX" --db "$DB" --batch-size $BATCH "$IN" >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  echo "round $round: SIGKILL after ${delay}s"
  check_after_kill "$DB" "$round"
done
echo "kill points (articles committed): ${KILLED_AT[*]}"

# Re-running the same command completes the job: no duplicates, same result.
run_cmd "$INDEX" --db "$DB" --batch-size $BATCH "$IN"
expect_exit 0
run_cmd xapian-check "$DB"
expect_exit 0
ids_of "$DB" >"$E2E_TMP/final-ids"
if cmp -s "$E2E_TMP/final-ids" "$E2E_TMP/ref-ids"; then pass "resumed index has the same ids as the uninterrupted run"; else fail "resumed ids differ"; fi
if [ "$(doccount "$DB")" = "$(doccount "$REF")" ] && [ "$(doccount "$DB")" = "$TOTAL" ]; then
  pass "document count $(doccount "$DB") = uninterrupted run = input (no duplicates)"
else
  fail "document count $(doccount "$DB") vs reference $(doccount "$REF"), input $TOTAL"
fi
if [ "$(total_length "$DB")" = "$(total_length "$REF")" ]; then pass "same average document length as the uninterrupted run"; else fail "average length $(total_length "$DB") vs $(total_length "$REF")"; fi
for q in the election '"prime minister"' 'title:police'; do
  a=$("$SEARCH" --db "$DB" --count "$q"); b=$("$SEARCH" --db "$REF" --count "$q")
  if [ "$a" = "$b" ]; then pass "query $q: $a matches in both"; else fail "query $q: $a matches, uninterrupted run $b"; fi
done
finish
