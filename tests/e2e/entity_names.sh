#!/usr/bin/env bash
# Names an archive gives its entities: a surname filter finds the full names (person:volcker),
# an acronym the article spells out finds its expansion (org:ec), and a wire sign-off is not
# a person. Args: NEWSDEX_INDEX NEWSDEX_SEARCH
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2
DB="$E2E_TMP/names.db"
cat > "$E2E_TMP/wire.jsonl" <<'JSONL'
{"id":"w1","title":"Fed chairman speaks","body":"Federal Reserve Board chairman Paul Volcker said interest rates would stay low, bankers in Washington said on Tuesday.\n Reuter"}
{"id":"w2","title":"Volcker warns on debt","body":"Paul Volcker told Congress that the debt was a danger. Volcker spoke for an hour.\n Reuter"}
{"id":"w3","title":"Ministers meet","body":"Farm ministers of the European Community (EC) met in Brussels on Monday. The EC said prices would fall.\n Reuter"}
{"id":"w4","title":"Bonn talks","body":"Helmut Kohl met Jacques Delors in Bonn to discuss the budget.\n Reuter"}
JSONL
run_cmd "$INDEX" --db "$DB" --quiet "$E2E_TMP/wire.jsonl"
expect_exit 0
run_cmd "$SEARCH" --db "$DB" --format json --facets=person 'person:volcker'
expect_exit 0
expect_json "sorted(h['id'] for h in j['hits']) == ['w1', 'w2']"
expect_json "[v['value'] for v in j['facets']['person']] == ['Paul Volcker']"
run_cmd "$SEARCH" --db "$DB" --format json 'org:ec'
expect_exit 0
expect_json "[h['id'] for h in j['hits']] == ['w3']"
# The sign-off ends all four bodies and is nobody's name.
run_cmd "$SEARCH" --db "$DB" --format json --facets=person,org,place --facet-limit 50 'reuter OR kohl OR volcker OR ministers'
expect_exit 0
expect_json "not any(v['value'].lower().startswith('reuter') for t in j['facets'].values() for v in t)"
finish
