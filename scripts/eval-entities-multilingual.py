#!/usr/bin/env python3
"""Entities beyond English (issue 17): recall and precision per language on NTREX-128.

usage: scripts/eval-entities-multilingual.py [--build DIR] [--corpus NTREX.jsonl]
                                             [--half tune|report|all] [--langs fr,de,...]
                                             [--by-type] [--as-english] [--show LANG]

NTREX-128 has the same 123 stories in 38 languages, so nothing needs annotating:
the canonical entities `newsdex-index --extract-entities` finds in the English
version of a story are the reference for every other version of it. For each
language, an entity found in a version counts right when its canonical name is
among the English version's (whatever its type, unless --by-type); recall is
the share of the English version's canonical names found. Figures are summed
over the stories (micro-averaged). The stories are split in two halves by a
hash of their doc_id: tune on `--half tune`, report on `--half report`, so
what is tuned is never what is reported. The English model's own errors are in
the reference too: the figures say how far the other languages agree with
English, which is what facets that unify across languages need.

`--show LANG` prints, per story of the half, what LANG missed and what it
found that English did not (for tuning; use it on the tune half only).
Exit codes: 0 ok, 2 usage error or missing binary/corpus.
"""
import argparse
import collections
import hashlib
import json
import os
import subprocess
import sys
import tempfile

DEFAULT_LANGUAGES = ['fr', 'de', 'es', 'it', 'pt', 'nl', 'pl', 'cs', 'sv', 'fi', 'hu', 'tr', 'ro', 'vi', 'id',
                     'ru', 'uk', 'bg', 'el']


def half_of(doc_id):
    """'tune' or 'report', stable across runs and machines."""
    return 'tune' if hashlib.sha1(doc_id.encode('utf-8')).digest()[0] % 2 == 0 else 'report'


def extract(index_bin, records, as_english=False):
    """id -> [(type, canonical)] as newsdex-index --extract-entities prints them."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'stories.jsonl')
        with open(path, 'w', encoding='utf-8') as out:
            for r in records:
                out.write(json.dumps({'id': r['id'], 'title': r['title'], 'body': r['body'], 'lang': 'en' if as_english else r['lang']},
                                     ensure_ascii=False) + '\n')
        run = subprocess.run([index_bin, '--extract-entities', path], capture_output=True, text=True, check=False)
        if run.returncode != 0:
            print(run.stderr, file=sys.stderr)
            raise SystemExit(f'eval-entities-multilingual: {index_bin} exited {run.returncode}')
    found = {}
    for line in run.stdout.splitlines():
        item = json.loads(line)
        found[item['id']] = [(e['type'], e['canonical']) for e in item['entities']]
    return found


def key_set(entities, by_type):
    return {(t, c) if by_type else c for t, c in entities}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--build', default=os.path.join(here, '..', 'build'))
    parser.add_argument('--corpus', default=os.path.join(here, '..', '..', 'shared', 'corpora', 'ntrex128_news.jsonl'))
    parser.add_argument('--half', choices=['tune', 'report', 'all'], default='report')
    parser.add_argument('--langs', default=','.join(DEFAULT_LANGUAGES))
    parser.add_argument('--by-type', action='store_true', help='a found entity must also have the English type')
    parser.add_argument('--as-english', action='store_true',
                        help='give every version lang "en": what the English model alone carries over')
    parser.add_argument('--show', metavar='LANG', help='print the misses and extras of LANG per story')
    args = parser.parse_args()
    index_bin = os.path.join(args.build, 'indexer', 'newsdex-index')
    for path in (index_bin, args.corpus):
        if not os.path.exists(path):
            print(f'eval-entities-multilingual: {path}: not found', file=sys.stderr)
            return 2
    languages = [l for l in args.langs.split(',') if l]
    wanted = set(languages) | {'en'}
    records = []
    with open(args.corpus, encoding='utf-8') as f:
        for line in f:
            r = json.loads(line)
            if r['lang'] in wanted and (args.half == 'all' or half_of(r['doc_id']) == args.half):
                records.append(r)
    found = extract(index_bin, records, args.as_english)
    by_story = collections.defaultdict(dict)
    for r in records:
        by_story[r['doc_id']][r['lang']] = key_set(found.get(r['id'], []), args.by_type)
    stories = sorted(by_story)
    print(f'{len(stories)} stories ({args.half} half), reference: English canonical '
          f'{"(type, name)" if args.by_type else "names"}; '
          f'{sum(len(by_story[s].get("en", ())) for s in stories)} reference entities')
    print(f'{"lang":<5} {"found":>6} {"right":>6} {"ref":>6} {"P":>6} {"R":>6} {"F1":>6}')
    for lang in languages:
        n_found = n_right = n_ref = 0
        for s in stories:
            ref = by_story[s].get('en', set())
            got = by_story[s].get(lang, set())
            n_found += len(got)
            n_right += len(got & ref)
            n_ref += len(ref)
            if args.show == lang:
                missed, extra = sorted(map(str, ref - got)), sorted(map(str, got - ref))
                if missed or extra:
                    print(f'  {s}: missed {missed}\n  {" " * len(s)}  extra  {extra}')
        p = n_right / n_found if n_found else 0.0
        r = n_right / n_ref if n_ref else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f'{lang:<5} {n_found:>6} {n_right:>6} {n_ref:>6} {p:>6.3f} {r:>6.3f} {f1:>6.3f}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
