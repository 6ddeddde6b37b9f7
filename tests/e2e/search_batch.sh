#!/usr/bin/env bash
# --queries FILE batch mode: one Searcher, one query per line, one JSON object
# per line, the same object as --format json; bad lines get an "error" key.
# Args: NEWSDEX_SEARCH DB_DIR
. "$(dirname "$0")/lib.sh"
SEARCH=$1 DB=$2
SEED=afp-2025-03-14-kursk-ceasefire
Q=$E2E_TMP/queries.txt

# jsonl PYTHON_EXPR: like expect_json, over the stdout lines parsed one by one (`lines`).
jsonl() {
  if python3 - "$1" "$E2E_TMP/stdout" <<'PY'
import json, sys
expr, path = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    lines = [json.loads(l) for l in f.read().split("\n") if l != ""]
sys.exit(0 if eval(expr, {"lines": lines, "len": len, "all": all, "any": any, "set": set}) else 1)
PY
  then pass "jsonl: $1"; else fail "jsonl: $1"; fi
}

# Empty and blank lines are skipped, CRLF is accepted, a bad query is an error
# line in place, no hits is an ordinary line; exit 2 because one line was bad.
printf 'Kursk surrender\n\n   \nxyzzyplugh\n"unterminated\nelection\r\n' >"$Q"
run_cmd "$SEARCH" --db "$DB" --limit 3 --queries "$Q"
expect_exit 2
jsonl "len(lines) == 4"
jsonl "[l['query'] for l in lines] == ['Kursk surrender', 'xyzzyplugh', '\"unterminated', 'election']"
jsonl "lines[0]['hits'][0]['id'] == '$SEED' and lines[0]['limit'] == 3"
jsonl "lines[1]['hits'] == [] and 'error' not in lines[1]"
jsonl "set(lines[2]) == {'format_version', 'query', 'error', 'kind', 'exit_code'} and lines[2]['kind'] == 'query' and 'unbalanced' in lines[2]['error']"
jsonl "'error' not in lines[3] and len(lines[3]['hits']) == 3"

# Each line is exactly what --format json prints for that query alone.
for query in 'Kursk surrender' 'election' 'armee'; do
  "$SEARCH" --db "$DB" --format json --limit 3 --facets "$query" >"$E2E_TMP/single.json"
  printf '%s\n' "$query" | "$SEARCH" --db "$DB" --limit 3 --facets --queries - >"$E2E_TMP/batch.json"
  LAST_CMD="--queries - vs --format json for '$query'"; LAST_EXIT=0
  if cmp -s "$E2E_TMP/single.json" "$E2E_TMP/batch.json"; then pass "$LAST_CMD"; else fail "$LAST_CMD differ"; fi
done

# Every query ran (some without hits): exit 0. Options apply to every line.
printf 'Kursk\nxyzzyplugh\n' >"$Q"
run_cmd "$SEARCH" --db "$DB" --queries "$Q" --count
expect_exit 0
jsonl "len(lines) == 2 and lines[0]['total_estimate'] >= 1 and lines[0]['exact'] and lines[1]['total_estimate'] == 0"
jsonl "all(l['hits'] == [] and l['limit'] == 0 for l in lines)"

# An empty file: no output, exit 0.
: >"$Q"
run_cmd "$SEARCH" --db "$DB" --queries "$Q"
expect_exit 0
jsonl "lines == []"

# Usage errors: a QUERY argument too, text format, a missing file.
run_cmd "$SEARCH" --db "$DB" --queries "$Q" Kursk
expect_exit 2
expect_stderr_contains "--queries"
run_cmd "$SEARCH" --db "$DB" --queries "$Q" --format text
expect_exit 2
run_cmd "$SEARCH" --db "$DB" --queries "$E2E_TMP/missing.txt"
expect_exit 66
expect_stderr_contains "missing.txt"
finish
