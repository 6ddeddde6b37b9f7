#!/usr/bin/env bash
# Hostile inputs (issue 7): every file under tests/data/hostile/ plus the big
# and filesystem cases scripts/make-hostile-inputs --large makes at test time.
# Each gets a precise "file:line: reason" and is skipped or repaired as
# documented in tests/data/hostile/README.md; everything else is indexed and
# the summary and exit code count what was skipped.
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH SOURCE_DIR
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 SRC=$3
H="$SRC/tests/data/hostile"
L="$E2E_TMP/large"
DB="$E2E_TMP/db"

# The committed files are what the generator makes.
"$SRC/scripts/make-hostile-inputs" --small "$E2E_TMP/small" --large "$L"
LAST_CMD="diff -r tests/data/hostile generated"; LAST_EXIT=0
if diff -r -x README.md "$H" "$E2E_TMP/small" >/dev/null; then pass "committed hostile files match scripts/make-hostile-inputs"; else fail "tests/data/hostile is stale: rerun scripts/make-hostile-inputs --small tests/data/hostile"; fi

run_cmd "$INDEX" --db "$DB" --no-entities "$H" "$L" "$E2E_TMP/does-not-exist.jsonl"
expect_exit 1
# Truncated and invalid JSON.
expect_stderr_line "newsdex-index: $H/truncated.jsonl:2: malformed JSON: A string is opened, but never closed."
expect_stderr_line "newsdex-index: $H/invalid-json.jsonl:2: malformed JSON: The JSON document has an improper structure: missing or superfluous commas, braces, missing keys, etc."
expect_stderr_line "newsdex-index: $H/invalid-json.jsonl:4: malformed JSON: The JSON document has an improper structure: missing or superfluous commas, braces, missing keys, etc."
expect_stderr_line "newsdex-index: $H/invalid-json.jsonl:5: malformed JSON: Problem while parsing an atom starting with the letter 'n'"
expect_stderr_line "newsdex-index: $H/invalid-json.jsonl:6: malformed JSON: Problem while parsing a string"
expect_stderr_line "newsdex-index: $H/invalid-json.jsonl:7: malformed JSON: Problem while parsing a number"
# Wrong types and nested garbage.
expect_stderr_line "newsdex-index: $H/wrong-types.jsonl:1: field \"title\" must be a string, not a number"
expect_stderr_line "newsdex-index: $H/wrong-types.jsonl:2: field \"id\" must be a string or an integer, not a boolean"
expect_stderr_line "newsdex-index: $H/wrong-types.jsonl:3: field \"id\" must be a string or an integer, not a number"
expect_stderr_line "newsdex-index: $H/wrong-types.jsonl:4: field \"body\" must be a string, not an object"
expect_stderr_line "newsdex-index: $H/wrong-types.jsonl:5: field \"date\" must be a string, not a number; indexed without a date"
expect_stderr_line "newsdex-index: $H/wrong-types.jsonl:7: field \"lang\" must be a string, not an array"
expect_stderr_line "newsdex-index: $H/wrong-types.jsonl:8: malformed JSON: Problem while parsing a number"
expect_stderr_line "newsdex-index: $H/wrong-types.jsonl:11: expected a JSON object, found a string"
expect_stderr_line "newsdex-index: $H/wrong-types.jsonl:13: expected a JSON object, found null"
# NUL bytes, invalid and overlong UTF-8, control characters: repaired.
expect_stderr_line "newsdex-index: $H/nul-bytes.jsonl:2: invalid UTF-8 or control characters replaced"
expect_stderr_line "newsdex-index: $H/nul-bytes.jsonl:3: invalid UTF-8 or control characters replaced"
expect_stderr_line "newsdex-index: $H/nul-bytes.jsonl:4: escaped control characters (\\u0000-\\u001F) removed"
for line in 2 3 4 5 6; do
  expect_stderr_line "newsdex-index: $H/bad-utf8.jsonl:$line: invalid UTF-8 or control characters replaced"
