#!/usr/bin/env python3
"""Cut the small, openly licensed sample corpus in corpus/ from shared/corpora.

Usage:
  scripts/make-corpus [--shared DIR] [--out DIR]

DIR defaults: --shared <repo>/../shared/corpora, --out <repo>/corpus.

The selection is deterministic: the same inputs always give byte-identical
output.  Within each file, articles about Russia/Ukraine (and Kursk) come
first, up to a quota, so that searches over the sample are interesting; the
rest are picked in the order of the SHA-1 of their id (a stable shuffle).
Long articles are skipped to keep corpus/ small (< 2 MB).

Only openly licensed sources are used: Wikinews (CC BY 2.5) and the
NTREX-128 translations (CC BY-SA 4.0).  Nothing from Reuters-21578 or the
BBC set (research-only terms).  The seed article is copied as the one JSONL
record given in shared/ (see corpus/README.md about its terms).

Every output record has only the fields the indexer reads, in this order:
id, title, body, date (ISO 8601; omitted if unknown), source, url (omitted
if unknown), lang.
"""
import argparse
import hashlib
import json
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Words that mark an article as about Russia/Ukraine, per language.
TOPIC_WORDS = {
    "en": ("Kursk", "Ukrain", "Russia", "Putin", "Kremlin", "Moscow"),
    "fr": ("Koursk", "Ukrain", "Russie", "russe", "Poutine", "Kremlin", "Moscou"),
    "it": ("Kursk", "Ucrain", "Russia", "russo", "Putin", "Cremlino", "Mosca"),
    "ja": ("クルスク", "ウクライナ", "ロシア", "プーチン"),
}

# (output file, language, how many, how many topical at most, max body chars)
WIKINEWS = [
    ("wikinews-en.jsonl", "en", 150, 30, 6000),
    ("wikinews-fr.jsonl", "fr", 60, 12, 5000),
    ("wikinews-it.jsonl", "it", 60, 12, 5000),
]
JA = ("jawikinews.jsonl", 40, 8, 2500)

# NTREX-128: the same stories in every language, so the files are parallel.
NTREX_LANGS = ["zh-Hans", "ru", "ar", "de", "th"]
NTREX_DOCS = {"zh-Hans": 5, "ru": 5, "ar": 5, "de": 5, "th": 3}
NTREX_TOPIC_DOCS = 2      # Russia-related stories among them
NTREX_MAX_BODY = 3500     # chars of the English original

# Plain-text / Markdown reader examples, written from Wikinews articles that
# are not in wikinews-en.jsonl (so the two inputs never carry the same story).
TEXT_ARTICLES = [("text", ".md"), ("text", ".txt")]


def stable_key(rec_id):
    return hashlib.sha1(rec_id.encode("utf-8")).hexdigest()


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def is_topical(rec, lang):
    text = rec["title"] + "\n" + rec["body"]
    return any(w in text for w in TOPIC_WORDS.get(lang, ()))


def pick(recs, lang, count, topical_max):
    """Topical records first (up to topical_max), then a stable shuffle."""
    ordered = sorted(recs, key=lambda r: stable_key(r["id"]))
    topical = [r for r in ordered if is_topical(r, lang)][:topical_max]
    chosen_ids = {r["id"] for r in topical}
    rest = [r for r in ordered if r["id"] not in chosen_ids]
    chosen = topical + rest[: count - len(topical)]
    if len(chosen) < count:
        sys.exit(f"make-corpus: only {len(chosen)} {lang} records, wanted {count}")
    # Write in a readable order: by date, then title.
    return sorted(chosen, key=lambda r: (r.get("date") or "", r["title"], r["id"]))


def record(rec_id, title, body, date, source, url, lang):
    out = {"id": rec_id, "title": title, "body": body}
    if date:
        out["date"] = date
    out["source"] = source
    if url:
        out["url"] = url
    out["lang"] = lang
    return out


def write_jsonl(path, records):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{os.path.relpath(path, REPO)}: {len(records)} records, "
          f"{os.path.getsize(path)} bytes")


