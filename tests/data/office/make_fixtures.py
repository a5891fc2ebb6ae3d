#!/usr/bin/python3
"""Writes the Word and PDF files lexgit's import tests read, with tools that are not lexgit.

The .docx files are written by Debian's python3-docx from the corpus Markdown:
  - `#` is the Title style (centred), `##` Heading 1, `###` Heading 2;
  - every number is Word's automatic numbering, defined here in numbering.xml
    (python-docx has no API for it): 一． and 一、 headings, 第一条, （一）,
    （1）, ①, 1. and 1、 items, A. options and dash bullets one level under an
    item; a list that starts again at 1 is a new w:num with a
    lvlOverride/startOverride, as Word writes a restart;
  - body paragraphs indented two characters on their first line, list items
    with a hanging indent, no space between paragraphs: the PDF's paragraphs
    must come from the geometry;
  - a running header (the title, 9 pt) and footer (第 PAGE 页 共 NUMPAGES 页).
`<!-- subject -->` comments are not text and are left out.

schedule.docx is a document of its own for what the corpus does not have: a
table inside a clause, three levels of numbering (一、 （一） 1.) with a restart,
a line break, a PAGE field in the text, and tracked changes (an insertion and a
deletion by another author).

The .pdf files are those .docx files printed by LibreOffice headless; scan.pdf
is a page with an image and no text layer (a scan); locked.pdf is the
agreement's PDF encrypted by qpdf with a user password; bomb.docx and
bomb-forged.docx are zip bombs (see write_bombs).

Usage: tests/data/office/make_fixtures.py   (from anywhere; needs python3-docx,
libreoffice-writer-nogui, fonts-noto-cjk, qpdf,
poppler-utils; see README.md here)
"""
import copy
import pathlib
import re
import subprocess
import sys
import tempfile
import zipfile

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
FONT = "Noto Serif CJK SC"

# The numbering kinds found at the start of a corpus paragraph: the pattern, Word's
# numFmt, lvlText, and the suffix after the number (space or nothing).
KINDS = [
    ("tiao", r"^第([一二三四五六七八九十]+)条 ", "chineseCounting", "第%1条", "space"),
    ("enum-dot", r"^([一二三四五六七八九十]+)． ", "chineseCounting", "%1．", "space"),
    ("enum", r"^([一二三四五六七八九十]+)、", "chineseCounting", "%1、", "nothing"),
    ("cparen", r"^（([一二三四五六七八九十]+)）", "chineseCounting", "（%1）", "nothing"),
    ("aparen", r"^（(\d+)）", "decimal", "（%1）", "nothing"),
    ("circled", r"^([①②③④⑤⑥⑦⑧⑨⑩]) ", "decimalEnclosedCircle", "%1", "space"),
    ("dot", r"^(\d+)\. ", "decimal", "%1.", "space"),
    ("dun", r"^(\d+)、", "decimal", "%1、", "nothing"),
    ("letter", r"^([A-Z])\. ", "upperLetter", "%1.", "space"),
    ("bullet", r"^- ", "bullet", "-", "space"),
]
CHINESE = "零一二三四五六七八九十"


def value_of(kind, literal):
    if kind in ("tiao", "enum-dot", "enum", "cparen"):
        if literal == "十":
            return 10
        if literal.startswith("十"):
            return 10 + CHINESE.index(literal[1])
        if "十" in literal:
            tens, _, ones = literal.partition("十")
            return CHINESE.index(tens) * 10 + (CHINESE.index(ones) if ones else 0)
        return CHINESE.index(literal)
    if kind == "circled":
        return "①②③④⑤⑥⑦⑧⑨⑩".index(literal) + 1
    if kind == "letter":
        return ord(literal) - ord("A") + 1
    return int(literal)


def read_mark(text):
    for kind, pattern, *_ in KINDS:
        m = re.match(pattern, text)
        if m:
            value = value_of(kind, m.group(1)) if m.groups() else 0
            return kind, value, text[m.end():]
    return None


def lvl_xml(ilvl, kind, indent):
    _, _, fmt, text, suff = next(k for k in KINDS if k[0] == kind)
    text = text.replace("%1", "%" + str(ilvl + 1))
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:suff w:val="{suff}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{indent + 440}" w:hanging="440"/></w:pPr></w:lvl>')


