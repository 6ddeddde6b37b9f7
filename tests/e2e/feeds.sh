#!/usr/bin/env bash
# RSS 2.0 and Atom feeds (issue 18): one article per item or entry, guid/id
# as the id, link as url, dates from pubDate (RFC 822), dc:date, published or
# updated, HTML stripped, the feed title as source; missing dates, repeated
# guids, unreadable dates and broken XML reported with their line; feeds
# recognised by content; XML that is no feed skipped.
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH FEEDS_DIR (tests/data/feeds)
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 F=$3
DB="$E2E_TMP/db"
article() { "$SEARCH" --db "$DB" --article "$1" --format json >"$E2E_TMP/stdout"; LAST_EXIT=$?; LAST_CMD="--article $1"; LAST_STDOUT=$(cat "$E2E_TMP/stdout"); }

run_cmd "$INDEX" --db "$DB" --verbose "$F/herald.rss"
expect_exit 1  # an unreadable date and a repeated guid are repairs
expect_stdout_contains "indexed 5 articles (4 added, 1 replaced)"
expect_stderr_line "newsdex-index: note: $F/herald.rss:22: feed item has no date; indexed without one"
expect_stderr_line "newsdex-index: $F/herald.rss:27: feed item repeats the id \"herald-floods-1\" of line 7; the later item replaces the earlier"
expect_stderr_line "newsdex-index: $F/herald.rss:33: feed item date is not a date: \"sometime last week\"; indexed without a date"
article herald-floods-1
expect_json "j['title'] == 'Flash floods hit Valencia (updated)' and j['date'] == '2024-10-30T08:00:00Z' and j['source'] == 'Valencia Herald'"
article herald-army-2
expect_json "j['date'] == '2024-10-30T09:15:00+01:00' and j['url'] == 'https://herald.example/2024/10/army' and j['lang'] == 'en'"
expect_json "j['body'] == 'Soldiers cleared mud from the streets of Paiporta.\n\nSchools stayed closed.'"
article https://herald.example/volunteers  # no guid: the link is the id
expect_json "j['title'] == 'Volunteers arrive' and j['date'] is None"
run_cmd "$SEARCH" --db "$DB" --count track
expect_exit 1  # the script in content:encoded is not text

run_cmd "$INDEX" --db "$DB" "$F/nouvelles.xml"
expect_exit 0
expect_stdout_contains "indexed 2 articles"
article urn:example:courrier:1
expect_json "j['lang'] == 'fr' and j['source'] == 'Le Courrier' and j['url'] == 'https://courrier.example/inondations'"
expect_json "j['date'] == '2024-10-30T12:00:00+01:00' and j['body'] == 'Des pluies torrentielles ont inondé la région.'"
article urn:example:courrier:2
expect_json "j['date'] == '2024-11-02T09:00:00Z' and j['body'] == 'Les élèves sont revenus.'"
run_cmd "$SEARCH" --db "$DB" --count 'source:"Le Courrier" inondations'
expect_exit 0

run_cmd "$INDEX" --db "$E2E_TMP/b" "$F/broken.rss"
expect_exit 1
expect_stderr_contains "$F/broken.rss:3: malformed XML ("
expect_stdout_contains "indexed 1 articles"

run_cmd "$INDEX" --db "$E2E_TMP/c" "$F/latest-news" "$F/drawing.xml"
expect_exit 1
expect_stdout_contains "indexed 5 articles"
expect_stderr_line "newsdex-index: $F/drawing.xml: not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root element)"

# In a directory, .rss/.atom/.xml files are read as feeds.
mkdir "$E2E_TMP/dir" && cp "$F/herald.rss" "$F/nouvelles.xml" "$E2E_TMP/dir/"
run_cmd "$INDEX" --db "$E2E_TMP/d" "$E2E_TMP/dir"
expect_stdout_contains "indexed 7 articles"

# By content, whatever the name: a feed saved as .txt is still a feed.
cp "$F/herald.rss" "$E2E_TMP/saved-feed.txt"
run_cmd "$INDEX" --db "$E2E_TMP/e" "$E2E_TMP/saved-feed.txt"
expect_stdout_contains "indexed 5 articles (4 added, 1 replaced)"
finish
