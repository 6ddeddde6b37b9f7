#!/usr/bin/env bash
# Hostile queries and broken databases (issue 7): a clear error (exit 2) or a
# bounded answer (0/1), never a crash or a hang; databases missing, empty,
# locked, corrupt: a clear message and the documented exit code.
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH CORPUS_DIR
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 CORPUS=$3
DB="$E2E_TMP/db"
# Queries here can be 100 KB long: report only their start.
run_cmd() {
  LAST_CMD=$(printf '%.200s' "$*")
  "$@" >"$E2E_TMP/stdout" 2>"$E2E_TMP/stderr"
  LAST_EXIT=$?
  LAST_STDOUT=$(cat "$E2E_TMP/stdout")
  LAST_STDERR=$(cat "$E2E_TMP/stderr")
}
"$INDEX" --db "$DB" --no-entities "$CORPUS/wikinews-en.jsonl" "$CORPUS/seed" >/dev/null 2>&1

# answers QUERY...: exit 0 or 1 within 20 s, no internal error.
answers() {
  run_cmd timeout 20 "$SEARCH" --db "$DB" --snippets 1 "$@"
  case $LAST_EXIT in
    0|1) pass "answered ($LAST_EXIT): $(printf '%.60s' "$*")" ;;
    *) fail "expected an answer (0/1)" ;;
  esac
  expect_stderr_lacks_internal
}
# refuses QUERY...: exit 2 with a "bad query:" message within 20 s.
refuses() {
  run_cmd timeout 20 "$SEARCH" --db "$DB" "$@"
  if [ "$LAST_EXIT" -eq 2 ] && printf '%s' "$LAST_STDERR" | grep -q '^newsdex-search: bad query: '; then
    pass "refused: $(printf '%.60s' "$*") -> $(printf '%s' "$LAST_STDERR" | head -1 | cut -c1-100)"
  else
    fail "expected exit 2 and 'bad query:'"
  fi
}
# answers_or_refuses: either is fine (operator soup), but nothing else.
answers_or_refuses() {
  run_cmd timeout 20 "$SEARCH" --db "$DB" "$@"
  case $LAST_EXIT in
    0|1) pass "answered ($LAST_EXIT): $(printf '%.60s' "$*")" ;;
    2) if printf '%s' "$LAST_STDERR" | grep -q '^newsdex-search: '; then pass "refused: $(printf '%.60s' "$*") -> $(printf '%s' "$LAST_STDERR" | head -1 | cut -c1-90)"; else fail "exit 2 without a message"; fi ;;
    *) fail "expected 0, 1 or 2" ;;
  esac
  expect_stderr_lacks_internal
}
expect_stderr_lacks_internal() {
  case "$LAST_STDERR" in *"internal error"*|*"AddressSanitizer"*|*"runtime error"*) fail "internal error" ;; esac
}

# Unbalanced quotes and brackets.
refuses '"Kursk surrender'
refuses '((Kursk'
refuses 'Kursk)'
refuses 'title:"open'
# Only operators, empty phrases, stray syntax.
for q in AND OR NOT 'AND OR NOT' '+ -' '-' '+' '""' '()' 'NEAR' 'ADJ/3' ':' 'title:' 'date:' '*' '"*"' '~' '^' \
         'AND AND AND kursk' 'kursk NOT' 'NOT kursk' '-kursk'; do
  answers_or_refuses "$q"
done
# Control characters, invalid UTF-8, odd scripts.
answers "$(printf 'kursk\001\002\033[31m\177')"
answers "$(printf 'caf\351 \377\376 kursk')"
answers "$(printf '\xed\xa0\x80 \xc0\xaf \xf4\x90\x80\x80')"
answers "$(printf '\u202e\u200b\ufeff kursk')"
# Huge queries: 10,000 terms, a 100,000-character word, deep brackets.
words=$(python3 -c "import random; r=random.Random(1); print(' '.join('w%d' % r.randrange(100000) for _ in range(10000)))")
answers_or_refuses $words
refuses "$(python3 -c "print(' OR '.join('kursk%d' % i for i in range(10000)))")"
expect_stderr_line "newsdex-search: bad query: query too long: more than 1000 terms"
answers "$(python3 -c "print(' OR '.join('kursk%d' % i for i in range(1000)))")"
answers "$(python3 -c "print('a' * 100000)")"
answers_or_refuses "$(python3 -c "print('(' * 5000 + 'kursk' + ')' * 5000)")"
answers_or_refuses "$(python3 -c "print('\"' + 'kursk ' * 5000 + '\"')")"
# Wildcards that could expand to every term: bounded by the expansion limit.
answers 't*'
answers 'a* OR b* OR c* OR d* OR e* OR s* OR t*'
answers 'title:a*'
refuses "$(python3 -c "print(' OR '.join(chr(97 + i % 26) + '*' for i in range(2000)))")"
expect_stderr_line "newsdex-search: bad query: too many wildcards: 2000 (at most 32)"
answers "$(python3 -c "print(' OR '.join(chr(97 + i % 26) + '*' for i in range(32)))")"
# --timeout: accepted, bounded, documented; bad values are usage errors.
answers --timeout 0.001 --facets source,year the
answers --timeout 5 --count the
run_cmd "$SEARCH" --db "$DB" --timeout -1 kursk
expect_exit 2
expect_stderr_contains "--timeout must be a number of seconds between 0 and 86400"

