// lexgit which: the clause that answers a question, and why it governs.
#include <cstdio>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "lexgit/which.hpp"

namespace lexgit::cli {
namespace {

std::string score_text(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%7.2f", score);
  return buf;
}

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n') c = ' ';
  return s;
}

// lexgit's own words around an answer; the resolution prints its own.
constexpr Phrase kQuestion{"问题：", "Question: "};
constexpr Phrase kCandidates{"候选条款（相关度）：", "Candidates (relevance):"};
constexpr Phrase kSameSubject{"同一主题的条款：", "Clauses on the same subject:"};

void print_candidates(const which::Answer& a, Language language, std::ostream& out) {
  out << kQuestion.in(language) << a.question << "\n";
  out << kCandidates.in(language) << "\n";
  for (const which::Hit& h : a.candidates) {
    out << "  " << score_text(h.score) << "  " << h.clause.ref;
    if (!h.subjects.empty()) {
      out << "  〔";
      for (std::size_t i = 0; i < h.subjects.size(); ++i) out << (i ? "，" : "") << h.subjects[i];
      out << "〕";
    }
    out << "  " << abbreviate(one_line(h.clause.text), 48) << "\n";
  }
}

std::string no_match(const which::Answer& a, const which::Options& options, Language language) {
  std::ostringstream min_score;
  min_score << options.min_score;
  if (language == Language::En)
    return "No match: no clause in force on " + text::format_iso(a.resolution.at) +
           " is relevant enough to answer this question (relevance below " + min_score.str() + ").";
  return "没有找到相关条款：" + text::format_zh_cn(a.resolution.at) + "有效的条款与该问题的相关度均低于 " + min_score.str() + "。";
}

void print_answer(const which::Answer& a, const which::Options& options, Language language, std::ostream& out) {
  if (!a.matched) {
    out << kQuestion.in(language) << a.question << "\n\n" << no_match(a, options, language) << "\n";
    return;
  }
  print_candidates(a, language, out);
  out << "\n" << kSameSubject.in(language);
  // A full-width colon needs no space after it.
  for (std::size_t i = 0; i < a.competing.size(); ++i) out << (i > 0 || language == Language::En ? " " : "") << a.competing[i].ref;
  out << "\n\n";
  print_resolution(a.resolution, language, out);
}

}  // namespace

Action add_which(CLI::App& app, Globals& globals) {
  auto question = std::make_shared<std::string>();
  auto at = std::make_shared<std::string>();
  auto k = std::make_shared<std::size_t>(10);
  auto format = std::make_shared<std::string>("text");
  CLI::App* cmd = app.add_subcommand("which", "Which clause in force answers a question, and why it governs");
  cmd->add_option("QUESTION", *question, "The question, in Chinese (终止本协议需要提前多久通知？)")->required();
  cmd->add_option("--at", *at, "The date, YYYY-MM-DD (default: today)");
  cmd->add_option("-k", *k, "Candidates to report (default: 10)")->check(CLI::Range(1, 1000));
  cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  return [question, at, k, format, &globals] {
    text::Date date = at->empty() ? today() : date_option(*at, "--at");
    Selection sel;
    sel.at = date;
    DocumentSet set = DocumentSet::open(".", sel);
    which::Options options;
    options.k = *k;
    which::Answer answer = which::ask(set, *question, date, options);
    print_warnings(set);
    if (*format == "json") std::cout << which::to_json(answer).dump(2) << "\n";
    else print_answer(answer, options, globals.language, std::cout);
    return 0;
  };
}

}  // namespace lexgit::cli
