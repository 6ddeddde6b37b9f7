#!/usr/bin/env bash
# A shard of a sharded index served by the stock xapian-tcpsrv: named in a
# stub file (`remote tcp HOST PORT`, and Xapian's `remote HOST:PORT`) or given
# as --db tcp://HOST:PORT, it answers like the local shard; when the server
# is killed a search exits 69 naming it, or with --allow-missing-shards
# answers from the others and lists it in JSON missing_shards.
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH CORPUS_DIR
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 CORPUS=$3
if ! command -v xapian-tcpsrv >/dev/null; then
  echo "skip: xapian-tcpsrv not installed (package xapian-tools)"
  exit 77
fi
SH="$E2E_TMP/sharded"
run_cmd "$INDEX" --db "$SH" --shards 3 "$CORPUS"
expect_exit 0

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
# Its own session: on SIGTERM xapian-tcpsrv signals its whole process group.
: >"$E2E_TMP/tcpsrv.log"
setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$SH/shard-002" >"$E2E_TMP/tcpsrv.log" 2>&1 &
server=$!
trap '[ -n "${server:-}" ] && kill "$server" 2>/dev/null; rm -rf "$E2E_TMP"' EXIT
for _ in $(seq 50); do grep -q "Listening" "$E2E_TMP/tcpsrv.log" && break; sleep 0.1; done

STUB="$E2E_TMP/mixed.stub"
printf '# two local shards and one served by xapian-tcpsrv\nauto %s\nauto %s\nremote tcp 127.0.0.1 %s\n' \
  "$SH/shard-000" "$SH/shard-001" "$port" >"$STUB"
printf 'auto %s\nauto %s\nremote 127.0.0.1:%s\n' "$SH/shard-000" "$SH/shard-001" "$port" >"$E2E_TMP/xapian.stub"

same() {  # same LABEL QUERY -- DB ARGS...: equal to the all-local sharded index
  local label=$1 query=$2; shift 3
  "$SEARCH" --db "$SH" ${ORDER:-} --format json --no-collapse --limit 500 --snippets 0 --facets=person,place,source,lang,year -- "$query" >"$E2E_TMP/local.json"
  "$SEARCH" "$@" ${ORDER:-} --format json --no-collapse --limit 500 --snippets 0 --facets=person,place,source,lang,year -- "$query" >"$E2E_TMP/remote.json"
  if python3 - "$E2E_TMP/local.json" "$E2E_TMP/remote.json" <<'PY'
import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
assert a["total_estimate"] == b["total_estimate"] and a["total_estimate"] > 0, (a["total_estimate"], b["total_estimate"])
assert a["facets"] == b["facets"], "facets differ"
# In order, equal scores included (result_order.hpp sorts on value slots,
# which xapian-tcpsrv compares too).
key = lambda j: [(h["id"], round(h["score"], 9)) for h in j["hits"]]
assert key(a) == key(b), "hits, scores or order differ"
assert b["missing_shards"] == []
PY
  then pass "$label: '$query' ${ORDER:-} same as local"; else fail "$label: '$query' differs"; fi
}
for q in Trump election 'Kursk surrender'; do
  same "stub 'remote tcp HOST PORT'" "$q" -- --db "$STUB"
  same "stub 'remote HOST:PORT'" "$q" -- --db "$E2E_TMP/xapian.stub"
  same "--db tcp://" "$q" -- --db "$SH/shard-000" --db "$SH/shard-001" --db "tcp://127.0.0.1:$port"
done
# Equal scores (a filter) and date order through the remote shard: same order.
for ORDER in "" "--sort date" "--sort -date"; do
  same "stub 'remote tcp HOST PORT'" 'person:trump' -- --db "$STUB"
  same "--db tcp://" 'the' -- --db "$SH/shard-000" --db "$SH/shard-001" --db "tcp://127.0.0.1:$port"
done
ORDER=""
run_cmd "$SEARCH" --db "$STUB" --stats --format json
expect_json "j['articles'] == 336"

# The server goes away: exit 69 naming it, or an answer from the others.
kill "$server" 2>/dev/null
wait "$server" 2>/dev/null
server=
run_cmd "$SEARCH" --db "$STUB" election
expect_exit 69
expect_stderr_contains "remote 127.0.0.1:$port (listed in $STUB)"
expect_stderr_contains "shard unavailable"
run_cmd "$SEARCH" --db "tcp://127.0.0.1:$port" election
expect_exit 69
expect_stderr_contains "tcp://127.0.0.1:$port"
run_cmd "$SEARCH" --db "$STUB" --format json election
expect_exit 69
expect_json "j['kind'] == 'shard_unavailable' and j['exit_code'] == 69"
run_cmd "$SEARCH" --db "$STUB" --allow-missing-shards --format json election
expect_exit 0
expect_stderr_contains "warning: shard remote 127.0.0.1:$port (listed in $STUB) is unavailable"
expect_json "j['missing_shards'] == ['remote 127.0.0.1:$port (listed in $STUB)'] and len(j['hits']) > 0"
"$SEARCH" --db "$SH/shard-000" --db "$SH/shard-001" --count election >"$E2E_TMP/two"
run_cmd "$SEARCH" --db "$STUB" --allow-missing-shards --count election
[ "$LAST_STDOUT" = "$(cat "$E2E_TMP/two")" ] && pass "count from the two local shards ($LAST_STDOUT)" || fail "count $LAST_STDOUT, two local shards $(cat "$E2E_TMP/two")"
finish
