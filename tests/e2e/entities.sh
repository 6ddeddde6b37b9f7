#!/usr/bin/env bash
# Entity facets and filters on the seed article, and --extract-entities output.
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH DB_DIR SEED_JSONL
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 DB=$3 SEED_FILE=$4
SEED=afp-2025-03-14-kursk-ceasefire

# The seed's person facets are exactly the eight people it names, in full.
run_cmd "$SEARCH" --db "$DB" --format json --facet-limit 50 --facets=person,place,org "id:$SEED"
expect_exit 0
expect_json "sorted(v['value'] for v in j['facets']['person']) == sorted(['Vladimir Putin', 'Volodymyr Zelensky', 'Donald Trump', 'Steve Witkoff', 'Mike Waltz', 'Marco Rubio', 'Keir Starmer', 'Kaja Kallas'])"
expect_json "set(v['value'] for v in j['facets']['place']) >= {'Kursk', 'Ukraine', 'Russia', 'Kyiv', 'Pokrovsk', 'Crimea'}"
# No weekday, month or common noun as an entity.
expect_json "not any(v['value'] in ('Friday', 'Thursday', 'Saturday', 'Security', 'The Kremlin stated', 'President', 'August', 'February') for t in j['facets'].values() for v in t)"

# Filters: aliases resolve, several filters of one type AND together.
run_cmd "$SEARCH" --db "$DB" --format json 'person:Putin surrender'
expect_exit 0
expect_json "j['hits'][0]['id'] == '$SEED'"
run_cmd "$SEARCH" --db "$DB" --format json 'person:"vladimir putin" person:zelensky place:kiev'
expect_exit 0
expect_json "j['hits'][0]['id'] == '$SEED'"
run_cmd "$SEARCH" --db "$DB" --format json 'person:putin person:"Nancy Pelosi"'
expect_exit 1

# --extract-entities: JSONL with byte offsets into the field as given.
run_cmd "$INDEX" --extract-entities "$SEED_FILE"
expect_exit 0
expect_json "j['id'] == '$SEED' and j['entities'][0] == {'type': 'person', 'text': 'Putin', 'canonical': 'Vladimir Putin', 'field': 'title', 'start': 0, 'end': 5}"
python3 - "$E2E_TMP/stdout" "$SEED_FILE" <<'PY' && pass "offsets point at the mention text" || fail "offsets do not point at the mention text"
import json, sys
line = json.load(open(sys.argv[1], encoding="utf-8"))
article = json.loads(open(sys.argv[2], encoding="utf-8").readline())
for e in line["entities"]:
    text = article[e["field"]].encode("utf-8")[e["start"]:e["end"]].decode("utf-8")
    assert text == e["text"], (text, e)
PY
# --related (issue 3): the entities that distinguish the top results, not the
# most frequent. All six impeachment articles form the relevance set.
run_cmd "$SEARCH" --db "$DB" --format json -n 1 --snippets 0 --related=10 impeachment
expect_exit 0
expect_json "j['related_sample'] == 6 and sorted(j['related']) == ['org', 'person', 'place']"
expect_json "{'Bill Clinton', 'Andrew Johnson', 'Donald Trump', 'Nancy Pelosi'} <= set(e['value'] for e in j['related']['person'])"
expect_json "[(e['value'], e['count']) for e in j['related']['person'][:5]] == [('Bill Clinton', 5), ('Mitch McConnell', 3), ('Andrew Johnson', 3), ('Donald Trump', 5), ('Nancy Pelosi', 3)]"
expect_json "all(e['score'] > 0 and 1 <= e['count'] <= 6 for t in j['related'].values() for e in t)"
expect_json "all([e['score'] for e in t] == sorted([e['score'] for e in t], reverse=True) for t in j['related'].values())"
expect_json "j['related']['org'][0]['value'] == 'House' and j['related']['org'][0]['count'] == 6"
# What the query names is not news: a filter on the entity, or a word of its name.
run_cmd "$SEARCH" --db "$DB" --format json -n 1 --snippets 0 --related=10 'impeachment person:trump'
expect_exit 0
expect_json "j['related_sample'] == 5 and 'Donald Trump' not in [e['value'] for e in j['related']['person']] and 'Nancy Pelosi' in [e['value'] for e in j['related']['person']]"
run_cmd "$SEARCH" --db "$DB" --format json -n 1 --snippets 0 --related=10 Pelosi impeachment
expect_exit 0
expect_json "'Nancy Pelosi' not in [e['value'] for e in j['related']['person']] and 'Donald Trump' in [e['value'] for e in j['related']['person']]"
# Text: one line per type, (N) = in how many of the top results.
run_cmd "$SEARCH" --db "$DB" -n 1 --snippets 0 --related=3 impeachment
expect_exit 0
expect_stdout_contains "Related people: Bill Clinton (5), Mitch McConnell (3), Andrew Johnson (3)"
expect_stdout_contains "Related organisations: House (6), "
expect_stdout_contains "(related: entities most distinctive of the top 6 results; (N) = how many of them name it)"
# Off unless asked; a bad count is a usage error.
run_cmd "$SEARCH" --db "$DB" --format json -n 1 --snippets 0 impeachment
expect_json "'related' not in j"
run_cmd "$SEARCH" --db "$DB" --related=0 impeachment
expect_exit 2
expect_stderr_line "newsdex-search: --related must be between 1 and 100"
finish