def wikinews(shared, out):
    recs = read_jsonl(os.path.join(shared, "wikinews.jsonl"))
    used_en = set()
    spare_en = []
    for name, lang, count, topical_max, max_body in WIKINEWS:
        pool = [r for r in recs if r["lang"] == lang and r["body"].strip()
                and len(r["body"]) <= max_body]
        # Prefer records with a date and url (only the English 2019-2020 set has them).
        dated = [r for r in pool if r.get("date") and r.get("url")]
        if len(dated) >= count:
            pool = dated
        chosen = pick(pool, lang, count, topical_max)
        if lang == "en":
            used_en = {r["id"] for r in chosen}
            spare_en = [r for r in pool if r["id"] not in used_en]
        write_jsonl(os.path.join(out, name), [
            record(r["id"], r["title"], r["body"], r.get("date"), "Wikinews",
                   r.get("url"), lang)
            for r in chosen])
    return spare_en


def text_articles(spare_en, out):
    """One Markdown and one plain-text article: first line is the title."""
    spare = sorted((r for r in spare_en if 800 <= len(r["body"]) <= 2500),
                   key=lambda r: (not is_topical(r, "en"), stable_key(r["id"])))
    written = []
    for (folder, ext), r in zip(TEXT_ARTICLES, spare):
        slug = r["url"].rsplit("/wiki/", 1)[-1]
        slug = "".join(c if c.isalnum() else "-" for c in slug.lower()).strip("-")
        words = [w for w in slug.split("-") if w]
        slug = words[0]
        for w in words[1:]:
            if len(slug) + 1 + len(w) > 48:
                break
            slug += "-" + w
        path = os.path.join(out, folder, slug + ext)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        title = ("# " + r["title"]) if ext == ".md" else r["title"]
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(title + "\n\n" + r["body"].strip() + "\n")
        print(f"{os.path.relpath(path, REPO)}: from {r['url']} ({r['date']})")
        written.append((os.path.relpath(path, out), r))
    return written


def jawikinews(shared, out):
    name, count, topical_max, max_body = JA
    recs = [r for r in read_jsonl(os.path.join(shared, "jawikinews.jsonl"))
            if r["title"].strip() and 200 <= len(r["body"]) <= max_body]
    chosen = pick(recs, "ja", count, topical_max)
    # Use the re-joined title/body, never the MeCab-segmented fields.
    write_jsonl(os.path.join(out, name), [
        record(r["id"], r["title"], r["body"], None, "Wikinews", None, "ja")
        for r in chosen])


def ntrex(shared, out):
    recs = read_jsonl(os.path.join(shared, "ntrex128_news.jsonl"))
    english = {r["doc_id"]: r for r in recs if r["lang"] == "en"}
    docs = sorted((d for d, r in english.items() if len(r["body"]) <= NTREX_MAX_BODY),
                  key=stable_key)
    topical = [d for d in docs if is_topical(english[d], "en")][:NTREX_TOPIC_DOCS]
    order = topical + [d for d in docs if d not in topical]
    by_key = {(r["doc_id"], r["lang"]): r for r in recs}
    chosen = []
    for lang in NTREX_LANGS:
        for doc in order[: NTREX_DOCS[lang]]:
            r = by_key[(doc, lang)]
            chosen.append(record(r["id"], r["title"], r["body"], None,
                                 "NTREX-128/" + r["orig_outlet"], None, lang))
    write_jsonl(os.path.join(out, "ntrex128.jsonl"), chosen)


def seed(shared, out):
    recs = read_jsonl(os.path.join(shared, "seed", "kursk-ceasefire.jsonl"))
    write_jsonl(os.path.join(out, "seed", "kursk-ceasefire.jsonl"), [
        record(r["id"], r["title"], r["body"], r.get("date"), r["source"],
               r.get("url"), r["lang"])
        for r in recs])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared", "corpora"))
    ap.add_argument("--out", default=os.path.join(REPO, "corpus"))
    args = ap.parse_args()
    seed(args.shared, args.out)
    spare_en = wikinews(args.shared, args.out)
    text_articles(spare_en, args.out)
    jawikinews(args.shared, args.out)
    ntrex(args.shared, args.out)


if __name__ == "__main__":
    main()
