// lexgit which judged as a lawyer would: the evaluation set tests/which/questions.tsv
// (plainly worded questions over the bundled corpus, each with the governing clause
// a lawyer names), top-1 accuracy printed with the misses, and a floor.
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "lexgit/which.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using lexgit::test::TempDir;

namespace {

struct Case {
  int line = 0;
  std::string question, expected, at, note;
};

std::vector<std::string> split(const std::string& s, char separator) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, separator)) out.push_back(part);
  if (!s.empty() && s.back() == separator) out.emplace_back();
  return out;
}

std::vector<Case> load_cases() {
  std::ifstream in(lexgit::test::source_dir() / "tests/which/questions.tsv");
  REQUIRE(in);
  std::vector<Case> cases;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> cols = split(line, '\t');
    INFO("questions.tsv line " << number);
    REQUIRE(cols.size() >= 2);
    cols.resize(4);
    cases.push_back({number, cols[0], cols[1], cols[2].empty() ? "2026-01-01" : cols[2], cols[3]});
  }
  return cases;
}

void copy_corpus(const fs::path& dir) {
  fs::path corpus = lexgit::test::source_dir() / "corpus";
  fs::copy_file(corpus / "agreement" / "partner-framework.md", dir / "partner-framework.md");
  for (const auto& e : fs::directory_iterator(corpus / "samples"))
    if (e.path().extension() == ".md" && e.path().filename() != "README.md") fs::copy_file(e.path(), dir / e.path().filename());
}

// What the answer names: the governing ref, "unresolved:A,B" (refs sorted), or "none".
std::string outcome(const lexgit::which::Answer& a) {
  using lexgit::precedence::Outcome;
  if (!a.matched || a.resolution.status == Outcome::None) return "none";
  if (a.resolution.status == Outcome::Governed) return a.resolution.governing->ref;
  std::vector<std::string> refs;
  for (const auto& [x, y] : a.resolution.unresolved)
    for (const std::string& r : {x, y})
      if (std::find(refs.begin(), refs.end(), r) == refs.end()) refs.push_back(r);
  std::sort(refs.begin(), refs.end());
  std::string out = "unresolved:";
  for (std::size_t i = 0; i < refs.size(); ++i) out += (i ? "," : "") + refs[i];
  return out;
}

bool accepted(const Case& c, const std::string& got) {
  for (const std::string& alternative : split(c.expected, '|'))
    if (alternative == got) return true;
  return false;
}

lexgit::which::Answer ask(const fs::path& dir, const std::string& question, const std::string& at) {
  auto date = lexgit::text::parse_date(at);
  REQUIRE(date);
  lexgit::Selection selection;
  selection.at = *date;
  lexgit::DocumentSet set = lexgit::DocumentSet::open(dir, selection);
  return lexgit::which::ask(set, question, *date);
}

double floor_value() {
  std::ifstream in(lexgit::test::source_dir() / "tests/which/floor.txt");
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line.front() != '#') return std::stod(line);
  FAIL("tests/which/floor.txt holds no floor");
  return 1;
}

}  // namespace

TEST_CASE("which eval: top-1 accuracy of the governing clause over questions.tsv", "[which-eval]") {
  std::vector<Case> cases = load_cases();
  REQUIRE(cases.size() >= 100);
  TempDir dir;
  copy_corpus(dir.path);
  std::size_t right = 0;
  std::ostringstream misses;
  for (const Case& c : cases) {
    std::string got = outcome(ask(dir.path, c.question, c.at));
    if (accepted(c, got)) ++right;
    else misses << "  line " << c.line << ": " << c.question << " (at " << c.at << ")\n    expected " << c.expected
                << ", got " << got << "\n";
  }
  double accuracy = static_cast<double>(right) / static_cast<double>(cases.size());
  std::ostringstream report;
  report << "which eval: top-1 " << right << "/" << cases.size() << " = " << accuracy * 100 << "% (target 95%, floor "
         << floor_value() * 100 << "%)\n"
         << (misses.str().empty() ? "" : "misses:\n" + misses.str());
  WARN(report.str());
  CHECK(accuracy >= floor_value());
}

TEST_CASE("which: the agreement's three months govern re-certification over the rules' sixty days", "[which-eval]") {
  TempDir dir;
  copy_corpus(dir.path);
  lexgit::which::Answer a = ask(dir.path, "技术认证丢了以后多久内必须重新取得？", "2026-01-01");
  CHECK(a.intent == lexgit::which::Intent::Duration);
  REQUIRE(a.resolution.status == lexgit::precedence::Outcome::Governed);
  CHECK(a.resolution.governing->ref == "partner-framework#1.p4");
  CHECK_THAT(a.resolution.governing->text, Catch::Contains("三个月"));
  // The rules' clause competed and lost under rule 2.
  REQUIRE(a.resolution.overridden.size() >= 1);
  bool rules_lost = false;
  for (const auto& o : a.resolution.overridden)
    if (o.clause.ref == "certification-rules#5") {
      rules_lost = true;
      CHECK(o.rule == lexgit::precedence::Rule::AgreementOverDocument);
      CHECK_THAT(o.clause.text, Catch::Contains("六十日"));
    }
  CHECK(rules_lost);
  // Each competitor says why it competes.
  for (const auto& c : a.competing) CHECK_FALSE(c.reason.empty());
}
