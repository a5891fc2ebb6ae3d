// What every page of lexgit serve shares: the request's context (language,
// today, parameters), links that keep the reader's language, escaping, and the
// layout (header, navigation, language switch) a page's body is set in.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lexgit/docset.hpp"
#include "lexgit/http.hpp"
#include "lexgit/language.hpp"
#include "lexgit/lineage.hpp"
#include "lexgit/precedence.hpp"
#include "lexgit/text.hpp"

namespace lexgit::web {

using Params = std::vector<std::pair<std::string, std::string>>;

struct Context {
  const http::Site& site;
  const http::Request& request;
  Language language = Language::Zh;
  text::Date today;

  std::string t(Phrase phrase) const { return std::string(phrase.in(language)); }
  // A field's first value; "" when absent.
  std::string param(std::string_view name) const;
  // A date field (2026-01-31, 2026年1月31日 …): nullopt when absent or empty,
  // Error(Usage) naming the value when it is not a calendar day.
  std::optional<text::Date> date(std::string_view name) const;
  // A link to `path` with `params` (empty values left out), lang=en added on an
  // English page, escaped for an HTML attribute.
  std::string href(std::string_view path, const Params& params = {}) const;
  // The documents of the served repository as `selection` reads them.
  DocumentSet open(Selection selection = {}) const;
};

// One document's version a page reads: ?rev=R (the latest at that commit) or
// ?at=D (in force then; default today, else the latest), as outline and show read.
struct VersionRead {
  DocumentSet set;
  Lineage lineage;
  Reading reading;
  std::optional<text::Date> at;   // the date asked for
  std::string rev;                // the revision asked for
  VersionRead(const Context& ctx, const std::string& doc);
  // at= or rev= as asked, for links to the same reading.
  Params selection() const;
};

// One side of a comparison named in a URL: a revision or a date (the versions
// in force then), never a file of the server: Error(Usage) for a path.
Side revision_side(const Context& ctx, const std::string& arg);

// This thread's segmenter (one per thread: it is not thread-safe).
const text::Segmenter& segmenter();

// The language a request asks for: ?lang=en|zh, else the lang cookie, else the site's.
Language language_of(const http::Site& site, const http::Request& request);

std::string escape(std::string_view text);
std::string url_encode(std::string_view text);
// 2026年1月31日 on a Chinese page, 2026-01-31 on an English one.
std::string date_text(text::Date date, Language language);

// 2025年1月1日发布，2025年3月1日生效 / published 2025-01-01, effective 2025-03-01
std::string version_label(const FrontMatter& meta, Language language);

// A document kind as a reader names it: 本协议, 规范性文件 … / agreement, normative …
std::string kind_text(DocKind kind, Language language);

// A clause's page: /clause/DOC/ID, with `at` when given.
std::string clause_href(const Context& ctx, std::string_view ref, std::optional<text::Date> at = std::nullopt);
// A DOC#ID as a link to its page, the ref as its text.
std::string ref_link(const Context& ctx, std::string_view ref, std::optional<text::Date> at = std::nullopt);

// An input of a GET form: the lang field, so a form submitted keeps the language.
std::string language_field(const Context& ctx);

// The page: <html lang> in the reader's language, header with the site's
// navigation and the language switch, then `body` (already HTML).
http::Response render_page(const Context& ctx, std::string_view title, const std::string& body, int status = 200);

// ---- The pages, one per file ---------------------------------------------------------

http::Response corpus_page(const Context& ctx);                                           // /
http::Response document_page(const Context& ctx, const std::string& doc);                  // /doc/DOC
http::Response clause_page(const Context& ctx, const std::string& doc, const std::string& id);  // /clause/DOC/ID
http::Response diff_page(const Context& ctx);                                             // /diff
http::Response ask_page(const Context& ctx);                                              // /ask
http::Response resolve_page(const Context& ctx);                                          // /resolve
http::Response period_page(const Context& ctx);                                           // /period
http::Response notice_page(const Context& ctx);                                           // /notice

// A resolution as the ask and resolve pages show it: the governing clause (or
// the unresolved conflict), each clause it beat with the rule and its basis,
// the clauses left out and why, the notes.
std::string resolution_html(const Context& ctx, const precedence::Resolution& r);

}  // namespace lexgit::web
