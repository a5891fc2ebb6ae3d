#!/usr/bin/env python3
"""Generates a synthetic lexgit document repository with a long history.

The repository holds N contract documents (Chinese text, lexgit front matter)
laid out by kind in subdirectories, added in a few large commits, then revised
by M commits of 1-3 documents each: clauses edited, added and removed, dates
moved on, and now and then a back-filled revision (its effective date earlier
than the document's previous revision, recorded later), a draft or a
withdrawal. The history is written as one `git fast-import` stream, so a
repository with tens of thousands of commits takes seconds. The output is
deterministic for a given seed.

Usage: gen_history.py OUT [--docs N] [--commits M] [--seed S]

Besides the repository, OUT/.git/lexgit-bench.json records the parameters, the
number of revisions of each document and a date in the middle of the history.
"""
import argparse
import datetime as dt
import json
import os
import random
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

KINDS = [  # kind, share of the documents, numbering style weights (article, heading, 一、)
    ("normative", 0.40, (5, 3, 2)),
    ("annex", 0.18, (2, 2, 6)),
    ("transaction", 0.25, (1, 4, 5)),
    ("correspondence", 0.10, (1, 0, 9)),
    ("agreement", 0.04, (2, 8, 0)),
    ("end-user-terms", 0.03, (3, 7, 0)),
]
TITLES = {
    "normative": ["合作伙伴返利政策", "技术认证规则", "渠道价格管理规范", "市场推广管理办法", "合作伙伴分级管理规则",
                  "售后服务规范", "数据安全管理规范", "订单管理规则", "保证金管理办法", "违规处理细则"],
    "annex": ["市场发展基金附件", "服务等级附件", "产品清单附件", "价格附件", "技术支持附件", "培训附件"],
    "transaction": ["产品采购订单", "服务采购合同", "年度框架订单", "补充协议", "续费订单", "项目实施合同"],
    "correspondence": ["合作伙伴来函", "书面通知", "确认函", "催告函", "答复函"],
    "agreement": ["合作伙伴框架协议", "分销协议", "代理协议", "战略合作协议"],
    "end-user-terms": ["最终用户条款", "云服务用户协议", "服务条款"],
}
PARTIES = ["青云", "青云科技", "合作伙伴", "贵公司", "最终用户", "甲方", "乙方", "分销商"]
CITIES = ["北京", "上海", "深圳", "广州", "成都", "杭州", "武汉", "南京", "西安", "天津"]
HEADINGS = ["定义", "适用范围", "服务内容", "费用与支付", "返利", "保密", "知识产权", "违约责任", "不可抗力",
            "争议解决", "协议的终止", "通知", "数据保护", "技术认证", "市场推广", "价格管理", "订单与交付",
            "验收", "质量保证", "售后服务", "保证金", "审计", "转让", "合规", "附则", "其他"]
TEMPLATES = [
    "{p1}应当在{period}内向{p2}发出书面通知。",
    "{p1}在一个自然季度内完成的青云产品和服务销售额，按{rate}%的比例计算返利。",
    "{p1}违反本条约定的，应当向{p2}支付违约金{amount}。",
    "{p1}对{p2}承担的赔偿责任总额不超过{amount}。",
    "青云应当在每个自然季度结束后{period}内完成核算，并向{p2}发出结算单。",
    "{p1}对结算单有异议的，应当在收到结算单后{period}内书面提出。",
    "本协议有效期为{years}年，期满前{period}任何一方未书面提出异议的，自动续期{years}年。",
    "{p1}应当至少配备{count}名认证工程师，并在人员变动后{period}内书面通知{p2}。",
    "{p1}应当在{city}设立服务网点，并保证在{period}内响应{p2}的服务请求。",
    "{p1}应当自订单确认之日起{period}内支付全部价款，逾期每日按未付金额的{permille}‰支付滞纳金。",
    "保证金为{amount}，{p1}应当在本协议签署后{period}内足额缴纳。",
    "任何一方需要提前终止服务的，应当提前{period}向对方发出书面通知。",
    "{p1}应当对在合作中知悉的{p2}商业秘密承担保密义务，保密期限为协议终止后{years}年。",
    "因不可抗力不能履行本协议的，受影响的一方应当在{period}内通知{p2}，并提供相应证明。",
    "双方因本协议发生争议的，应当协商解决；协商不成的，提交{city}仲裁委员会仲裁。",
    "{p1}的月度可用性不低于{sla}%，低于该标准的，按服务费的{rate}%予以补偿。",
]
CN_DIGITS = "零一二三四五六七八九"


