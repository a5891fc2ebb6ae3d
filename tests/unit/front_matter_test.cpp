#include <catch2/catch.hpp>

#include "lexgit/document.hpp"

using namespace lexgit;

namespace {
std::vector<Diagnostic> errors_of(const std::string& source) {
  std::vector<Diagnostic> out;
  for (const auto& d : parse_document(source, "doc.md").diagnostics)
    if (d.severity == Severity::Error) out.push_back(d);
  return out;
}
}  // namespace

TEST_CASE("defaults: class is the id, effective is published, medium online, in force", "[document][front-matter]") {
  Document d = parse_document("---\nid: annex-a\ntitle: 附件一\nkind: annex\npublished: 2025-02-01\n---\n正文。\n", "a.md");
  REQUIRE_FALSE(d.has_errors());
  CHECK(d.meta.doc_class == "annex-a");
  CHECK(d.meta.effective == text::Date{2025, 2, 1});
  CHECK(d.meta.medium == Medium::Online);
  CHECK(d.meta.status == Status::InForce);
  CHECK_FALSE(d.meta.channel);
}

TEST_CASE("missing and invalid required fields are errors with file and line", "[document][front-matter]") {
  auto missing = errors_of("---\nid: x\ntitle: 标题\nkind: annex\n---\n");
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].where.file == "doc.md");
  CHECK(missing[0].where.line == 1);
  CHECK_THAT(missing[0].message, Catch::Contains("published"));

  auto bad = errors_of("---\nid: Partner_Framework\ntitle: 标题\nkind: contract\npublished: 2025-02-30\nmedium: fax\n---\n");
  REQUIRE(bad.size() == 4);
  CHECK(bad[0].where.line == 2);
  CHECK_THAT(bad[0].message, Catch::Contains("[a-z0-9]"));
  CHECK(bad[1].where.line == 4);
  CHECK_THAT(bad[1].message, Catch::Contains("contract"));
  CHECK(bad[2].where.line == 6);  // medium is read before published
  CHECK(bad[3].where.line == 5);
  CHECK_THAT(bad[3].message, Catch::Contains("2025-02-30"));
}

TEST_CASE("no front matter, broken YAML, not UTF-8", "[document][front-matter]") {
  CHECK_THAT(errors_of("# 标题\n正文\n").at(0).message, Catch::Contains("no front matter"));
  auto yaml = errors_of("---\nid: x\ntitle: [未闭合\n---\n");
  REQUIRE(yaml.size() == 1);
  CHECK_THAT(yaml[0].message, Catch::Contains("invalid YAML"));
  CHECK(yaml[0].where.line >= 3);
  CHECK_THAT(errors_of("---\nid: x\n---\n\xC7\xE0").at(0).message, Catch::Contains("UTF-8"));
}

TEST_CASE("unknown keys are kept and warned about", "[document][front-matter]") {
  Document d = parse_document(
      "---\nid: x\ntitle: 标题\nkind: annex\npublished: 2025-02-01\nowner: 渠道管理部\n---\n", "doc.md");
  REQUIRE_FALSE(d.has_errors());
  REQUIRE(d.diagnostics.size() == 1);
  CHECK(d.diagnostics[0].severity == Severity::Warning);
  CHECK(d.diagnostics[0].where.line == 6);
  REQUIRE(d.meta.extra.size() == 1);
  CHECK(d.meta.extra[0].first == "owner");
  CHECK_THAT(render_front_matter(d.meta), Catch::Contains("owner: 渠道管理部"));
}

TEST_CASE("front matter renders canonically and reads back the same", "[document][front-matter]") {
  FrontMatter m;
  m.id = "rebate-policy-paper";
  m.title = "青云合作伙伴返利政策（纸质版）";
  m.kind = DocKind::Normative;
  m.doc_class = "partner-rebate-policy";
  m.medium = Medium::Paper;
  m.channel = Channel::Signed;
  m.published = {2025, 6, 1};
  m.effective = {2025, 6, 15};
  m.status = Status::Draft;
  Document d = parse_document(render_front_matter(m) + "正文。\n", "p.md");
  REQUIRE_FALSE(d.has_errors());
  CHECK(render_front_matter(d.meta) == render_front_matter(m));
}