# ---- Databases --------------------------------------------------------------
run_cmd "$SEARCH" --db "$E2E_TMP/missing" kursk
expect_exit 66
expect_stderr_contains "newsdex-search: $E2E_TMP/missing: no index here"
mkdir "$E2E_TMP/emptydir"
run_cmd "$SEARCH" --db "$E2E_TMP/emptydir" kursk
expect_exit 66
expect_stderr_contains "newsdex-search: $E2E_TMP/emptydir: no index here"
echo "not a database" >"$E2E_TMP/afile"
run_cmd "$SEARCH" --db "$E2E_TMP/afile" kursk
expect_exit 74
expect_stderr_contains "newsdex-search: $E2E_TMP/afile: "
# An index with no articles: no hits, exit 1.
# (Indexing nothing into a new index leaves none behind: index one article
# and delete it with Xapian's own bindings.)
printf '{"id":"x","title":"Gone","body":"gone"}\n' >"$E2E_TMP/one.jsonl"
"$INDEX" --db "$E2E_TMP/empty-index" --quiet "$E2E_TMP/one.jsonl"
if /usr/bin/python3 -c 'import sys, xapian; db = xapian.WritableDatabase(sys.argv[1]); db.delete_document("Qx"); db.commit()' \
    "$E2E_TMP/empty-index" 2>/dev/null; then
  run_cmd "$SEARCH" --db "$E2E_TMP/empty-index" kursk
  expect_exit 1
else
  echo "skip: python3-xapian missing for the empty-index test"
fi
# Locked by a writer: readers do not lock in Xapian, so search still answers.
mkfifo "$E2E_TMP/fifo"
"$INDEX" --db "$DB" - <"$E2E_TMP/fifo" >/dev/null 2>&1 &
holder=$!
exec 9>"$E2E_TMP/fifo"
for _ in $(seq 100); do [ -e "$DB/flintlock" ] && break; sleep 0.05; done
sleep 0.3
run_cmd "$SEARCH" --db "$DB" kursk 9>&-
expect_exit 0
exec 9>&-
wait "$holder"

# Corrupt: a truncated table file. xapian-check agrees it is broken.
# (a truncated termlist does not stop a search, which never reads it; writing does)
for table in postlist termlist docdata; do
  C="$E2E_TMP/corrupt-$table"
  cp -r "$DB" "$C"
  size=$(stat -c %s "$C/$table.glass")
  truncate -s $((size / 2)) "$C/$table.glass"
  run_cmd "$SEARCH" --db "$C" --snippets 1 --limit 50 kursk
  if [ $table != termlist ]; then
    expect_exit 74
    # (the docdata table holds no body since schema 2: small enough that
    # opening may already meet the damage, hence "while opening" or "while searching")
    expect_stderr_contains "newsdex-search: $C: index is corrupt (a table file is truncated or damaged; xapian-check tells more) while"
  fi
  if command -v xapian-check >/dev/null; then
    run_cmd xapian-check "$C"
    [ "$LAST_EXIT" -ne 0 ] && pass "xapian-check also rejects the truncated $table.glass" || fail "xapian-check passed a truncated $table.glass"
  fi
  run_cmd "$INDEX" --db "$C" "$CORPUS/seed"
  expect_exit 74
  expect_stderr_contains "newsdex-index: $C: index is corrupt"
done
# Garbage version file.
C="$E2E_TMP/corrupt-iamglass"
cp -r "$DB" "$C"
head -c 100 /dev/urandom >"$C/iamglass"
run_cmd "$SEARCH" --db "$C" kursk
expect_exit 74
expect_stderr_contains "newsdex-search: $C: "
finish
