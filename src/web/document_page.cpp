// /doc/DOC: a document's outline in the version read — each clause with its
// number, heading or text, its Chinese citation and a link to its page — and
// the document's versions.
#include "lexgit/redline.hpp"
#include "web/page.hpp"

namespace lexgit::web {
namespace {

constexpr Phrase kVersions{"各版本", "Versions"};
constexpr Phrase kOutline{"条款目录", "Outline"};
constexpr Phrase kThisVersion{"（本页所示）", " (shown)"};

std::string clause_item(const Context& ctx, const Document& doc, const Clause& c, const VersionRead& read);

std::string clause_list(const Context& ctx, const Document& doc, const std::vector<Clause>& units, const VersionRead& read) {
  if (units.empty()) return "";
  std::string out = "<ul class=\"outline\">\n";
  for (const Clause& c : units) out += clause_item(ctx, doc, c, read);
  return out + "</ul>\n";
}

std::string clause_item(const Context& ctx, const Document& doc, const Clause& c, const VersionRead& read) {
  if (c.is_group())
    return "<li class=\"group\"><span class=\"heading\">" + escape(c.heading) + "</span>\n" + clause_list(ctx, doc, c.children, read) +
           "</li>\n";
  Params link = read.selection();
  std::string href = ctx.href("/clause/" + doc.meta.id + "/" + c.id, link);
  std::string number = c.number.empty() ? "" : "<span class=\"number\">" + escape(c.number) + "</span> ";
  std::string heading = c.heading.empty() ? "" : "<span class=\"heading\">" + escape(c.heading) + "</span>";
  std::string text = c.text.empty() ? "" : "<span class=\"text\">" + escape(c.text) + "</span>";
  return "<li id=\"" + escape(redline::anchor_of(c.id)) + "\"><div class=\"unit\"><a class=\"cite\" href=\"" + href + "\">" +
         escape(cite(doc, c.id)) + "</a> <code class=\"id\">" + escape(c.id) + "</code><div class=\"body\">" + number + heading +
         (heading.empty() || text.empty() ? "" : "<br>") + text + "</div></div>\n" + clause_list(ctx, doc, c.children, read) + "</li>\n";
}

std::string versions_html(const Context& ctx, VersionRead& read, const std::string& doc) {
  std::string out = "<ol class=\"versions\" reversed>\n";
  for (std::size_t i = read.lineage.size(); i-- > 0;) {
    const Revision& r = read.lineage.revision(i);
    out += "<li><a href=\"" + ctx.href("/doc/" + doc, {{"rev", r.commit}}) + "\">" + escape(version_label(r.meta, ctx.language)) + "</a> <code>" +
           escape(r.commit.substr(0, 12)) + "</code>" + (i == read.reading.index ? ctx.t(kThisVersion) : "") + "</li>\n";
  }
  return out + "</ol>\n";
}

}  // namespace

http::Response document_page(const Context& ctx, const std::string& doc_id) {
  VersionRead read(ctx, doc_id);
  const Document& doc = read.lineage.document(read.reading.index);
  doc.require_valid();
  std::string body = "<p class=\"meta\"><code>" + escape(doc.meta.id) + "</code> · " + escape(kind_text(doc.meta.kind, ctx.language)) +
                     " · " + escape(read.reading.description) + "</p>\n";
  body += "<details class=\"versions\"><summary>" + ctx.t(kVersions) + "</summary>\n" + versions_html(ctx, read, doc_id) + "</details>\n";
  body += "<h2>" + ctx.t(kOutline) + "</h2>\n" + clause_list(ctx, doc, doc.clauses, read);
  return render_page(ctx, doc.meta.title.empty() ? doc.meta.id : doc.meta.title, body);
}

}  // namespace lexgit::web
