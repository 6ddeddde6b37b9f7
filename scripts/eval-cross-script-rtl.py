#!/usr/bin/env python3
"""Names across scripts for Arabic and Hebrew (issue 17): would keys help?

usage: scripts/eval-cross-script-rtl.py [--corpus NTREX.jsonl] [--half tune|report|all]

Arabic and Hebrew write no capitals, so nothing tells a name from a common
word, and their ICU transliterations (Arabic-Latin, Hebrew-Latin) lack most
vowels: Kursk is "kwrsk" / "qwrsq", Putin "bwtyn" / "pwtyn", London "lndn" /
"lwndwn". The only key that meets the Latin spelling is a consonant skeleton
(vowels, w and y dropped; p/b, q/k/g/c, v/f folded: Kursk, kwrsk and qwrsq
are all "krsk"), and without capitals every word would get one. This
measures, without building anything, what such keys would give on NTREX-128:
each article's words transliterated by ICU's uconv (Debian icu-devtools),
skeletons of at least N consonants (N = 3, 4, 5; with and without the Arabic
article al- and the Hebrew one-letter prefixes split off), and the
capitalised English words of eval-cross-script.py queried against them. A
hit is right when it is the same story. Latin words the translations kept
count as found here too (eval-cross-script.py finds them already: ar about
0.02, he 0.07, at precision 0.98-1.00).
Exit codes: 0 ok, 2 missing corpus or uconv.
"""
import argparse
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RULES = {'ar': 'Arabic-Latin', 'he': 'Hebrew-Latin'}
FOLD = str.maketrans({'p': 'b', 'v': 'f', 'q': 'k', 'g': 'k', 'c': 'k', 'j': 'z', 'w': '', 'y': ''})
DIGRAPHS = (('sh', 's'), ('kh', 'h'), ('th', 't'), ('ph', 'f'), ('ch', 's'), ('ck', 'k'), ('dh', 'd'), ('gh', 'k'))


def eval_cross_script():
    spec = importlib.util.spec_from_file_location('eval_cross_script', os.path.join(HERE, 'eval-cross-script.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def skeleton(word):
    s = re.sub(r'[^a-z]', '', word.lower())
    for a, b in DIGRAPHS:
        s = s.replace(a, b)
    s = re.sub(r'[aeiou]', '', s.translate(FOLD))
    return re.sub(r'(.)\1+', r'\1', s)


def transliterate(texts, rule):
    lines = '\n'.join(t.replace('\n', ' ') for t in texts) + '\n'
    out = subprocess.run(['uconv', '-x', rule + '; Latin-ASCII'], input=lines, capture_output=True, text=True,
                         check=True).stdout
    return out.split('\n')


def article_keys(latin, lang, min_len, split_prefixes):
    keys = set()
    for w in latin.split():
        w = re.sub(r'[^A-Za-z]', '', w)
        keys.add(skeleton(w))
        if split_prefixes and len(w) > 4:
            if lang == 'ar' and w.startswith('al'):
                keys.add(skeleton(w[2:]))
            if lang == 'he' and w[0] in 'hwlbmk':
                keys.add(skeleton(w[1:]))
    return {k for k in keys if len(k) >= min_len}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--corpus', default=os.path.join(HERE, '..', '..', 'shared', 'corpora', 'ntrex128_news.jsonl'))
    parser.add_argument('--half', choices=['tune', 'report', 'all'], default='all')
    args = parser.parse_args()
    if not os.path.exists(args.corpus) or not shutil.which('uconv'):
        print(f'eval-cross-script-rtl: needs {args.corpus} and uconv (icu-devtools)', file=sys.stderr)
        return 2
    ev = eval_cross_script()
    with open(args.corpus, encoding='utf-8') as f:
        articles = [a for a in map(json.loads, f) if a.get('lang') in ('en', *RULES) and
                    (args.half == 'all' or ev.half_of(a['doc_id']) == args.half)]
    names = ev.english_names(articles)
    pairs = sum(len(s) for s in names.values())
    print(f'{args.half} half: {len(names)} capitalised English words, {pairs} (word, story) pairs')
    for lang, rule in RULES.items():
        docs = [a for a in articles if a['lang'] == lang]
        latin = transliterate([a['title'] + ' ' + a['body'] for a in docs], rule)
        for min_len in (3, 4, 5):
            for split_prefixes in (False, True):
                keys = {ev.story(a['id']): article_keys(t, lang, min_len, split_prefixes) for a, t in zip(docs, latin)}
                hits = right = 0
                for word, stories in names.items():
                    key = skeleton(word)
                    if len(key) < min_len:
                        continue
                    found = {s for s, k in keys.items() if key in k}
                    hits += len(found)
                    right += len(found & stories)
                print(f'{lang}: skeletons >= {min_len}{" prefixes split" if split_prefixes else ""}: '
                      f'found {right / pairs:.3f}, {hits} hits, precision {right / max(hits, 1):.3f}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