def cn_number(n):
    """1-99 as Chinese numerals (十一, 二十, 二十三)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def corpus_sentences():
    """Sentences of the bundled corpus, without their numbering marks."""
    files = [os.path.join(ROOT, "corpus", "agreement", "partner-framework.md")]
    samples = os.path.join(ROOT, "corpus", "samples")
    if os.path.isdir(samples):
        files += [os.path.join(samples, f) for f in sorted(os.listdir(samples)) if f.endswith(".md") and f != "README.md"]
    out = []
    skip = re.compile(r"http|【|盖章|签字|第[一二三四五六七八九十百零〇0-9]+[部分条款项章节编]|[0-9]+[)）]|[①-⑳]|[（(][一二三四五六七八九十0-9]+[）)]")
    mark = re.compile(r"^(第[一二三四五六七八九十百]+[条款项章节]\s*|[一二三四五六七八九十]+[、．.]\s*|[（(][一二三四五六七八九十0-9]+[）)]|"
                      r"[0-9]+[.、)]\s*|[①-⑳]|[-*]\s+|[A-Za-z][.]\s*)")
    for f in files:
        try:
            text = open(f, encoding="utf-8").read()
        except OSError:
            continue
        if text.startswith("---\n"):
            text = text[text.find("\n---", 3) + 4:]
        for line in text.splitlines():
            line = line.strip()
            if not line or line.startswith(("#", "<!--", "|")):
                continue
            while True:
                bare = mark.sub("", line, count=1).strip()
                if bare == line:
                    break
                line = bare
            for s in re.findall(r"[^。；]+[。；]?", line):
                s = s.strip()
                # Leave out what would read as structure: references to parts and
                # articles, numbering marks, lead-ins and signature blocks.
                if (12 <= len(s) <= 160 and not skip.search(s) and not mark.match(s)
                        and not s.rstrip("。；").endswith(("：", ":"))):
                    out.append(s if s[-1] in "。；" else s + "。")
    return out


class Text:
    """Builds clauses from the corpus's sentences and contract templates, with varied numbers."""

    def __init__(self, rng):
        self.rng = rng
        self.sentences = corpus_sentences() or [t for t in TEMPLATES]
        self.cn_unit = re.compile(r"[一二三四五六七八九十两]+(个工作日|个月|日|天|年|名)")
        self.digits = re.compile(r"\d+(?:\.\d+)?")

    def period(self):
        r = self.rng
        return r.choice([f"{cn_number(r.choice([3, 5, 7, 10, 15, 20, 30, 45, 60, 90]))}日",
                         f"{cn_number(r.choice([3, 5, 10, 15, 20]))}个工作日",
                         f"{cn_number(r.choice([1, 2, 3, 6]))}个月",
                         f"{r.choice([7, 14, 30, 60, 90, 180])} 天"])

    def vary(self, s):
        r = self.rng

        def cn(m):
            unit = m.group(1)
            n = r.choice([1, 2, 3, 5, 6, 10, 15, 20, 30, 45, 60, 90]) if unit in ("日", "天") else r.randint(1, 12)
            return cn_number(n) + unit
        s = self.cn_unit.sub(cn, s)
        return self.digits.sub(lambda m: str(max(1, int(float(m.group()) * r.uniform(0.5, 2.0)))), s)

    def template(self):
        r = self.rng
        p1, p2 = r.sample(PARTIES, 2)
        return r.choice(TEMPLATES).format(
            p1=p1, p2=p2, period=self.period(), rate=r.choice([1, 2, 3, 5, 8, 10]), permille=r.choice([0.5, 1, 3]),
            amount=r.choice([f"{r.randint(1, 100)} 万人民币", f"人民币{r.randint(1, 500) * 1000}元",
                             f"{cn_number(r.randint(1, 99))}万元"]),
            years=cn_number(r.randint(1, 5)), count=cn_number(r.randint(1, 9)), city=r.choice(CITIES),
            sla=r.choice(["99.9", "99.95", "99.5"]))

    def sentence(self):
        if self.rng.random() < 0.35:
            return self.template()
        return self.vary(self.rng.choice(self.sentences))

    def clause(self):
        return "".join(self.sentence() for _ in range(self.rng.choice([1, 1, 2, 2, 3])))


