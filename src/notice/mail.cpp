// The notice as an e-mail message, through GMime: it encodes headers (RFC 2047),
// addresses with Chinese display names, and bodies (base64) the way mail
// readers expect, which is easy to get subtly wrong by hand.
#include <memory>
#include <mutex>

#include <gmime/gmime.h>
#include <yaml-cpp/yaml.h>

#include "lexgit/notice.hpp"

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

void ensure_initialised() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

int yaml_line(const YAML::Node& n) { return n.Mark().line >= 0 ? n.Mark().line + 1 : 0; }

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

}  // namespace

Settings load_settings(std::string_view yaml, const std::string& file) {
  Settings s;
  s.file = file;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::ParserException& e) {
    throw Error(ErrorCode::BadInput, "invalid YAML: " + e.msg, {file, e.mark.line + 1});
  }
  YAML::Node section = root.IsMap() ? root["notice"] : YAML::Node();
  if (!section || section.IsNull()) return s;
  s.line = yaml_line(section);
  if (!section.IsMap()) throw Error(ErrorCode::BadInput, "notice: expected keys from, to, signatory", {file, s.line});
  for (const auto& entry : section) {
    std::string key = entry.first.as<std::string>();
    std::optional<std::string>* field = key == "from" ? &s.from : key == "to" ? &s.to : key == "signatory" ? &s.signatory : nullptr;
    if (!field) throw Error(ErrorCode::BadInput, "notice." + key + ": unknown key; expected from, to, signatory", {file, yaml_line(entry.first)});
    if (!entry.second.IsScalar()) throw Error(ErrorCode::BadInput, "notice." + key + ": expected a string", {file, yaml_line(entry.second)});
    *field = entry.second.Scalar();
  }
  return s;
}

std::string render_eml(const Notice& n, const Settings& settings, long long now) {
  ensure_initialised();
  Owned<InternetAddressList> from = parse_addresses(settings.from, "notice.from", settings);
  Owned<InternetAddressList> to = parse_addresses(settings.to, "notice.to", settings);

  Owned<GMimeMessage> message(g_mime_message_new(TRUE));
  internet_address_list_append(g_mime_message_get_from(message.get()), from.get());
  internet_address_list_append(g_mime_message_get_to(message.get()), to.get());
  g_mime_message_set_subject(message.get(), title_of(n).c_str(), "utf-8");
  std::unique_ptr<GDateTime, DateTimeUnref> date(g_date_time_new_from_unix_local(now));
  g_mime_message_set_date(message.get(), date.get());
  GChars id(g_mime_utils_generate_message_id(domain_of(from.get()).c_str()));
  g_mime_message_set_message_id(message.get(), id.get());
  g_mime_object_set_header(GMIME_OBJECT(message.get()), "MIME-Version", "1.0", nullptr);

  Owned<GMimeMultipart> alternative(g_mime_multipart_new_with_subtype("alternative"));
  Owned<GMimeTextPart> plain = text_part("plain", render_text(n));
  Owned<GMimeTextPart> html = text_part("html", render_html(n));
  g_mime_multipart_add(alternative.get(), GMIME_OBJECT(plain.get()));  // the multipart takes its own reference
  g_mime_multipart_add(alternative.get(), GMIME_OBJECT(html.get()));
  g_mime_message_set_mime_part(message.get(), GMIME_OBJECT(alternative.get()));

  std::unique_ptr<GMimeFormatOptions, FormatOptionsFree> options(g_mime_format_options_new());
  g_mime_format_options_set_newline_format(options.get(), GMIME_NEWLINE_FORMAT_DOS);
  GChars out(g_mime_object_to_string(GMIME_OBJECT(message.get()), options.get()));
  if (!out) throw Error(ErrorCode::Internal, "GMime could not write the notice message");
  return out.get();
}

}  // namespace lexgit::notice
