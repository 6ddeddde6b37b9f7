#!/usr/bin/env python3
"""Writes the hostile inputs newsdex-index must survive (issue 7).

    scripts/make-hostile-inputs --small DIR   the tiny files committed in tests/data/hostile/
    scripts/make-hostile-inputs --large DIR   big files and filesystem oddities, made at test time:
                                              a 50 MB line, 100k-character words, deep nesting,
                                              symlink loops, a dangling link, an unreadable file,
                                              a FIFO

Every file that holds records also holds at least one good record, so the
tests can check that everything else is still indexed. What newsdex-index
must say about each file is asserted in tests/e2e/hostile_input.sh and listed
in tests/data/hostile/README.md. Python standard library only; deterministic.
"""
import argparse
import json
import os
import random


def good(rid, title, body):
    return json.dumps({"id": rid, "title": title, "body": body}, ensure_ascii=False).encode() + b"\n"


def small(out):
    files = {}
    files["truncated.jsonl"] = good("trunc-1", "Truncated neighbour", "Walrus colony counted.") + \
        b'{"id":"trunc-2","title":"Cut off in the mid'  # no closing quote, brace or newline
    files["invalid-json.jsonl"] = b"".join([
        good("inv-1", "Valid neighbour", "Zanzibar ferry timetable."),
        b'{id: "inv-2", title: "unquoted keys"}\n',
        b'{"id":"inv-3","title":"trailing comma",}\n',
        b'{"id":"inv-4","title":"two objects"} {"id":"inv-5"}\n',
        b'nul\n',
        b'{"id":"inv-6","title":"bad escape \\q here"}\n',
        b'{"id":"inv-7","title":"number","body":01}\n',
        b'}{\n',
    ])
    files["wrong-types.jsonl"] = b"".join([
        b'{"id":"wt-1","title":17,"body":"x"}\n',
        b'{"id":true,"title":"t","body":"b"}\n',
        b'{"id":1.5,"title":"t","body":"b"}\n',
        b'{"id":"wt-4","title":"Nested","body":{"p":[{"q":[1,[2,[3]]]}]}}\n',
        b'{"id":"wt-5","title":"Date as number","body":"Quokka census.","date":20240101}\n',
        b'{"id":"wt-6","title":"Extra garbage is ignored","body":"Quokka habitat.","extra":{"a":[null,true,{"b":"c"}]}}\n',
        b'{"id":"wt-7","title":"lang array","body":"b","lang":["en"]}\n',
        b'{"id":123456789012345678901234567890,"title":"t","body":"b"}\n',
        b'{"id":-5,"title":"Negative numeric id","body":"Quokka diet."}\n',
        b'{"id":null,"title":"Null id gets a content hash","body":"Quokka burrow."}\n',
        b'"just a string"\n',
        b'42\n',
        b'null\n',
    ])
    # NUL bytes: raw inside a string, raw between tokens, escaped; padded so
    # that NULs stay under the 1% that marks a file as binary.
    pad = good("nul-pad", "Padding record", "Lorem ipsum " * 60)
    files["nul-bytes.jsonl"] = b"".join([
        good("nul-0", "Clean neighbour", "Ibex on the ridge."),
        b'{"id":"nul-1","title":"raw\x00nul in a string","body":"Ibex kids."}\n',
        b'{"id":"nul-2",\x00"title":"raw nul between tokens","body":"Ibex herd."}\n',
        b'{"id":"nul-3","title":"escaped \\u0000 nul","body":"Ibex horns."}\n',
        pad,
    ])
    files["bad-utf8.jsonl"] = b"".join([
        good("u8-0", "Clean neighbour", "Okapi sighting."),
        b'{"id":"u8-1","title":"stray \xff\xfe bytes","body":"Okapi stripes."}\n',
        b'{"id":"u8-2","title":"overlong \xc0\xaf slash","body":"Okapi \xe0\x80\xaf forest."}\n',
        b'{"id":"u8-3","title":"surrogate \xed\xa0\x80 in UTF-8","body":"Okapi calf."}\n',
        b'{"id":"u8-4","title":"beyond U+10FFFF \xf4\x90\x80\x80","body":"Okapi \xf8\x88\x80\x80\x80 range."}\n',
        b'{"id":"u8-5","title":"truncated sequence","body":"Okapi \xe2\x82"}\n',
        b'{"id":"u8-6","title":"lone surrogate escape \\ud800","body":"Okapi tongue."}\n',
    ])
    utf16_records = good("u16-1", "Gnu migration", "Serengeti river crossing.") + \
        good("u16-2", "Пример кириллицы", "Миграция антилоп гну.")
    text = utf16_records.decode()
    files["utf16le-bom.jsonl"] = b"\xff\xfe" + text.encode("utf-16-le")
    files["utf16be-bom.jsonl"] = b"\xfe\xff" + text.encode("utf-16-be")
    files["utf16le-nobom.jsonl"] = text.replace("u16-", "u16n-").encode("utf-16-le")
    files["utf16be-nobom.txt"] = "Tapir headline in UTF-16BE\n\nTapir body text without a byte order mark.\n".encode("utf-16-be")
    files["utf16le-bom.txt"] = b"\xff\xfe" + "Pangolin headline\n\nPangolin body in UTF-16LE.\n".encode("utf-16-le")
    files["crlf.jsonl"] = good("crlf-1", "Carriage returns", "Axolotl tank.").replace(b"\n", b"\r\n") * 1 + \
        good("crlf-2", "Second CRLF record", "Axolotl gills.").replace(b"\n", b"\r\n")
    files["crlf.txt"] = b"Narwhal headline with CRLF\r\n\r\nNarwhal tusk body.\r\nSecond line.\r\n"
    files["old-mac-cr.txt"] = b"Dugong headline\rDugong body after a bare CR.\r"
    files["no-final-newline.jsonl"] = good("nofinal-1", "First", "Lemur troop.") + \
        good("nofinal-2", "Last line without newline", "Lemur tail.").rstrip(b"\n")
    rng = random.Random(7)
    blob = bytes(rng.randrange(256) for _ in range(4096))
    files["binary.jsonl"] = blob
    files["binary.txt"] = b"\x7fELF\x02\x01\x01\x00" + blob
    files["gzip-named.jsonl"] = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + blob[:512]
    files["empty.jsonl"] = b""
    files["blank-lines.jsonl"] = b"\n  \n\t\n\r\n"
    files["empty.txt"] = b""
    files["whitespace.md"] = b"   \n\n   \n"
    files["bom-only.txt"] = b"\xef\xbb\xbf"
    files["empty-fields.jsonl"] = b"".join([
        b'{}\n',
        b'{"id":"ef-1","title":"","body":""}\n',
        b'{"id":"","title":"Empty id gets a content hash","body":"Capybara pool."}\n',
        b'{"id":"ef-3","title":null,"body":"Body without a title: capybara."}\n',
    ])
    controls = "".join(chr(c) for c in range(1, 32) if c not in (9, 10, 13))
    files["control-chars.jsonl"] = good("ctl-1", "Control" + controls + "characters", "Marmot\x1b[31m escape \x7f codes.")
    for name, data in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


