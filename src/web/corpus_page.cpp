// The front page: the documents in force on a date, those pending, and the
// timeline of every revision (published, effective, pending), as `lexgit ls`
// and `lexgit log` give them, with links to outlines and redlines.
#include <algorithm>

#include "lexgit/store.hpp"
#include "web/page.hpp"

namespace lexgit::web {
namespace {

constexpr Phrase kTitle{"文档", "Documents"};
constexpr Phrase kOn{"日期", "Date"};
constexpr Phrase kShow{"查看", "Show"};
constexpr Phrase kInForce{"有效文档", "In force"};
constexpr Phrase kPending{"已发布、待生效", "Published, pending"};
constexpr Phrase kTimeline{"修订时间线", "Timeline of revisions"};
constexpr Phrase kNone{"该日没有有效的文档。", "No document is in force on this date."};
constexpr Phrase kNoPending{"没有待生效的版本。", "No version is pending."};
constexpr Phrase kDocument{"文档", "Document"};
constexpr Phrase kKind{"类别", "Kind"};
constexpr Phrase kClass{"文档类", "Class"};
constexpr Phrase kPublished{"发布", "Published"};
constexpr Phrase kEffective{"生效", "Effective"};
constexpr Phrase kStatus{"状态", "Status"};
constexpr Phrase kChange{"修订说明", "Message"};
constexpr Phrase kLinks{"查看", "Open"};
constexpr Phrase kOutline{"目录", "outline"};
constexpr Phrase kRedline{"对照上一版", "redline"};
constexpr Phrase kPaper{"纸质版", "paper"};

constexpr Phrase kStateInForce{"有效", "in force"};
constexpr Phrase kStatePending{"待生效", "pending"};
constexpr Phrase kStateSuperseded{"已被取代", "superseded"};
constexpr Phrase kStateFuture{"尚未发布", "not yet published"};
constexpr Phrase kStateDraft{"草稿", "draft"};
constexpr Phrase kStateWithdrawn{"已撤回", "withdrawn"};
constexpr Phrase kStateRemoved{"已移除", "removed"};
constexpr Phrase kStateNotYet{"尚未生效", "not yet effective"};

// Where a revision stands on `at`, as the timeline labels it (and its CSS class).
std::pair<Phrase, std::string_view> state_of(const Revision& r, const std::vector<Revision>& versions, text::Date at) {
  if (r.removed) return {kStateRemoved, "removed"};
  if (r.meta.status == Status::Draft) return {kStateDraft, "draft"};
  if (r.meta.status == Status::Withdrawn) return {kStateWithdrawn, "withdrawn"};
  if (r.meta.published > at) return {kStateFuture, "future"};
  if (auto now = version_in_force(versions, at); now && now->commit == r.commit) return {kStateInForce, "in-force"};
  for (const Revision& p : pending_versions(versions, at))
    if (p.commit == r.commit) return {kStatePending, "pending"};
  return r.meta.effective > at ? std::pair{kStateNotYet, std::string_view("future")} : std::pair{kStateSuperseded, std::string_view("superseded")};
}

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

std::string documents_table(const Context& ctx, const std::vector<Revision>& rows, text::Date at, bool pending) {
  std::string out = "<div class=\"scroll\"><table class=\"documents\">\n<thead><tr><th>" + ctx.t(kDocument) + "</th><th>" + ctx.t(kKind) +
                    "</th><th>" + ctx.t(kClass) + "</th><th>" + ctx.t(kPublished) + "</th><th>" + ctx.t(kEffective) +
                    "</th></tr></thead>\n<tbody>\n";
  for (const Revision& r : rows) {
    std::string outline = pending ? ctx.href("/doc/" + r.doc, {{"rev", r.commit}}) : ctx.href("/doc/" + r.doc, {{"at", text::format_iso(at)}});
    out += "<tr><td><a href=\"" + outline + "\">" + escape(r.meta.title.empty() ? r.doc : r.meta.title) + "</a><br><code>" +
           escape(r.doc) + "</code></td><td>" + escape(kind_text(r.meta.kind, ctx.language)) +
           (r.meta.medium == Medium::Paper ? "（" + ctx.t(kPaper) + "）" : "") + "</td><td><code>" + escape(r.meta.doc_class) +
           "</code></td><td>" + date_text(r.meta.published, ctx.language) + "</td><td>" + date_text(r.meta.effective, ctx.language) +
           "</td></tr>\n";
  }
  return out + "</tbody></table></div>\n";
}

struct Entry {
  Revision revision;
  std::optional<Revision> previous;  // the version before it, in version order
  std::pair<Phrase, std::string_view> state;
};

std::vector<Entry> timeline_of(const std::map<std::string, std::vector<Revision>>& history, text::Date at) {
  std::vector<Entry> out;
  for (const auto& [doc, revisions] : history) {
    std::vector<Revision> versions = revisions;
    sort_as_versions(versions);
    for (std::size_t i = 0; i < versions.size(); ++i)
      out.push_back({versions[i], i > 0 ? std::optional(versions[i - 1]) : std::nullopt, state_of(versions[i], versions, at)});
  }
  std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) {
    if (a.revision.meta.published != b.revision.meta.published) return a.revision.meta.published > b.revision.meta.published;
    return a.revision.sequence > b.revision.sequence;
  });
  return out;
}

