#!/usr/bin/env bash
# Issue 17: articles in ten languages without a "lang" field (NTREX-128, two
# stories each: tests/data/multilingual/README.md) get their language
# detected; each is found by a word of its own language, highlighted at the
# right bytes, right-to-left scripts included.
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH DATA_JSONL GREEK_HINDI_JSONL
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 DATA=$3 MORE=$4
DB=$E2E_TMP/db

run_cmd "$INDEX" --db "$DB" "$DATA"
expect_exit 0
expect_stdout_contains "indexed 20 articles"

# Detected languages: two articles each, as lang: filter, facet and JSON lang.
run_cmd "$SEARCH" --db "$DB" --format json --facets lang --facet-limit 20 'date:..2100 OR NOT id:none'
expect_json "sorted((v['value'], v['count']) for v in j['facets']['lang']) == sorted((l, 2) for l in ['en', 'fr', 'de', 'es', 'it', 'ru', 'uk', 'ar', 'he', 'zh-Hans'])"
# Languages are shown in BCP 47 case (stored folded), also by --stats.
run_cmd "$SEARCH" --db "$DB" --stats
expect_stdout_contains "zh-Hans 2"
run_cmd "$SEARCH" --db "$DB" --format json --stats
expect_json "{v['value'] for v in j['languages']} >= {'zh-Hans', 'en'}"
for lang in en fr de es it ru uk ar he zh-Hans; do
  run_cmd "$SEARCH" --db "$DB" --format json --count "lang:$lang"
  expect_stdout_contains "2"
done

# language  NTREX suffix  a word of the Welsh story's headline, as written
# there; lang: stems it in that language (as the detected lang stemmed the article)
while read -r lang suffix word; do
  run_cmd "$SEARCH" --db "$DB" --format json --limit 1 "lang:$lang $word"
  expect_exit 0
  expect_json "j['hits'][0]['id'] == 'bbc.381790.$suffix' and j['hits'][0]['lang'] == '$lang'"
  expect_json "[hl(j['hits'][0]['title'], b, e) for b, e in j['hits'][0]['title_highlights']] == ['$word']"
done <<'ROWS'
en eng worried
fr fra marionnettes
de deu Nationalversammlung
es spa Asamblea
it ita pagliacci
ru rus Ассамблеи
uk ukr асамблеї
ar arb ويلز
he heb חבובות
zh-Hans zho-CN 威尔士
ROWS

# Without lang: each article is matched by the query stemmed in its own
# language: an inflected form of the headline word that its article does not
# hold finds it (English stems would miss it), highlighted, and --explain adds
# up to the score also for a language other than the query's.
while read -r suffix query word; do
  run_cmd "$SEARCH" --db "$DB" --format json --explain "$query"
  expect_exit 0
  expect_json "[h['id'] for h in j['hits']] == ['bbc.381790.$suffix']"
  expect_json "[hl(j['hits'][0]['title'], b, e) for b, e in j['hits'][0]['title_highlights']] == ['$word']"
  expect_json "abs(sum(e['weight'] for e in j['hits'][0]['explain']) - j['hits'][0]['score']) < 1e-6"
done <<'ROWS'
fra marionnette marionnettes
ita pagliaccio pagliacci
deu Nationalversammlungen Nationalversammlung
rus Маппеты маппетов
ROWS
# An English word that several languages read alike ranks the English article first.
run_cmd "$SEARCH" --db "$DB" --format json Wales
expect_json "j['hits'][0]['id'] == 'bbc.381790.eng' and len(j['hits']) >= 3"

# Right to left in text output: the mark wraps exactly the Arabic and the Hebrew word.
run_cmd "$SEARCH" --db "$DB" --color never --limit 1 ويلز
expect_exit 0
expect_stdout_contains "جمعية **ويلز** الوطنية"
run_cmd "$SEARCH" --db "$DB" --color never --limit 1 חבובות
expect_stdout_contains "**חבובות**"
# ... and in the body's snippets, in JSON at the word's bytes, also for a
# Latin word inside Arabic text (the two directions in one line).
while read -r query id word; do
  run_cmd "$SEARCH" --db "$DB" --format json --limit 1 "$query"
  expect_exit 0
  expect_json "j['hits'][0]['id'] == '$id'"
  expect_json "{hl(s['text'], b, e) for s in j['hits'][0]['snippets'] for b, e in s['highlights']} == {'$word'}"
