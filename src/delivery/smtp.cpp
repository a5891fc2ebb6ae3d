// SMTP delivery: the settings checked here, the message sent by the SMTP
// module (libcurl, loaded only when notices are sent).
#include <cstdlib>

#include "delivery/smtp_module.hpp"
#include "lexgit/delivery.hpp"
#include "modules/modules.hpp"

namespace lexgit::delivery {
namespace {

class SmtpTransport : public Transport {
 public:
  SmtpTransport(notice::Smtp smtp, std::optional<std::string> password) : smtp_(std::move(smtp)), password_(std::move(password)) {}

  Reply send(const std::string& from, const std::string& to, const std::string& message) override {
    SmtpJob job{smtp_.host, smtp_.port, smtp_.starttls, smtp_.verify, smtp_.user, password_, from, to, message};
    SmtpOutcome out = modules::load<SmtpModule>("smtp").send(job);
    if (out.broken) throw Error(ErrorCode::Internal, out.error);
    Reply r;
    r.reply = std::move(out.reply);
    r.accepted = out.accepted;
    r.error = std::move(out.error);
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
