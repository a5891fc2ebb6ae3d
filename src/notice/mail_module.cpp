// The mail module: address lists and messages through GMime. Built as
// lexgit-mail.so (see src/modules).
#include <memory>
#include <mutex>

#include <gmime/gmime.h>

#include "modules/modules.hpp"
#include "notice/mail_module.hpp"

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

bool mailboxes(const std::string& value, std::vector<Mailbox>& out) {
  ensure_initialised();
  Owned<InternetAddressList> list(internet_address_list_parse(nullptr, value.c_str()));
  if (!list || internet_address_list_length(list.get()) == 0) return false;
  for (int i = 0; i < internet_address_list_length(list.get()); ++i) {
    InternetAddress* a = internet_address_list_get_address(list.get(), i);
    if (!INTERNET_ADDRESS_IS_MAILBOX(a)) return false;
    const char* name = internet_address_get_name(a);
    const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
    out.push_back({name ? name : "", addr ? addr : ""});
  }
  return true;
}

Owned<InternetAddressList> list_of(const std::vector<Mailbox>& boxes) {
  Owned<InternetAddressList> list(internet_address_list_new());
  for (const Mailbox& m : boxes) {
    Owned<InternetAddress> mailbox(internet_address_mailbox_new(m.name.empty() ? nullptr : m.name.c_str(), m.address.c_str()));
    internet_address_list_add(list.get(), mailbox.get());  // the list takes its own reference
  }
  return list;
}

Owned<GMimeTextPart> text_part(const char* subtype, const std::string& body) {
  Owned<GMimeTextPart> part(g_mime_text_part_new_with_subtype(subtype));
  g_mime_text_part_set_text(part.get(), body.c_str());  // UTF-8: charset=utf-8 unless plain ASCII
  g_mime_part_set_content_encoding(GMIME_PART(part.get()), GMIME_CONTENT_ENCODING_BASE64);
  return part;
}

DateTime date_in_zone(long long now, int utc_offset_minutes) {
  DateTime utc(g_date_time_new_from_unix_utc(now));
  std::unique_ptr<GTimeZone, TimeZoneUnref> zone(g_time_zone_new_offset(utc_offset_minutes * 60));
  return DateTime(g_date_time_to_timezone(utc.get(), zone.get()));
}

bool compose(const MailContent& content, std::string& message_id, std::string& eml) {
  ensure_initialised();
  if (content.from.empty()) return false;
  Owned<GMimeMessage> message(g_mime_message_new(TRUE));
  Owned<InternetAddressList> from = list_of(content.from), to = list_of(content.to);
  internet_address_list_append(g_mime_message_get_from(message.get()), from.get());
  internet_address_list_append(g_mime_message_get_to(message.get()), to.get());
  g_mime_message_set_subject(message.get(), content.subject.c_str(), "utf-8");
  DateTime date = date_in_zone(content.date, content.utc_offset_minutes);
  g_mime_message_set_date(message.get(), date.get());
  const std::string& sender = content.from.front().address;
  GChars id(g_mime_utils_generate_message_id(sender.substr(sender.find('@') + 1).c_str()));
  g_mime_message_set_message_id(message.get(), id.get());
  GMimeObject* headers = GMIME_OBJECT(message.get());
  g_mime_object_set_header(headers, "MIME-Version", "1.0", nullptr);
  for (const auto& [name, value] : content.headers) g_mime_object_set_header(headers, name.c_str(), value.c_str(), nullptr);

  Owned<GMimeMultipart> alternative(g_mime_multipart_new_with_subtype("alternative"));
  Owned<GMimeTextPart> plain = text_part("plain", content.plain);
  Owned<GMimeTextPart> html = text_part("html", content.html);
  g_mime_multipart_add(alternative.get(), GMIME_OBJECT(plain.get()));  // the multipart takes its own reference
  g_mime_multipart_add(alternative.get(), GMIME_OBJECT(html.get()));
  g_mime_message_set_mime_part(message.get(), GMIME_OBJECT(alternative.get()));

  std::unique_ptr<GMimeFormatOptions, FormatOptionsFree> options(g_mime_format_options_new());
  g_mime_format_options_set_newline_format(options.get(), GMIME_NEWLINE_FORMAT_DOS);
  GChars out(g_mime_object_to_string(GMIME_OBJECT(message.get()), options.get()));
  if (!out) return false;
  message_id = id.get();
  eml = out.get();
  return true;
}

const MailModule table{MailModule::kVersion, mailboxes, compose};

}  // namespace
}  // namespace lexgit::notice

LEXGIT_MODULE(mail, lexgit::notice::table)
