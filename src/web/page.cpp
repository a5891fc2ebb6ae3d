// The layout and helpers every page shares.
#include "web/page.hpp"

#include <filesystem>

#include "lexgit/document.hpp"
#include "lexgit/redline.hpp"

namespace lexgit::web {
namespace {

constexpr Phrase kSite{"lexgit 合同库", "lexgit contracts"};
constexpr Phrase kSwitch{"English", "中文"};
constexpr Phrase kSkip{"跳到正文", "Skip to content"};

struct NavItem {
  std::string_view path;
  Phrase label;
};
constexpr NavItem kNavigation[] = {
    {"/", {"文档", "Documents"}},
    {"/diff", {"变更对照", "Redline"}},
    {"/ask", {"条款适用", "Which clause governs"}},
    {"/period", {"期限计算", "Periods"}},
    {"/notice", {"变更通知", "Change notice"}},
};

bool in_section(std::string_view path, std::string_view item) {
  if (item == "/") return path == "/" || path.starts_with("/doc/") || path.starts_with("/clause/");
  if (item == "/ask") return path == "/ask" || path == "/resolve";
  return path == item;
}

// The language a cookie header names: "lang=en" among its pairs.
std::optional<Language> cookie_language(const http::Request& request) {
  auto it = request.headers.find("cookie");
  if (it == request.headers.end()) return std::nullopt;
  std::string_view c = it->second;
  for (std::size_t pos = 0; pos < c.size();) {
    std::size_t end = c.find(';', pos);
    std::string_view pair = c.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    while (pair.starts_with(' ')) pair.remove_prefix(1);
    if (pair == "lang=en") return Language::En;
    if (pair == "lang=zh") return Language::Zh;
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return std::nullopt;
}

// The page itself with the other language: every field kept, lang replaced.
std::string switch_href(const Context& ctx) {
  std::string url = url_encode(ctx.request.path) + "?";
  for (const auto& [k, v] : ctx.request.params)
    if (k != "lang" && ctx.request.method == "GET") url += url_encode(k) + "=" + url_encode(v) + "&";
  url += ctx.language == Language::En ? "lang=zh" : "lang=en";
  return escape(url);
}

std::string header(const Context& ctx) {
  std::string nav;
  for (const NavItem& item : kNavigation) {
    bool current = in_section(ctx.request.path, item.path);
    nav += "<a href=\"" + ctx.href(item.path) + "\"" + (current ? " aria-current=\"page\"" : "") + ">" + ctx.t(item.label) + "</a>";
  }
  return "<a class=\"skip\" href=\"#main\">" + ctx.t(kSkip) + "</a>\n<header class=\"site\">\n<a class=\"brand\" href=\"" + ctx.href("/") +
         "\">" + ctx.t(kSite) + "</a>\n<nav>" + nav + "</nav>\n<a class=\"lang\" href=\"" + switch_href(ctx) + "\" lang=\"" +
         (ctx.language == Language::En ? "zh-CN" : "en") + "\">" + ctx.t(kSwitch) + "</a>\n</header>\n";
}

}  // namespace

Language language_of(const http::Site& site, const http::Request& request) {
  if (auto lang = request.param("lang")) {
    if (*lang == "en") return Language::En;
    if (*lang == "zh") return Language::Zh;
  }
  return cookie_language(request).value_or(site.default_language);
}

std::string escape(std::string_view text) { return redline::escape_html(text); }

std::string url_encode(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
                 c == '~' || c == '/';
    if (plain) out += static_cast<char>(c);
    else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string date_text(text::Date date, Language language) {
  return language == Language::En ? text::format_iso(date) : text::format_zh_cn(date);
}

std::string version_label(const FrontMatter& meta, Language language) {
  if (language == Language::En)
    return "published " + text::format_iso(meta.published) + ", effective " + text::format_iso(meta.effective);
  return text::format_zh_cn(meta.published) + "发布，" + text::format_zh_cn(meta.effective) + "生效";
}

std::string kind_text(DocKind kind, Language language) {
  std::string name(to_string(kind));
  return language == Language::En ? name : precedence::kind_zh(name);
}

std::string Context::param(std::string_view name) const { return request.param(name).value_or(""); }

std::optional<text::Date> Context::date(std::string_view name) const {
  std::string value = param(name);
  if (value.empty()) return std::nullopt;
  if (auto d = date_argument(value)) return d;
  throw not_a_date(value);
}

std::string Context::href(std::string_view path, const Params& params) const {
  std::string url = url_encode(path);
  char sep = '?';
  for (const auto& [k, v] : params) {
    if (v.empty()) continue;
    url += sep + url_encode(k) + "=" + url_encode(v);
    sep = '&';
  }
  if (language == Language::En) url += sep + std::string("lang=en");
  return escape(url);
}

DocumentSet Context::open(Selection selection) const { return DocumentSet::open(site.repository, std::move(selection)); }

namespace {
Selection selection_of(const Context& ctx) {
  Selection s;
  if (std::string rev = ctx.param("rev"); !rev.empty()) s.rev = rev;
  return s;
}
}  // namespace

VersionRead::VersionRead(const Context& ctx, const std::string& doc)
    : set(ctx.open(selection_of(ctx))), lineage(set, doc), at(ctx.date("at")), rev(ctx.param("rev")) {
  reading = lineage.reading(at, ctx.today, !rev.empty() && !at);
}

Params VersionRead::selection() const { return {{"at", at ? text::format_iso(*at) : ""}, {"rev", rev}}; }

// A side named in a URL is a revision or a date, never a file of the server.
Side revision_side(const Context& ctx, const std::string& arg) {
  std::error_code ec;
  if (std::filesystem::path(arg).is_absolute() || std::filesystem::exists(ctx.site.repository / arg, ec) || arg.starts_with("-"))
    throw Error(ErrorCode::Usage, "'" + arg + "' is not a revision or a date");
  return Side::open(ctx.site.repository, arg);
}

const text::Segmenter& segmenter() {
  thread_local const text::Segmenter s;
  return s;
}

std::string clause_href(const Context& ctx, std::string_view ref, std::optional<text::Date> at) {
  Reference r = parse_reference(ref);
  return ctx.href("/clause/" + r.doc + "/" + r.id, {{"at", at ? text::format_iso(*at) : ""}});
}

std::string ref_link(const Context& ctx, std::string_view ref, std::optional<text::Date> at) {
  return "<a class=\"ref\" href=\"" + clause_href(ctx, ref, at) + "\">" + escape(ref) + "</a>";
}

std::string language_field(const Context& ctx) {
  return ctx.language == Language::En ? "<input type=\"hidden\" name=\"lang\" value=\"en\">" : "";
}

http::Response render_page(const Context& ctx, std::string_view title, const std::string& body, int status) {
  http::Response response;
  response.status = status;
  response.body = std::string("<!DOCTYPE html>\n<html lang=\"") + (ctx.language == Language::En ? "en" : "zh-CN") +
                  "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<title>" + escape(title) + " · lexgit</title>\n<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
                  "<script src=\"/static/site.js\" defer></script>\n</head>\n<body>\n" + header(ctx) +
                  "<main id=\"main\">\n<h1>" + escape(title) + "</h1>\n" + body + "</main>\n</body>\n</html>\n";
  // A language chosen in the URL is kept for the pages opened next.
  if (auto lang = ctx.request.param("lang"); lang && (*lang == "en" || *lang == "zh"))
    response.headers.emplace_back("Set-Cookie", "lang=" + *lang + "; Path=/; SameSite=Lax");
  return response;
}

}  // namespace lexgit::web
