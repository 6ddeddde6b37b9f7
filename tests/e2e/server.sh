#!/usr/bin/env bash
# newsdex-search --serve through curl: every endpoint and error status, the
# bounds (query length, request line, pool and queue -> 503), the log lines
# and --quiet, new commits seen by the next request (never half a batch),
# several --db and stub files, SIGTERM, and exit 69 when it cannot listen.
# Args: NEWSDEX_INDEX NEWSDEX_SEARCH CORPUS_DIR CORPUS_DB
. "$(dirname "$0")/lib.sh"
INDEX=$1 SEARCH=$2 CORPUS=$3 DB=$4
SERVER_PID="" PORT="" LOG=""
trap 'stop_server; rm -rf "$E2E_TMP"' EXIT

# start_server NAME ARGS...: newsdex-search --serve 0 (any free port) ARGS in
# the background, log in $E2E_TMP/NAME.log; sets SERVER_PID, PORT and LOG.
start_server() {
  local name=$1; shift
  LOG="$E2E_TMP/$name.log"
  "$SEARCH" --serve 0 "$@" 2>"$LOG" &
  SERVER_PID=$!
  PORT=""
  for _ in $(seq 300); do
    PORT=$(sed -n 's|^newsdex-search: serving .* on http://127\.0\.0\.1:\([0-9]*\)/ .*|\1|p' "$LOG")
    [ -n "$PORT" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "FAIL: server $name did not start: $(cat "$LOG")"
  E2E_FAILURES=$((E2E_FAILURES + 1))
}
stop_server() {
  if [ -n "$SERVER_PID" ]; then kill -TERM "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; fi
  SERVER_PID=""
}

# get PATH [CURL ARGS...]: GET http://127.0.0.1:$PORT/PATH; body on stdout,
# the status and headers in $E2E_TMP/headers (LAST_EXIT is the HTTP status).
get() {
  local path=$1; shift
  LAST_CMD="GET /$path"
  curl -s -g -D "$E2E_TMP/headers" -o "$E2E_TMP/stdout" "$@" "http://127.0.0.1:$PORT/$path" 2>"$E2E_TMP/stderr"
  LAST_EXIT=$(sed -n '1s|^HTTP/1\.1 \([0-9]*\).*|\1|p' "$E2E_TMP/headers" | tr -d '\r')
  [ -n "$LAST_EXIT" ] || LAST_EXIT=0
  LAST_STDOUT=$(cat "$E2E_TMP/stdout")
  LAST_STDERR=$(cat "$E2E_TMP/stderr")
}
expect_header() {
  if grep -qi "^$1" "$E2E_TMP/headers"; then pass "header '$1'"; else fail "no header '$1'"; fi
}

# --- Every endpoint on the corpus index ---------------------------------
start_server corpus --db "$DB" --workers 2
get 'search?q=Kursk+surrender'
expect_exit 200
expect_header 'Content-Type: application/json'
expect_json 'j["format_version"] == 1 and j["query"] == "Kursk surrender" and j["hits"][0]["id"] == "afp-2025-03-14-kursk-ceasefire"'
# The same object as --format json (the server adds nothing, drops nothing).
"$SEARCH" --db "$DB" --format json -- 'Kursk surrender' >"$E2E_TMP/cli.json"
if python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); sys.exit(0 if a == b else 1)' \
     "$E2E_TMP/cli.json" "$E2E_TMP/stdout"; then pass "/search = --format json"; else fail "/search differs from --format json"; fi
get 'search?q=Trump&limit=2&offset=1&sort=-date&facets=person&facets=year&snippets=1&explain=1'
expect_exit 200
expect_json 'j["limit"] == 2 and j["offset"] == 1 and j["sort"] == "-date" and len(j["hits"]) == 2 and set(j["facets"]) == {"person", "year"} and all("explain" in h and len(h["snippets"]) <= 1 for h in j["hits"])'
get 'search?q=Who+won+the+election%3F&natural=true&related=3&no_collapse=1'
expect_exit 200
expect_json 'j["mode"] == "natural" and j["collapsed"] == False and "related" in j'
get 'search?q=Kursk&count=1'
expect_exit 200
expect_json 'set(j) == {"format_version", "query", "count", "exact"} and j["count"] > 0'
get 'search?q=Kursk&since=2025-01&until=2025-12&lang=en'
expect_exit 200
expect_json 'j["since"] is not None and all(h["date"].startswith("2025") for h in j["hits"])'
get 'search?q=Kursk+surender'
expect_exit 200
expect_json 'j["suggestion"] == "Kursk surrender"'
get 'articles/afp-2025-03-14-kursk-ceasefire'
expect_exit 200
expect_json 'j["id"] == "afp-2025-03-14-kursk-ceasefire" and "Kursk" in j["body"] and "Vladimir Putin" in j["entities"]["person"]'
# Ids with a slash and a colon (text files) are one path segment after /articles/.
"$SEARCH" --db "$DB" --format json --limit 200 --no-collapse --snippets 0 -- 'lang:en' \
  | python3 -c 'import json,sys; ids=[h["id"] for h in json.load(sys.stdin)["hits"] if h["id"].startswith("file:")]; print(ids[0] if ids else "")' >"$E2E_TMP/file_id"
