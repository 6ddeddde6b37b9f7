#!/usr/bin/env bash
# A read replica kept current with the stock xapian-replicate-server /
# xapian-replicate on loopback: the replica answers like the master; articles
# indexed later reach it as changesets (no full copy); --compact, which swaps
# in a new database, reaches it as one full copy; a sharded index replicates
# shard by shard plus its stub file.
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH CORPUS_DIR
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 CORPUS=$3
if ! command -v xapian-replicate-server >/dev/null || ! command -v xapian-replicate >/dev/null; then
  echo "skip: xapian-replicate(-server) not installed (package xapian-tools)"
  exit 77
fi
MASTERS="$E2E_TMP/masters" REPLICAS="$E2E_TMP/replicas"
mkdir -p "$MASTERS" "$REPLICAS"
# Xapian writes the changesets replication sends only when asked to keep some.
export XAPIAN_MAX_CHANGESETS=20

run_cmd "$INDEX" --db "$MASTERS/news" "$CORPUS/wikinews-en.jsonl"
expect_exit 0

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
: >"$E2E_TMP/server.log"
setsid xapian-replicate-server --interface 127.0.0.1 --port "$port" "$MASTERS" >"$E2E_TMP/server.log" 2>&1 &
server=$!
trap '[ -n "${server:-}" ] && kill "$server" 2>/dev/null; rm -rf "$E2E_TMP"' EXIT
for _ in $(seq 50); do grep -q "Listening" "$E2E_TMP/server.log" && break; sleep 0.1; done

replicate() {  # replicate MASTER REPLICA: one pass, verbose
  run_cmd xapian-replicate --host 127.0.0.1 --port "$port" --master "$1" --one-shot --verbose "$REPLICAS/$2"
}
same() {  # same LABEL MASTER REPLICA QUERY
  "$SEARCH" --db "$MASTERS/$2" --format json --limit 100 --snippets 0 --facets=source,lang,year -- "$4" >"$E2E_TMP/m.json"
  "$SEARCH" --db "$REPLICAS/$3" --format json --limit 100 --snippets 0 --facets=source,lang,year -- "$4" >"$E2E_TMP/r.json"
  if python3 - "$E2E_TMP/m.json" "$E2E_TMP/r.json" <<'PY'
import json, sys
m, r = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
for key in ("total_estimate", "facets"):
    assert m[key] == r[key], key
assert [(h["id"], h["score"]) for h in m["hits"]] == [(h["id"], h["score"]) for h in r["hits"]], "hits differ"
assert m["total_estimate"] > 0
PY
  then pass "$1: replica answers '$4' like the master"; else fail "$1: replica differs for '$4'"; fi
}
count() { "$SEARCH" --db "$1" --stats --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])'; }

replicate news news
expect_exit 0
expect_stdout_contains "1 copies"
[ "$(count "$REPLICAS/news")" = 150 ] && pass "replica holds 150 articles" || fail "replica holds $(count "$REPLICAS/news")"
same "first copy" news news election

# More articles on the master: the replica gets changesets, not a copy.
run_cmd "$INDEX" --db "$MASTERS/news" "$CORPUS/wikinews-fr.jsonl"
expect_exit 0
replicate news news
expect_exit 0
expect_stdout_contains "0 copies"
expect_stdout_contains "changesets"
[ "$(count "$REPLICAS/news")" = 210 ] && pass "replica sees the new articles (210)" || fail "replica holds $(count "$REPLICAS/news")"
same "after changesets" news news élection
python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["id"])' "$CORPUS/wikinews-en.jsonl" >"$E2E_TMP/gone.txt"
run_cmd "$INDEX" --db "$MASTERS/news" --delete-from "$E2E_TMP/gone.txt"
expect_exit 0
replicate news news
expect_stdout_contains "0 copies"
[ "$(count "$REPLICAS/news")" = 209 ] && pass "a deletion reaches the replica" || fail "replica holds $(count "$REPLICAS/news")"

# --compact swaps a new database in: the replica is sent one full copy.
run_cmd "$INDEX" --db "$MASTERS/news" --compact
expect_exit 0
replicate news news
expect_exit 0
expect_stdout_contains "1 copies"
same "after --compact" news news election

# A sharded index: each shard is a database of its own, plus the stub file.
run_cmd "$INDEX" --db "$MASTERS/sharded" --shards 3 "$CORPUS/wikinews-en.jsonl"
expect_exit 0
mkdir -p "$REPLICAS/sharded"
cp "$MASTERS/sharded/XAPIANDB" "$REPLICAS/sharded/XAPIANDB"
for s in 000 001 002; do replicate "sharded/shard-$s" "sharded/shard-$s"; done
same "sharded" sharded sharded election
run_cmd "$INDEX" --db "$MASTERS/sharded" "$CORPUS/wikinews-it.jsonl"
expect_exit 0
for s in 000 001 002; do
  replicate "sharded/shard-$s" "sharded/shard-$s"
  expect_stdout_contains "0 copies"
done
same "sharded, after adding" sharded sharded elezioni
[ "$(count "$REPLICAS/sharded")" = 210 ] && pass "sharded replica holds 210 articles" || fail "sharded replica holds $(count "$REPLICAS/sharded")"
finish
