#!/usr/bin/env bash
# The researcher's searcher (issue 4): dates, sorting, paging, spelling,
# near-duplicate collapsing, --explain, --like, --recency, phrase highlighting
# and malformed queries, on corpus/ and on tests/data/search/wire-copies.jsonl.
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH CORPUS_DB FIXTURE_JSONL
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 CORPUS_DB=$3 FIXTURE=$4
FX="$E2E_TMP/wire-db"
SEED=afp-2025-03-14-kursk-ceasefire

run_cmd "$INDEX" --db "$FX" "$FIXTURE"
expect_exit 0
ids() { "$SEARCH" --db "$FX" --format json --no-collapse --limit 50 "$@" | python3 -c 'import json,sys; print(" ".join(h["id"] for h in json.load(sys.stdin)["hits"]))'; }
expect_ids() {  # expect_ids "EXPECTED IDS" SEARCH-ARGS...
  local want=$1; shift
  LAST_CMD="newsdex-search $*"; LAST_EXIT=0
  local got; got=$(ids "$@")
  if [ "$got" = "$want" ]; then pass "$* -> $want"; else fail "$* -> '$got', expected '$want'"; fi
}

# Every date form, in the query and as options. The fixture: wire-afp 2024-10-30,
# wire-copy 2024-10-30T14:00Z, wire-update 2024-10-31T09:15+01:00, election-2023
# 2023-05-02, leap-day 2024-02-29, new-year-tz 2024-12-31T23:30-02:00 (= 2025 in
# UTC), undated-flood without a date.
expect_ids "leap-day wire-afp wire-copy wire-update" valencia date:2024 --sort date
expect_ids "leap-day" valencia date:2024-02
expect_ids "leap-day" valencia date:2024-02-29
expect_ids "wire-afp wire-copy wire-update" valencia date:2024-10-30..2024-10-31 --sort date
expect_ids "election-2023" valencia date:..2023-12-31
expect_ids "election-2023 leap-day wire-afp wire-copy wire-update" valencia date:2023.. --sort date
expect_ids "wire-copy" valencia date:2024-10-30T14:00
expect_ids "new-year-tz" new date:2025
expect_ids "" new date:2024
expect_ids "wire-afp wire-copy wire-update" valencia --since 2024-03 --sort date
expect_ids "election-2023 leap-day" valencia --until 2024-02-29 --sort date
expect_ids "wire-update" valencia --since 2024-10-31 --until 2024
expect_ids "leap-day" valencia --since 2024-02-29 --until 2024-02-29
# Undated articles never match a date filter but are found without one.
expect_ids "undated-flood" defences
expect_ids "" defences date:..2030
run_cmd "$SEARCH" --db "$FX" --since 2024-13 valencia
expect_exit 2
expect_stderr_line 'newsdex-search: --since: bad date "2024-13": month must be 01-12'
run_cmd "$SEARCH" --db "$FX" --since 2025 --until 2024 valencia
expect_exit 2
expect_stderr_line "newsdex-search: --since 2025 is after --until 2024"
run_cmd "$SEARCH" --db "$FX" 'valencia date:2023-02-29'
expect_exit 2
expect_stderr_line 'newsdex-search: bad query: bad date "2023-02-29": 2023-02 has only 28 days'

# Sort orders: undated last both ways.
expect_ids "election-2023 leap-day wire-afp wire-copy wire-update undated-flood" valencia --sort date
expect_ids "wire-update wire-copy wire-afp leap-day election-2023 undated-flood" valencia --sort -date

# Near-duplicates: one version per story, "+2 similar", expandable.
run_cmd "$SEARCH" --db "$FX" --format json flash floods
expect_exit 0
expect_json "j['collapsed'] and [(h['id'], h['similar']) for h in j['hits']] == [('wire-afp', 2)]"
run_cmd "$SEARCH" --db "$FX" --snippets 0 flash floods
expect_stdout_contains "id wire-afp · score"
expect_stdout_contains "· +2 similar"
expect_ids "wire-afp wire-copy wire-update" --expand wire-afp --sort date
expect_ids "wire-afp wire-copy wire-update" flash floods --sort date
run_cmd "$SEARCH" --db "$FX" --expand no-such-id
expect_exit 2
expect_stderr_contains 'expand: no article with id "no-such-id"'

