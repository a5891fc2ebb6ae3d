#include <ctime>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"

namespace lexgit::cli {
namespace {

// lexgit's own words in a resolution; rule texts and reasons come from precedence.
constexpr Phrase kAsOf{"截至", "As of "};
constexpr Phrase kGoverning{"适用条款：", "Governing clause:"};
constexpr Phrase kUnresolved{"无法确定适用条款：没有优先规则能排定下列条款的先后，须由双方解决冲突，lexgit 不代为选择：",
                             "UNRESOLVED: no precedence rule orders these clauses; the conflict must be settled, lexgit does not pick one:"};
constexpr Phrase kNone{"该日没有可适用的条款。", "No clause applies on this date."};
constexpr Phrase kOverridden{"不予适用：", "Overridden:"};
constexpr Phrase kExcluded{"不予考虑：", "Excluded:"};
constexpr Phrase kNote{"注：", "Note: "};

// "partner-framework#10.3  青云合作伙伴框架协议（本协议，2025年1月1日发布，2025年1月1日生效）"
std::string describe(const precedence::Candidate& c, Language language) {
  const FrontMatter& m = c.revision.meta;
  std::string kind(to_string(m.kind));
  if (language == Language::En)
    return c.ref + "  " + m.title + " (" + kind + ", published " + text::format_iso(m.published) + ", effective " +
           text::format_iso(m.effective) + (m.medium == Medium::Paper ? ", paper" : "") + ")";
  return c.ref + "  " + m.title + "（" + precedence::kind_zh(kind) + "，" + text::format_zh_cn(m.published) + "发布，" +
         text::format_zh_cn(m.effective) + "生效" + (m.medium == Medium::Paper ? "，纸质版" : "") + "）";
}

void quote(const std::string& text, std::ostream& out) {
  out << "    “" << text << "”\n";
}

// "被 X 排除：依第二部分，…（依据：basis）" — who beat the clause, by which rule, stated where.
std::string beaten(const precedence::Overridden& o, Language language) {
  std::string rule = precedence::explain(o.rule, o.by_kind, std::string(to_string(o.clause.revision.meta.kind)), language);
  if (language == Language::En) return "beaten by " + o.by + ": " + rule + " [basis: " + o.basis + "]";
  return "被 " + o.by + " 排除：" + rule + "（依据：" + o.basis + "）";
}

}  // namespace

text::Date today() { return text::today(); }

void print_resolution(const precedence::Resolution& r, Language language, std::ostream& out) {
  out << kAsOf.in(language) << (language == Language::En ? text::format_iso(r.at) : text::format_zh_cn(r.at)) << "\n\n";
  switch (r.status) {
    case precedence::Outcome::Governed:
      out << kGoverning.in(language) << "\n  " << describe(*r.governing, language) << "\n";
      quote(r.governing->text, out);
      break;
    case precedence::Outcome::Unresolved:
      out << kUnresolved.in(language) << "\n";
      for (const auto& [a, b] : r.unresolved) out << "  " << a << "  ↔  " << b << "\n";
      break;
    case precedence::Outcome::None:
      out << kNone.in(language) << "\n";
      break;
  }
  if (!r.overridden.empty()) {
    out << "\n" << kOverridden.in(language) << "\n";
    for (const auto& o : r.overridden) out << "  " << describe(o.clause, language) << "\n    " << beaten(o, language) << "\n";
  }
  if (!r.excluded.empty()) {
    out << "\n" << kExcluded.in(language) << "\n";
    for (const auto& e : r.excluded)
      out << "  " << e.ref << (language == Language::En ? ": " + e.reason : "：" + e.reason_zh) << "\n";
  }
  for (const Bilingual& note : r.notes) out << "\n" << kNote.in(language) << note.in(language) << "\n";
}

Action add_resolve(CLI::App& app, Globals& globals) {
  auto refs = std::make_shared<std::vector<std::string>>();
  auto at = std::make_shared<std::string>();
  auto rev = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  CLI::App* cmd = app.add_subcommand("resolve", "Which of these clauses governs on a date, by the agreement's precedence rules");
  cmd->add_option("REF", *refs, "Clauses, DOC#ID")->required();
  cmd->add_option("--at", *at, "The date, YYYY-MM-DD (default: today)");
  cmd->add_option("--rev", *rev, "Read the history up to this git revision (default: HEAD)");
  cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  return [refs, at, rev, format, &globals] {
    text::Date date = at->empty() ? today() : date_option(*at, "--at");
    Selection sel;
    if (!rev->empty()) sel.rev = *rev;
    DocumentSet set = DocumentSet::open(".", sel);
    precedence::Policy policy = precedence::policy_for(set);
    precedence::Gathered g = precedence::gather(set, policy, *refs, date);
    precedence::Resolution r = precedence::resolve(policy, std::move(g.candidates), std::move(g.excluded), date);
    r.notes = std::move(g.notes);
    print_warnings(set);
    if (*format == "json") std::cout << precedence::to_json(r).dump(2) << "\n";
    else print_resolution(r, globals.language, std::cout);
    return 0;
  };
}

}  // namespace lexgit::cli
