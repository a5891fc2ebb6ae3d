// The SMTP module: one message through libcurl. Built as lexgit-smtp.so (see
// src/modules). One connection per message keeps a failure to one partner.
#include <algorithm>
#include <memory>
#include <mutex>
#include <stdexcept>

#include <curl/curl.h>

#include "delivery/smtp_module.hpp"
#include "modules/modules.hpp"

namespace lexgit::delivery {
namespace {

// ---- RAII over libcurl's handles ----

struct EasyCleanup {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
using Easy = std::unique_ptr<CURL, EasyCleanup>;

struct SlistFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using Slist = std::unique_ptr<curl_slist, SlistFree>;

// curl_global_init once per process, before the first handle (it is not thread-safe).
void ensure_initialised() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl could not be initialised");
  });
}

struct Upload {
  std::string_view data;
  std::size_t offset = 0;
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
  upload->data.copy(buffer, n, upload->offset);
  upload->offset += n;
  return n;
}

// The server's replies arrive as CURLINFO_HEADER_IN lines; the last complete
// reply (its last line: "250 OK", not a continuation "250-…") is the one that
// decided the message's fate — except the 221 that answers the QUIT libcurl
// sends after a refusal.
int watch_replies(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  if (type != CURLINFO_HEADER_IN) return 0;
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  bool complete = line.size() >= 3 && (line.size() == 3 || line[3] == ' ');
  if (complete && !line.starts_with("221")) *static_cast<std::string*>(user) = line;
  return 0;
}

template <typename T>
void set(CURL* curl, CURLoption option, T value) {
  if (curl_easy_setopt(curl, option, value) != CURLE_OK) throw std::runtime_error("libcurl refused an SMTP option");
}

SmtpOutcome perform(const SmtpJob& job) {
  ensure_initialised();
  Easy curl(curl_easy_init());
  if (!curl) throw std::runtime_error("libcurl could not create a handle");
  std::string url = "smtp://" + job.host + ":" + std::to_string(job.port);
  std::string mail_from = "<" + job.from + ">";
  Slist recipients(curl_slist_append(nullptr, ("<" + job.to + ">").c_str()));
  Upload upload{job.message};
  std::string last_reply;
  char error[CURL_ERROR_SIZE] = "";
  CURL* c = curl.get();
  set(c, CURLOPT_URL, url.c_str());
  set(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  set(c, CURLOPT_MAIL_RCPT, recipients.get());
  set(c, CURLOPT_UPLOAD, 1L);
  set(c, CURLOPT_READFUNCTION, read_message);
  set(c, CURLOPT_READDATA, &upload);
  set(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(job.message.size()));
  set(c, CURLOPT_VERBOSE, 1L);  // the debug function sees the replies only in verbose mode
  set(c, CURLOPT_DEBUGFUNCTION, watch_replies);
  set(c, CURLOPT_DEBUGDATA, &last_reply);
  set(c, CURLOPT_ERRORBUFFER, error);
  set(c, CURLOPT_NOSIGNAL, 1L);
  set(c, CURLOPT_CONNECTTIMEOUT, 10L);  // a dead server must not hang the command
  set(c, CURLOPT_TIMEOUT, 60L);
  if (job.starttls) set(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!job.verify) {  // only when notice.smtp.verify: false says so
    set(c, CURLOPT_SSL_VERIFYPEER, 0L);
    set(c, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (job.user) set(c, CURLOPT_USERNAME, job.user->c_str());
  if (job.password) set(c, CURLOPT_PASSWORD, job.password->c_str());

  CURLcode rc = curl_easy_perform(c);
  SmtpOutcome out;
  out.reply = last_reply;
  out.accepted = rc == CURLE_OK;
  if (!out.accepted) out.error = *error ? error : curl_easy_strerror(rc);
  return out;
}

SmtpOutcome send(const SmtpJob& job) {
  try {
    return perform(job);
  } catch (const std::exception& e) {
    SmtpOutcome out;
    out.broken = true;
    out.error = e.what();
    return out;
  }
}

const SmtpModule table{SmtpModule::kVersion, send};

}  // namespace
}  // namespace lexgit::delivery

LEXGIT_MODULE(smtp, lexgit::delivery::table)
