#!/usr/bin/env python3
"""Reads a .docx as Word's own readers see it (python-docx, Debian's
python3-docx) and prints, as JSON, what lexgit's tests check:

  {"title", "creator", "track_revisions",
   "paragraphs": [{"style", "align", "mark", "runs": [{"op", "text", "bold", "strike", "underline", "color"}],
                   "comment"}],
   "tables": [[[cell text, ...], ...], ...],
   "revisions": [[author, date], ...]}   # every w:ins/w:del, distinct

"op" is "equal", "insert" (inside w:ins) or "delete" (w:delText inside
w:del); "mark" is the paragraph mark's tracking, "insert", "delete" or null.
Usage: read_docx.py FILE.docx
"""
import json
import sys

import docx
from docx.oxml.ns import qn
from lxml import etree


def comments_of(document):
    for part in document.part.package.parts:
        if str(part.partname) == "/word/comments.xml":
            root = etree.fromstring(part.blob)
            return {c.get(qn("w:id")): "".join(c.itertext()) for c in root.iter(qn("w:comment"))}
    return {}


def run_of(text_element):
    run = text_element.getparent()
    props = run.find(qn("w:rPr"))
    wrapper = run.getparent().tag
    op = "delete" if text_element.tag == qn("w:delText") else "insert" if wrapper == qn("w:ins") else "equal"
    has = lambda tag: props is not None and props.find(qn(tag)) is not None
    color = props.find(qn("w:color")) if props is not None else None
    return {"op": op, "text": text_element.text or "", "bold": has("w:b"), "strike": has("w:strike"),
            "underline": has("w:u"), "color": color.get(qn("w:val")) if color is not None else None}


def paragraph_of(p, comments):
    mark = p._p.find(qn("w:pPr") + "/" + qn("w:rPr"))
    tracked = None
    if mark is not None:
        tracked = "insert" if mark.find(qn("w:ins")) is not None else "delete" if mark.find(qn("w:del")) is not None else None
    refs = [r.get(qn("w:id")) for r in p._p.iter(qn("w:commentReference"))]
    return {"style": p.style.name, "align": str(p.alignment) if p.alignment is not None else None, "mark": tracked,
            "runs": [run_of(t) for t in p._p.iter(qn("w:t"), qn("w:delText"))],
            "comment": comments.get(refs[0]) if refs else None}


def main(path):
    document = docx.Document(path)
    comments = comments_of(document)
    body = document.element.body
    revisions = {(e.get(qn("w:author")), e.get(qn("w:date"))) for e in body.iter(qn("w:ins"), qn("w:del"))}
    print(json.dumps({
        "title": document.core_properties.title,
        "creator": document.core_properties.author,
        "track_revisions": document.settings.element.find(qn("w:trackRevisions")) is not None,
        "paragraphs": [paragraph_of(p, comments) for p in document.paragraphs],
        "tables": [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables],
        "revisions": sorted(revisions),
    }, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
