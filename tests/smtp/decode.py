#!/usr/bin/env python3
"""Decodes the messages tests/smtp/sink.py received, for lexgit's tests.

Usage: decode.py DIR  → a JSON list, one object per message in the order
received: the envelope ("envelope_from", "envelope_to"), the headers decoded
("to_name", "to_addr", "subject", "date", "message_id", "x_from_commit",
"x_to_commit") and the decoded text and HTML parts ("text", "html"), with the
parser's defect count.
"""
import email
import email.policy
import glob
import json
import os
import sys


def decoded(path):
    with open(path, "rb") as f:
        m = email.message_from_bytes(f.read(), policy=email.policy.default)
    with open(path[:-4] + ".json", encoding="utf-8") as f:
        envelope = json.load(f)
    to = m["To"].addresses[0]
    return {
        "envelope_from": envelope["from"], "envelope_to": envelope["to"],
        "to_name": to.display_name, "to_addr": to.addr_spec,
        "subject": str(m["Subject"]), "date": str(m["Date"]), "message_id": str(m["Message-ID"]),
        "x_from_commit": m["X-Lexgit-From-Commit"], "x_to_commit": m["X-Lexgit-To-Commit"],
        "text": m.get_body(("plain",)).get_content(), "html": m.get_body(("html",)).get_content(),
        "defects": len(m.defects),
    }


print(json.dumps([decoded(p) for p in sorted(glob.glob(os.path.join(sys.argv[1], "messages", "*.eml")))], ensure_ascii=False))
