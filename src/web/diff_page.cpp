// /diff: a redline between any two revisions or dates, inline or side by side,
// with a list of the changes to jump through (j/k in site.js) and filters by
// kind; each change's clause as the library's HTML redline marks it.
#include <set>

#include "lexgit/redline.hpp"
#include "web/page.hpp"

namespace lexgit::web {
namespace {

constexpr Phrase kTitle{"变更对照", "Redline"};
constexpr Phrase kFrom{"原版本", "From"};
constexpr Phrase kTo{"新版本", "To"};
constexpr Phrase kDoc{"文档（可选）", "Document (optional)"};
constexpr Phrase kCompare{"对照", "Compare"};
constexpr Phrase kHint{"填写修订（提交号、标签）或日期（该日有效的版本），例如 2025-01-01 与 2026-03-01。",
                       "Give a revision (commit, tag) or a date (the versions in force then), e.g. 2025-01-01 and 2026-03-01."};
constexpr Phrase kInline{"逐行标注", "Inline"};
constexpr Phrase kSide{"左右对照", "Side by side"};
constexpr Phrase kFilter{"按类型筛选", "Filter by kind"};
constexpr Phrase kApply{"筛选", "Apply"};
constexpr Phrase kChanges{"变更列表", "Changes"};
constexpr Phrase kPrevious{"上一处", "Previous"};
constexpr Phrase kNext{"下一处", "Next"};
constexpr Phrase kNoChanges{"两个版本之间没有变更。", "The two versions do not differ."};
constexpr Phrase kBefore{"原文", "Before"};
constexpr Phrase kAfter{"修改后", "After"};
constexpr Phrase kConsequential{"仅因条款重新编号而更新引用", "only cross-references to renumbered clauses changed"};

constexpr diff::ChangeKind kKinds[] = {diff::ChangeKind::Added,      diff::ChangeKind::Removed, diff::ChangeKind::Modified,
                                       diff::ChangeKind::Moved,      diff::ChangeKind::Renumbered, diff::ChangeKind::Split,
                                       diff::ChangeKind::Merged};

struct Compared {
  Document before, after;
  diff::DocumentDiff diff;
};

// One line of word edits as one side shows it: the other side's edits left out.
std::string side_line(const std::vector<diff::Edit>& line, diff::Op hidden) {
  std::string out;
  for (const diff::Edit& e : line) {
    if (e.op == hidden) continue;
    if (e.op == diff::Op::Equal) out += escape(e.text);
    else if (e.op == diff::Op::Delete) out += "<del>" + escape(e.text) + "</del>";
    else out += "<ins>" + escape(e.text) + "</ins>";
  }
  return out;
}

std::string side_by_side(const Context& ctx, const diff::Change& change) {
  std::string out = "<div class=\"scroll\"><table class=\"sbs\"><thead><tr><th>" + ctx.t(kBefore) + "</th><th>" + ctx.t(kAfter) +
                    "</th></tr></thead><tbody>";
  for (const auto& line : redline::change_lines(change))
    out += "<tr><td>" + side_line(line, diff::Op::Insert) + "</td><td>" + side_line(line, diff::Op::Delete) + "</td></tr>";
  return out + "</tbody></table></div>";
}

// 第七部分第二款 → 第八部分第二款: the clause as each version cites it.
std::string citations(const Compared& c, const diff::Change& change) {
  std::string before = change.before ? cite(c.before, change.before->id) : "";
  std::string after = change.after ? cite(c.after, change.after->id) : "";
  if (before.empty() || after.empty() || before == after) return escape(after.empty() ? before : after);
  return escape(before) + " → " + escape(after);
}

std::string refs(const diff::Change& change) {
  std::string before = change.before ? change.before->ref : "", after = change.after ? change.after->ref : "";
  if (before.empty() || after.empty() || before == after) return escape(after.empty() ? before : after);
  return escape(before) + " → " + escape(after);
}

std::string form_html(const Context& ctx) {
  auto field = [&](const char* name, Phrase label) {
    return "<label>" + ctx.t(label) + " <input name=\"" + std::string(name) + "\" value=\"" + escape(ctx.param(name)) + "\"></label>";
  };
  return "<form class=\"bar\" method=\"get\" action=\"/diff\">" + field("from", kFrom) + field("to", kTo) + field("doc", kDoc) +
         (ctx.param("view") == "side" ? "<input type=\"hidden\" name=\"view\" value=\"side\">" : "") + language_field(ctx) +
         "<button>" + ctx.t(kCompare) + "</button></form>\n<p class=\"hint\">" + ctx.t(kHint) + "</p>\n";
}

// The kinds asked for (?kind=added&kind=moved); every kind when none is.
std::set<std::string> kinds_shown(const Context& ctx) {
  std::vector<std::string> asked = ctx.request.params_named("kind");
  if (!asked.empty()) return {asked.begin(), asked.end()};
  std::set<std::string> all;
  for (diff::ChangeKind k : kKinds) all.insert(std::string(diff::to_string(k)));
  return all;
}

std::string filters_html(const Context& ctx, const diff::Stat& stat, const std::set<std::string>& shown) {
  auto count = [&](diff::ChangeKind k) {
    switch (k) {
      case diff::ChangeKind::Added: return stat.added;
      case diff::ChangeKind::Removed: return stat.removed;
      case diff::ChangeKind::Modified: return stat.modified;
      case diff::ChangeKind::Moved: return stat.moved;
      case diff::ChangeKind::Renumbered: return stat.renumbered;
      case diff::ChangeKind::Split: return stat.split;
      case diff::ChangeKind::Merged: return stat.merged;
    }
    return 0;
  };
  std::string out = "<form class=\"filters\" method=\"get\" action=\"/diff\"><fieldset><legend>" + ctx.t(kFilter) + "</legend>";
  for (const char* keep : {"from", "to", "doc", "view"})
    if (!ctx.param(keep).empty()) out += "<input type=\"hidden\" name=\"" + std::string(keep) + "\" value=\"" + escape(ctx.param(keep)) + "\">";
  for (diff::ChangeKind k : kKinds) {
    std::string name(diff::to_string(k));
    out += "<label class=\"kind-filter " + name + "\"><input type=\"checkbox\" name=\"kind\" value=\"" + name + "\"" +
           (shown.count(name) ? " checked" : "") + "> " + std::string(redline::kind_label(k, ctx.language)) + " <span class=\"count\">" +
           std::to_string(count(k)) + "</span></label>";
  }
  return out + language_field(ctx) + "<button>" + ctx.t(kApply) + "</button></fieldset></form>\n";
}

std::string view_switch(const Context& ctx) {
  Params keep;
  for (const auto& [k, v] : ctx.request.params)
    if (k != "view" && k != "lang") keep.emplace_back(k, v);
  bool side = ctx.param("view") == "side";
  Params as_side = keep;
  as_side.emplace_back("view", "side");
  return "<p class=\"views\"><a href=\"" + ctx.href("/diff", keep) + "\"" + (side ? "" : " aria-current=\"true\"") + ">" + ctx.t(kInline) +
         "</a> <a href=\"" + ctx.href("/diff", as_side) + "\"" + (side ? " aria-current=\"true\"" : "") + ">" + ctx.t(kSide) + "</a></p>\n";
}

std::string redline_html(const Context& ctx, const std::vector<Compared>& compared, const std::set<std::string>& shown) {
  bool side = ctx.param("view") == "side";
  std::string list = "<nav class=\"jump\" aria-label=\"" + ctx.t(kChanges) + "\"><h2>" + ctx.t(kChanges) +
                     "</h2><p><button type=\"button\" data-jump=\"prev\">↑ " + ctx.t(kPrevious) + " (k)</button> <button type=\"button\" data-jump=\"next\">↓ " +
                     ctx.t(kNext) + " (j)</button></p><ol>\n";
  std::string sections;
  int n = 0;
  for (const Compared& c : compared) {
    const std::string& title = c.after.meta.title.empty() ? c.before.meta.title : c.after.meta.title;
    sections += "<h2 class=\"doc\">" + escape(title.empty() ? c.diff.doc : title) + " <code>" + escape(c.diff.doc) + "</code></h2>\n";
    for (const diff::Change& change : c.diff.changes) {
      std::string kind(diff::to_string(change.kind));
      if (!shown.count(kind)) continue;
      std::string id = "c" + std::to_string(++n);
      std::string label(redline::kind_label(change.kind, ctx.language));
      list += "<li data-kind=\"" + kind + "\"><a href=\"#" + id + "\"><span class=\"kind-dot " + kind + "\"></span>" + label + " " +
              citations(c, change) + "</a></li>\n";
      sections += "<article class=\"change " + kind + (change.consequential ? " consequential" : "") + "\" data-kind=\"" + kind +
                  "\" id=\"" + id + "\" tabindex=\"-1\">\n<div class=\"head\"><span class=\"kind\">" + label + "</span> <span class=\"cite\">" +
                  citations(c, change) + "</span> <code class=\"ref\">" + refs(change) + "</code>" +
                  (change.consequential ? " <span class=\"note\">" + ctx.t(kConsequential) + "</span>" : "") + "</div>\n" +
                  (side ? side_by_side(ctx, change) : "<div class=\"clause\">" + redline::render_change_html(change) + "</div>") +
                  "\n</article>\n";
    }
  }
  return list + "</ol></nav>\n<div class=\"changes\">\n" + sections + "</div>\n";
}

}  // namespace

http::Response diff_page(const Context& ctx) {
  std::string from = ctx.param("from"), to = ctx.param("to");
  std::string body = form_html(ctx);
  if (from.empty() || to.empty()) return render_page(ctx, ctx.t(kTitle), body);
  Side a = revision_side(ctx, from), b = revision_side(ctx, to);
  std::vector<std::string> asked;
  for (const std::string& doc : ctx.request.params_named("doc"))
    if (!doc.empty()) asked.push_back(doc);
  std::vector<Compared> compared;
  diff::Stat stat;
  std::vector<diff::DocumentDiff> diffs;
  for (const std::string& id : documents_to_compare(a, b, asked)) {
    Compared c{a.load(id), b.load(id), {}};
    c.diff = diff::compare(c.before, c.after, segmenter());
    if (c.diff.doc.empty()) c.diff.doc = id;
    if (!c.diff.changes.empty()) {
      diffs.push_back(c.diff);
      compared.push_back(std::move(c));
    }
  }
  stat = redline::total(diffs);
  body += "<p class=\"labels\">" + ctx.t(kFrom) + " <code>" + escape(a.label(ctx.language)) + "</code> → " + ctx.t(kTo) + " <code>" +
          escape(b.label(ctx.language)) + "</code></p>\n";
  if (compared.empty()) return render_page(ctx, ctx.t(kTitle), body + "<p>" + ctx.t(kNoChanges) + "</p>\n");
  body += "<p class=\"summary\">" + escape(redline::describe(stat, ctx.language)) + "</p>\n" + view_switch(ctx) +
          filters_html(ctx, stat, kinds_shown(ctx)) + "<div class=\"redline\">" + redline_html(ctx, compared, kinds_shown(ctx)) + "</div>";
  return render_page(ctx, ctx.t(kTitle), body);
}

}  // namespace lexgit::web
