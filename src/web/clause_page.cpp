// /clause/DOC/ID: a clause's text in the version read, with its citation, and
// its history through renumbering (`lexgit log DOC#ID`): every version that
// changed it, with its dates, the number it had and the change as a redline.
#include "lexgit/redline.hpp"
#include "lexgit/store.hpp"
#include "web/page.hpp"

namespace lexgit::web {
namespace {

constexpr Phrase kText{"条款内容", "Text"};
constexpr Phrase kHistory{"历次变更", "History"};
constexpr Phrase kNote{"注：", "Note: "};
constexpr Phrase kNumber{"当时编号：", "Numbered "};
constexpr Phrase kOutline{"返回目录", "Back to the outline"};
constexpr Phrase kUnnumbered{"无编号", "unnumbered"};

void clause_text(const Clause& c, std::string& out) {
  std::string number = c.number.empty() ? "" : "<span class=\"number\">" + escape(c.number) + "</span> ";
  if (!c.heading.empty()) out += "<p class=\"heading\">" + number + escape(c.heading) + "</p>\n";
  if (!c.text.empty()) out += "<p>" + (c.heading.empty() ? number : "") + escape(c.text) + "</p>\n";
  if (c.children.empty()) return;
  out += "<div class=\"children\">\n";
  for (const Clause& child : c.children) clause_text(child, out);
  out += "</div>\n";
}

// The number the clause had in that version: the new side's, or the removed one's.
std::string number_in(const diff::Change& change) {
  const auto& side = change.after ? change.after : change.before;
  return side ? side->number : "";
}

std::string history_html(const Context& ctx, VersionRead& read, const std::string& id) {
  std::vector<redline::ClauseStep> steps = redline::clause_history(read.lineage, read.reading.index, id, segmenter());
  std::string out = "<ol class=\"history\">\n";
  for (const redline::ClauseStep& step : steps) {
    const Revision& r = read.lineage.revision(step.version);
    CommitInfo c = read.set.repository().commit_info(r.commit);
    std::string number = number_in(step.change);
    std::string kind(diff::to_string(step.change.kind));
    out += "<li class=\"change " + kind + "\"><div class=\"head\"><span class=\"kind\">" +
           std::string(redline::kind_label(step.change.kind, ctx.language)) + "</span> <a href=\"" +
           ctx.href("/doc/" + r.doc, {{"rev", r.commit}}) + "\">" + escape(version_label(r.meta, ctx.language)) + "</a> <span>" +
           ctx.t(kNumber) + (number.empty() ? ctx.t(kUnnumbered) : escape(number)) + "</span> <code class=\"ref\">" + escape(step.ref) +
           "</code></div>\n<p class=\"message\">" + escape(c.message.substr(0, c.message.find('\n'))) + "</p>\n<div class=\"clause\">" +
           redline::render_change_html(step.change) + "</div></li>\n";
  }
  return out + "</ol>\n";
}

}  // namespace

http::Response clause_page(const Context& ctx, const std::string& doc_id, const std::string& ref_id) {
  VersionRead read(ctx, doc_id);
  const Document& doc = read.lineage.document(read.reading.index);
  doc.require_valid();
  Located located = read.lineage.locate(ref_id, read.reading.index);
  const Clause* c = doc.find(located.id);
  if (!c) throw no_clause(doc, ref_id);
  std::string title = (doc.meta.title.empty() ? doc.meta.id : doc.meta.title) + " " + cite(doc, c->id);
  std::string body = "<p class=\"meta\"><code class=\"ref\">" + escape(doc.meta.id + "#" + c->id) + "</code> · " +
                     escape(read.reading.description) + " · <a href=\"" + ctx.href("/doc/" + doc_id, read.selection()) + "\">" +
                     ctx.t(kOutline) + "</a></p>\n";
  for (const std::string& note : located.notes) body += "<p class=\"note\">" + ctx.t(kNote) + escape(note) + "</p>\n";
  body += "<h2>" + ctx.t(kText) + "</h2>\n<div class=\"clause-text\">\n";
  clause_text(*c, body);
  body += "</div>\n<h2>" + ctx.t(kHistory) + "</h2>\n" + history_html(ctx, read, located.id);
  return render_page(ctx, title, body);
}

}  // namespace lexgit::web
