#!/usr/bin/env python3
"""Regenerate common/data/ner/name-forms.tsv: how other languages write the places (and a few
organisations) the English entity model finds, each mapped to its English canonical name, so that
facets and place:/org: filters unify across languages and scripts ("Allemagne", "Deutschland",
"Германия" -> "Germany"; "Moscou", "Moskau", "Москва" -> "Moscow").

Sources, all Debian packages (see common/data/ner/README.md):
  * ICU (libicu-dev; CLDR data): territory names (countries, regions, "EU", "UN") and the
    exemplar cities of time zones, in each language; read by scripts/lib/icu-name-forms.cpp,
    compiled here with g++.
  * iso-codes: translations (/usr/share/locale/LANG/LC_MESSAGES/iso_3166-*.mo) of country names
    and of the subdivisions of English-speaking countries (US states, UK nations, ...), whose
    English names are the ones English news uses (other countries' subdivisions are named in
    romanised local forms, not in English).
The English canonical of a name is the English alias table's (common/data/ner/aliases.tsv) when it
knows the English name ("Russian Federation" -> "Russia"), else ICU's English name.

  * common/data/ner/curated/titles-intl.tsv: honorifics and titles per language ("M.", "Herr"),
    rows of type "title" (canonical "-"): the extractor drops them from the front of a name.

Output lines: lang<TAB>type<TAB>English canonical<TAB>form|form... ; the English names themselves
are left to the English alias table (a "Jordan" in "Jordan Spieth" is no country).
Usage: scripts/make-name-forms [--langs fr,de,...]
"""
import argparse
import collections
import gettext
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "common", "data", "ner", "name-forms.tsv")
# The languages the extractor analyses beyond English: those with a stopword list
# (common/data/stopwords) and the Cyrillic languages that share Russian's stemmer.
LANGUAGES = ["da", "de", "es", "fi", "fr", "hu", "it", "nb", "nl", "pt", "ru", "sv", "uk", "bg", "pl", "cs", "tr", "ro", "el"]
ENGLISH_SPEAKING = {"US", "GB", "CA", "AU", "IE", "NZ", "IN", "ZA"}
ORG_TERRITORIES = {"EU", "UN", "EZ"}


def english_aliases():
    canon = {}
    with open(os.path.join(ROOT, "common", "data", "ner", "aliases.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            typ, c, als = line.rstrip("\n").split("\t")
            for a in [c] + als.split("|"):
                canon.setdefault((typ, a.lower()), c)
    return canon


def icu_rows(langs):
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "icu-name-forms")
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "icu-i18n", "icu-uc"], check=True,
                               capture_output=True, text=True).stdout.split()
        subprocess.run(["g++", "-std=c++17", "-O1", os.path.join(ROOT, "scripts", "lib", "icu-name-forms.cpp"),
                        "-o", exe] + flags, check=True)
        out = subprocess.run([exe] + langs, check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        lang, kind, en, local = line.split("\t")
        code = kind.split(":", 1)[1]
        if code.startswith("Antarctica/"):  # research stations named after people: Davis, Casey, Palmer
            continue
        typ = "org" if kind.startswith("territory:") and code in ORG_TERRITORIES else "place"
        yield lang, typ, en, local, code


def iso_rows(langs, icu_english):
    base = "/usr/share/iso-codes/json"
    countries = json.load(open(os.path.join(base, "iso_3166-1.json"), encoding="utf-8"))["3166-1"]
    subdivisions = json.load(open(os.path.join(base, "iso_3166-2.json"), encoding="utf-8"))["3166-2"]
    for lang in langs:
        for domain, items in (("iso_3166-1", countries), ("iso_3166-2", subdivisions)):
            mo = f"/usr/share/locale/{lang}/LC_MESSAGES/{domain}.mo"
            if not os.path.exists(mo):
                print(f"warning: {mo} missing", file=sys.stderr)
                continue
            with open(mo, "rb") as f:
                tr = gettext.GNUTranslations(f)
            for item in items:
                if domain == "iso_3166-2" and item["code"][:2] not in ENGLISH_SPEAKING:
                    continue
                names = [item.get(k) for k in ("common_name", "name", "official_name") if item.get(k)]
                # A country's English name is ICU's ("South Korea", not "Korea, Republic of").
                english = icu_english.get(item.get("alpha_2"), names[0]) if domain == "iso_3166-1" else names[0]
                for n in names:
                    local = tr.gettext(n)
                    if local != n and ", " not in local:
                        yield lang, "place", english, local, item.get("alpha_2") or item["code"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--langs", default=",".join(LANGUAGES))
    args = ap.parse_args()
    langs = [l for l in args.langs.split(",") if l]
    canon = english_aliases()
    forms = collections.OrderedDict()
    icu = list(icu_rows(langs))
    icu_english = {code: en for _, _, en, _, code in icu}
    for lang, typ, en, local, _ in icu + list(iso_rows(langs, icu_english)):
        en = en.replace("\u2019", "'")
        canonical = canon.get((typ, en.lower())) or canon.get(("place", en.lower())) or en
        forms.setdefault((lang, typ, canonical), [])
        forms[(lang, typ, canonical)].append(local.replace("\u2019", "'"))
    # A form that names two different entities in one language ("Georgia") is left out.
    owners = collections.defaultdict(set)
    for (lang, typ, canonical), fs in forms.items():
        for f in fs:
            owners[(lang, f.lower())].add(canonical)
    rows = []
    for (lang, typ, canonical), fs in sorted(forms.items()):
        keep = [f for f in dict.fromkeys(fs) if len(owners[(lang, f.lower())]) == 1]
        if keep:
            rows.append(f"{lang}\t{typ}\t{canonical}\t{'|'.join(keep)}")
    # Titles ("M.", "Herr", "Господин"): type "title", no canonical; curated.
    with open(os.path.join(ROOT, "common", "data", "ner", "curated", "titles-intl.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                lang, titles = line.rstrip("\n").split("\t")
                if lang in langs:
                    rows.append(f"{lang}\ttitle\t-\t{titles}")
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# lang<TAB>type<TAB>English canonical<TAB>form|form... (generated by scripts/make-name-forms "
                "from ICU's CLDR names and iso-codes translations)\n")
        f.write("\n".join(rows) + "\n")
    print(f"name-forms.tsv: {len(rows)} rows, languages {','.join(langs)}", file=sys.stderr)


if __name__ == "__main__":
    main()