done
expect_stderr_line "newsdex-index: $H/bad-utf8.jsonl:7: unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF) replaced"
expect_stderr_line "newsdex-index: $H/control-chars.jsonl:1: invalid UTF-8 or control characters replaced"
expect_stderr_line "newsdex-index: $H/control-chars.jsonl:1: escaped control characters (\\u0000-\\u001F) removed"
# UTF-16 with and without a byte order mark: converted.
expect_stderr_line "newsdex-index: $H/utf16le-bom.jsonl: converted from UTF-16LE"
expect_stderr_line "newsdex-index: $H/utf16be-bom.jsonl: converted from UTF-16BE"
expect_stderr_line "newsdex-index: $H/utf16le-nobom.jsonl: converted from UTF-16LE (no byte order mark; recognised by its NUL bytes)"
expect_stderr_line "newsdex-index: $H/utf16be-nobom.txt: converted from UTF-16BE (no byte order mark; recognised by its NUL bytes)"
# Binary and empty files: skipped, named once.
expect_stderr_line "newsdex-index: $H/binary.jsonl: binary file, not JSON Lines"
expect_stderr_line "newsdex-index: $H/binary.txt: binary file, not text"
expect_stderr_line "newsdex-index: $H/gzip-named.jsonl: binary file, not JSON Lines"
expect_stderr_line "newsdex-index: $H/empty.jsonl: empty file"
expect_stderr_line "newsdex-index: $H/empty.txt: empty file"
expect_stderr_line "newsdex-index: $H/blank-lines.jsonl: no records (only blank lines)"
expect_stderr_line "newsdex-index: $H/whitespace.md: empty file"
expect_stderr_line "newsdex-index: $H/bom-only.txt: empty file"
expect_stderr_line "newsdex-index: $H/empty-fields.jsonl:1: empty record (no title and no body); left out"
# Limits: a 50 MB line is skipped (without holding it in memory), deep nesting too.
expect_stderr_line "newsdex-index: $L/huge-line.jsonl:1: record of 52428838 bytes exceeds the limit of 16777216 (--max-article-bytes)"
expect_stderr_line "newsdex-index: $L/huge-garbage.txt: file of 52428800 bytes exceeds the article limit of 16777216 (--max-article-bytes)"
for line in 2 3 4; do
  expect_stderr_line "newsdex-index: $L/deep-nesting.jsonl:$line: malformed JSON: The JSON document was too deep (too many nested objects and arrays)"
done
# Filesystem oddities: loops, dangling links, FIFOs, unreadable files, missing paths.
expect_stderr_line "newsdex-index: $L/links/loop-a.jsonl: cannot read: Too many levels of symbolic links"
expect_stderr_line "newsdex-index: $L/links/dangling.jsonl: cannot read: No such file or directory"
expect_stderr_line "newsdex-index: $L/links/fifo.jsonl: not a regular file (FIFO, socket or device); not read"
expect_stderr_line "newsdex-index: $L/links/unreadable.txt: read error: Input/output error"
expect_stderr_line "newsdex-index: $E2E_TMP/does-not-exist.jsonl: no such file or directory"
# Summary: counts add up.
expect_stdout_contains "indexed 45 articles (43 added, 2 replaced), 37 skipped, 2 empty, 17 repaired"

# Everything else is indexed and searchable.
for id in trunc-1 inv-1 wt-5 wt-6 nul-0 nul-1 nul-2 nul-3 u8-0 u8-1 u8-2 u8-3 u8-4 u8-5 u8-6 u16-1 u16-2 u16n-1 \
          crlf-1 crlf-2 nofinal-2 ctl-1 after-huge long-1 long-2 long-3 long-4 long-5 deep-0 deep-5 links-good perm-1; do
  run_cmd "$SEARCH" --db "$DB" --count "id:$id"
  [ "$LAST_STDOUT" = 1 ] && pass "id:$id indexed" || fail "id:$id not indexed"
done
run_cmd "$SEARCH" --db "$DB" --format json 'id:crlf-1'
expect_json "j['hits'][0]['title'] == 'Carriage returns'"
run_cmd "$SEARCH" --db "$DB" --format json 'narwhal'
expect_json "j['hits'][0]['title'] == 'Narwhal headline with CRLF'"
run_cmd "$SEARCH" --db "$DB" --format json 'id:nul-3'
expect_json "j['hits'][0]['title'] == 'escaped  nul'"
run_cmd "$SEARCH" --db "$DB" --format json 'id:u8-6'
expect_json "j['hits'][0]['title'] == 'lone surrogate escape \ufffd'"
run_cmd "$SEARCH" --db "$DB" --format json 'id:u16-2'
expect_json "j['hits'][0]['title'] == 'Пример кириллицы'"
run_cmd "$SEARCH" --db "$DB" --format json 'tapir'
expect_json "j['hits'][0]['title'] == 'Tapir headline in UTF-16BE'"
# Numeric and null ids (content hash) are indexed too: census, habitat, diet, burrow.
run_cmd "$SEARCH" --db "$DB" --count quokka
expect_stdout_contains "4"
# Words over 64 bytes are not indexed; the rest of the article is.
run_cmd "$SEARCH" --db "$DB" --count wombat
expect_stdout_contains "5"
run_cmd "$SEARCH" --db "$DB" --count "$(printf 'a%.0s' $(seq 100))"
expect_stdout_contains "0"