file_id=$(cat "$E2E_TMP/file_id")
if [ -n "$file_id" ]; then
  get "articles/$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$file_id")"
  expect_exit 200
  expect_json "j['id'] == '$file_id'"
fi
get 'health'
expect_exit 200
expect_json 'j["status"] == "ok" and j["articles"] == 336 and j["workers"] == 2'
get 'stats'
expect_exit 200
expect_json 'j["articles"] == 336 and any(l["value"] == "ja" for l in j["languages"])'
get ''
expect_exit 200
expect_header 'Content-Type: text/html'
expect_stdout_contains '<title>newsdex</title>'
expect_stdout_lacks 'src="http'   # self-contained: no CDN, nothing fetched from elsewhere
expect_stdout_lacks '<link '
expect_stdout_lacks 'innerHTML'    # article text only ever goes in as text

# --- Errors: JSON with the right status ----------------------------------
get 'search?q=Kursk+AND'
expect_exit 400
expect_json 'j["error"] == "AND at character 7 has no search term after it" and j["kind"] == "query" and j["status"] == 400 and j["query"] == "Kursk AND"'
"$SEARCH" --db "$DB" -- 'Kursk AND' 2>"$E2E_TMP/cli.err" >/dev/null
if grep -qF "AND at character 7 has no search term after it" "$E2E_TMP/cli.err"; then pass "same message as the CLI"; else fail "CLI message differs: $(cat "$E2E_TMP/cli.err")"; fi
get 'search?q=Kursk&limit=ten'
expect_exit 400
expect_json 'j["error"] == "limit must be a whole number, not \"ten\"" and j["kind"] == "usage"'
get 'search?q=Kursk&sort=sideways'
expect_exit 400
get 'search?q=Kursk&colour=red'
expect_exit 400
expect_json 'j["error"] == "unknown search option \"colour\""'
get 'search?q=Kursk&regularise=1&sort=date'
expect_exit 400
get 'articles/no-such-article'
expect_exit 404
expect_json 'j["error"] == "no article with id \"no-such-article\"" and j["kind"] == "not_found"'
get 'no/such/path'
expect_exit 404
expect_json 'j["error"] == "no such path: /no/such/path" and j["kind"] == "not_found"'
get 'search' -X POST -d 'q=Kursk'
expect_exit 405
expect_header 'Allow: GET, HEAD'
expect_json 'j["error"] == "method POST not allowed: this API is read-only (GET)"'
get 'stats' -X DELETE
expect_exit 405
long_q=$(head -c 5000 /dev/zero | tr '\0' 'a')
get "search?q=$long_q"
expect_exit 400
expect_json 'j["error"] == "q is 5000 bytes long; at most 4096 are searched"'
long_q=$(head -c 9000 /dev/zero | tr '\0' 'a')
get "search?q=$long_q"
expect_exit 414
expect_json 'j["status"] == 414 and j["kind"] == "http"'

# --- Log lines: one per request -------------------------------------------
if grep -qE '^newsdex-search: 127\.0\.0\.1 "GET /search\?q=Kursk\+surrender" 200 [0-9]+ [0-9]+\.[0-9]ms$' "$LOG"; then
  pass "log line: client, request line, status, bytes, time"
else
  fail "no log line for GET /search?q=Kursk+surrender in: $(head -c 1500 "$LOG")"
fi
if grep -qE '^newsdex-search: 127\.0\.0\.1 "GET /articles/no-such-article" 404 [0-9]+ ' "$LOG"; then pass "404 logged"; else fail "404 not logged"; fi
if grep -qE '^newsdex-search: - "- -" 414 [0-9]+ -$' "$LOG"; then pass "414 logged without a request line"; else fail "414 not logged"; fi

# --- SIGTERM: requests stop, exit 0 ---------------------------------------
kill -TERM "$SERVER_PID"
wait "$SERVER_PID"
LAST_EXIT=$? LAST_CMD="kill -TERM newsdex-search --serve"
SERVER_PID=""
expect_exit 0
if tail -n 1 "$LOG" | grep -qx 'newsdex-search: stopped'; then pass "stopped line"; else fail "no stopped line: $(tail -n 2 "$LOG")"; fi