class Doc:
    def __init__(self, n, kind, path, rng, text, date):
        self.n, self.kind, self.path = n, kind, path
        self.id = f"{kind}-{n:04d}"
        city = rng.choice(CITIES)
        self.title = f"{city}{rng.choice(TITLES[kind])}（{n:04d}号）"
        self.doc_class = self.id if rng.random() < 0.8 else f"{kind}-class-{n // 7:03d}"
        self.medium = "paper" if rng.random() < 0.15 else "online"
        self.channel = rng.choice(["website", "email", "system", "signed"])
        styles = dict(zip(("article", "heading", "list"), next(w for k, _, w in KINDS if k == kind)))
        self.style = rng.choices(list(styles), weights=list(styles.values()))[0]
        self.clauses = [[rng.choice(HEADINGS), text.clause()] for _ in range(rng.randint(5, 30))]
        self.published = date
        self.effective = date + dt.timedelta(days=rng.choice([0, 0, 0, 7, 15, 30]))
        self.status = "in-force"
        self.revisions = 1

    def render(self, published, effective, status):
        lines = ["---", f"id: {self.id}", f"title: {self.title}", f"kind: {self.kind}", f"class: {self.doc_class}",
                 f"medium: {self.medium}", f"channel: {self.channel}", f"published: {published.isoformat()}",
                 f"effective: {effective.isoformat()}", f"status: {status}", "---", "", f"# {self.title}", ""]
        for i, (heading, body) in enumerate(self.clauses, 1):
            if self.style == "article":
                lines += [f"第{cn_number(i)}条 {body}", ""]
            elif self.style == "heading":
                lines += [f"## 第{cn_number(i)}条 {heading}", "", body, ""]
            else:
                lines += [f"{cn_number(i)}、{body}", ""]
        return "\n".join(lines).encode("utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--commits", type=int, default=20000, help="revising commits, after the ones adding documents")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if args.docs > 9999 or args.docs < 1:
        sys.exit("--docs must be between 1 and 9999")
    rng = random.Random(args.seed)
    text = Text(rng)

    if os.path.exists(os.path.join(args.out, ".git")):
        sys.exit(f"{args.out} already holds a repository")
    os.makedirs(args.out, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", args.out], check=True)

    # Documents, laid out by kind in subdirectories of 20-60 files.
    kinds = rng.choices([k for k, _, _ in KINDS], weights=[s for _, s, _ in KINDS], k=args.docs)
    start = dt.datetime(2015, 11, 2, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    docs = []
    per_kind = {}
    for n, kind in enumerate(kinds, 1):
        per_kind.setdefault(kind, []).append(n)
    for kind, numbers in per_kind.items():
        i = 0
        sub = 0
        while i < len(numbers):
            size = rng.randint(20, 60)
            name = chr(ord("a") + sub // 26) + chr(ord("a") + sub % 26)
            for n in numbers[i:i + size]:
                docs.append(Doc(n, kind, f"{kind}/{name}/{kind}-{n:04d}.md", rng, text, start.date()))
            i += size
            sub += 1
    docs.sort(key=lambda d: d.n)
    # How often each document is revised: a few very often, most now and then.
    ranks = list(range(len(docs)))
    rng.shuffle(ranks)
    weights = [1.0 / (r + 5) for r in ranks]

    authors = ["张伟 <zhangwei@example.com>", "李娜 <lina@example.com>", "王芳 <wangfang@example.com>",
               "刘洋 <liuyang@example.com>", "陈静 <chenjing@example.com>"]
    proc = subprocess.Popen(["git", "-C", args.out, "fast-import", "--quiet", "--done"], stdin=subprocess.PIPE,
                            bufsize=1 << 20)
    out = proc.stdin
    when = start
    mark = 0

    def commit(message, files):
        nonlocal mark, when
        mark += 1
        who = rng.choice(authors)
        stamp = f"{int(when.timestamp())} +0800"
        msg = message.encode("utf-8")
        out.write(f"commit refs/heads/main\nmark :{mark}\nauthor {who} {stamp}\ncommitter {who} {stamp}\n".encode("utf-8"))
        out.write(b"data %d\n%s\n" % (len(msg), msg))
        for path, data in files:
            out.write(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode("utf-8"), len(data), data))
        out.write(b"\n")

    config = (b"# lexgit configuration for this document repository.\n")
    batch = 250
    for i in range(0, len(docs), batch):
        chunk = docs[i:i + batch]
        files = [(".lexgit.yaml", config)] if i == 0 else []
        files += [(d.path, d.render(d.published, d.effective, d.status)) for d in chunk]
        commit(f"导入文档 {chunk[0].id} 至 {chunk[-1].id}（{len(chunk)} 份）", files)
        when += dt.timedelta(minutes=rng.randint(5, 60))

    when = dt.datetime(2016, 1, 4, 9, 0, tzinfo=start.tzinfo)
    counts = {"backfill": 0, "draft": 0, "withdrawn": 0}
    dates = []
    for c in range(args.commits):
        when += dt.timedelta(seconds=rng.randint(3600, 25200))
        today = when.date()
        dates.append(today)
        k = rng.choices([1, 2, 3], weights=[6, 3, 1])[0]
        chosen = set()
        while len(chosen) < min(k, len(docs)):
            chosen.add(rng.choices(range(len(docs)), weights=weights)[0])
        files = []
        notes = []
        for index in sorted(chosen):
            d = docs[index]
            # Edit the text: every revision changes at least one clause.
            op = rng.random()
            if op < 0.12 and len(d.clauses) < 30:
                d.clauses.insert(rng.randint(0, len(d.clauses)), [rng.choice(HEADINGS), text.clause()])
                notes.append(f"{d.id} 增加一条")
            elif op < 0.22 and len(d.clauses) > 5:
                del d.clauses[rng.randrange(len(d.clauses))]
                notes.append(f"{d.id} 删除一条")
            else:
                i = rng.randrange(len(d.clauses))
                body = d.clauses[i][1]
                varied = text.vary(body) if op < 0.5 else body
                d.clauses[i][1] = varied if varied != body else text.clause()
                notes.append(f"{d.id} 修订第{cn_number(i + 1)}条")
            kind = rng.random()
            if kind < 0.04:  # back-filled: an earlier version recorded now
                effective = d.effective - dt.timedelta(days=rng.randint(20, 600))
                published = effective - dt.timedelta(days=rng.randint(0, 20))
                status = "in-force"
                counts["backfill"] += 1
            elif kind < 0.06:  # a draft of a coming version
                published = today
                effective = today + dt.timedelta(days=rng.randint(30, 120))
                status = "draft"
                counts["draft"] += 1
            else:
                published = max(today, d.published)
                effective = published + dt.timedelta(days=rng.choice([0, 0, 0, 7, 15, 30, 60]))
                status = "withdrawn" if kind < 0.065 else "in-force"
                counts["withdrawn"] += status == "withdrawn"
                d.published, d.effective, d.status = published, effective, status
            files.append((d.path, d.render(published, effective, status)))
            d.revisions += 1
        commit("修订：" + "；".join(notes), files)

    out.write(b"done\n")
    out.close()
    if proc.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(["git", "-C", args.out, "checkout", "-q", "-f", "main"], check=True)
    meta = {
        "docs": args.docs, "commits": args.commits, "seed": args.seed,
        "total_commits": mark,
        "middle_date": (dates[len(dates) * 3 // 4] if dates else start.date()).isoformat(),
        "events": counts,
        "revisions": {d.id: d.revisions for d in docs},
        "paths": {d.id: d.path for d in docs},
    }
    with open(os.path.join(args.out, ".git", "lexgit-bench.json"), "w") as f:
        json.dump(meta, f)
    print(f"{args.out}: {len(docs)} documents, {mark} commits "
          f"({counts['backfill']} back-filled, {counts['draft']} draft, {counts['withdrawn']} withdrawn revisions)")


if __name__ == "__main__":
    main()
