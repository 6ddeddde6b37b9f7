#!/usr/bin/env bash
# Saved news pages (issue 18): one article per page, fields from the page's
# metadata, the main text as body; recognised by content whatever the name;
# read from a directory; a page with nothing in it skipped with a reason.
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH PAGES_DIR (tests/data/pages)
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 P=$3
DB="$E2E_TMP/db"

mkdir -p "$E2E_TMP/pages/saved"
cp "$P"/*.html "$E2E_TMP/pages/"
cp "$P/wire-divs.html" "$E2E_TMP/pages/saved/rotterdam-strike"  # no extension: by content, on the command line only
echo '<html><body><nav><a href="/">Home</a></nav><script>x()</script></body></html>' >"$E2E_TMP/pages/empty.html"
PAGES=$(ls "$P"/*.html | wc -l)  # every fixture page is one article
[ "$PAGES" -ge 12 ] || fail "expected at least 12 fixture pages in $P, found $PAGES"
run_cmd "$INDEX" --db "$DB" "$E2E_TMP/pages"
expect_exit 1  # the empty page is skipped
expect_stdout_contains "indexed $PAGES articles ($PAGES added, 0 replaced), 1 skipped"
expect_stderr_line "newsdex-index: $E2E_TMP/pages/empty.html: page has no title and no main text"

run_cmd "$SEARCH" --db "$DB" --article "https://herald.example/2024/10/30/flash-floods-valencia/" --format json
expect_exit 0
expect_json "j['title'] == 'Flash floods kill dozens in Valencia' and j['source'] == 'Valencia Herald' and j['lang'] == 'en-GB'"
expect_json "j['date'] == '2024-10-30T07:45:00+01:00' and j['body'].startswith('Torrential rain unleashed') and j['body'].endswith('Schools will remain closed on Thursday.')"
expect_json "'cookies' not in j['body'] and 'heartbreaking' not in j['body'] and 'Most read' not in j['body']"

# Comments, cookie banners, navigation and ads are not searched as the article's words.
run_cmd "$SEARCH" --db "$DB" --count heartbreaking
expect_exit 1
run_cmd "$SEARCH" --db "$DB" --count 'title:rotterdam dockworkers'
expect_stdout_contains "1"
run_cmd "$SEARCH" --db "$DB" --count 'lang:fr source:"Le Courrier" psychologues'
expect_stdout_contains "1"

# By content, whatever the name; the id is the file's when the page names no address.
run_cmd "$INDEX" --db "$E2E_TMP/b" "$E2E_TMP/pages/saved/rotterdam-strike"
expect_exit 0
run_cmd "$SEARCH" --db "$E2E_TMP/b" --article file:rotterdam-strike
expect_stdout_contains "title   Dockworkers end six-week strike at Rotterdam port"
finish
