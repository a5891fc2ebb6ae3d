// The notice as an e-mail message: what it says and to whom; the mail module
// (GMime, loaded when a message is written) parses the addresses and encodes it.
#include <algorithm>
#include <memory>
#include <mutex>
#include <regex>

#include <yaml-cpp/yaml.h>

#include "yaml/yaml.hpp"

#include "lexgit/notice.hpp"
#include "lexgit/redline.hpp"
#include "modules/modules.hpp"
#include "notice/mail_module.hpp"

namespace lexgit::notice {
namespace {

const MailModule& mail() { return modules::load<MailModule>("mail"); }

// ---- addresses ----

std::vector<Mailbox> parse_addresses(const std::optional<std::string>& value, const std::string& key, const Settings& s) {
  auto bad = [&](const std::string& problem) {
    return Error(ErrorCode::BadInput, key + ": " + problem + " (set it in " + s.file + ", e.g. notice: {from: \"渠道管理部 <channel@example.com>\", to: partners@example.com})",
                 {s.file, s.line});
  };
  if (!value || value->empty()) throw bad("missing; the e-mail notice needs a sender (notice.from) and recipients (notice.to)");
  std::vector<Mailbox> list;
  if (!mail().mailboxes(*value, list)) throw bad("'" + *value + "' is not an e-mail address");
  for (const Mailbox& m : list)
    if (m.address.find('@') == std::string::npos) throw bad("'" + *value + "' is not an e-mail address");
  return list;
}

// ---- .lexgit.yaml ----

// The value of one key of the notice section, checked as its kind requires.
class Reader {
 public:
  explicit Reader(const std::string& file) : file_(file) {}

  Error bad(const std::string& key, const YAML::Node& at, const std::string& problem) const {
    return Error(ErrorCode::BadInput, key + ": " + problem, {file_, yaml::line(at)});
  }
  std::string string(const std::string& key, const YAML::Node& v) const {
    if (!v.IsScalar() || v.Scalar().empty()) throw bad(key, v, "expected a string");
    return v.Scalar();
  }
  bool boolean(const std::string& key, const YAML::Node& v) const {
    std::string s = v.IsScalar() ? v.Scalar() : "";
    if (s == "true") return true;
    if (s == "false") return false;
    throw bad(key, v, "expected true or false");
  }
  int port(const std::string& key, const YAML::Node& v) const {
    std::string s = v.IsScalar() ? v.Scalar() : "";
    if (!std::regex_match(s, std::regex("[0-9]{1,5}")) || std::stoi(s) < 1 || std::stoi(s) > 65535)
      throw bad(key, v, "expected a port number, 1 to 65535");
    return std::stoi(s);
  }
  // "+0800" → 480.
  int utc_offset(const std::string& key, const YAML::Node& v) const {
    std::string s = v.IsScalar() ? v.Scalar() : "";
    std::smatch m;
    if (!std::regex_match(s, m, std::regex("([+-])([0-9]{2})([0-9]{2})")) || std::stoi(m[2]) > 14 || std::stoi(m[3]) > 59)
      throw bad(key, v, "expected an offset from UTC such as \"+0800\" (quoted)");
    int minutes = std::stoi(m[2]) * 60 + std::stoi(m[3]);
    return m[1] == "-" ? -minutes : minutes;
  }

