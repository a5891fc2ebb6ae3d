#!/usr/bin/env python3
"""Writes the framework agreement as a different PDF extraction would leave it.

From corpus/agreement/partner-framework.md: every paragraph hard-wrapped at
WIDTH columns (not the seed's width) as a PDF lays text out — a Chinese
character takes two columns, compressed punctuation and Latin letters one, and
a Latin word or URL is never broken — a page number line "- N -" and a
leading space at the start of each page, and the whole file in GB18030.
The importer must turn it into the same clause tree as the seed.

A paragraph whose last line happens to end a sentence exactly at the wrap
width is indistinguishable from a wrapped line ending a sentence; the importer
reads it as a paragraph end. The width is chosen so that no line inside a
paragraph ends a sentence, which is what this fixture is about: wrap width,
encoding and page numbers, not that ambiguity.

Usage: make_rewrapped.py [WIDTH] > agreement-rewrapped-gb18030.txt
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
WIDTH = int(sys.argv[1]) if len(sys.argv) > 1 else 58
LINES_PER_PAGE = 38
SENTENCE_END = ("。", "；", "：", "！", "？", ";", ":")


def paragraphs():
    text = (ROOT / "corpus/agreement/partner-framework.md").read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    for block in body.split("\n\n"):
        block = block.strip()
        if not block:
            continue
        block = re.sub(r"^#+ ", "", block)
        if block == "通用条款":
            block = "通 用 条 款"
        yield block


COMPRESSED = set("，。；：、“”‘’（）《》【】！？")


def width(ch):
    if ch in COMPRESSED or ord(ch) < 0x2E80:
        return 1
    return 2


def tokens(paragraph):
    """Latin runs (words, URLs) stay whole; everything else is one character."""
    for match in re.finditer(r"[!-~]+|.", paragraph):
        yield match.group(0)


def wrap(paragraph):
    lines, line, used = [], "", 0
    for tok in tokens(paragraph):
        w = sum(width(c) for c in tok)
        if line and used + w > WIDTH:
            lines.append(line)
            line, used = "", 0
        if not line and tok == " ":
            continue
        line += tok
        used += w
    lines.append(line)
    for inner in lines[:-1]:
        if inner.endswith(SENTENCE_END):
            sys.exit(f"width {WIDTH}: a wrapped line ends a sentence: {inner}")
    return lines


def main():
    out = []
    page = 1
    for p in paragraphs():
        for line in wrap(p):
            if len(out) % LINES_PER_PAGE == 0 and out:
                out.append(f"- {page} -")
                page += 1
                line = " " + line
            out.append(line)
    out.append(f"- {page} -")
    sys.stdout.buffer.write(("\n".join(out) + "\n").encode("gb18030"))


main()