std::string timeline_html(const Context& ctx, DocumentSet& set, text::Date at) {
  std::vector<Entry> entries = timeline_of(set.versions().history(set.tip()), at);
  std::string out = "<div class=\"scroll\"><table class=\"timeline\">\n<thead><tr><th>" + ctx.t(kPublished) + "</th><th>" +
                    ctx.t(kEffective) + "</th><th>" + ctx.t(kDocument) + "</th><th>" + ctx.t(kStatus) + "</th><th>" + ctx.t(kChange) +
                    "</th><th>" + ctx.t(kLinks) + "</th></tr></thead>\n<tbody>\n";
  for (const Entry& e : entries) {
    const Revision& r = e.revision;
    std::string links;
    if (!r.removed) links = "<a href=\"" + ctx.href("/doc/" + r.doc, {{"rev", r.commit}}) + "\">" + ctx.t(kOutline) + "</a>";
    if (e.previous)
      links += " <a href=\"" + ctx.href("/diff", {{"from", e.previous->commit}, {"to", r.commit}, {"doc", r.doc}}) + "\">" +
               ctx.t(kRedline) + "</a>";
    out += "<tr class=\"" + std::string(e.state.second) + "\"><td>" + date_text(r.meta.published, ctx.language) + "</td><td>" +
           date_text(r.meta.effective, ctx.language) + "</td><td>" + escape(r.meta.title.empty() ? r.doc : r.meta.title) +
           "</td><td><span class=\"state " + std::string(e.state.second) + "\">" + ctx.t(e.state.first) + "</span></td><td>" +
           escape(first_line(set.repository().commit_info(r.commit).message)) + "</td><td class=\"links\">" + links + "</td></tr>\n";
  }
  return out + "</tbody></table></div>\n";
}

}  // namespace

http::Response corpus_page(const Context& ctx) {
  text::Date at = ctx.date("at").value_or(ctx.today);
  DocumentSet set = ctx.open({.rev = std::nullopt, .at = at});
  const std::vector<Revision>& in_force = set.entries();
  std::string body = "<form class=\"bar\" method=\"get\" action=\"/\"><label>" + ctx.t(kOn) +
                     " <input type=\"date\" name=\"at\" value=\"" + text::format_iso(at) + "\"></label>" + language_field(ctx) +
                     "<button>" + ctx.t(kShow) + "</button></form>\n";
  body += "<h2>" + ctx.t(kInForce) + "（" + date_text(at, ctx.language) + "）</h2>\n";
  body += in_force.empty() ? "<p>" + ctx.t(kNone) + "</p>\n" : documents_table(ctx, in_force, at, false);
  if (set.in_git() && !set.tip().empty()) {
    std::vector<Revision> pending = set.versions().pending(set.tip(), at);
    body += "<h2>" + ctx.t(kPending) + "</h2>\n";
    body += pending.empty() ? "<p>" + ctx.t(kNoPending) + "</p>\n" : documents_table(ctx, pending, at, true);
    body += "<h2>" + ctx.t(kTimeline) + "</h2>\n" + timeline_html(ctx, set, at);
  }
  return render_page(ctx, ctx.t(kTitle), body);
}

}  // namespace lexgit::web
