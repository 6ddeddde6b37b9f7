#!/usr/bin/env python3
"""Names across scripts for Chinese (issue 17): would pinyin keys help?

usage: scripts/eval-cross-script-han.py [--corpus NTREX.jsonl] [--half tune|report|all]

Chinese writes no capitals and no spaces, so nothing tells a name from a
common word: pinyin keys would have to be made for every word. Chinese names
are romanised as pinyin in English news (习近平 Xi Jinping), but foreign names
are respelt by sound (普京 pujing for Putin, 特朗普 telangpu for Trump), so
their pinyin rarely meets the English spelling. This measures, without
building anything, what such keys would give on NTREX-128: each Han character
of the zh-Hans / zh-Hant articles is transliterated by ICU's uconv
(Han-Latin; Latin-ASCII, Debian icu-devtools), every run of 2 or 3 Han
characters (the length of nearly all Chinese words and names; a superset of
what dictionary segmentation would give) is keyed by its syllables joined
("xijinping" for a run 习近平 spells "xi jin ping"; 2-character runs "xijin",
"jinping"), and the capitalised English words of eval-cross-script.py
(lower case, at least N letters) are queried against the keys. A hit is right
when it is the same story. Latin words the translations kept are not counted
(eval-cross-script.py finds them already).
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
LANGS = ('zh-Hans', 'zh-Hant')


def eval_cross_script():
    spec = importlib.util.spec_from_file_location('eval_cross_script', os.path.join(HERE, 'eval-cross-script.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def is_han(c):
    return '\u4e00' <= c <= '\u9fff' or '\u3400' <= c <= '\u4dbf'


def pinyin_of(chars):
    """Han character -> its pinyin syllable (lower-case ASCII), by uconv, one character a line."""
    chars = sorted(chars)
    out = subprocess.run(['uconv', '-x', 'Han-Latin; Latin-ASCII'], input='\n'.join(chars) + '\n',
                         capture_output=True, text=True, check=True).stdout.split('\n')
    return {c: re.sub(r'[^a-z]', '', p.lower()) for c, p in zip(chars, out)}


def article_keys(text, pinyin, min_len):
    keys = set()
    for run in re.findall(r'[\u3400-\u4dbf\u4e00-\u9fff]+', text):
        for n in (2, 3):
            for i in range(len(run) - n + 1):
                key = ''.join(pinyin.get(c, '') for c in run[i:i + n])
                if len(key) >= min_len:
                    keys.add(key)
    return keys


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--corpus', default=os.path.join(HERE, '..', '..', 'shared', 'corpora', 'ntrex128_news.jsonl'))
    parser.add_argument('--half', choices=['tune', 'report', 'all'], default='all')
    args = parser.parse_args()
    if not os.path.exists(args.corpus) or not shutil.which('uconv'):
        print(f'eval-cross-script-han: needs {args.corpus} and uconv (icu-devtools)', file=sys.stderr)
        return 2
    ev = eval_cross_script()
    with open(args.corpus, encoding='utf-8') as f:
        articles = [a for a in map(json.loads, f) if a.get('lang') in ('en', *LANGS) and
                    (args.half == 'all' or ev.half_of(a['doc_id']) == args.half)]
    names = ev.english_names(articles)
    pairs = sum(len(s) for s in names.values())
    print(f'{args.half} half: {len(names)} capitalised English words, {pairs} (word, story) pairs')
    pinyin = pinyin_of({c for a in articles if a['lang'] in LANGS for c in a['title'] + a['body'] if is_han(c)})
    for lang in LANGS:
        docs = [a for a in articles if a['lang'] == lang]
        for min_len in (4, 5, 6, 8):
            keys = {ev.story(a['id']): article_keys(a['title'] + ' ' + a['body'], pinyin, min_len) for a in docs}
            hits = right = 0
            examples = []
            for word, stories in sorted(names.items()):
                key = word.lower()
                if len(key) < min_len:
                    continue
                found = {s for s, k in keys.items() if key in k}
                hits += len(found)
                right += len(found & stories)
                if found & stories and len(examples) < 6:
                    examples.append(word)
            print(f'{lang}: pinyin keys of 2-3 characters, words >= {min_len} letters: found {right / pairs:.3f}, '
                  f'{hits} hits, precision {right / max(hits, 1):.3f}; right e.g. {", ".join(examples)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
