"""Reading the Markdown of the LawRefBook/Laws collection (stdlib only).

Shared by scripts/laws/collect and scripts/laws/draft-alignment.  This is
test tooling: it is deliberately independent of lexgit's own parser, so the
test set does not inherit lexgit's mistakes.

A LawRefBook file looks like

    # 中华人民共和国公司法
    <blank-separated metadata lines: dates of adoption and amendment>
    <!-- INFO END -->
    ## 第一章 总 则
    ### 第一节 设 立
    第一条 为了……
    <further paragraphs of the article, one per line>

with blank lines between paragraphs.
"""

import re

DIGITS = {'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
          '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
UNITS = {'十': 10, '百': 100, '千': 1000}
NUM = '[〇零一二三四五六七八九十百千两]+'

# After 第N条 comes a space: ASCII, full-width or another Unicode space
# (the collection has U+2002 in places).
ARTICLE_RE = re.compile(r'^第(%s)条(?:之(%s))?(?:\s+|$)' % (NUM, NUM))
GROUP_RE = re.compile(r'^第(%s)(编|分编|章|节)\s*(.*)$' % NUM)
INFO_END = '<!-- INFO END -->'


def cn2int(s):
    """Chinese numeral (第…条 style, up to 9999) to int."""
    total, cur = 0, 0
    for ch in s:
        if ch in DIGITS:
            cur = DIGITS[ch]
        elif ch in UNITS:
            total += (cur or 1) * UNITS[ch]
            cur = 0
        else:
            raise ValueError(s)
    return total + cur


def article_id(line):
    """'第十七条之一 …' -> ('17-1', rest of line); None if not an article."""
    m = ARTICLE_RE.match(line)
    if not m:
        return None
    aid = str(cn2int(m.group(1)))
    if m.group(2):
        aid += '-' + str(cn2int(m.group(2)))
    return aid, line[m.end():]


def squeeze(title):
    """Heading title without the spaces the source puts inside it."""
    return re.sub(r'\s+', '', title)


class Law:
    """title, meta (list of lines), items: a list of
    ('heading', level, text) and ('para', text) in document order,
    and articles: ordered list of (id, [paragraphs]) where the first
    paragraph is the whole first line including '第N条'."""

    def __init__(self):
        self.title = None
        self.meta = []
        self.items = []

    @property
    def articles(self):
        out = []
        cur = None
        for it in self.items:
            if it[0] == 'heading':
                cur = None
                continue
            a = article_id(it[1])
            if a:
                cur = (a[0], [it[1]])
                out.append(cur)
            elif cur is not None:
                cur[1].append(it[1])
        return out


# Zero-width characters the collection leaves on otherwise empty lines
# (company-law-2023 has 42 lines holding only U+200B).
INVISIBLE = '\u200b\u200c\u200d\u2060\ufeff'


def clean(line):
    """A line without surrounding whitespace; '' if it holds only spaces and
    zero-width characters."""
    l = line.strip()
    return '' if not l.strip(INVISIBLE + ' \t\u3000') else l


def strip_comments(text):
    return re.sub(r'<!--.*?-->', '', text, flags=re.S)


def parse(text):
    """Parse one LawRefBook Markdown file."""
    law = Law()
    if INFO_END in text:
        head, body = text.split(INFO_END, 1)
    else:
        head, body = '', text
    lines = [clean(l) for l in head.splitlines()]
    if head:
        for l in lines:
            if not l:
                continue
            if l.startswith('#') and law.title is None:
                law.title = l.lstrip('#').strip()
            elif l.startswith('#'):
                law.items.append(('heading', len(l) - len(l.lstrip('#')),
                                  l.lstrip('#').strip()))
            else:
                law.meta.append(l)
    for raw in strip_comments(body).splitlines():
        l = clean(raw)
        if not l:
            continue
        if l.startswith('#'):
            level = len(l) - len(l.lstrip('#'))
            t = l.lstrip('#').strip()
            if law.title is None and level == 1:
                law.title = t
            elif t:                       # '##' alone (民法典 附则) is dropped
                law.items.append(('heading', level, t))
            continue
        law.items.append(('para', l))
    return law