class Numbering:
    """abstractNum per (kind, sub-kind) and w:num instances, restarts as startOverride."""

    def __init__(self, document):
        self.root = document.part.numbering_part.element
        for child in list(self.root):  # the template's own lists are not used
            self.root.remove(child)
        self.abstract = {}
        self.next_id = 10
        self.nums = []

    def abstract_id(self, *kinds):
        key = tuple(k for k in kinds if k)
        if key not in self.abstract:
            aid = len(self.abstract) + 1
            levels = "".join(lvl_xml(ilvl, kind, 440 * ilvl) for ilvl, kind in enumerate(key))
            self.abstract[key] = aid
            self.root.insert(len(self.abstract) - 1, parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
                f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'))
        return self.abstract[key]

    def instance(self, kinds, start):
        aid = self.abstract_id(*kinds)
        num_id = self.next_id
        self.next_id += 1
        override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                    if start else "")
        self.root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                                   f'<w:abstractNumId w:val="{aid}"/>{override}</w:num>'))
        return num_id


def set_numbering(paragraph, num_id, ilvl):
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def add_field(paragraph, instruction, shown):
    """A complex field: Word keeps its last result (`shown`) between separate and end."""
    for xml in (f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r {nsdecls("w")}><w:t>{shown}</w:t></w:r>',
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml))


def new_document(title):
    d = docx.Document()
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Header", "Footer"):
        style = d.styles[name]
        style.font.name = FONT
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal = d.styles["Normal"].paragraph_format
    normal.first_line_indent = Pt(22)
    normal.space_after = Pt(0)
    normal.line_spacing = 1.2
    d.styles["Normal"].font.size = Pt(11)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        d.styles[name].paragraph_format.first_line_indent = Pt(0)
    section = d.sections[0]
    header = section.header.paragraphs[0]
    header.text = title
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("第 ")
    add_field(footer, "PAGE", "1")
    footer.add_run(" 页 共 ")
    add_field(footer, "NUMPAGES", "1")
    footer.add_run(" 页")
    for p in (header, footer):
        p.paragraph_format.first_line_indent = Pt(0)
        for r in p.runs:
            r.font.size = Pt(9)
    return d


def body_of(markdown):
    text = markdown.split("\n---\n", 1)[1] if markdown.startswith("---\n") else markdown
    text = re.sub(r"^<!--.*-->\n", "", text.strip(), flags=re.M)
    return [b for b in re.split(r"\n\s*\n|\n(?=\d+\. |- )", text) if b.strip()]


def sub_kind(blocks, start):
    """The kind of the items indented under the list that starts at blocks[start]."""
    for block in blocks[start + 1:]:
        if block.startswith("#"):
            break
        if not block.startswith("   "):
            mark = read_mark(block)
            if mark and mark[0] != "dot":
                break
            continue
        mark = read_mark(block.strip())
        return mark[0] if mark else None
    return None


def write_markdown_as_docx(markdown, out):
    blocks = [b.strip("\n") for b in body_of(markdown)]
    title = blocks[0][2:]
    d = new_document(title)
    numbering = Numbering(d)
    current = {}  # kind -> (num_id, last value, sub kind)
    sub_current = {}  # parent num_id -> last value at level 1
    last_top = None
    for i, block in enumerate(blocks):
        nested = block.startswith("   ")
        text = block.strip()
        if text.startswith("#"):
            level = len(text) - len(text.lstrip("#"))
            text = text[level:].strip()
            style = "Title" if level == 1 else f"Heading {level - 1}"
            mark = read_mark(text)
            p = d.add_paragraph(mark[2].strip() if mark else text, style=style)
            if level == 1:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if mark:
                attach(numbering, current, p, mark, 0, None)
            continue
        mark = read_mark(text)
        if not mark:
            d.add_paragraph(text.replace("\\", ""))
            continue
        kind, value, rest = mark
        p = d.add_paragraph(rest.replace("\\", "").strip())
        if nested and last_top:
            num_id = last_top
            sub_current[num_id] = sub_current.get(num_id, 0) + 1
            set_numbering(p, num_id, 1)
            continue
        last_top = attach(numbering, current, p, mark, 0, sub_kind(blocks, i))
        sub_current[last_top] = 0
    d.save(out)


def attach(numbering, current, paragraph, mark, ilvl, sub):
    kind, value, _ = mark
    num_id, last, _ = current.get(kind, (None, 0, None))
    if num_id is None or value != last + 1:
        num_id = numbering.instance((kind, sub), value if num_id is not None or value != 1 else None)
    current[kind] = (num_id, value, sub)
    set_numbering(paragraph, num_id, ilvl)
    return num_id


