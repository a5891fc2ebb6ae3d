// The notice as an e-mail message, through GMime: it encodes headers (RFC 2047),
// addresses with Chinese display names, and bodies (base64) the way mail
// readers expect, which is easy to get subtly wrong by hand.
#include <algorithm>
#include <memory>
#include <mutex>
#include <regex>

#include <gmime/gmime.h>
#include <yaml-cpp/yaml.h>

#include "yaml/yaml.hpp"

#include "lexgit/notice.hpp"
#include "lexgit/redline.hpp"

namespace lexgit::notice {
namespace {

// ---- RAII over GLib and GMime objects ----

struct Unref {
  void operator()(gpointer p) const { g_object_unref(p); }
};
template <typename T>
using Owned = std::unique_ptr<T, Unref>;

struct GFree {
  void operator()(gpointer p) const { g_free(p); }
};
using GChars = std::unique_ptr<char, GFree>;

struct FormatOptionsFree {
  void operator()(GMimeFormatOptions* p) const { g_mime_format_options_free(p); }
};

struct DateTimeUnref {
  void operator()(GDateTime* p) const { g_date_time_unref(p); }
};
using DateTime = std::unique_ptr<GDateTime, DateTimeUnref>;

struct TimeZoneUnref {
  void operator()(GTimeZone* p) const { g_time_zone_unref(p); }
};

void ensure_initialised() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}


// ---- addresses ----

Owned<InternetAddressList> parse_addresses(const std::optional<std::string>& value, const std::string& key, const Settings& s) {
  auto bad = [&](const std::string& problem) {
    return Error(ErrorCode::BadInput, key + ": " + problem + " (set it in " + s.file + ", e.g. notice: {from: \"渠道管理部 <channel@example.com>\", to: partners@example.com})",
                 {s.file, s.line});
  };
  if (!value || value->empty()) throw bad("missing; the e-mail notice needs a sender (notice.from) and recipients (notice.to)");
  Owned<InternetAddressList> list(internet_address_list_parse(nullptr, value->c_str()));
  if (!list || internet_address_list_length(list.get()) == 0) throw bad("'" + *value + "' is not an e-mail address");
  for (int i = 0; i < internet_address_list_length(list.get()); ++i) {
    InternetAddress* a = internet_address_list_get_address(list.get(), i);
    if (!INTERNET_ADDRESS_IS_MAILBOX(a) || std::string_view(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a))).find('@') == std::string_view::npos)
      throw bad("'" + *value + "' is not an e-mail address");
  }
  return list;
}

std::string domain_of(InternetAddressList* list) {
  InternetAddress* a = internet_address_list_get_address(list, 0);
  std::string addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
  return addr.substr(addr.find('@') + 1);
}

// ---- parts ----

Owned<GMimeTextPart> text_part(const char* subtype, const std::string& body) {
  Owned<GMimeTextPart> part(g_mime_text_part_new_with_subtype(subtype));
  g_mime_text_part_set_text(part.get(), body.c_str());  // UTF-8: charset=utf-8 unless plain ASCII
  g_mime_part_set_content_encoding(GMIME_PART(part.get()), GMIME_CONTENT_ENCODING_BASE64);
  return part;
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
  ensure_initialised();
  std::string value(s);
  if (value.empty() || value.find_first_of(" \t\r\n<>,;\"") != std::string::npos) return false;
  Owned<InternetAddressList> list(internet_address_list_parse(nullptr, value.c_str()));
  if (!list || internet_address_list_length(list.get()) != 1) return false;
  InternetAddress* a = internet_address_list_get_address(list.get(), 0);
  if (!INTERNET_ADDRESS_IS_MAILBOX(a)) return false;
  std::string_view addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
  std::size_t at = addr.find('@');
  return addr == value && at != std::string_view::npos && at > 0 && addr.find('.', at) != std::string_view::npos &&
         addr.back() != '.' && addr.find('@', at + 1) == std::string_view::npos;
}

std::string sender_address(const Settings& settings) {
  ensure_initialised();
  Owned<InternetAddressList> from = parse_addresses(settings.from, "notice.from", settings);
  return internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(internet_address_list_get_address(from.get(), 0)));
}

namespace {

DateTime date_in_zone(long long now, int utc_offset_minutes) {
  DateTime utc(g_date_time_new_from_unix_utc(now));
  std::unique_ptr<GTimeZone, TimeZoneUnref> zone(g_time_zone_new_offset(utc_offset_minutes * 60));
  return DateTime(g_date_time_to_timezone(utc.get(), zone.get()));
}

}  // namespace

Message render_message(const Notice& n, const Settings& settings, long long now, const Addressee* to) {
  ensure_initialised();
  Owned<InternetAddressList> from = parse_addresses(settings.from, "notice.from", settings);
  Owned<InternetAddressList> recipients;
  if (to) {
    recipients.reset(internet_address_list_new());
    Owned<InternetAddress> mailbox(internet_address_mailbox_new(to->name.c_str(), to->address.c_str()));
    internet_address_list_add(recipients.get(), mailbox.get());  // the list takes its own reference
  } else {
    recipients = parse_addresses(settings.to, "notice.to", settings);
  }

  Owned<GMimeMessage> message(g_mime_message_new(TRUE));
  internet_address_list_append(g_mime_message_get_from(message.get()), from.get());
  internet_address_list_append(g_mime_message_get_to(message.get()), recipients.get());
  g_mime_message_set_subject(message.get(), title_of(n).c_str(), "utf-8");
  DateTime date = date_in_zone(now, settings.utc_offset_minutes);
  g_mime_message_set_date(message.get(), date.get());
  GChars id(g_mime_utils_generate_message_id(domain_of(from.get()).c_str()));
  g_mime_message_set_message_id(message.get(), id.get());
  GMimeObject* headers = GMIME_OBJECT(message.get());
  g_mime_object_set_header(headers, "MIME-Version", "1.0", nullptr);
  if (!n.from_commit.empty()) g_mime_object_set_header(headers, "X-Lexgit-From-Commit", n.from_commit.c_str(), nullptr);
  if (!n.to_commit.empty()) g_mime_object_set_header(headers, "X-Lexgit-To-Commit", n.to_commit.c_str(), nullptr);

  // The letter addressed to the partner; commit ids travel only in the X-Lexgit headers.
  Notice letter = n;
  if (to && !to->salutation.empty()) letter.salutation = to->salutation;
  Owned<GMimeMultipart> alternative(g_mime_multipart_new_with_subtype("alternative"));
  Owned<GMimeTextPart> plain = text_part("plain", render_text(letter));
  Owned<GMimeTextPart> html = text_part("html", render_html(letter));
  g_mime_multipart_add(alternative.get(), GMIME_OBJECT(plain.get()));  // the multipart takes its own reference
  g_mime_multipart_add(alternative.get(), GMIME_OBJECT(html.get()));
  g_mime_message_set_mime_part(message.get(), GMIME_OBJECT(alternative.get()));

  std::unique_ptr<GMimeFormatOptions, FormatOptionsFree> options(g_mime_format_options_new());
  g_mime_format_options_set_newline_format(options.get(), GMIME_NEWLINE_FORMAT_DOS);
  GChars out(g_mime_object_to_string(GMIME_OBJECT(message.get()), options.get()));
  if (!out) throw Error(ErrorCode::Internal, "GMime could not write the notice message");
  return {id.get(), out.get()};
}

std::string render_eml(const Notice& n, const Settings& settings, long long now) { return render_message(n, settings, now).eml; }

}  // namespace lexgit::notice
