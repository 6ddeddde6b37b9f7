#!/usr/bin/env bash
# newsdex-index --shards N: the same articles in 3 shards answer every search
# like one index (hits in the same order with the same scores, clusters and
# "similar" counts, totals, facets), also for near-duplicates that land in
# different shards; upserts, deletes, --compact and --stats work on the
# sharded index; another shard count is refused (exit 2); a missing shard is
# exit 69 naming it, or with --allow-missing-shards an answer from the others
# with JSON "missing_shards".
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH CORPUS_DIR WIRE_COPIES_JSONL [REUTERS_JSONL]
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 CORPUS=$3 WIRE=$4 REUTERS=${5:-}
ONE="$E2E_TMP/one" SH="$E2E_TMP/sharded"

run_cmd "$INDEX" --db "$ONE" "$CORPUS" "$WIRE"
expect_exit 0
run_cmd "$INDEX" --db "$SH" --shards 3 "$CORPUS" "$WIRE"
expect_exit 0
expect_stdout_contains "index $SH holds 343 articles in 3 shards"
for f in XAPIANDB shard-000 shard-001 shard-002; do
  if [ -e "$SH/$f" ]; then pass "$f exists"; else fail "$SH/$f missing"; fi
done
if [ "$(grep -c '^auto shard-00[0-2]$' "$SH/XAPIANDB")" = 3 ]; then pass "stub lists the 3 shards"; else fail "stub: $(cat "$SH/XAPIANDB")"; fi

# Every shard holds some articles, and the three wire copies are not all in
# one shard (else the cross-shard cluster check below would prove nothing).
shard_of() {  # shard_of ID: the shard directory holding it
  for s in 0 1 2; do
    [ "$("$SEARCH" --db "$SH/shard-00$s" --count "id:$1")" = 1 ] && { echo "$s"; return; }
  done
}
total=0
for s in 0 1 2; do
  n=$("$SEARCH" --db "$SH/shard-00$s" --stats --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])')
  if [ "$n" -gt 50 ]; then pass "shard $s holds $n articles"; else fail "shard $s holds only $n articles"; fi
  total=$((total + n))
done
[ "$total" = 343 ] && pass "shards add up to 343" || fail "shards add up to $total"
wire_shards=$(for id in wire-afp wire-copy wire-update; do shard_of "$id"; done | sort -u | wc -l)
if [ "$wire_shards" -ge 2 ]; then pass "wire copies spread over $wire_shards shards"; else fail "wire copies all in one shard"; fi

# Same answers: collapsed (default) and not, with facets, several queries.
same() {  # same LABEL ARGS... (search args after --db)
  local label=$1; shift
  "$SEARCH" --db "$ONE" --format json "$@" >"$E2E_TMP/one.json"
  "$SEARCH" --db "$SH" --format json "$@" >"$E2E_TMP/sh.json"
  if python3 - "$E2E_TMP/one.json" "$E2E_TMP/sh.json" <<'PY'
import json, sys
one, sh = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
for key in ("total_estimate", "total_lower_bound", "total_upper_bound", "exact", "facets", "suggestion"):
    assert one.get(key) == sh.get(key), (key, one.get(key), sh.get(key))
# Related scores as the hits' (to 9 digits): Xapian sums an ESet weight over shards' termlists
# in an order their sizes decide, so the last bits may differ.
related = lambda j: {t: [dict(v, score=round(v["score"], 9)) for v in vs] for t, vs in (j.get("related") or {}).items()}
assert related(one) == related(sh), ("related", one.get("related"), sh.get("related"))
assert sh["missing_shards"] == [], sh["missing_shards"]
hits = lambda j: [(h["id"], round(h["score"], 9), h["cluster"], h["similar"]) for h in j["hits"]]
# The whole ordered list, equal scores included (result_order.hpp: ties by date, then id).
assert hits(one) == hits(sh), "hits differ:\n%s\n%s" % (hits(one), hits(sh))
PY
  then pass "$label: same hits, order, scores, clusters, totals, facets"; else fail "$label differs"; fi
}
FACETS=--facets=person,place,org,source,lang,year,month
for q in 'Kursk surrender' Trump election 'flash floods' 'person:trump' 'the OR la OR il' 'date:2024'; do
  same "sharded '$q'" --limit 50 "$FACETS" -- "$q"
  same "sharded --no-collapse '$q'" --limit 200 --no-collapse "$FACETS" -- "$q"
