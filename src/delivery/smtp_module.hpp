// The SMTP module (lexgit-smtp.so, see src/modules): one message to one
// recipient through libcurl, which speaks ESMTP with STARTTLS and AUTH,
// dot-stuffs the message and checks certificates.
#pragma once

#include <optional>
#include <string>

namespace lexgit::delivery {

struct SmtpJob {
  std::string host;
  int port = 25;
  bool starttls = true;
  bool verify = true;  // the server's certificate
  std::optional<std::string> user, password;
  std::string from, to;  // bare addresses
  std::string message;   // RFC 5322, CRLF line ends
};

struct SmtpOutcome {
  bool accepted = false;
  std::string reply;          // the server's last reply on the message, e.g. "250 2.0.0 Ok: queued"
  std::string error;          // why not, when not accepted
  bool broken = false;        // libcurl itself failed (no handle, an option refused): lexgit's fault
};

struct SmtpModule {
  static constexpr int kVersion = 1;
  int version = kVersion;
  SmtpOutcome (*send)(const SmtpJob& job);
};

}  // namespace lexgit::delivery