def large(out):
    # A 50 MB single line: over the default 16 MB --max-article-bytes, skipped
    # without holding 50 MB in memory; the record after it is indexed.
    with open(os.path.join(out, "huge-line.jsonl"), "wb") as f:
        f.write(b'{"id":"huge","title":"Huge","body":"')
        chunk = b"yak " * 16384
        for _ in range(50 * 1024 * 1024 // len(chunk)):
            f.write(chunk)
        f.write(b'"}\n')
        f.write(good("after-huge", "After the huge line", "Bison herd on the plain."))
    # A 50 MB line that is not even JSON, with no newline at all.
    with open(os.path.join(out, "huge-garbage.txt"), "wb") as f:
        for _ in range(50):
            f.write(b"z" * (1 << 20))
    # 100k-character words: skipped as terms, the article itself is indexed.
    word = "a" * 100000
    cjk = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(100000))
    thai = "การทดสอบภาษาไทย" * 7000
    with open(os.path.join(out, "long-words.jsonl"), "wb") as f:
        f.write(good("long-1", "Long word in the body", "Wombat " + word + " burrow."))
        f.write(good("long-2", word, "Wombat title is one 100000-character word."))
        f.write(good("long-3", "CJK run", "Wombat " + cjk))
        f.write(good("long-4", "Thai run", "Wombat " + thai))
        f.write(good("long-5", "Digits", "Wombat " + "9" * 100000))
    # Deep nesting: past simdjson's depth limit (1024), in an ignored field
    # and as the whole record; 100k levels must not overflow the stack.
    with open(os.path.join(out, "deep-nesting.jsonl"), "wb") as f:
        f.write(good("deep-0", "Shallow neighbour", "Gecko on the wall."))
        f.write(b'{"id":"deep-1","title":"t","body":"b","x":' + b"[" * 2000 + b"]" * 2000 + b"}\n")
        f.write(b"[" * 100000 + b"]" * 100000 + b"\n")
        f.write(b'{"id":"deep-3","title":"t","body":' + b'{"a":' * 5000 + b"1" + b"}" * 5000 + b"}\n")
        f.write(b'{"id":"deep-4","title":"unclosed","body":' + b"[" * 100000 + b"\n")
        f.write(b'{"id":"deep-5","title":"Under the limit","body":"Gecko feet.","x":' + b"[" * 500 + b"]" * 500 + b"}\n")
    # Filesystem oddities.
    links = os.path.join(out, "links")
    os.makedirs(links, exist_ok=True)
    os.symlink("loop-b.jsonl", os.path.join(links, "loop-a.jsonl"))
    os.symlink("loop-a.jsonl", os.path.join(links, "loop-b.jsonl"))
    os.symlink("nowhere.jsonl", os.path.join(links, "dangling.jsonl"))
    os.symlink("..", os.path.join(links, "parent"))  # a directory loop
    os.symlink(".", os.path.join(links, "self"))
    # Unreadable even for root: reading /proc/self/mem at offset 0 fails with EIO.
    os.symlink("/proc/self/mem", os.path.join(links, "unreadable.txt"))
    os.mkfifo(os.path.join(links, "fifo.jsonl"))
    with open(os.path.join(links, "good.jsonl"), "wb") as f:
        f.write(good("links-good", "Reached through a walk with loops", "Heron nest."))
    locked = os.path.join(out, "no-permission.jsonl")
    with open(locked, "wb") as f:
        f.write(good("perm-1", "Unreadable for others", "Otter holt."))
    os.chmod(locked, 0)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--small", metavar="DIR")
    p.add_argument("--large", metavar="DIR")
    args = p.parse_args()
    if not args.small and not args.large:
        p.error("give --small DIR and/or --large DIR")
    for d, make in ((args.small, small), (args.large, large)):
        if d:
            os.makedirs(d, exist_ok=True)
            make(d)


if __name__ == "__main__":
    main()
