#include <ctime>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"

namespace lexgit::cli {
namespace {

std::string describe(const precedence::Candidate& c) {
  const FrontMatter& m = c.revision.meta;
  return c.ref + "  " + m.title + "（" + std::string(to_string(m.kind)) + "，" + text::format_zh_cn(m.published) + "发布，" +
         text::format_zh_cn(m.effective) + "生效" + (m.medium == Medium::Paper ? "，纸质版" : "") + "）";
}

void quote(const std::string& text, std::ostream& out) {
  out << "    “" << text << "”\n";
}

}  // namespace

text::Date today() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

void print_resolution(const precedence::Resolution& r, std::ostream& out) {
  out << "截至" << text::format_zh_cn(r.at) << " / as of " << text::format_iso(r.at) << "\n\n";
  switch (r.status) {
    case precedence::Outcome::Governed:
      out << "适用条款 / Governing clause:\n  " << describe(*r.governing) << "\n";
      quote(r.governing->text, out);
      break;
    case precedence::Outcome::Unresolved:
      out << "无法确定适用条款 / UNRESOLVED: no precedence rule orders these clauses; the conflict must be settled, "
             "lexgit does not pick one:\n";
      for (const auto& [a, b] : r.unresolved) out << "  " << a << "  ↔  " << b << "\n";
      break;
    case precedence::Outcome::None:
      out << "没有可适用的条款 / No clause applies on this date.\n";
      break;
  }
  if (!r.overridden.empty()) {
    out << "\n不予适用 / Overridden:\n";
    for (const auto& o : r.overridden) {
      out << "  " << describe(o.clause) << "\n";
      out << "    被 " << o.by << " 排除 / beaten by " << o.by << ": "
          << precedence::explain(o.rule, o.by_kind, std::string(to_string(o.clause.revision.meta.kind))) << " [" << o.basis << "]\n";
    }
  }
  if (!r.excluded.empty()) {
    out << "\n不予考虑 / Excluded:\n";
    for (const auto& e : r.excluded) out << "  " << e.ref << "：" << e.reason_zh << " / " << e.reason << "\n";
  }
  for (const std::string& note : r.notes) out << "\n注 / Note: " << note << "\n";
}

Action add_resolve(CLI::App& app, Globals&) {
  auto refs = std::make_shared<std::vector<std::string>>();
  auto at = std::make_shared<std::string>();
  auto rev = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  CLI::App* cmd = app.add_subcommand("resolve", "Which of these clauses governs on a date, by the agreement's precedence rules");
  cmd->add_option("REF", *refs, "Clauses, DOC#ID")->required();
  cmd->add_option("--at", *at, "The date, YYYY-MM-DD (default: today)");
  cmd->add_option("--rev", *rev, "Read the history up to this git revision (default: HEAD)");
  cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  return [refs, at, rev, format] {
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
    else print_resolution(r, std::cout);
    return 0;
  };
}

}  // namespace lexgit::cli