# --- --quiet: only the serving and stopped lines --------------------------
start_server quiet --db "$DB" --quiet
get 'search?q=Kursk'
expect_exit 200
kill -INT "$SERVER_PID"; wait "$SERVER_PID"; LAST_EXIT=$?; SERVER_PID=""
expect_exit 0
if [ "$(grep -c 'GET' "$LOG")" = 0 ] && [ "$(wc -l <"$LOG")" = 2 ]; then pass "--quiet logs no request"; else fail "--quiet log: $(cat "$LOG")"; fi

# --- Cannot listen: exit 69; no index: exit 66; options -------------------
start_server first --db "$DB"
run_cmd "$SEARCH" --db "$DB" --serve "127.0.0.1:$PORT"
expect_exit 69
expect_stderr_line "newsdex-search: cannot listen on 127.0.0.1:$PORT (address in use, not this machine's, or a port below 1024 without privileges)"
stop_server
run_cmd "$SEARCH" --db "$E2E_TMP/missing" --serve 0
expect_exit 66
run_cmd "$SEARCH" --db "$DB" --serve 80000
expect_exit 2
expect_stderr_contains '--serve takes [ADDR:]PORT with a port from 1 to 65535 (0: any free port), not "80000"'
run_cmd "$SEARCH" --db "$DB" --serve 0 --limit 5
expect_exit 2
expect_stderr_contains '--limit applies to one search: with --serve give it as a request parameter'
run_cmd "$SEARCH" --db "$DB" --serve 0 Kursk
expect_exit 2
run_cmd "$SEARCH" --db "$DB" --workers 2 Kursk
expect_exit 2
expect_stderr_contains '--workers, --queue and --quiet go with --serve'

# --- Overload: one worker, one waiting request, the rest 503 --------------
start_server tiny --db "$DB" --workers 1 --queue 1 --quiet
# 24 heavy searches at once (limit=90..113 tells them apart), each answer in
# its own file with its status and Retry-After header; a few bursts at most.
heavy='search?q=the+election+in+the+United+States+and+Russia+and+Ukraine&natural=1&facets=person,place,org,source,lang,year,month&related=20&explain=1&snippets=5&no_collapse=1'
mkdir -p "$E2E_TMP/burst"
for _ in $(seq 10); do
  curl -s --no-progress-meter --parallel --parallel-immediate --parallel-max 24 -o "$E2E_TMP/burst/#1.json" \
    -w '%{http_code} %header{retry-after} %{filename_effective}\n' "http://127.0.0.1:$PORT/$heavy&limit=[90-113]" >"$E2E_TMP/codes"
  grep -q '^503 ' "$E2E_TMP/codes" && break
done
LAST_CMD="24 parallel heavy searches on --workers 1 --queue 1"
LAST_STDOUT=$(cat "$E2E_TMP/codes")
summary=$(cut -d' ' -f1 "$E2E_TMP/codes" | sort | uniq -c | tr '\n' ' ')
if grep -q '^503 1 ' "$E2E_TMP/codes"; then pass "overload answered 503 with Retry-After: 1 ($summary)"; else fail "no 503 ($summary)"; fi
if ! grep -qvE '^(200 |503 1 )' "$E2E_TMP/codes" && grep -q '^200 ' "$E2E_TMP/codes"; then
  pass "every other request answered 200"
else
  fail "statuses: $summary"
fi
refused=$(sed -n 's/^503 1 //p' "$E2E_TMP/codes" | head -n 1)
if [ -n "$refused" ]; then
  cp "$refused" "$E2E_TMP/stdout"
  expect_json 'j["kind"] == "overloaded" and j["status"] == 503 and j["error"].startswith("overloaded: 1 searches running and 1 waiting")'
fi
get 'health'
expect_exit 200
# 150 connections that send half a request line and wait: the server accepts
# only what its connection threads (workers + queue + 8 = 10) and as many
# pending connections can take; the rest wait in the kernel's listen backlog
# (or, when it is full, for their SYN to be answered), not as open descriptors
# in the server. Once they go, it answers at once.
fds_before=$(ls /proc/"$SERVER_PID"/fd | wc -l)
python3 - "$PORT" "/proc/$SERVER_PID/fd" >"$E2E_TMP/flood" <<'PY'
import os, socket, sys, time
port, fd_dir = int(sys.argv[1]), sys.argv[2]
held = []
for _ in range(150):
    s = socket.socket()
    s.settimeout(0.2)  # a full listen backlog leaves the connect unanswered
    try:
        s.connect(("127.0.0.1", port))
        s.sendall(b"GET /sea")
    except OSError:
        pass
    held.append(s)
time.sleep(1.0)
print(len(os.listdir(fd_dir)))
for s in held:
    s.close()
