#!/usr/bin/env bash
# Corpus-level types: a name the archive tags as two types is filed, in facets and filters,
# under the type most of its articles gave it, in one index and over shards, and as the index
# grows (the votes are its filter terms' article counts, updated at each commit). The types
# are forced with user alias tables, so the test does not depend on the tagger's errors.
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2
printf 'person\tKidder Peabody\tKidder Peabody\n' > "$E2E_TMP/as-person.tsv"
printf 'org\tKidder Peabody\tKidder Peabody\n' > "$E2E_TMP/as-org.tsv"
# Distinct stories (no near-duplicates to collapse).
words=(alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima)
record() {
    local i=$2 w="${words[*]:$2:6}"
    printf '{"id":"%s","title":"Broker report %s","body":"Kidder Peabody said %s that earnings of the oil companies in Texas would rise %s.\\n"}\n' "$1" "$w" "$w" "${words[*]:$(( (i + 3) % 6 )):5}"
}
{ record p1 0; record p2 1; } > "$E2E_TMP/person.jsonl"
{ record o1 2; record o2 3; record o3 4; record o4 5; } > "$E2E_TMP/org.jsonl"
for shards in 0 2; do
    DB="$E2E_TMP/votes-$shards.db"
    run_cmd "$INDEX" --db "$DB" --shards "$shards" --quiet --aliases "$E2E_TMP/as-person.tsv" "$E2E_TMP/person.jsonl"
    expect_exit 0
    # Two articles, both say person: a person.
    run_cmd "$SEARCH" --db "$DB" --format json --facets=person,org 'kidder'
    expect_exit 0
    expect_json "[(v['value'], v['count']) for v in j['facets']['person']] == [('Kidder Peabody', 2)] and j['facets']['org'] == []"
    # Two more as an org: an even split, each article keeps its reading.
    { record o1 2; record o2 3; } > "$E2E_TMP/org2.jsonl"
    run_cmd "$INDEX" --db "$DB" --quiet --aliases "$E2E_TMP/as-org.tsv" "$E2E_TMP/org2.jsonl"
    expect_exit 0
    run_cmd "$SEARCH" --db "$DB" --format json --facets=person,org 'kidder'
    expect_exit 0
    expect_json "[(v['value'], v['count']) for v in j['facets']['person']] == [('Kidder Peabody', 2)] and [(v['value'], v['count']) for v in j['facets']['org']] == [('Kidder Peabody', 2)]"
    # Four as an org against two: the org takes all six, in facets and filters.
    run_cmd "$INDEX" --db "$DB" --quiet --aliases "$E2E_TMP/as-org.tsv" "$E2E_TMP/org.jsonl"
    expect_exit 0
    run_cmd "$SEARCH" --db "$DB" --format json --facets=person,org 'kidder'
    expect_exit 0
    expect_json "[(v['value'], v['count']) for v in j['facets']['org']] == [('Kidder Peabody', 6)] and j['facets']['person'] == []"
    run_cmd "$SEARCH" --db "$DB" --format json --limit 20 --no-collapse 'org:"kidder peabody"'
    expect_exit 0
    expect_json "sorted(h['id'] for h in j['hits']) == ['o1', 'o2', 'o3', 'o4', 'p1', 'p2']"
    run_cmd "$SEARCH" --db "$DB" --format json 'person:"kidder peabody"'
    expect_exit 1
    # Each article keeps its own reading in its hit.
    run_cmd "$SEARCH" --db "$DB" --format json 'id:p1'
    expect_exit 0
    expect_json "j['hits'][0]['entities']['person'] == ['Kidder Peabody'] and 'org' not in j['hits'][0]['entities']"
    # A filter on one type combined with text, and the place of the same articles untouched.
    run_cmd "$SEARCH" --db "$DB" --format json --no-collapse --facets=place 'earnings org:"kidder peabody"'
    expect_exit 0
    expect_json "j['total_estimate'] == 6 and [v['value'] for v in j['facets']['place']] == ['Texas']"
done
finish