# --max-article-bytes is the limit: a lower one skips ordinary records.
run_cmd "$INDEX" --db "$E2E_TMP/db-small" --max-article-bytes 70 "$H/no-final-newline.jsonl"
expect_exit 1
expect_stderr_line "newsdex-index: $H/no-final-newline.jsonl:2: record of 80 bytes exceeds the limit of 70 (--max-article-bytes)"
expect_stdout_contains "indexed 1 articles"
run_cmd "$INDEX" --db "$E2E_TMP/db-small" --max-article-bytes 2147483648 "$H/crlf.jsonl"
expect_exit 2
expect_stderr_contains "--max-article-bytes must be between 1 and 1073741824 (1 GiB)"

# Named explicitly: a pipe (process substitution) is read once, as JSONL.
run_cmd bash -c "\"\$0\" --db \"\$1\" <(cat \"\$2\")" "$INDEX" "$E2E_TMP/db-pipe" "$H/crlf.jsonl"
expect_exit 0
expect_stdout_contains "indexed 2 articles"
# Named explicitly: an unreadable file and a symlink loop.
ln -s loop "$E2E_TMP/loop"
run_cmd "$INDEX" --db "$E2E_TMP/db-x" "$E2E_TMP/loop" /proc/self/mem
expect_exit 65
expect_stderr_line "newsdex-index: $E2E_TMP/loop: cannot access: Too many levels of symbolic links"
expect_stderr_line "newsdex-index: /proc/self/mem: read error: Input/output error"
# Only missing paths: 66. Only bad input: 65.
run_cmd "$INDEX" --db "$E2E_TMP/db-x" "$E2E_TMP/nope1" "$E2E_TMP/nope2"
expect_exit 66
run_cmd "$INDEX" --db "$E2E_TMP/db-x" "$H/binary.jsonl" "$H/empty.jsonl"
expect_exit 65

# chmod 000 stops everyone but root: run that case as nobody when we are root.
if [ "$(id -u)" != 0 ]; then
  run_cmd "$INDEX" --db "$E2E_TMP/db-perm" "$L/no-permission.jsonl"
  expect_exit 65
  expect_stderr_line "newsdex-index: $L/no-permission.jsonl: cannot read: Permission denied"
elif command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$INDEX" 2>/dev/null; then
  chmod 755 "$E2E_TMP" "$L"; mkdir -m 777 "$E2E_TMP/nobody"
  mkdir -p "$E2E_TMP/nobody/in/sub"; cp "$H/crlf.jsonl" "$E2E_TMP/nobody/in/"; cp "$L/no-permission.jsonl" "$E2E_TMP/nobody/in/"
  chmod 000 "$E2E_TMP/nobody/in/no-permission.jsonl" "$E2E_TMP/nobody/in/sub"; chmod -R a+rX "$E2E_TMP/nobody/in" 2>/dev/null
  chmod 000 "$E2E_TMP/nobody/in/no-permission.jsonl" "$E2E_TMP/nobody/in/sub"
  run_cmd setpriv --reuid=65534 --regid=65534 --clear-groups "$INDEX" --db "$E2E_TMP/nobody/db" "$E2E_TMP/nobody/in"
  expect_exit 1
  expect_stderr_line "newsdex-index: $E2E_TMP/nobody/in/no-permission.jsonl: cannot read: Permission denied"
  expect_stderr_line "newsdex-index: $E2E_TMP/nobody/in/sub: cannot read directory: Permission denied"
  expect_stdout_contains "indexed 2 articles"
else
  echo "skip: running as root without setpriv to drop privileges; chmod 000 cannot stop root (the /proc/self/mem case above still covers a read error)"
fi
finish
