#!/usr/bin/python3
"""A local SMTP server for lexgit's delivery tests (Debian's python3-aiosmtpd).

Usage: sink.py DIR [--tls CERT KEY] [--auth USER:PASSWORD]

Listens on 127.0.0.1 on a free port and writes the port to DIR/port once it
accepts connections. Each message received is written to DIR/messages/NNNN.eml
(the raw data) with NNNN.json (the envelope: {"from", "to"}). A recipient
listed in DIR/reject (one address a line, read at every RCPT) is refused with
550, so that a test can make deliveries fail and then succeed. --tls requires
STARTTLS before MAIL; --auth requires AUTH with that user and password.
Stops at EOF on stdin or on SIGTERM/SIGINT.
"""
import argparse
import json
import os
import signal
import socket
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.messages = os.path.join(directory, "messages")
        os.makedirs(self.messages, exist_ok=True)
        self.count = 0

    def rejected(self):
        path = os.path.join(self.directory, "reject")
        if not os.path.exists(path):
            return set()
        with open(path, encoding="utf-8") as f:
            return {line.strip().lower() for line in f if line.strip()}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.rejected():
            return "550 5.1.1 <%s>: Recipient address rejected: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        stem = os.path.join(self.messages, "%04d" % self.count)
        with open(stem + ".eml", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        with open(stem + ".json", "w", encoding="utf-8") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos}, f)
        return "250 2.0.0 Message accepted for delivery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--auth", metavar="USER:PASSWORD")
    args = parser.parse_args()

    options = {}
    if args.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*args.tls)
        options.update(tls_context=context, require_starttls=True)
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login.decode() == user and auth_data.password.decode() == password
            return AuthResult(success=ok)

        options.update(authenticator=authenticator, auth_required=True, auth_require_tls=bool(args.tls))

    controller = Controller(Sink(args.directory), hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    port_file = os.path.join(args.directory, "port")
    with open(port_file + ".tmp", "w") as f:
        f.write(str(controller.port))
    os.replace(port_file + ".tmp", port_file)

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
