// SMTP through libcurl: it speaks ESMTP with STARTTLS and AUTH, dot-stuffs the
// message and checks certificates, which a hand-written client would have to
// get right by itself. One connection per message keeps a failure to one partner.
#include <algorithm>
#include <cstdlib>
#include <mutex>

#include <curl/curl.h>

#include "lexgit/delivery.hpp"

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
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw Error(ErrorCode::Internal, "libcurl could not be initialised");
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
  if (curl_easy_setopt(curl, option, value) != CURLE_OK) throw Error(ErrorCode::Internal, "libcurl refused an SMTP option");
}

class SmtpTransport : public Transport {
 public:
  SmtpTransport(notice::Smtp smtp, std::optional<std::string> password) : smtp_(std::move(smtp)), password_(std::move(password)) {}

  Reply send(const std::string& from, const std::string& to, const std::string& message) override {
    ensure_initialised();
    Easy curl(curl_easy_init());
    if (!curl) throw Error(ErrorCode::Internal, "libcurl could not create a handle");
    std::string url = "smtp://" + smtp_.host + ":" + std::to_string(smtp_.port);
    std::string mail_from = "<" + from + ">";
    Slist recipients(curl_slist_append(nullptr, ("<" + to + ">").c_str()));
    Upload upload{message};
    std::string last_reply;
    char error[CURL_ERROR_SIZE] = "";
    CURL* c = curl.get();
    set(c, CURLOPT_URL, url.c_str());
    set(c, CURLOPT_MAIL_FROM, mail_from.c_str());
    set(c, CURLOPT_MAIL_RCPT, recipients.get());
    set(c, CURLOPT_UPLOAD, 1L);
    set(c, CURLOPT_READFUNCTION, read_message);
    set(c, CURLOPT_READDATA, &upload);
    set(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    set(c, CURLOPT_VERBOSE, 1L);  // the debug function sees the replies only in verbose mode
    set(c, CURLOPT_DEBUGFUNCTION, watch_replies);
    set(c, CURLOPT_DEBUGDATA, &last_reply);
    set(c, CURLOPT_ERRORBUFFER, error);
    set(c, CURLOPT_NOSIGNAL, 1L);
    set(c, CURLOPT_CONNECTTIMEOUT, 10L);  // a dead server must not hang the command
    set(c, CURLOPT_TIMEOUT, 60L);
    if (smtp_.starttls) set(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    if (!smtp_.verify) {  // only when notice.smtp.verify: false says so
      set(c, CURLOPT_SSL_VERIFYPEER, 0L);
      set(c, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (smtp_.user) set(c, CURLOPT_USERNAME, smtp_.user->c_str());
    if (password_) set(c, CURLOPT_PASSWORD, password_->c_str());

    CURLcode rc = curl_easy_perform(c);
    Reply r;
    r.reply = last_reply;
    r.accepted = rc == CURLE_OK;
    if (!r.accepted) r.error = *error ? error : curl_easy_strerror(rc);
    return r;
  }

 private:
  notice::Smtp smtp_;
  std::optional<std::string> password_;
};

}  // namespace

std::unique_ptr<Transport> smtp_transport(const notice::Settings& settings) {
  if (!settings.smtp)
    throw Error(ErrorCode::BadInput, "notice.smtp: missing; --send needs the mail server (notice: {smtp: {host: …, port: 587}})",
                {settings.file, settings.line});
  const notice::Smtp& smtp = *settings.smtp;
  if (smtp.user && !smtp.password_env)
    throw Error(ErrorCode::BadInput, "notice.smtp.password_env: missing; name the environment variable that holds the password of " + *smtp.user,
                {settings.file, smtp.line});
  std::optional<std::string> password;
  if (smtp.password_env) {
    const char* value = std::getenv(smtp.password_env->c_str());
    if (!value || !*value)
      throw Error(ErrorCode::Usage, "the SMTP password: set the environment variable " + *smtp.password_env + " (notice.smtp.password_env in " +
                                        settings.file + ")");
    password = value;
  }
  return std::make_unique<SmtpTransport>(smtp, password);
}

}  // namespace lexgit::delivery
