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
std::vector<Diagnostic> check_text(const std::string& source) {
  return check_document(parse_document(source, "agreement.md"));
}
}  // namespace

TEST_CASE("the bundled corpus checks clean", "[check]") {
  auto diagnostics = check_corpus(Corpus::scan(source_dir() / "corpus"));
  for (const auto& d : diagnostics) INFO(d.describe());
  CHECK(diagnostics.empty());
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
