#!/usr/bin/env python3
"""The web page at / in a real browser: Debian's chromium, headless, driven
over the DevTools protocol through --remote-debugging-pipe (standard library
only: no websocket module, nothing downloaded).

It starts newsdex-search --serve on the corpus index plus a small index of
hostile articles, types "Kursk surrender" and checks the seed article comes
first with both words highlighted, checks hostile titles are shown as text,
clicks a person facet and sees the results narrow, removes it, pages, goes
back, opens an article, and saves screenshots (desktop and phone width) in
the output folder.

Usage: web_page.py NEWSDEX_INDEX NEWSDEX_SEARCH CORPUS_DB OUT_DIR
Exit 0 when every check passes, 1 otherwise, 77 (skip) without chromium.
"""
import base64
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SEED_ID = "afp-2025-03-14-kursk-ceasefire"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1200,900", "--remote-debugging-pipe"]
HOSTILE = [
    {"id": "hostile-1", "date": "2025-03-16", "source": "<b>Wire</b>",
     "title": "<script>window.__pwned = 1</script> Hoax about a ceasefire <img src=x onerror=\"window.__pwned = 2\">",
     "body": "A hoax ceasefire story. <script>window.__pwned = 3</script> Its body has <i>markup</i> & \"quotes\"."},
    {"id": "hostile-2", "date": "2025-03-17", "source": "Wire",
     "title": "Second hoax </mark><a href=javascript:alert(1)>click</a>",
     "body": "Another hoax about a ceasefire, with </p><h1>broken</h1> markup."},
]

failures = 0


def check(ok, what):
    global failures
    print(("ok: " if ok else "FAIL: ") + what, flush=True)
    if not ok:
        failures += 1
    return ok