done
same "sharded --sort -date" --limit 30 --sort -date -- election
same "sharded --sort date" --limit 100 --sort date --no-collapse -- 'person:trump OR the'
# Paging through a sharded index gives the one index's order, ties included.
paged() {  # paged DB ARGS...: the ids of pages of 7, concatenated
  local db=$1; shift
  for offset in $(seq 0 7 63); do
    "$SEARCH" --db "$db" --format json --limit 7 --offset "$offset" "$@" |
      python3 -c 'import json,sys; [print(h["id"]) for h in json.load(sys.stdin)["hits"]]'
  done
}
for args in "person:trump" "--sort date the" "--no-collapse floods OR trump"; do
  # shellcheck disable=SC2086
  paged "$SH" $args >"$E2E_TMP/paged-sh"
  # shellcheck disable=SC2086
  "$SEARCH" --db "$ONE" --format json --limit 70 $args |
    python3 -c 'import json,sys; [print(h["id"]) for h in json.load(sys.stdin)["hits"]]' >"$E2E_TMP/all-one"
  if [ -s "$E2E_TMP/all-one" ] && cmp -s "$E2E_TMP/paged-sh" "$E2E_TMP/all-one"; then
    pass "paged over shards = one index ($args, $(wc -l <"$E2E_TMP/all-one") hits)"
  else
    fail "paging over shards differs ($args)"
  fi
done
same "sharded --natural" --natural --limit 20 -- 'Did the Ukrainian troops in Kursk surrender?'
same "sharded --expand" --expand wire-copy -- floods
same "sharded --like" --like wire-afp -- ''
same "sharded --related" --related -- Trump
run_cmd "$SEARCH" --db "$SH" --format json flash floods
expect_json "[h['similar'] for h in j['hits'] if h['id'].startswith('wire-')] == [2]"
run_cmd "$SEARCH" --db "$SH" --count Trump
"$SEARCH" --db "$ONE" --count Trump >"$E2E_TMP/count"
[ "$LAST_STDOUT" = "$(cat "$E2E_TMP/count")" ] && pass "--count equal ($LAST_STDOUT)" || fail "--count differs"

# Reuters-21578 (when ../shared/corpora is there): 2,000 wire records, many
# with equal scores (the "Blah blah blah." briefs, one-word queries, filters).
if [ -n "$REUTERS" ] && [ -r "$REUTERS" ]; then
  head -n 2000 "$REUTERS" >"$E2E_TMP/reuters.jsonl"
  "$INDEX" --quiet --db "$E2E_TMP/r-one" "$E2E_TMP/reuters.jsonl" >/dev/null 2>&1
  "$INDEX" --quiet --db "$E2E_TMP/r-sh" --shards 3 "$E2E_TMP/reuters.jsonl" >/dev/null 2>&1
  ONE_SAVED=$ONE SH_SAVED=$SH ONE="$E2E_TMP/r-one" SH="$E2E_TMP/r-sh"
  same "reuters blah" --limit 300 -- blah
  same "reuters --no-collapse blah" --limit 300 --no-collapse -- blah
  same "reuters oil" --limit 200 --facets=place,year -- oil
  same "reuters place:usa" --limit 200 -- place:usa
  same "reuters --sort date oil" --limit 200 --sort date -- oil
  same "reuters --sort -date --no-collapse blah" --limit 200 --sort -date --no-collapse -- blah
  same "reuters --natural" --limit 100 --natural -- 'oil prices fall'
  paged "$SH" --no-collapse blah >"$E2E_TMP/paged-sh"
  "$SEARCH" --db "$ONE" --format json --limit 70 --no-collapse blah |
    python3 -c 'import json,sys; [print(h["id"]) for h in json.load(sys.stdin)["hits"]]' >"$E2E_TMP/all-one"
  if [ "$(wc -l <"$E2E_TMP/all-one")" = 70 ] && cmp -s "$E2E_TMP/paged-sh" "$E2E_TMP/all-one"; then
    pass "reuters: 10 pages of blah over shards = one index"
  else
    fail "reuters: paging blah over shards differs"
  fi
  ONE=$ONE_SAVED SH=$SH_SAVED
else
  echo "note: no Reuters-21578 corpus; its equal-score checks skipped"
fi

# Statistics add up over the shards; sizes are the shards' directories.
run_cmd "$SEARCH" --db "$SH" --stats --format json
expect_json "j['articles'] == 343 and j['bytes'] > 100000 and j['schema_version'] >= 1 and j['last_modified']"
"$SEARCH" --db "$ONE" --stats --format json >"$E2E_TMP/one-stats.json"
if python3 - "$E2E_TMP/one-stats.json" "$E2E_TMP/stdout" <<'PY'
import json, sys
one, sh = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
for key in ("articles", "undated", "languages", "sources", "first_date", "last_date"):
    assert one[key] == sh[key], key
PY
then pass "--stats: same counts as one index"; else fail "--stats differ"; fi
run_cmd "$SEARCH" --db "$SH" --article wire-update --format json
expect_exit 0
expect_json "j['id'] == 'wire-update'"

