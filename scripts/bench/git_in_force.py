#!/usr/bin/env python3
"""The documents in force on a date, computed with git's own tools only.

Answers what `lexgit ls --at DATE` answers, the way one would without lexgit:
`git rev-list --first-parent` for the history, `git diff-tree --stdin` for the
Markdown files each commit changed, `git cat-file --batch` for the blobs'
front matter, then for every document the latest version effective on or
before the date (drafts left out; a withdrawn version, or a document no longer
in the tree, has none).

Usage: git_in_force.py REPO DATE [--rev REV]
Prints a JSON array of {"id", "commit"}, sorted by id.
"""
import argparse
import json
import subprocess
import threading

ZERO = "0" * 40


def front_matter(data):
    """id, published, effective and status of a blob, or None when it is not a document."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.startswith(b"---\n"):
        return None
    end = data.find(b"\n---", 3)
    if end < 0:
        return None
    fields = {}
    for line in data[4:end].decode("utf-8", "replace").split("\n"):
        if ":" not in line or line.startswith((" ", "#")):
            continue
        key, value = line.split(":", 1)
        value = value.split(" #", 1)[0].strip().strip("'\"")
        fields[key.strip()] = value
    if not fields.get("id"):
        return None
    published = fields.get("published", "")
    return (fields["id"], fields.get("effective") or published, published, fields.get("status") or "in-force")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("repo")
    ap.add_argument("date")
    ap.add_argument("--rev", default="HEAD")
    args = ap.parse_args()
    git = ["git", "-C", args.repo]

    # The first-parent history, oldest first, each commit with its first parent.
    commits = subprocess.run(git + ["rev-list", "--first-parent", "--parents", args.rev], check=True,
                             capture_output=True, text=True).stdout.split("\n")
    pairs = [line.split()[:2] for line in reversed(commits) if line]
    feed = "".join(" ".join(p) + "\n" for p in pairs)

    # What each commit changed among the *.md files.
    raw = subprocess.run(git + ["diff-tree", "--stdin", "-r", "--root", "--no-renames"], input=feed, check=True, capture_output=True, text=True).stdout
    changes = []  # (sequence, commit, path, old blob, new blob)
    sequence = {p[0]: i for i, p in enumerate(pairs)}
    current = None
    for line in raw.split("\n"):
        if not line:
            continue
        if line[0] != ":":
            current = line.split()[0]
            continue
        meta, path = line.split("\t", 1)
        _, _, old, new, _ = meta.split()
        if path.endswith(".md") and len(path) > 3:
            changes.append((sequence[current], current, path, "" if old == ZERO else old, "" if new == ZERO else new))

    # Front matter of every blob involved.
    blobs = sorted({b for c in changes for b in c[3:5] if b})
    cat = subprocess.Popen(git + ["cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def request():
        cat.stdin.write("".join(b + "\n" for b in blobs).encode())
        cat.stdin.close()
    threading.Thread(target=request, daemon=True).start()
    meta = {}
    for blob in blobs:
        header = cat.stdout.readline().split()
        size = int(header[2])
        data = cat.stdout.read(size + 1)
        meta[blob] = front_matter(data[:size])
    cat.wait()

    # Every document's revisions, in commit order, as lexgit records them.
    revisions = {}
    by_commit = {}
    for c in changes:
        by_commit.setdefault(c[0], []).append(c)
    for seq in sorted(by_commit):
        added, removed = [], []
        for _, commit, path, old, new in by_commit[seq]:
            now = meta.get(new) if new else None
            was = meta.get(old) if old else None
            if now:
                added.append((now[0], seq, commit, now, False))
            if was and (not now or now[0] != was[0]):
                removed.append((was[0], seq, commit, was, True))
        moved = {a[0] for a in added}
        for r in removed:
            if r[0] not in moved:
                revisions.setdefault(r[0], []).append(r)
        for a in added:
            revisions.setdefault(a[0], []).append(a)

    # The version in force: latest (effective, published, commit order) on or before the date.
    result = []
    for doc, revs in revisions.items():
        if max(revs, key=lambda r: r[1])[4]:
            continue  # removed from the tree
        best = None
        for r in revs:
            _, seq, commit, (_, effective, published, status), removed = r
            if removed or status == "draft" or effective > args.date:
                continue
            if best is None or (effective, published, seq) > (best[3][1], best[3][2], best[1]):
                best = r
        if best and best[3][3] != "withdrawn":
            result.append({"id": doc, "commit": best[2]})
    result.sort(key=lambda r: r["id"])
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