PY
LAST_CMD="150 half-sent request lines against --workers 1 --queue 1"
LAST_STDOUT="descriptors before $fds_before, during $(cat "$E2E_TMP/flood")"
if [ "$(cat "$E2E_TMP/flood")" -le $((fds_before + 24)) ]; then
  pass "a flood of idle connections is not accepted past the connection bound ($LAST_STDOUT)"
else
  fail "the server accepted connections past its bound ($LAST_STDOUT)"
fi
for _ in $(seq 50); do get 'health' --max-time 10; [ "$LAST_EXIT" = 200 ] && break; sleep 0.2; done
expect_exit 200
stop_server

# --- A long-lived server sees new commits, never half a batch -------------
LIVE="$E2E_TMP/live"
run_cmd "$INDEX" --db "$LIVE" "$CORPUS/seed"
expect_exit 0
start_server live --db "$LIVE" --quiet
get 'search?q=Kursk&count=1'
base=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["count"])' "$E2E_TMP/stdout")
get 'search?q=zebracrossing&count=1'
expect_json 'j["count"] == 0'
python3 - "$E2E_TMP/batch.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for i in range(3000):
        out.write(json.dumps({"id": f"zebra-{i}", "title": f"Zebracrossing report {i}",
                              "body": f"Kursk zebracrossing number {i} in a batch of articles.", "date": "2025-03-15"}) + "\n")
PY
"$INDEX" --db "$LIVE" --batch-size 500 --no-entities --no-dedup --quiet "$E2E_TMP/batch.jsonl" &
indexer=$!
: >"$E2E_TMP/counts"
while kill -0 "$indexer" 2>/dev/null; do
  curl -s "http://127.0.0.1:$PORT/search?q=zebracrossing&count=1" >>"$E2E_TMP/counts"; echo >>"$E2E_TMP/counts"
done
wait "$indexer"
LAST_EXIT=$? LAST_CMD="newsdex-index --batch-size 500 into the served index"
expect_exit 0
get 'search?q=zebracrossing&count=1'
expect_json 'j["count"] == 3000'
get 'search?q=Kursk&count=1'
expect_json "j['count'] == $base + 3000"
get 'articles/zebra-2999'
expect_exit 200
if python3 - "$E2E_TMP/counts" <<'PY'
import json, sys
counts = [json.loads(line)["count"] for line in open(sys.argv[1]) if line.strip()]
bad = [c for c in counts if c % 500]
print(f"{len(counts)} searches during indexing saw {sorted(set(counts))}")
sys.exit(1 if bad or counts != sorted(counts) else 0)
PY
then pass "searches during indexing saw whole batches only, never fewer later"; else fail "a search saw part of a batch"; fi
# Compaction swaps a new index in under the server: the next search reads it.
run_cmd "$INDEX" --db "$LIVE" --compact
expect_exit 0
get 'search?q=zebracrossing&count=1'
expect_exit 200
expect_json 'j["count"] == 3000'
stop_server

# --- Several --db, and a stub file: the same answers as one index ---------
A="$E2E_TMP/shard-a" B="$E2E_TMP/shard-b"
run_cmd "$INDEX" --db "$A" "$CORPUS/wikinews-en.jsonl" "$CORPUS/seed"
expect_exit 0
run_cmd "$INDEX" --db "$B" "$CORPUS/wikinews-fr.jsonl" "$CORPUS/ntrex128.jsonl"
expect_exit 0
run_cmd "$INDEX" --db "$E2E_TMP/one" "$CORPUS/wikinews-en.jsonl" "$CORPUS/seed" "$CORPUS/wikinews-fr.jsonl" "$CORPUS/ntrex128.jsonl"
expect_exit 0
printf 'auto %s\nauto %s\n' "$A" "$B" >"$E2E_TMP/shards.stub"
query='search?q=Trump&facets=person,lang&no_collapse=1&limit=50&snippets=0'
start_server one --db "$E2E_TMP/one" --quiet
get "$query"; cp "$E2E_TMP/stdout" "$E2E_TMP/one.json"
stop_server
start_server two --db "$A" --db "$B" --quiet
get "$query"; cp "$E2E_TMP/stdout" "$E2E_TMP/two.json"
get 'health'
expect_json 'j["articles"] > 0'
stop_server
start_server stub --db "$E2E_TMP/shards.stub" --quiet
get "$query"; cp "$E2E_TMP/stdout" "$E2E_TMP/stub.json"
stop_server
if python3 - "$E2E_TMP/one.json" "$E2E_TMP/two.json" "$E2E_TMP/stub.json" <<'PY'
import json, sys
one, two, stub = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:4])
key = lambda j: (j["total_estimate"], j["facets"], sorted((h["id"], round(h["score"], 6)) for h in j["hits"]))
assert one["total_estimate"] > 0
assert key(one) == key(two) == key(stub), "differ"
PY
then pass "two --db and a stub file answer as one index"; else fail "shards differ from one index"; fi

finish