def write_schedule(out):
    """A schedule with a table, three numbering levels, a break, a field and tracked changes."""
    d = new_document("青云产品价格附表")
    numbering = Numbering(d)
    levels = ("enum", "cparen", "dot")
    first = numbering.instance(levels, None)
    d.add_paragraph("青云产品价格附表", style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph("本附表是青云产品订购单 QC-PO-2025-017 的附件，列明订购产品的单价和数量。")

    def numbered(text, ilvl, num_id=first):
        p = d.add_paragraph(text)
        set_numbering(p, num_id, ilvl)
        return p

    numbered("产品与价格", 0)
    numbered("软件许可", 1)
    numbered("许可按套计价，单价见下表：", 2)
    table = d.add_table(rows=3, cols=3)
    table.style = d.styles["Table Grid"]
    for row, cells in enumerate([("产品", "数量", "单价（元）"),
                                 ("青云私有云平台软件许可", "50", "20,000"),
                                 ("三年技术支持服务 | 标准级", "50", "5,600")]):
        for col, value in enumerate(cells):
            table.cell(row, col).text = value
    numbered("许可证书在交付时一次性提供。", 2)
    numbered("技术支持", 1)
    numbered("技术支持服务期为三年，自验收合格之日起计算。", 2)
    numbered("付款与发票", 0)
    # A second w:num on the same abstractNum restarts level 3 at 1 (Word's restart).
    restart = numbering.instance(levels, None)
    numbering.root.findall(qn("w:num"))[-1].append(parse_xml(
        f'<w:lvlOverride {nsdecls("w")} w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride>'))
    numbered("付款", 1)
    numbered("乙方应当在收到发票后三十日内付款。", 2, restart)
    tracked = numbered("", 2, restart)
    tracked._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>发票由甲方在</w:t></w:r>'))
    tracked._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="1" w:author="张律师" w:date="2025-05-08T10:00:00Z">'
        f'<w:r><w:delText>收到款项后</w:delText></w:r></w:del>'))
    tracked._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="2" w:author="张律师" w:date="2025-05-08T10:00:00Z">'
        f'<w:r><w:t>交付后五个工作日内</w:t></w:r></w:ins>'))
    tracked._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>开具。</w:t></w:r>'))
    signature = d.add_paragraph("甲方（盖章）：北京青云科技股份有限公司")
    signature.runs[0].add_break()
    signature.add_run("乙方（盖章）：上海远航信息技术有限公司")
    page = d.add_paragraph("本附表共 ")
    add_field(page, "NUMPAGES", "1")
    page.add_run(" 页，为订购单不可分割的一部分。")
    d.save(out)


def to_pdf(docx_files, outdir, profile):
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(outdir)] + [str(f) for f in docx_files], check=True, stdout=subprocess.DEVNULL)


def write_scan(outdir, profile):
    """A page that is only an image: text drawn into a PNG, placed in a document, printed."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        d = docx.Document()
        png = tmp / "page.png"
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(HERE / "agreement.pdf"), str(tmp / "page")],
                       check=True)
        d.add_picture(str(png), width=Pt(420))
        d.save(tmp / "scan.docx")
        to_pdf([tmp / "scan.docx"], outdir, profile)


def write_bombs(outdir):
    """Zip bombs dressed as .docx: one declares its 80 MiB document part honestly, the other
    declares 1,000 bytes (central directory and local header forged) and inflates past it."""
    import struct
    with zipfile.ZipFile(outdir / "bomb.docx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b" " * (80 << 20) + b"/>")
    honest = outdir / "bomb-forged.docx"
    with zipfile.ZipFile(honest, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("word/document.xml", b"<w:document>" + b" " * (2 << 20) + b"</w:document>")
    data = bytearray(honest.read_bytes())
    size = len(b"<w:document>" + b" " * (2 << 20) + b"</w:document>")
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        assert struct.unpack_from("<I", data, at + offset)[0] == size
        struct.pack_into("<I", data, at + offset, 1000)
    honest.write_bytes(bytes(data))


def main():
    corpus = [("agreement", ROOT / "corpus/agreement/partner-framework.md")]
    corpus += [(p.stem, p) for p in sorted((ROOT / "corpus/samples").glob("*.md")) if p.name != "README.md"]
    made = []
    for name, source in corpus:
        out = HERE / f"{name}.docx"
        write_markdown_as_docx(source.read_text(encoding="utf-8"), out)
        made.append(out)
    write_schedule(HERE / "schedule.docx")
    made.append(HERE / "schedule.docx")
    with tempfile.TemporaryDirectory() as profile:
        to_pdf(made, HERE, profile)
        write_scan(HERE, profile)
    write_bombs(HERE)
    subprocess.run(["qpdf", "--encrypt", "user-secret", "owner-secret", "256", "--", str(HERE / "agreement.pdf"),
                    str(HERE / "locked.pdf")], check=True)
    print("wrote", ", ".join(p.name for p in sorted(HERE.glob("*.docx")) + sorted(HERE.glob("*.pdf"))), file=sys.stderr)


if __name__ == "__main__":
    main()