# Recency: age counts from the newest match; the bonus shows in JSON.
run_cmd "$SEARCH" --db "$FX" --format json --no-collapse --recency 1d valencia
expect_exit 0
expect_json "j['recency'] == {'reference': '2024-10-31T08:15:00Z', 'half_life_seconds': 86400}"
expect_json "j['hits'][0]['id'] == 'wire-update'"
run_cmd "$SEARCH" --db "$FX" --format json --no-collapse valencia
expect_json "j['recency'] is None and j['hits'][0]['id'] != 'wire-update'"
run_cmd "$SEARCH" --db "$FX" --recency 30 valencia
expect_exit 2
expect_stderr_contains 'bad half-life "30"'

# Deep paging: past the end is empty, not an error.
run_cmd "$SEARCH" --db "$CORPUS_DB" --format json --offset 20000 election
expect_exit 0
expect_json "j['hits'] == [] and j['offset'] == 20000 and j['total_estimate'] > 0"
run_cmd "$SEARCH" --db "$CORPUS_DB" --offset 20000 election
expect_stdout_contains "; none after 20000"
run_cmd "$SEARCH" --db "$CORPUS_DB" --count election
expect_exit 0
N=$LAST_STDOUT
run_cmd "$SEARCH" --db "$CORPUS_DB" --format json --limit 5 --offset $((N - 2)) election
expect_json "len(j['hits']) == 2 and j['hits'][-1]['rank'] == $N"

# Did you mean.
run_cmd "$SEARCH" --db "$CORPUS_DB" Kursk surender
expect_exit 1
expect_stdout_contains "Did you mean: Kursk surrender"
run_cmd "$SEARCH" --db "$CORPUS_DB" --format json Kursk surender
expect_json "j['suggestion'] == 'Kursk surrender' and not j['auto_corrected'] and j['hits'] == []"
run_cmd "$SEARCH" --db "$CORPUS_DB" --format json --auto-correct Kursk surender
expect_exit 0
expect_json "j['auto_corrected'] and j['hits'][0]['id'] == '$SEED'"
run_cmd "$SEARCH" --db "$CORPUS_DB" --format json Kursk surrender
expect_json "j['suggestion'] is None"
# A short word is not "corrected" into another: 乌克兰 (Ukraine) is not 克.
run_cmd "$SEARCH" --db "$CORPUS_DB" --format json 普京 乌克兰
expect_json "j['suggestion'] is None"

# --explain names the matched terms, their fields and weights that add up.
run_cmd "$SEARCH" --db "$CORPUS_DB" --format json --explain --limit 1 'Kursk surrender "Ukrainian troops"'
expect_exit 0
expect_json "{e['term'] for e in j['hits'][0]['explain']} >= {'Zkursk', 'Zsurrend', 'ukrainian troops'}"
expect_json "[e['fields'] for e in j['hits'][0]['explain'] if e['term'] == 'Zkursk'] == [['title', 'body']]"
expect_json "[e['kind'] for e in j['hits'][0]['explain'] if e['term'] == 'ukrainian troops'] == ['phrase']"
expect_json "abs(sum(e['weight'] for e in j['hits'][0]['explain']) - j['hits'][0]['score']) < 1e-6"
run_cmd "$SEARCH" --db "$CORPUS_DB" --explain --limit 1 Kursk surrender
expect_stdout_contains "Zkursk (stem in title+body"
expect_stdout_contains "Zsurrend (stem in title+body"