 private:
  std::string file_;
};

Smtp read_smtp(const YAML::Node& section, const Reader& r) {
  if (!section.IsMap()) throw r.bad("notice.smtp", section, "expected keys host, port, starttls, user, password_env, verify");
  Smtp smtp;
  smtp.line = yaml::line(section);
  for (const auto& entry : section) {
    std::string key = entry.first.as<std::string>();
    std::string name = "notice.smtp." + key;
    const YAML::Node& v = entry.second;
    if (key == "host") smtp.host = r.string(name, v);
    else if (key == "port") smtp.port = r.port(name, v);
    else if (key == "starttls") smtp.starttls = r.boolean(name, v);
    else if (key == "user") smtp.user = r.string(name, v);
    else if (key == "password_env") smtp.password_env = r.string(name, v);
    else if (key == "verify") smtp.verify = r.boolean(name, v);
    else if (key == "password")
      throw r.bad(name, entry.first, "a password is never kept in the repository; name the environment variable that holds it, e.g. password_env: LEXGIT_SMTP_PASSWORD");
    else throw r.bad(name, entry.first, "unknown key; expected host, port, starttls, user, password_env, verify");
  }
  if (smtp.host.empty()) throw r.bad("notice.smtp.host", section, "missing; the SMTP server's name");
  return smtp;
}

}  // namespace

Settings load_settings(std::string_view yaml, const std::string& file) {
  Settings s;
  s.file = file;
  YAML::Node root = yaml::load(yaml, file);
  YAML::Node section = root.IsMap() ? root["notice"] : YAML::Node();
  if (!section || section.IsNull()) return s;
  s.line = yaml::line(section);
  const char* expected = "expected from, to, signatory, timezone, partners, smtp";
  if (!section.IsMap()) throw Error(ErrorCode::BadInput, std::string("notice: ") + expected, {file, s.line});
  Reader r(file);
  for (const auto& entry : section) {
    std::string key = entry.first.as<std::string>();
    std::string name = "notice." + key;
    const YAML::Node& v = entry.second;
    if (key == "from") s.from = r.string(name, v);
    else if (key == "to") s.to = r.string(name, v);
    else if (key == "signatory") s.signatory = r.string(name, v);
    else if (key == "timezone") s.utc_offset_minutes = r.utc_offset(name, v);
    else if (key == "partners") s.partners = r.string(name, v);
    else if (key == "smtp") s.smtp = read_smtp(v, r);
    else throw r.bad(name, entry.first, std::string("unknown key; ") + expected);
  }
  return s;
}

bool is_address(std::string_view s) {
  std::string value(s);
  if (value.empty() || value.find_first_of(" \t\r\n<>,;\"") != std::string::npos) return false;
  std::vector<Mailbox> list;
  if (!mail().mailboxes(value, list) || list.size() != 1) return false;
  std::string_view addr = list.front().address;
  std::size_t at = addr.find('@');
  return addr == value && at != std::string_view::npos && at > 0 && addr.find('.', at) != std::string_view::npos &&
         addr.back() != '.' && addr.find('@', at + 1) == std::string_view::npos;
}

std::string sender_address(const Settings& settings) { return parse_addresses(settings.from, "notice.from", settings).front().address; }

Message render_message(const Notice& n, const Settings& settings, long long now, const Addressee* to) {
  MailContent content;
  content.from = parse_addresses(settings.from, "notice.from", settings);
  content.to = to ? std::vector<Mailbox>{{to->name, to->address}} : parse_addresses(settings.to, "notice.to", settings);
  content.subject = title_of(n);
  content.date = now;
  content.utc_offset_minutes = settings.utc_offset_minutes;
  if (!n.from_commit.empty()) content.headers.emplace_back("X-Lexgit-From-Commit", n.from_commit);
  if (!n.to_commit.empty()) content.headers.emplace_back("X-Lexgit-To-Commit", n.to_commit);
  // The letter addressed to the partner; commit ids travel only in the X-Lexgit headers.
  Notice addressed = n;
  if (to && !to->salutation.empty()) addressed.salutation = to->salutation;
  content.plain = render_text(addressed);
  content.html = render_html(addressed);
  Message message;
  if (!mail().compose(content, message.id, message.eml)) throw Error(ErrorCode::Internal, "GMime could not write the notice message");
  return message;
}

std::string render_eml(const Notice& n, const Settings& settings, long long now) { return render_message(n, settings, now).eml; }

}  // namespace lexgit::notice
