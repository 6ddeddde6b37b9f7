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
{"id":"w5","title":"VOLCKER SAYS RATES WILL STAY LOW","body":"Paul Volcker spoke to Sony Corp executives in Tokyo. Sony said it agreed. Total 55.8 (33.7).   REUTER"}
{"id":"w6","title":"Tory row","body":"A Tory MP said Tory plans were costed, Michael Howard told the House of Commons.\n    Nine months\n    Shr loss 1.16 dlrs vs loss 1.33 dlrs\n Reuter"}
JSONL
run_cmd "$INDEX" --db "$DB" --quiet "$E2E_TMP/wire.jsonl"
expect_exit 0
run_cmd "$SEARCH" --db "$DB" --format json --facets=person 'person:volcker'
expect_exit 0
expect_json "sorted(h['id'] for h in j['hits']) == ['w1', 'w2', 'w5']"
expect_json "[v['value'] for v in j['facets']['person']] == ['Paul Volcker']"
# The filter is not a word, yet titles and snippets show where the article names him.
marked="[s['text'][b:e] for h in j['hits'] for s in h['snippets'] for b, e in s['highlights']]"
# The alias matched; each article's own entities say whose name it is.
expect_json "sorted($marked) == ['Paul Volcker'] * 3 + ['Volcker']"
expect_json "sorted(h['title'][b:e] for h in j['hits'] for b, e in h['title_highlights']) == ['VOLCKER', 'Volcker']"
# A full name lights up as written, its surname alone too.
run_cmd "$SEARCH" --db "$DB" --format json 'person:"paul volcker"'
expect_exit 0
expect_json "'Paul Volcker' in $marked and 'Volcker' in $marked and 'Paul' not in $marked"
run_cmd "$SEARCH" --db "$DB" --format json 'rates -person:volcker'
expect_exit 1
run_cmd "$SEARCH" --db "$DB" --format json 'ministers -person:volcker'
expect_exit 0
expect_json "[s['text'][b:e] for h in j['hits'] for s in h['snippets'] for b, e in s['highlights']] == ['ministers']"
run_cmd "$SEARCH" --db "$DB" --format json 'org:ec'
expect_exit 0
expect_json "[h['id'] for h in j['hits']] == ['w3']"
# The sign-off ends all four bodies and is nobody's name.
run_cmd "$SEARCH" --db "$DB" --format json --facets=person,org,place --facet-limit 50 'reuter OR kohl OR volcker OR ministers'
expect_exit 0
expect_json "not any(v['value'].lower().startswith('reuter') for t in j['facets'].values() for v in t)"
# Case variants are one entity (the ALL-CAPS headline takes the body's spelling), a company is
# one name with or without its legal form, a sign-off after the last full stop of a line is no
# one, nor a kind after "a" ("a Tory MP") or table rows ("Nine months", "Shr").
run_cmd "$INDEX" --extract-entities "$E2E_TMP/wire.jsonl"
expect_exit 0
expect_stdout_contains '"canonical":"Paul Volcker","end":7,"field":"title"'
expect_stdout_contains '"canonical":"Sony","end":31,"field":"body","start":22,"text":"Sony Corp"'
expect_stdout_lacks '"text":"REUTER"'
expect_stdout_lacks '"text":"Tory"'
expect_stdout_lacks '"text":"Nine"'
expect_stdout_lacks '"text":"Shr"'
run_cmd "$SEARCH" --db "$DB" --format json --facets=org 'org:sony'
expect_exit 0
expect_json "[h['id'] for h in j['hits']] == ['w5'] and [v['value'] for v in j['facets']['org']] == ['Sony']"
# A user alias table (--aliases FILE) adds names; a bad line is a usage error naming FILE:LINE.
printf '# ours\nperson\tPaul A. Volcker\tPaul Volcker|Volcker\norg\tSony Group\tSony\n' > "$E2E_TMP/aliases.tsv"
run_cmd "$INDEX" --aliases "$E2E_TMP/aliases.tsv" --extract-entities "$E2E_TMP/wire.jsonl"
expect_exit 0
expect_stdout_contains '"canonical":"Paul A. Volcker","end":12,"field":"body","start":0,"text":"Paul Volcker"'
expect_stdout_contains '"canonical":"Sony Group","end":31,"field":"body","start":22,"text":"Sony Corp"'
run_cmd "$INDEX" --db "$E2E_TMP/aliases.db" --quiet --aliases "$E2E_TMP/aliases.tsv" "$E2E_TMP/wire.jsonl"
expect_exit 0
run_cmd "$SEARCH" --db "$E2E_TMP/aliases.db" --format json --facets=person 'person:volcker'
expect_exit 0
expect_json "sorted(h['id'] for h in j['hits']) == ['w1', 'w2', 'w5'] and [v['value'] for v in j['facets']['person']] == ['Paul A. Volcker']"
printf 'person\tPaul Volcker\tVolcker\nfirm\tSony\tSony Corp\n' > "$E2E_TMP/bad.tsv"
run_cmd "$INDEX" --aliases "$E2E_TMP/bad.tsv" --extract-entities "$E2E_TMP/wire.jsonl"
expect_exit 2
expect_stderr_contains "bad.tsv:2: unknown entity type 'firm' (person, place or org)"
run_cmd "$INDEX" --aliases "$E2E_TMP/missing.tsv" --db "$E2E_TMP/aliases.db" "$E2E_TMP/wire.jsonl"
expect_exit 66
expect_stderr_contains "missing.tsv: cannot read the alias table"
finish
