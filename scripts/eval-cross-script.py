#!/usr/bin/env python3
"""Names across scripts (issue 17): recall and precision on NTREX-128.

usage: scripts/eval-cross-script.py [--build DIR] [--corpus NTREX.jsonl] [--keep DIR]
                                   [--half tune|report|all] [--langs ru,uk,...]

NTREX-128 has the same 123 stories in 38 languages. This indexes the English,
Russian, Ukrainian, Bulgarian, Greek, Georgian and Armenian versions in one
index, takes the capitalised words of each English story (not the first word
of a sentence, at least 4 letters, not all capitals: names, mostly, and some
capitalised common words), and queries each word alone with lang:XX for each
other language. A hit is right when it is a version of a story whose English
version has the word. Prints per language the (word, story) pairs found
(recall: not every name survives translation, so 1.0 is out of reach) and the
share of hits that are right (precision). Run it with the build of another
tree to compare (the Latin words some translations keep are found either way).
Stories are split in two halves by a hash of their doc_id (as in
eval-entities-multilingual.py): choose settings on `--half tune`, report
`--half report` (the default is all stories). `--langs` picks the languages
queried (default ru,uk,bg,el,ka,hy; ar and he are in NTREX too).
Exit codes: 0 ok, 2 usage error or missing binaries/corpus.
"""
import argparse
import hashlib
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

LANGUAGES = ['ru', 'uk', 'bg', 'el', 'ka', 'hy']


def half_of(doc_id):
    """'tune' or 'report', stable across runs and machines (eval-entities-multilingual.py's split)."""
    return 'tune' if hashlib.sha1(doc_id.encode('utf-8')).digest()[0] % 2 == 0 else 'report'


def story(article_id):
    return article_id.rsplit('.', 1)[0]


def english_names(articles):
    """word -> the stories whose English version has it capitalised mid-sentence."""
    names = collections.defaultdict(set)
    for article in articles:
        if article['lang'] != 'en':
            continue
        text = article['title'] + '\n' + article['body']
        for sentence in re.split(r'(?<=[.!?"])\s+|\n', text):
            for word in re.findall(r"[A-Za-z][A-Za-z'-]*", sentence)[1:]:
                if word[0].isupper() and len(word) >= 4 and word.isalpha() and not word.isupper():
                    names[word].add(story(article['id']))
    return names


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--build', default=os.path.join(here, '..', 'build'))
    parser.add_argument('--corpus', default=os.path.join(here, '..', '..', 'shared', 'corpora', 'ntrex128_news.jsonl'))
    parser.add_argument('--keep', help='build the index in DIR and keep it')
    parser.add_argument('--half', choices=['tune', 'report', 'all'], default='all')
    parser.add_argument('--langs', default=','.join(LANGUAGES), help='languages to query, comma-separated')
    args = parser.parse_args()
    index_bin = os.path.join(args.build, 'indexer', 'newsdex-index')
    search_bin = os.path.join(args.build, 'searcher', 'newsdex-search')
    for path in (index_bin, search_bin, args.corpus):
        if not os.path.exists(path):
            print(f'eval-cross-script: {path}: not found', file=sys.stderr)
            return 2
    languages = [lang for lang in args.langs.split(',') if lang]
    wanted = set(languages) | {'en'}
    with open(args.corpus, encoding='utf-8') as f:
        articles = [a for a in map(json.loads, f) if a.get('lang') in wanted and
                    (args.half == 'all' or half_of(story(a['id'])) == args.half)]
    work = args.keep or tempfile.mkdtemp(prefix='newsdex-xs-')
    os.makedirs(work, exist_ok=True)
    corpus = os.path.join(work, 'ntrex-cross-script.jsonl')
    with open(corpus, 'w', encoding='utf-8') as out:
        for a in articles:
            out.write(json.dumps({k: a[k] for k in ('id', 'title', 'body', 'lang')}) + '\n')
    db = os.path.join(work, 'db')
    subprocess.run([index_bin, '--db', db, '--quiet', corpus], check=True)
    names = english_names(articles)
    words = sorted(names)
    print(f'{len({story(a["id"]) for a in articles})} stories ({args.half}), {len(words)} capitalised English words, {sum(len(s) for s in names.values())} (word, story) pairs')
    for lang in languages:
        batch = ''.join(f'{w} lang:{lang}\n' for w in words)
        lines = subprocess.run([search_bin, '--db', db, '--queries', '-', '--limit', '200', '--snippets', '0',
                                '--no-collapse'], input=batch, capture_output=True, text=True, check=True).stdout
        hits = right = 0
        for word, line in zip(words, lines.splitlines()):
            found = {story(h['id']) for h in json.loads(line).get('hits', [])}
            hits += len(found)
            right += len(found & names[word])
        pairs = sum(len(s) for s in names.values())
        print(f'{lang}: found {right} of {pairs} pairs (recall {right / pairs:.3f}), '
              f'{hits} hits, precision {right / max(hits, 1):.3f}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
