#!/usr/bin/env python3
"""Writes a fuzz target's seed corpus into OUT from the files the repository
already has (corpus/, tests/data/), so that no seed is kept twice in git.

Usage: tests/fuzz/seeds.py TARGET OUT
Most targets read whole files; `diff` gets pairs of revisions joined by a
"====" line, `text` one seed per line of the documents with a selector byte,
`period` lengths and dates, as tests/fuzz/entries.cpp reads them.
"""
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCUMENTS = sorted([*ROOT.glob("corpus/samples/*.md"), *ROOT.glob("corpus/agreement/*.md")])
REVISIONS = sorted(p for p in (ROOT / "tests/data/revisions").iterdir() if p.is_dir())


def whole_files(paths):
    return [p.read_bytes() for p in paths]


def front_matters():
    out = []
    for doc in DOCUMENTS:
        text = doc.read_bytes()
        end = text.find(b"\n---\n", 4)
        out.append(text[: end + 5] if end > 0 else text)
    return out


def lines(paths, limit=400):
    seen = []
    for p in paths:
        for line in p.read_bytes().splitlines():
            line = line.strip()
            if 0 < len(line) < 300 and line not in seen:
                seen.append(line)
    return seen[:limit]


def text_layer():
    texts = lines(DOCUMENTS) + [b"\xe4\xb8\x89\xe5\x8d\x81\xe6\x97\xa5", "第十七条之一".encode(), "2026年1月31日".encode()]
    return [bytes([selector]) + t for t in texts for selector in range(6)]


def diff_pairs():
    out = []
    for r in REVISIONS:
        before, after = r / "before.txt", r / "after.txt"
        if before.exists() and after.exists():
            out.append(before.read_bytes() + b"\n====\n" + after.read_bytes())
    return out


def readme_yaml():
    """The YAML examples of README.md: the settings a user is shown."""
    out, block = [], None
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines(keepends=True):
        if block is None and line.startswith("```yaml"):
            block = []
        elif block is not None and line.startswith("```"):
            out.append("".join(block).encode())
            block = None
        elif block is not None:
            block.append(line)
    return out


def periods():
    lengths = ["一个月", "30日", "三个月", "十五个工作日", "两年", "一周", "六个月", "九十日", "三十个工作日", "一年"]
    dates = ["2026-01-31", "2025年12月31日", "2026-02-28", "2024-02-29"]
    return [l.encode() for l in lengths] + [f"{d}|{l}".encode() for d in dates for l in lengths]


SEEDS = {
    "document": lambda: whole_files(DOCUMENTS),
    "text_import": lambda: whole_files([*ROOT.glob("tests/data/*.txt"), *ROOT.glob("corpus/source/*.txt"), *DOCUMENTS]),
    "docx_import": lambda: whole_files(ROOT.glob("tests/data/office/*.docx")),
    "pdf_import": lambda: whole_files(ROOT.glob("tests/data/office/*.pdf")),
    "front_matter": front_matters,
    "text": text_layer,
    "diff": diff_pairs,
    "calendar": lambda: whole_files(ROOT.glob("corpus/calendar/*.yaml")),
    "config": readme_yaml,
    "period": periods,
}


def main():
    target, out = sys.argv[1], pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    for i, seed in enumerate(SEEDS[target]()):
        (out / f"seed-{i:04d}").write_bytes(seed)


if __name__ == "__main__":
    main()