# Re-indexing upserts into the right shards: the count stays.
run_cmd "$INDEX" --db "$SH" "$WIRE"
expect_exit 0
expect_stdout_contains "(0 added, 7 replaced)"
expect_stdout_contains "holds 343 articles in 3 shards"
run_cmd "$SEARCH" --db "$SH" --format json flash floods
expect_json "[h['similar'] for h in j['hits'] if h['id'].startswith('wire-')] == [2]"

# Another shard count, or shards into a plain index: refused, nothing written.
run_cmd "$INDEX" --db "$SH" --shards 4 "$WIRE"
expect_exit 2
expect_stderr_contains "has 3 shards, not 4"
run_cmd "$INDEX" --db "$ONE" --shards 3 "$WIRE"
expect_exit 2
expect_stderr_contains "already holds an index of one database"
run_cmd "$INDEX" --db "$SH" --shards 3 "$WIRE"
expect_exit 0

# Deletes go to the right shard; clusters stay right across shards.
run_cmd "$INDEX" --db "$SH" --delete wire-afp nope
expect_exit 1
expect_stdout_contains "deleted 1 articles, 1 not found; index $SH holds 342 articles"
"$INDEX" --db "$ONE" --delete wire-afp >/dev/null
same "after delete" --limit 50 "$FACETS" -- 'flash floods'
run_cmd "$SEARCH" --db "$SH" --count id:wire-afp
expect_exit 1

# --compact compacts every shard in place; the answers stay.
run_cmd "$INDEX" --db "$SH" --compact
expect_exit 0
expect_stdout_contains "compacted $SH:"
same "after --compact" --limit 50 "$FACETS" -- election

# A shard that is missing: exit 69 naming it; or answers from the others.
mv "$SH/shard-001" "$E2E_TMP/away"
run_cmd "$SEARCH" --db "$SH" election
expect_exit 69
expect_stderr_contains "shard-001"
expect_stderr_contains "(listed in $SH/XAPIANDB)"
run_cmd "$SEARCH" --db "$SH" --format json election
expect_exit 69
expect_json "j['kind'] == 'shard_unavailable' and j['exit_code'] == 69 and 'shard-001' in j['error']"
run_cmd "$SEARCH" --db "$SH" --allow-missing-shards --format json --facets=lang election
expect_exit 0
expect_stderr_contains "warning: shard $SH/shard-001 (listed in $SH/XAPIANDB) is unavailable"
expect_json "j['missing_shards'] == ['$SH/shard-001 (listed in $SH/XAPIANDB)'] and len(j['hits']) > 0"
n_missing=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total_lower_bound"])' "$E2E_TMP/stdout")
n_all=$("$SEARCH" --db "$ONE" --count election)
if [ "$n_missing" -lt "$n_all" ]; then pass "answer from 2 shards has fewer matches ($n_missing < $n_all)"; else fail "missing shard not left out ($n_missing vs $n_all)"; fi
# The HTTP server likewise: exit 69 naming the shard, or with
# --allow-missing-shards answers from the others that list it.
run_cmd "$SEARCH" --db "$SH" --serve 0
expect_exit 69
expect_stderr_contains "shard-001"
"$SEARCH" --db "$SH" --serve 0 --allow-missing-shards 2>"$E2E_TMP/serve.log" &
server=$!
port=""
for _ in $(seq 300); do
  port=$(sed -n 's|^newsdex-search: serving .* on http://127\.0\.0\.1:\([0-9]*\)/ .*|\1|p' "$E2E_TMP/serve.log")
  [ -n "$port" ] && break
  sleep 0.1
done
curl -s "http://127.0.0.1:$port/search?q=election&limit=3" >"$E2E_TMP/stdout"
expect_json "j['missing_shards'] == ['$SH/shard-001 (listed in $SH/XAPIANDB)'] and j['total_lower_bound'] == $n_missing"
kill -TERM "$server"; wait "$server"
[ $? -eq 0 ] && pass "server stopped cleanly" || fail "server exit status"
# Indexing into it while a shard is gone is refused (an empty new shard-001
# would take its articles' updates and hide the real one).
run_cmd "$INDEX" --db "$SH" "$WIRE"
expect_exit 69
expect_stderr_contains "shard-001"
if [ -e "$SH/shard-001" ]; then fail "shard-001 was recreated while missing"; else pass "no shard-001 created"; fi
mv "$E2E_TMP/away" "$SH/shard-001"
run_cmd "$SEARCH" --db "$SH" --count election
[ "$LAST_STDOUT" = "$n_all" ] && pass "restored shard: $n_all matches again" || fail "restored shard: $LAST_STDOUT"
finish
