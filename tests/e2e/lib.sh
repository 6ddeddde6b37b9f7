# Shared helpers for end-to-end tests: each test script sources this file,
# runs the real binaries and asserts on exit codes, stdout and stderr.
# Usage in a test: run_cmd <cmd...>; expect_exit N; expect_stdout_contains TEXT; ...
set -u

E2E_FAILURES=0
E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-e2e.XXXXXX")
if [ "${NEWSDEX_E2E_KEEP:-0}" = 1 ]; then
  trap 'echo "kept $E2E_TMP"' EXIT
else
  trap 'rm -rf "$E2E_TMP"' EXIT
fi

# run_cmd CMD...: runs CMD, capturing stdout, stderr and the exit code.
run_cmd() {
  LAST_CMD="$*"
  "$@" >"$E2E_TMP/stdout" 2>"$E2E_TMP/stderr"
  LAST_EXIT=$?
  LAST_STDOUT=$(cat "$E2E_TMP/stdout")
  LAST_STDERR=$(cat "$E2E_TMP/stderr")
}

fail() {
  echo "FAIL: $1"
  echo "  command: $LAST_CMD"
  echo "  exit: $LAST_EXIT"
  echo "  stdout: $(head -c 2000 "$E2E_TMP/stdout")"
  echo "  stderr: $(head -c 2000 "$E2E_TMP/stderr")"
  E2E_FAILURES=$((E2E_FAILURES + 1))
}

pass() { echo "ok: $1"; }

expect_exit() {
  if [ "$LAST_EXIT" -eq "$1" ]; then pass "exit $1 from: $LAST_CMD"; else fail "expected exit $1"; fi
}

expect_stdout_contains() {
  case "$LAST_STDOUT" in *"$1"*) pass "stdout contains '$1'" ;; *) fail "stdout lacks '$1'" ;; esac
}

expect_stdout_lacks() {
  case "$LAST_STDOUT" in *"$1"*) fail "stdout contains '$1'" ;; *) pass "stdout lacks '$1'" ;; esac
}

expect_stderr_contains() {
  case "$LAST_STDERR" in *"$1"*) pass "stderr contains '$1'" ;; *) fail "stderr lacks '$1'" ;; esac
}

expect_stderr_lacks() {
  case "$LAST_STDERR" in *"$1"*) fail "stderr contains '$1'" ;; *) pass "stderr lacks '$1'" ;; esac
}

expect_stderr_line() {
  if printf '%s\n' "$LAST_STDERR" | grep -qxF -- "$1"; then pass "stderr line '$1'"; else fail "stderr has no line '$1'"; fi
}

# expect_json PYTHON_EXPR: evaluates a Python expression over the parsed stdout
# (bound to `j`; hl(text, b, e) slices by UTF-8 byte offsets); passes if true.
expect_json() {
  if python3 - "$1" "$E2E_TMP/stdout" <<'PY'
import json, sys
expr, path = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    j = json.load(f)
def hl(text, b, e):
    """Highlight offsets are UTF-8 bytes: slice the encoded text."""
    return text.encode("utf-8")[b:e].decode("utf-8")
ok = eval(expr, {"j": j, "any": any, "all": all, "len": len, "hl": hl, "set": set, "isinstance": isinstance, "int": int, "str": str})
sys.exit(0 if ok else 1)
PY
  then pass "json: $1"; else fail "json: $1"; fi
}

finish() {
  if [ "$E2E_FAILURES" -eq 0 ]; then echo "all checks passed"; exit 0; fi
  echo "$E2E_FAILURES check(s) failed"
  exit 1
}
