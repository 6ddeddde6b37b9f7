#!/usr/bin/env bash
# Searches over the indexed corpus: ranking, stemming, phrases, fields,
# diacritics, CJK and Thai, no-hit exit code, JSON format.
# Args: NEWSDEX_SEARCH DB_DIR
. "$(dirname "$0")/lib.sh"
SEARCH=$1 DB=$2
SEED=afp-2025-03-14-kursk-ceasefire

# The reference case: the seed article first, both words highlighted.
run_cmd "$SEARCH" --db "$DB" --format json Kursk surrender
expect_exit 0
expect_json "j['hits'][0]['id'] == '$SEED'"
expect_json "any(hl(s['text'], b, e) == 'Kursk' for s in j['hits'][0]['snippets'] for b, e in s['highlights'])"
expect_json "any(hl(s['text'], b, e) == 'surrender' for s in j['hits'][0]['snippets'] for b, e in s['highlights'])"
expect_json "[hl(j['hits'][0]['title'], b, e) for b, e in j['hits'][0]['title_highlights']] == ['Kursk', 'surrender']"

# Text output without a terminal: plain markers, no escape codes.
run_cmd "$SEARCH" --db "$DB" Kursk surrender
expect_exit 0
expect_stdout_contains "1. Putin calls on Ukrainian troops in **Kursk** to **surrender**"
expect_stdout_lacks $'\033['

# Stemming: "surrendered" finds "surrender", and the highlight shows the word as written.
run_cmd "$SEARCH" --db "$DB" --format json surrendered
expect_exit 0
expect_json "j['hits'][0]['id'] == '$SEED'"
expect_json "any(hl(s['text'], b, e) == 'surrender' for s in j['hits'][0]['snippets'] for b, e in s['highlights'])"

# A phrase, and a title-only search.
run_cmd "$SEARCH" --db "$DB" --format json '"Kursk region"'
expect_exit 0
expect_json "[h['id'] for h in j['hits']] == ['$SEED']"
run_cmd "$SEARCH" --db "$DB" --format json 'title:Putin title:Kursk'
expect_exit 0
expect_json "[h['id'] for h in j['hits']] == ['$SEED']"
run_cmd "$SEARCH" --db "$DB" --format json 'title:Zelensky title:Kursk'
expect_exit 1

# Diacritics folded the same way on both sides: "armee" finds "armée" and marks it.
run_cmd "$SEARCH" --db "$DB" --format json armee
expect_exit 0
expect_json "all(h['lang'] == 'fr' for h in j['hits']) and len(j['hits']) >= 2"
expect_json "any(hl(s['text'], b, e) == 'armée' for h in j['hits'] for s in h['snippets'] for b, e in s['highlights'])"

# Japanese, Chinese and Thai words without spaces.
run_cmd "$SEARCH" --db "$DB" --format json 広辞苑
expect_exit 0
expect_json "j['hits'][0]['id'] == 'jawn-2745'"
expect_json "any(hl(s['text'], b, e) == '広辞苑' for s in j['hits'][0]['snippets'] for b, e in s['highlights'])"
run_cmd "$SEARCH" --db "$DB" --format json 俄罗斯
expect_exit 0
expect_json "all(h['lang'] == 'zh-Hans' for h in j['hits']) and len(j['hits']) >= 1"
run_cmd "$SEARCH" --db "$DB" --format json กองทัพเรือ
expect_exit 0
expect_json "j['hits'][0]['id'] == 'rt.com.91335.tha'"

# No hits: exit 1 and say so.
run_cmd "$SEARCH" --db "$DB" xyzzyplugh
expect_exit 1
expect_stdout_contains "No results for: xyzzyplugh"

# The JSON document has the documented shape (README "JSON output").
run_cmd "$SEARCH" --db "$DB" --format json --limit 3 --offset 1 election
expect_exit 0
expect_json "j['format_version'] == 1 and j['query'] == 'election' and j['offset'] == 1 and isinstance(j['total_estimate'], int)"
expect_json "[h['rank'] for h in j['hits']] == [2, 3, 4]"
expect_json "all(set(h) >= {'rank','id','title','date','source','url','score','snippets'} for h in j['hits'])"
expect_json "all(isinstance(s['text'], str) and all(0 <= b < e <= len(s['text'].encode()) for b, e in s['highlights']) for h in j['hits'] for s in h['snippets'])"
finish
