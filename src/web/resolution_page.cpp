// /ask (`lexgit which`) and /resolve (`lexgit resolve`): which clause governs
// on a date, with the rule, its basis clause and every clause it beat; a
// conflict no rule settles is shown as unresolved, never decided.
#include "lexgit/which.hpp"
#include "web/page.hpp"

namespace lexgit::web {
namespace {

constexpr Phrase kAskTitle{"条款适用", "Which clause governs"};
constexpr Phrase kResolveTitle{"比较条款", "Resolve between clauses"};
constexpr Phrase kQuestion{"问题", "Question"};
constexpr Phrase kQuestionHint{"终止本协议需要提前多久通知？", "终止本协议需要提前多久通知？"};
constexpr Phrase kOn{"日期", "Date"};
constexpr Phrase kAsk{"查询", "Ask"};
constexpr Phrase kRefs{"条款（每行一个，DOC#ID）", "Clauses (one per line, DOC#ID)"};
constexpr Phrase kResolve{"比较", "Resolve"};
constexpr Phrase kToResolve{"自选条款比较适用顺序", "Resolve between clauses of your choice"};
constexpr Phrase kAsOf{"截至", "As of "};
constexpr Phrase kGoverning{"适用条款", "Governing clause"};
constexpr Phrase kUnresolved{"无法确定适用条款：没有优先规则能排定下列条款的先后，须由双方解决冲突，lexgit 不代为选择。",
                             "Unresolved: no precedence rule orders these clauses; the conflict must be settled, lexgit does not pick one."};
constexpr Phrase kNone{"该日没有可适用的条款。", "No clause applies on this date."};
constexpr Phrase kOverridden{"不予适用的条款", "Clauses it prevails over"};
constexpr Phrase kBeatenBy{"被排除，适用 ", "beaten by "};
constexpr Phrase kBasis{"依据：", "basis: "};
constexpr Phrase kExcluded{"不予考虑", "Left out"};
constexpr Phrase kNote{"注：", "Note: "};
constexpr Phrase kNoMatch{"没有找到回答这个问题的条款。", "No clause answers this question."};
constexpr Phrase kCandidates{"检索到的条款", "Clauses found"};
constexpr Phrase kCompeting{"参与比较的条款", "Clauses compared"};

std::string date_field(const Context& ctx, text::Date at) {
  return "<label>" + ctx.t(kOn) + " <input type=\"date\" name=\"at\" value=\"" + text::format_iso(at) + "\"></label>";
}

// The clause quoted with its document, kind and dates, its ref a link to its page.
std::string candidate_html(const Context& ctx, const precedence::Candidate& c, text::Date at) {
  const FrontMatter& m = c.revision.meta;
  return "<div class=\"candidate\"><p class=\"head\">" + ref_link(ctx, c.ref, at) + " " + escape(m.title) + "（" +
         escape(kind_text(m.kind, ctx.language)) + "，" + escape(version_label(m, ctx.language)) + "）</p><blockquote>" + escape(c.text) +
         "</blockquote></div>\n";
}

}  // namespace

std::string resolution_html(const Context& ctx, const precedence::Resolution& r) {
  std::string out = "<section class=\"resolution " + std::string(precedence::to_string(r.status)) + "\">\n<p class=\"as-of\">" +
                    ctx.t(kAsOf) + date_text(r.at, ctx.language) + "</p>\n";
  switch (r.status) {
    case precedence::Outcome::Governed:
      out += "<h2>" + ctx.t(kGoverning) + "</h2>\n<div class=\"governing\">" + candidate_html(ctx, *r.governing, r.at) + "</div>\n";
      break;
    case precedence::Outcome::Unresolved:
      out += "<p class=\"unresolved\" role=\"alert\">" + ctx.t(kUnresolved) + "</p>\n<ul class=\"pairs\">";
      for (const auto& [a, b] : r.unresolved) out += "<li>" + ref_link(ctx, a, r.at) + " ↔ " + ref_link(ctx, b, r.at) + "</li>";
      out += "</ul>\n";
      break;
    case precedence::Outcome::None: out += "<p>" + ctx.t(kNone) + "</p>\n"; break;
  }
  if (!r.overridden.empty()) {
    out += "<h2>" + ctx.t(kOverridden) + "</h2>\n<ul class=\"overridden\">\n";
    for (const precedence::Overridden& o : r.overridden) {
      std::string rule = precedence::explain(o.rule, o.by_kind, std::string(to_string(o.clause.revision.meta.kind)), ctx.language);
      out += "<li>" + candidate_html(ctx, o.clause, r.at) + "<p class=\"rule\">" + ctx.t(kBeatenBy) + ref_link(ctx, o.by, r.at) + "：" +
             escape(rule) + "（" + ctx.t(kBasis) + ref_link(ctx, o.basis, r.at) + "）</p></li>\n";
    }
    out += "</ul>\n";
  }
  if (!r.excluded.empty()) {
    out += "<h2>" + ctx.t(kExcluded) + "</h2>\n<ul class=\"excluded\">\n";
    for (const precedence::Excluded& e : r.excluded)
      out += "<li><code class=\"ref\">" + escape(e.ref) + "</code>：" + escape(ctx.language == Language::En ? e.reason : e.reason_zh) + "</li>\n";
    out += "</ul>\n";
  }
  for (const Bilingual& note : r.notes) out += "<p class=\"note\">" + ctx.t(kNote) + escape(note.in(ctx.language)) + "</p>\n";
  return out + "</section>\n";
}

http::Response ask_page(const Context& ctx) {
  text::Date at = ctx.date("at").value_or(ctx.today);
  std::string q = ctx.param("q");
  std::string body = "<form class=\"bar\" method=\"get\" action=\"/ask\"><label class=\"wide\">" + ctx.t(kQuestion) +
                     " <input name=\"q\" value=\"" + escape(q) + "\" placeholder=\"" + ctx.t(kQuestionHint) + "\"></label>" + date_field(ctx, at) +
                     language_field(ctx) + "<button>" + ctx.t(kAsk) + "</button></form>\n<p><a href=\"" +
                     ctx.href("/resolve", {{"at", text::format_iso(at)}}) + "\">" + ctx.t(kToResolve) + "</a></p>\n";
  if (q.empty()) return render_page(ctx, ctx.t(kAskTitle), body);
  DocumentSet set = ctx.open({.rev = std::nullopt, .at = at});
  which::Answer answer = which::ask(set, q, at);
  if (!answer.matched) return render_page(ctx, ctx.t(kAskTitle), body + "<p class=\"no-match\">" + ctx.t(kNoMatch) + "</p>\n");
  body += resolution_html(ctx, answer.resolution);
  body += "<details class=\"competing\"><summary>" + ctx.t(kCompeting) + "</summary><ul>\n";
  for (const which::Competitor& c : answer.competing)
    body += "<li>" + ref_link(ctx, c.ref, at) + " — " + escape(c.reason) + "</li>\n";
  body += "</ul></details>\n<details class=\"candidates\"><summary>" + ctx.t(kCandidates) + "</summary><ol>\n";
  for (const which::Hit& h : answer.candidates) body += "<li>" + candidate_html(ctx, h.clause, at) + "</li>\n";
  body += "</ol></details>\n";
  return render_page(ctx, ctx.t(kAskTitle), body);
}

http::Response resolve_page(const Context& ctx) {
  text::Date at = ctx.date("at").value_or(ctx.today);
  // ?ref=A&ref=B, or one field holding a ref per line.
  std::vector<std::string> refs;
  for (const std::string& value : ctx.request.params_named("ref")) {
    std::size_t pos = 0;
    while (pos <= value.size()) {
      std::size_t end = value.find('\n', pos);
      std::string line = value.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      while (!line.empty() && line.front() == ' ') line.erase(0, 1);
      if (!line.empty()) refs.push_back(line);
      if (end == std::string::npos) break;
      pos = end + 1;
    }
  }
  std::string listed;
  for (const std::string& ref : refs) listed += ref + "\n";
  std::string body = "<form method=\"get\" action=\"/resolve\"><label class=\"block\">" + ctx.t(kRefs) +
                     "<textarea name=\"ref\" rows=\"4\" placeholder=\"partner-framework#10.3\nrebate-policy-online#2.1\">" + escape(listed) +
                     "</textarea></label><div class=\"bar\">" + date_field(ctx, at) + language_field(ctx) + "<button>" + ctx.t(kResolve) +
                     "</button></div></form>\n";
  if (refs.empty()) return render_page(ctx, ctx.t(kResolveTitle), body);
  DocumentSet set = ctx.open();
  precedence::Policy policy = precedence::policy_for(set);
  precedence::Gathered g = precedence::gather(set, policy, refs, at);
  precedence::Resolution r = precedence::resolve(policy, std::move(g.candidates), std::move(g.excluded), at);
  r.notes = std::move(g.notes);
  return render_page(ctx, ctx.t(kResolveTitle), body + resolution_html(ctx, r));
}

}  // namespace lexgit::web