# A question (--natural): feedback and score regularisation by default; the
# explanation still adds up, with a "neighbours" row; --no-regularise and the
# query language have none; --regularise with a date order is a usage error.
run_cmd "$SEARCH" --db "$CORPUS_DB" --format json --natural --explain --limit 5 'Did the Ukrainian troops in Kursk surrender?'
expect_exit 0
expect_json "j['regularised'] is True and j['feedback'] is not None and len(j['hits']) == 5"
expect_json "all(len([e for e in h['explain'] if e['kind'] == 'neighbours']) == 1 for h in j['hits'])"
expect_json "all(abs(sum(e['weight'] for e in h['explain']) - h['score']) < 1e-6 for h in j['hits'])"
expect_json "all(a['score'] >= b['score'] for a, b in zip(j['hits'], j['hits'][1:]))"
expect_json "j['hits'][0]['id'] == '$SEED'"
run_cmd "$SEARCH" --db "$CORPUS_DB" --natural --explain --limit 1 'Did the Ukrainian troops in Kursk surrender?'
expect_stdout_contains "similar top articles (neighbours)"
expect_stdout_contains "neighbours"
run_cmd "$SEARCH" --db "$CORPUS_DB" --format json --natural --no-regularise --explain --limit 5 'Did the Ukrainian troops in Kursk surrender?'
expect_json "j['regularised'] is False and all(e['kind'] != 'neighbours' for h in j['hits'] for e in h['explain'])"
run_cmd "$SEARCH" --db "$CORPUS_DB" --format json Kursk surrender
expect_json "j['regularised'] is False"
run_cmd "$SEARCH" --db "$CORPUS_DB" --regularise --sort -date Kursk surrender
expect_exit 2
expect_stderr_contains "--regularise re-ranks by relevance; it does not combine with --sort -date"

# Phrases highlight only where the whole phrase occurs (also a segmented CJK word).
run_cmd "$SEARCH" --db "$CORPUS_DB" --format json '"Ukrainian troops"'
expect_json "all(hl(s['text'], b, e) == 'Ukrainian troops' for h in j['hits'] for s in h['snippets'] for b, e in s['highlights'])"
run_cmd "$SEARCH" --db "$CORPUS_DB" --format json 普京
expect_json "len(j['hits']) >= 1 and all(hl(s['text'], b, e) == '普京' for h in j['hits'] for s in h['snippets'] for b, e in s['highlights'])"

# --like: related articles, never the article itself; the query only filters.
run_cmd "$SEARCH" --db "$CORPUS_DB" --format json --like "$SEED"
expect_exit 0
expect_json "len(j['hits']) > 0 and all(h['id'] != '$SEED' for h in j['hits'])"
run_cmd "$SEARCH" --db "$CORPUS_DB" --format json --like "$SEED" lang:fr
expect_json "len(j['hits']) > 0 and all(h['lang'] == 'fr' for h in j['hits'])"

# Lower-case operators between two terms; --count is exact.
run_cmd "$SEARCH" --db "$CORPUS_DB" --count 'kursk OR election'
A=$LAST_STDOUT
run_cmd "$SEARCH" --db "$CORPUS_DB" --count 'kursk or election'
if [ "$LAST_STDOUT" = "$A" ] && [ "$A" -gt 1 ]; then pass "or = OR ($A)"; else fail "or gave $LAST_STDOUT, OR gave $A"; fi

# Malformed queries: exit 2 naming the problem, never a different query.
run_cmd "$SEARCH" --db "$CORPUS_DB" 'Kursk AND'
expect_exit 2
expect_stderr_line "newsdex-search: bad query: AND at character 7 has no search term after it"
run_cmd "$SEARCH" --db "$CORPUS_DB" 'OR'
expect_exit 2
expect_stderr_line "newsdex-search: bad query: OR at character 1 has no search term before it"
run_cmd "$SEARCH" --db "$CORPUS_DB" '(Kursk OR Belgorod'
expect_exit 2
expect_stderr_line "newsdex-search: bad query: unbalanced '(': 1 not closed"
run_cmd "$SEARCH" --db "$CORPUS_DB" 'Kursk NEAR/x troops'
expect_exit 2
expect_stderr_contains "NEAR/x at character 7: the distance must be a number"
finish
