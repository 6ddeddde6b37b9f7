#!/usr/bin/env bash
# The same articles split over several databases give the same counts, facets
# and ranking as one database: searched together as local shards, and through
# a stub file pointing at the stock xapian-tcpsrv (remote shards).
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH CORPUS_DIR
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 CORPUS=$3
ALL="$E2E_TMP/all" A="$E2E_TMP/shard-a" B="$E2E_TMP/shard-b"

run_cmd "$INDEX" --db "$ALL" "$CORPUS"
expect_exit 0
# Text files are identified by their path below the input root: the shards
# read the folders from copies under roots of their own, so that they get
# the ids the whole corpus gives them (file:text/..., file:seed/...).
mkdir -p "$E2E_TMP/root-a" "$E2E_TMP/root-b"
cp -r "$CORPUS/seed" "$E2E_TMP/root-a/"
cp -r "$CORPUS/text" "$E2E_TMP/root-b/"
run_cmd "$INDEX" --db "$A" "$CORPUS/wikinews-en.jsonl" "$E2E_TMP/root-a" "$CORPUS/ntrex128.jsonl"
expect_exit 0
run_cmd "$INDEX" --db "$B" "$CORPUS/wikinews-fr.jsonl" "$CORPUS/wikinews-it.jsonl" "$CORPUS/jawikinews.jsonl" "$E2E_TMP/root-b"
expect_exit 0

# Totals, facet counts and the set of hits with their scores must agree
# (every hit: pure filters score 0, and equal scores may come in any order).
MODE_ARGS=()  # --natural: feedback and regularisation, which read stems and stem vectors across shards
compare() {  # compare LABEL QUERY -- DB ARGS...
  local label=$1 query=$2; shift 3
  "$SEARCH" --db "$ALL" "${MODE_ARGS[@]}" --format json --no-collapse --limit 500 --snippets 0 --facets=person,place,org,source,lang,year -- "$query" >"$E2E_TMP/one.json"
  "$SEARCH" "$@" "${MODE_ARGS[@]}" --format json --no-collapse --limit 500 --snippets 0 --facets=person,place,org,source,lang,year -- "$query" >"$E2E_TMP/split.json"
  if python3 - "$E2E_TMP/one.json" "$E2E_TMP/split.json" <<'PY'
import json, sys
one, split = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
assert one["total_estimate"] == split["total_estimate"], (one["total_estimate"], split["total_estimate"])
assert one["facets"] == split["facets"], "facet counts differ"
key = lambda hits: [(h["id"], round(h["score"], 6)) for h in hits]
assert sorted(key(one["hits"])) == sorted(key(split["hits"])), "hits or scores differ"
PY
  then pass "$label: '$query' same total, facets, hits and scores"; else fail "$label: '$query' differs"; fi
}
for q in Trump election 'person:trump' 'Kursk surrender' 'the OR la OR il'; do
  compare "local shards" "$q" -- --db "$A" --db "$B"
done
MODE_ARGS=(--natural)
for q in 'Did the Ukrainian troops in Kursk surrender?' 'Who won the election?'; do
  compare "local shards, natural" "$q" -- --db "$A" --db "$B"
done
MODE_ARGS=()

# Batch mode: from the second facet search on, a long-lived searcher counts
# from its per-database FacetCache (docids of two shards interleave).
printf '%s\n' Trump election 'person:trump' Trump election 'person:trump' >"$E2E_TMP/batch.txt"
batch() { "$SEARCH" "$@" --no-collapse --limit 50 --snippets 0 --facets=person,place,org,source,lang,year --queries "$E2E_TMP/batch.txt"; }
batch --db "$ALL" >"$E2E_TMP/one.jsonl"
batch --db "$A" --db "$B" >"$E2E_TMP/split.jsonl"
if python3 - "$E2E_TMP/one.jsonl" "$E2E_TMP/split.jsonl" <<'PY'
import json, sys
one, split = ([json.loads(l) for l in open(p, encoding="utf-8")] for p in sys.argv[1:3])
assert len(one) == len(split) == 6, (len(one), len(split))
for a, b in zip(one, split):
    assert a["total_estimate"] == b["total_estimate"], a["query"]
    assert a["facets"] == b["facets"], "facet counts differ for " + a["query"]
    assert sum(len(v) for v in a["facets"].values()) > 0, a["query"]
for i in range(3):  # the cached second round counts what the first counted
    assert one[i]["facets"] == one[i + 3]["facets"], "cached counts differ for " + one[i]["query"]
PY
then pass "batch mode: same facets from one index and two shards, first and cached rounds"; else fail "batch mode facets differ"; fi

# Remote shards: the stock xapian-tcpsrv serves shard B; a stub file names it.
if command -v xapian-tcpsrv >/dev/null; then
  port=$((20000 + RANDOM % 20000))
  # Its own session: on SIGTERM xapian-tcpsrv signals its whole process group.
  setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$B" >"$E2E_TMP/tcpsrv.log" 2>&1 &
  server=$!
  trap '[ -n "${server:-}" ] && kill "$server" 2>/dev/null; rm -rf "$E2E_TMP"' EXIT
  for _ in $(seq 50); do grep -q "Listening" "$E2E_TMP/tcpsrv.log" && break; sleep 0.1; done
  printf 'remote 127.0.0.1:%s\n' "$port" >"$E2E_TMP/remote-b.stub"
  for q in Trump election 'person:trump' 'the OR la OR il'; do
    compare "local + remote shard" "$q" -- --db "$A" --db "$E2E_TMP/remote-b.stub"
  done
  MODE_ARGS=(--natural)
  compare "local + remote shard, natural" 'Did the Ukrainian troops in Kursk surrender?' -- --db "$A" --db "$E2E_TMP/remote-b.stub"
  MODE_ARGS=()
  kill "$server" 2>/dev/null
  wait "$server" 2>/dev/null
  server=
else
  echo "skip: xapian-tcpsrv not installed (package xapian-tools)"
fi
finish