def above_nine(fd):
    """@p fd moved to a descriptor number of 10 or more (closing the old one)."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return moved


class Browser:
    """Chromium over --remote-debugging-pipe: fd 3 reads commands, fd 4 writes replies, NUL-separated JSON."""

    def __init__(self, chromium, profile):
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        # The child must see the pipes as fds 3 and 4: bash moves them
        # there, from fds above 9 so that none of them is already 3 or 4.
        to_child_r, from_child_w = (above_nine(fd) for fd in (to_child_r, from_child_w))
        script = f'exec "$0" "$@" 3<&{to_child_r} 4>&{from_child_w} {to_child_r}<&- {from_child_w}>&-'
        self.proc = subprocess.Popen(["/bin/bash", "-c", script, chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                                      "about:blank"],
                                     pass_fds=(to_child_r, from_child_w), stdout=subprocess.DEVNULL,
                                     stderr=open(os.path.join(profile, "chromium.log"), "wb"))
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next_id = 0
        self.session = None
        self.events = []

    def _read_message(self, deadline):
        while b"\0" not in self._buffer:
            if time.time() > deadline:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self._from_child, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe (see chromium.log)")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=True, timeout=30):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def open_page(self):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True}, session=False)["sessionId"]
        self.send("Page.enable")
        self.send("Runtime.enable")

    def js(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression, what, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if self.js(expression):
                    return True
            except RuntimeError:
                pass
            time.sleep(0.05)
        return check(False, f"waited {timeout} s for {what}")

    def wait_ready(self):
        """The page sets body[data-state] to "ready" after each render."""
        return self.wait_for("document.body && document.body.dataset.state === 'ready'", "the page to render")

    def navigate(self, url):
        self.js("document.body && (document.body.dataset.state = 'navigating')")
        self.send("Page.navigate", {"url": url})
        self.wait_for("location.href.startsWith('http')", "the navigation")
        return self.wait_ready()

    def key(self, key, code, vk, text=None, modifiers=0):
        params = {"type": "keyDown", "key": key, "code": code, "windowsVirtualKeyCode": vk, "modifiers": modifiers}
        if text:
            params["text"] = text
        self.send("Input.dispatchKeyEvent", params)
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": vk})

    def type_text(self, text):
        for ch in text:
            self.key(ch, "Space" if ch == " " else "Key" + ch.upper(), ord(ch.upper()), text=ch)

    def click(self, selector):
        """A real mouse click in the middle of the first element matching @p selector
        (of its first line box: a link may wrap)."""
        box = self.js(f"""(() => {{ const e = document.querySelector({json.dumps(selector)}); if (!e) return null;
                          e.scrollIntoView({{block: 'center'}}); const r = e.getClientRects()[0];
                          return [r.left + r.width / 2, r.top + r.height / 2]; }})()""")
        if not check(box is not None, f"{selector} is on the page"):
            return False
        self.js("document.body.dataset.state = 'clicked'")
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": box[0], "y": box[1], "button": "left", "clickCount": 1})
        return True

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})["data"]
        with open(path, "wb") as out:
            out.write(base64.b64decode(data))

    def close(self):
        try:
            self.send("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def start_server(search, dbs, log_path):
    args = [search]
    for db in dbs:
        args += ["--db", db]
    log = open(log_path, "w")
    proc = subprocess.Popen(args + ["--serve", "0"], stderr=log)
    deadline = time.time() + 30
    while time.time() < deadline:
        match = re.search(r"serving .* on http://127\.0\.0\.1:(\d+)/", open(log_path).read())
        if match:
            return proc, int(match.group(1))
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    raise RuntimeError("the server did not start: " + open(log_path).read())


STATUS_TOTAL = ("(() => { const m = document.getElementById('status').textContent.match(/([0-9,]+) results?/);"
                " return m ? parseInt(m[1].replace(/,/g, ''), 10) : null; })()")
FIRST_HIT = "(document.querySelector('li.hit') || {dataset: {}}).dataset.id"


def search_and_highlight(browser, base):
    check(browser.navigate(base + "/"), "the page loads")
    browser.key("/", "Slash", 191, text="/")
    check(browser.js("document.activeElement.id") == "q", "/ puts the keyboard in the search box")
    browser.type_text("Kursk surrender")
    browser.js("document.body.dataset.state = 'typed'")
    browser.key("Enter", "Enter", 13, text="\r")
    browser.wait_ready()
    check(browser.js("location.search") == "?q=Kursk+surrender", "the query is in the URL")
    check(browser.js(FIRST_HIT) == SEED_ID, f"the seed article comes first ({browser.js(FIRST_HIT)})")
    marks = browser.js("[...document.querySelectorAll('li.hit:first-child .title mark')].map(m => m.textContent.toLowerCase())")
    check("kursk" in marks and "surrender" in marks, f"both words highlighted in the headline: {marks}")
    snippet_marks = browser.js("[...document.querySelectorAll('li.hit:first-child .snippet mark')].map(m => m.textContent.toLowerCase())")
    check(any("kursk" in m for m in snippet_marks), f"and in the snippets: {snippet_marks}")
    check("2025-03-14" in browser.js("document.querySelector('li.hit .meta').textContent") and
          "AFP" in browser.js("document.querySelector('li.hit .meta').textContent"), "date and source shown")


def hostile_text(browser, base):
    browser.navigate(base + "/?q=hoax")
    titles = browser.js("[...document.querySelectorAll('li.hit .title')].map(t => t.textContent)")
    check(any("<script>window.__pwned = 1</script>" in t for t in titles), "a <script> title is shown as text")
    check(any("</mark><a href=javascript:alert(1)>" in t for t in titles), "markup in a title is shown as text")
    check(browser.js("typeof window.__pwned") == "undefined", "no article text ran as script")
    check(browser.js("document.querySelectorAll('#results img, #results script, #results a[href^=javascript], #results h1').length") == 0,
          "no element made from article text")
    browser.click("li.hit[data-id=hostile-1] .title")
    browser.wait_ready()
    check("<script>" in (browser.js("document.querySelector('#article-view h2').textContent") or ""), "the article view escapes too")
    check(browser.js("typeof window.__pwned") == "undefined" and
          browser.js("document.querySelectorAll('#article img, #article script').length") == 0, "and runs nothing")


def did_you_mean(browser, base):
    browser.navigate(base + "/?q=Kursk+surender")
    check(browser.js("(document.getElementById('did-you-mean') || {}).textContent") == "Kursk surrender", "did you mean")
    browser.click("#did-you-mean")
    browser.wait_ready()
    check(browser.js(FIRST_HIT) == SEED_ID, "the suggestion finds the seed article")
    browser.navigate(base + "/?q=Kursk+AND")
    check(browser.js("document.getElementById('error').textContent") == "AND at character 7 has no search term after it",
          "a malformed query shows the server's message")


def facets_and_paging(browser, base, out_dir):
    browser.navigate(base + "/?q=Trump")
    total = browser.js(STATUS_TOTAL)
    check(total and total > 10, f"Trump: {total} results, more than a page")
    # A person facet naming fewer articles than the whole result set.
    value = browser.js(f"""(() => {{ for (const b of document.querySelectorAll('button.facet[data-facet=person]'))
                              if (parseInt(b.querySelector('.count').textContent, 10) < {total or 0}) return b.dataset.value;
                              return null; }})()""")
    check(value is not None, f"a person facet narrower than the results: {value}")
    if value is None:
        return
    browser.screenshot(os.path.join(out_dir, "web_page_results.png"))
    browser.click(f"button.facet[data-facet=person][data-value={json.dumps(value)}]")
    browser.wait_ready()
    narrowed = browser.js(STATUS_TOTAL)
    check(narrowed is not None and 0 < narrowed < total, f"clicking {value} narrows {total} -> {narrowed}")
    check("person=" in browser.js("location.search"), "the filter is in the URL")
    check(browser.js("document.querySelector('#filters .remove-filter') !== null"), "the filter is shown and can be removed")
    browser.click("#filters .remove-filter")
    browser.wait_ready()
    check(browser.js(STATUS_TOTAL) == total, "removing it gives the whole result set back")
    first_page = browser.js(FIRST_HIT)
    browser.click("#next")
    browser.wait_ready()
    check("page=1" in browser.js("location.search"), "next page in the URL")
    check("showing 11" in browser.js("document.getElementById('status').textContent"), "page 2 shows results 11-")
    check(browser.js(FIRST_HIT) != first_page, "page 2 has other hits")
    browser.js("document.body.dataset.state = 'back'; history.back()")
    browser.wait_ready()
    check(browser.js(FIRST_HIT) == first_page and "page=" not in browser.js("location.search"), "the back button returns to page 1")
    title = browser.js("document.querySelector('li.hit .title').textContent")
    browser.click("li.hit .title")
    browser.wait_ready()
    check(browser.js("(document.querySelector('#article-view h2') || {}).textContent") == title, f"the article opens: {title}")
    check((browser.js("document.querySelector('#article-view .body').textContent.length") or 0) > 200, "with its whole body")
    browser.screenshot(os.path.join(out_dir, "web_page_article.png"))
    browser.js("document.body.dataset.state = 'back'; history.back()")
    browser.wait_ready()
    check(browser.js(FIRST_HIT) == first_page, "back from the article to the results")


def phone(browser, base, out_dir):
    browser.send("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
    browser.navigate(base + "/?q=Trump")
    check(browser.js("document.documentElement.scrollWidth") <= 390, "no sideways scrolling at phone width")
    check(browser.js("document.getElementById('q').getBoundingClientRect().width") > 150, "the search box fits a phone")
    browser.screenshot(os.path.join(out_dir, "web_page_phone.png"))


def main():
    index, search, corpus_db, out_dir = sys.argv[1:5]
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("skip: chromium is not installed (scripts/install-deps installs Debian's chromium)")
        return 77
    os.makedirs(out_dir, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsdex-browser-") as tmp:
        hostile = os.path.join(tmp, "hostile.jsonl")
        with open(hostile, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(a) + "\n" for a in HOSTILE)
        subprocess.run([index, "--db", os.path.join(tmp, "hostile-db"), "--quiet", hostile], check=True)
        server, port = start_server(search, [corpus_db, os.path.join(tmp, "hostile-db")], os.path.join(out_dir, "web_page_server.log"))
        profile = os.path.join(tmp, "profile")
        os.makedirs(profile)
        browser = Browser(chromium, profile)
        try:
            browser.open_page()
            base = f"http://127.0.0.1:{port}"
            search_and_highlight(browser, base)
            browser.screenshot(os.path.join(out_dir, "web_page.png"))
            hostile_text(browser, base)
            did_you_mean(browser, base)
            facets_and_paging(browser, base, out_dir)
            phone(browser, base, out_dir)
            dialogs = [e for e in browser.events if e.get("method") == "Page.javascriptDialogOpening"]
            check(not dialogs, "no alert() ever opened")
        finally:
            browser.close()
            server.terminate()
            server.wait(timeout=10)
            if os.path.exists(os.path.join(profile, "chromium.log")):
                shutil.copy(os.path.join(profile, "chromium.log"), os.path.join(out_dir, "web_page_chromium.log"))
    print(f"screenshots in {out_dir}")
    print("all checks passed" if not failures else f"{failures} check(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
