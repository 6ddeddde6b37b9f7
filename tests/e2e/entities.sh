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
finish
