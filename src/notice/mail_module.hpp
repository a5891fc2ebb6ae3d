// The mail module (lexgit-mail.so, see src/modules): GMime parses address
// lists and writes the message — RFC 2047 headers, Chinese display names,
// base64 bodies — the way mail readers expect, which is easy to get subtly
// wrong by hand. What the message says is lexgit's (mail.cpp).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace lexgit::notice {

struct Mailbox {
  std::string name;     // the display name, or empty
  std::string address;  // as written, e.g. channel@example.com
};

struct MailContent {
  std::vector<Mailbox> from, to;
  std::string subject;  // UTF-8
  long long date = 0;   // seconds since the epoch
  int utc_offset_minutes = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // added after the standard ones
  std::string plain, html;                                    // the two alternatives, UTF-8
};

struct MailModule {
  static constexpr int kVersion = 1;
  int version = kVersion;
  // The entries of an address list, in order. false when it has none, or when
  // an entry is a group or something else than a mailbox.
  bool (*mailboxes)(const std::string& list, std::vector<Mailbox>& out);
  // The message, CRLF line ends, with a Message-ID in the first sender's
  // domain (returned without angle brackets). false when GMime cannot write it.
  bool (*compose)(const MailContent& content, std::string& message_id, std::string& eml);
};

}  // namespace lexgit::notice