done <<'ROWS'
برلمان bbc.381790.arb برلمان
פרלמנט bbc.381790.heb פרלמנט
ROWS
run_cmd "$SEARCH" --db "$DB" --format json 'lang:ar MWPs'
expect_json "{hl(s['text'], b, e) for h in j['hits'] if h['id'] == 'bbc.381790.arb' for s in h['snippets'] for b, e in s['highlights']} == {'MWPs'}"
run_cmd "$SEARCH" --db "$DB" --color never --limit 1 'lang:ar MWPs'
expect_stdout_contains "إلى **MWPs** (أعضاء في برلمان ويلز)"

# Greek and Hindi, stemmed by Snowball's libstemmer (Xapian 1.4 has neither):
# the genitive plural βουλευτών finds the headline's βουλευτές, the oblique
# plural विधानसभाओं the body's विधानसभा; both also with lang:, and in an index
# of their own (one stemmer: no branches).
for db in "$DB" "$E2E_TMP/db-el-hi"; do
  run_cmd "$INDEX" --db "$db" "$MORE"
  expect_exit 0
  while read -r lang query field word; do
    for q in "$query" "lang:$lang $query"; do
      run_cmd "$SEARCH" --db "$db" --format json "$q"
      expect_exit 0
      expect_json "[h['id'] for h in j['hits']] == ['bbc.381790.$([ "$lang" = el ] && echo ell || echo hin)'] and j['hits'][0]['lang'] == '$lang'"
      if [ "$field" = title ]; then
        expect_json "'$word' in [hl(j['hits'][0]['title'], b, e) for b, e in j['hits'][0]['title_highlights']]"
      else
        expect_json "'$word' in [hl(s['text'], b, e) for s in j['hits'][0]['snippets'] for b, e in s['highlights']]"
      fi
    done
  done <<'ROWS'
el βουλευτών title βουλευτές
hi विधानसभाओं body विधानसभा
ROWS
done

# Entities beyond English: the French, Spanish, Russian and Ukrainian versions of the Mexico
# story name Mexico in their own words (Mexique, México, Мексики, Мексики), and their place
# facet and place: filter use the English canonical name, so one filter finds every version.
run_cmd "$SEARCH" --db "$DB" --format json -n 20 'place:mexico'
expect_exit 0
expect_json "{h['id'] for h in j['hits']} >= {'abcnews.306758.' + s for s in ['eng', 'fra', 'spa', 'rus', 'ukr']}"
expect_json "all(h['id'].startswith('abcnews.306758.') for h in j['hits'])"
for suffix in fra rus; do
  run_cmd "$SEARCH" --db "$DB" --format json --facets place --facet-limit 30 "id:abcnews.306758.$suffix"
  expect_exit 0
  expect_json "'Mexico' in [v['value'] for v in j['facets']['place']]"
  expect_json "not {'Mexique', 'Мексика', 'Meksika', 'Latinskaya Amerika'} & {v['value'] for v in j['facets']['place']}"
done
# The French Welsh story's "pays de Galles" is the English version's Wales.
run_cmd "$SEARCH" --db "$DB" --format json 'place:wales lang:fr'
expect_exit 0
expect_json "[h['id'] for h in j['hits']] == ['bbc.381790.fra']"
# What --extract-entities prints for a Russian article: the Cyrillic text, the English canonical.
run_cmd "$INDEX" --extract-entities - <<'JSONL'
{"id": "ru-1", "lang": "ru", "title": "Путин прибыл в Москву", "body": "Президент России Владимир Путин в понедельник вернулся в Москву."}
JSONL
expect_exit 0
expect_json "{(e['type'], e['text'], e['canonical']) for e in j['entities']} >= {('place', 'Москву', 'Moscow'), ('place', 'России', 'Russia'), ('person', 'Владимир Путин', 'Vladimir Putin')}"

# --lang keeps its meaning: the articles are in that language, nothing is detected.
run_cmd "$INDEX" --db "$E2E_TMP/db-fr" --lang fr "$DATA"
expect_exit 0
run_cmd "$SEARCH" --db "$E2E_TMP/db-fr" --count lang:fr
expect_stdout_contains "20"
run_cmd "$INDEX" --db "$E2E_TMP/db-none" --no-detect-language "$DATA"
run_cmd "$SEARCH" --db "$E2E_TMP/db-none" --count lang:en
expect_stdout_contains "20"
finish
