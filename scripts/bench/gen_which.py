#!/usr/bin/env python3
"""Generates a large lexgit document repository for the `which` benchmark.

N documents of Chinese contract text (the clauses of gen_history.py: sentences
of the bundled corpus and contract templates with varied numbers), 30-45
clauses each, added in a few commits through `git fast-import`, with a
.lexgit.yaml naming the framework agreement, and a list of questions a partner
would ask. Deterministic for a given seed.

Usage: gen_which.py OUT [--docs N] [--seed S] [--questions Q]

OUT/.git/lexgit-which-bench.json records the parameters, the number of
clauses, the questions and the path of a document to revise.
"""
import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_history as gh  # noqa: E402

TOPICS = ["书面通知", "违约金", "赔偿责任", "返利", "返利比例", "认证工程师", "保证金", "滞纳金", "保密期限", "商业秘密",
          "仲裁委员会", "服务网点", "可用性", "结算单", "有效期", "不可抗力", "服务请求", "全部价款", "销售额", "自动续期",
          "订单确认", "争议", "补偿", "终止服务", "核算", "异议", "服务费", "知识产权", "商标", "最终用户"]
PATTERNS = ["{t}是多少", "{t}的期限是多久？", "{p}的{t}如何约定", "{c}的{t}是什么", "{t}需要提前多久通知？",
            "{p}对{t}有什么义务", "关于{t}的规定是什么？", "{t}的比例是多少", "{p}{t}怎么计算"]


def questions(rng, n):
    out = []
    seen = set()
    while len(out) < n:
        q = rng.choice(PATTERNS).format(t=rng.choice(TOPICS), p=rng.choice(gh.PARTIES), c=rng.choice(gh.CITIES))
        if q not in seen:
            seen.add(q)
            out.append(q)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--docs", type=int, default=3200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--questions", type=int, default=200)
    args = ap.parse_args()
    if not 1 <= args.docs <= 9999:
        sys.exit("--docs must be between 1 and 9999")
    rng = random.Random(args.seed)
    text = gh.Text(rng)
    if os.path.exists(os.path.join(args.out, ".git")):
        sys.exit(f"{args.out} already holds a repository")
    os.makedirs(args.out, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", args.out], check=True)

    start = dt.date(2024, 1, 2)
    kinds = rng.choices([k for k, _, _ in gh.KINDS], weights=[s for _, s, _ in gh.KINDS], k=args.docs)
    kinds[0] = "agreement"
    docs = []
    for n, kind in enumerate(kinds, 1):
        published = start + dt.timedelta(days=rng.randint(0, 600))
        d = gh.Doc(n, kind, f"{kind}/{(n - 1) // 50:03d}/{kind}-{n:04d}.md", rng, text, published)
        d.clauses = [[rng.choice(gh.HEADINGS), text.clause()] for _ in range(rng.randint(30, 45))]
        docs.append(d)

    proc = subprocess.Popen(["git", "-C", args.out, "fast-import", "--quiet", "--done"], stdin=subprocess.PIPE,
                            bufsize=1 << 20)
    out = proc.stdin
    when = dt.datetime(2025, 1, 6, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    config = (f"# lexgit configuration for this document repository.\n"
              f"precedence:\n  agreement: {docs[0].id}\n").encode("utf-8")
    batch = 500
    for mark, i in enumerate(range(0, len(docs), batch), 1):
        chunk = docs[i:i + batch]
        files = [(".lexgit.yaml", config)] if i == 0 else []
        files += [(d.path, d.render(d.published, d.effective, d.status)) for d in chunk]
        stamp = f"{int(when.timestamp())} +0800"
        msg = f"导入文档 {chunk[0].id} 至 {chunk[-1].id}（{len(chunk)} 份）".encode("utf-8")
        out.write(f"commit refs/heads/main\nmark :{mark}\nauthor 张伟 <zhangwei@example.com> {stamp}\n"
                  f"committer 张伟 <zhangwei@example.com> {stamp}\n".encode("utf-8"))
        out.write(b"data %d\n%s\n" % (len(msg), msg))
        if mark > 1:
            out.write(f"from :{mark - 1}\n".encode("utf-8"))
        for path, data in files:
            out.write(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode("utf-8"), len(data), data))
        out.write(b"\n")
        when += dt.timedelta(hours=1)
    out.write(b"done\n")
    out.close()
    if proc.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(["git", "-C", args.out, "checkout", "-q", "-f", "main"], check=True)
    clauses = sum(len(d.clauses) for d in docs)
    revised = docs[len(docs) // 2]
    meta = {"docs": len(docs), "clauses": clauses, "seed": args.seed, "questions": questions(rng, args.questions),
            "revise": revised.path}
    with open(os.path.join(args.out, ".git", "lexgit-which-bench.json"), "w") as f:
        json.dump(meta, f, ensure_ascii=False)
    print(f"{args.out}: {len(docs)} documents, {clauses} numbered clauses")


if __name__ == "__main__":
    main()
