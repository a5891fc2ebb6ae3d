#include <catch2/catch.hpp>

#include "lexgit/check.hpp"
#include "support.hpp"

using lexgit::test::agreement;
using lexgit::test::contains;
using lexgit::test::replace;

using namespace lexgit;
using lexgit::test::read_file;
using lexgit::test::source_dir;

namespace {
std::vector<Diagnostic> check_text(const std::string& source, bool strict = true) {
  return check_document(parse_document(source, "agreement.md"), CheckOptions{strict});
}

const std::string kStatuteFront = "---\nid: measures\ntitle: 青云合作伙伴管理办法\nkind: normative\npublished: 2025-01-01\n---\n";

std::vector<std::string> messages(const std::vector<Diagnostic>& found) {
  std::vector<std::string> out;
  for (const Diagnostic& d : found) out.push_back(d.describe());
  return out;
}
}  // namespace

TEST_CASE("the bundled corpus checks clean", "[check]") {
  auto diagnostics = check_corpus(Corpus::scan(source_dir() / "corpus"));
  for (const auto& d : diagnostics) INFO(d.describe());
  CHECK(diagnostics.empty());
}

TEST_CASE("a drafting defect is a warning, an error only with --strict", "[check]") {
  std::string s = agreement();
  replace(s, "### 二． 协议结构", "### 三． 协议结构");
  replace(s, "### 三． 双方责任", "### 四． 双方责任");
  auto lenient = check_text(s, false);
  REQUIRE_FALSE(lenient.empty());
  for (const Diagnostic& d : lenient) CHECK(d.severity == Severity::Warning);
  CHECK(check_text(s, true).front().severity == Severity::Error);
}

TEST_CASE("check finds an invented numbering gap (三 after 一)", "[check]") {
  std::string s = agreement();
  replace(s, "### 二． 协议结构", "### 三． 协议结构");
  replace(s, "### 三． 双方责任", "### 四． 双方责任");
  auto found = check_text(s);
  REQUIRE_FALSE(found.empty());
  CHECK(found[0].severity == Severity::Error);
  CHECK_THAT(found[0].message, Catch::Contains("\"三．\" follows \"一．\"") && Catch::Contains("二 is missing"));
  CHECK(found[0].where.line == 37);
}

TEST_CASE("check finds a repeated number and a list that skips an item", "[check]") {
  std::string s = agreement();
  replace(s, "3. 业务计划；", "2. 业务计划；");
  auto found = check_text(s);
  REQUIRE(found.size() == 2);
  CHECK_THAT(found[0].message, Catch::Contains("repeat"));
  CHECK_THAT(found[1].message, Catch::Contains("\"4.\" follows \"2.\"") && Catch::Contains("3 is missing"));
}

TEST_CASE("check finds an invented dangling reference, and leaves citations of other instruments alone", "[check]") {
  std::string s = agreement();
  replace(s, "此部分（第八部分）", "此部分（第十二部分）");
  auto found = check_text(s);
  REQUIRE(found.size() == 1);
  CHECK_THAT(found[0].message, Catch::Contains("第十二部分") && Catch::Contains("points nowhere"));
  CHECK(found[0].where.line > 100);

  std::string cited = agreement();
  replace(cited, "此部分（第八部分）", "依《民法典》第二百零一条及框架协议第十二部分，此部分（第八部分）");
  CHECK(check_text(cited).empty());
}

TEST_CASE("a document id used twice in a corpus is an error", "[check]") {
  lexgit::test::TempDir dir;
  std::string doc = "---\nid: dup\ntitle: 文档\nkind: annex\npublished: 2025-01-01\n---\n正文。\n";
  lexgit::test::write_file(dir.path / "a.md", doc);
  lexgit::test::write_file(dir.path / "sub/b.md", doc);
  lexgit::test::write_file(dir.path / "README.md", "# 说明\n不是文档。\n");
  Corpus corpus = Corpus::scan(dir.path);
  CHECK(corpus.documents().size() == 2);
  auto found = check_corpus(corpus);
  REQUIRE(found.size() == 1);
  CHECK_THAT(found[0].message, Catch::Contains("'dup' is already used"));
}

TEST_CASE("articles numbered through chapters are no gap, 第N条之一 no repeat", "[check][statute]") {
  std::string s = kStatuteFront +
                  "## 第一章 总则\n\n"
                  "第一条 为了规范合作伙伴管理，根据《中华人民共和国民法典》第五百零九条、第五百一十条，制定本办法。\n\n"
                  "第二条 合作伙伴应当遵守本办法第三条之一和第四条的规定。\n\n"
                  "## 第二章 合作\n\n"
                  "### 第一节 资格\n\n"
                  "第三条 合作伙伴应当依法设立。\n\n"
                  "违反前款规定的，依照本条第一款处理。\n\n"
                  "第三条之一 合作伙伴不得转包。\n\n"
                  "### 第二节 认证\n\n"
                  "第四条 本办法第三条第二款所称处理，由青云决定。\n\n"
                  "## 附　　则\n\n"
                  "第五条 本办法自2025年1月1日起施行。\n";
  auto found = check_document(parse_document(s, "measures.md"), CheckOptions{true});
  INFO(Catch::Detail::stringify(messages(found)));
  CHECK(found.empty());
}

TEST_CASE("check finds gaps, repeats and dangling self-references in a statute", "[check][statute]") {
  std::string s = kStatuteFront +
                  "## 第一章 总则\n\n"
                  "第一条 前款规定的合作伙伴，适用本办法第九条。\n\n"
                  "第二条 依照本条第三款处理。\n\n"
                  "违反前款规定的，依照本法第二条之二处理。\n\n"
                  "## 第二章 合作\n\n"
                  "第二条 合作伙伴应当依法设立。\n\n"
                  "第五条 本办法自2025年1月1日起施行。\n";
  auto found = messages(check_document(parse_document(s, "measures.md")));
  std::string all = Catch::Detail::stringify(found);
  INFO(all);
  CHECK_THAT(all, Catch::Contains("measures.md:9: warning: reference 前款 in clause 1 points nowhere"));
  CHECK_THAT(all, Catch::Contains("measures.md:9: warning: reference 第九条 in clause 1 points nowhere"));
  CHECK_THAT(all, Catch::Contains("measures.md:11: warning: reference 本条第三款 in clause 2 points nowhere: 第二条 has 2 paragraphs"));
  CHECK_THAT(all, Catch::Contains("measures.md:13: warning: reference 第二条之二 in clause 2.p1 points nowhere"));
  CHECK_THAT(all, Catch::Contains("measures.md:17: warning: numbering repeat: \"第二条\" appears twice (also at line 11); clause id 2~2"));
  CHECK_THAT(all, Catch::Contains("measures.md:19: warning: numbering gap: \"第五条\" follows \"第二条\"; 三–四 is missing"));
  CHECK(found.size() == 6);
}
