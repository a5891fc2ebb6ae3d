// Splits and merges of statute articles found from where their paragraphs
// went (diff/paragraphs.hpp): two articles whose paragraphs now stand side by
// side in one article are merged even when each shares less than half its
// text with it; an article copying, for another subject, a paragraph that
// went elsewhere is not a part of the split.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "lexgit/diff.hpp"
#include "support.hpp"

using namespace lexgit;
using lexgit::test::segmenter;

namespace {

std::string measures(const std::string& published, const std::string& body) {
  return "---\nid: partner-fund-measures\ntitle: 青云合作伙伴基金管理办法\nkind: normative\npublished: " + published +
         "\n---\n# 青云合作伙伴基金管理办法\n\n" + body;
}

const std::string kOld = measures("2024-01-01", R"(## 第一章 总则

第一条 为了规范青云合作伙伴基金的使用与管理，提高基金使用效益，根据《青云合作伙伴框架协议》，制定本办法。

第二条 青云科技设立合作伙伴基金，用于资助《青云合作伙伴框架协议》及其附件《联合研发合作条款》规定的联合研发。

第三条 合作伙伴基金主要来源于青云科技年度预算拨款。青云科技鼓励合作伙伴向合作伙伴基金捐资。

第四条 合作伙伴基金资助工作遵循公开、公平、公正的原则，实行尊重技术、发扬民主、提倡竞争、促进合作、激励创新的方针。

## 第二章 组织

第五条 有限合伙型合作伙伴设监事会，其成员不得少于三人。合作伙伴人数较少或者规模较小的有限合伙型合作伙伴，可以设一至二名监事，不设监事会。

监事会应当包括合作伙伴代表和适当比例的员工代表，其中员工代表的比例不得低于三分之一，具体比例由合作章程规定。

董事、高级管理人员不得兼任监事。

第六条 本办法自2024年1月1日起施行。
)");

// 第二条 and 第四条 merged into 第三条 (one paragraph each, the first without
// its reference to the framework agreement); 第五条's first paragraph became
// 第六条, and 第七条 copies it for another kind of partner.
const std::string kNew = measures("2025-01-01", R"(## 第一章 总则

第一条 为了规范青云合作伙伴基金的使用与管理，提高基金使用效益，根据《青云合作伙伴框架协议》，制定本办法。

第二条 合作伙伴基金工作坚持客户优先，面向云计算技术前沿、面向行业重大需求。

第三条 青云科技设立合作伙伴基金，用于资助联合研发，支持人才培养和团队建设。

合作伙伴基金资助工作实行尊重技术、发扬民主、提倡竞争、促进合作、激励创新的方针，遵循公开、公平、公正的原则。

第四条 合作伙伴基金主要来源于青云科技年度预算拨款。青云科技鼓励合作伙伴向合作伙伴基金捐资。

## 第二章 组织

第五条 有限合伙型合作伙伴设监事会，本办法第六条另有规定的除外。

监事会成员应当包括合作伙伴代表和适当比例的员工代表，其中员工代表的比例不得低于三分之一，具体比例由合作章程规定。

董事、高级管理人员不得兼任监事。

第六条 规模较小或者合作伙伴人数较少的有限合伙型合作伙伴，可以不设监事会，设一名监事，行使本办法规定的监事会的职权；经全体合作伙伴一致同意，也可以不设监事。

第七条 规模较小或者合作伙伴人数较少的公司型合作伙伴，可以不设监事会，设一名监事，行使本办法规定的监事会的职权。

第八条 本办法自2025年1月1日起施行。
)");

diff::DocumentDiff amendment() {
  return diff::compare(parse_document(kOld, "old.md"), parse_document(kNew, "new.md"), segmenter());
}

std::vector<std::string> part_ids(const diff::Change& c) {
  std::vector<std::string> ids;
  for (const diff::Side& p : c.parts) ids.push_back(p.id);
  return ids;
}

const diff::Change* find_kind(const diff::DocumentDiff& d, diff::ChangeKind kind) {
  auto it = std::find_if(d.changes.begin(), d.changes.end(), [&](const diff::Change& c) { return c.kind == kind; });
  return it == d.changes.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("two articles whose paragraphs stand side by side in one new article are merged, each sharing less than half", "[diff][statute]") {
  auto d = amendment();
  const diff::Change* merged = find_kind(d, diff::ChangeKind::Merged);
  REQUIRE(merged != nullptr);
  CHECK(merged->after->id == "3");
  CHECK(part_ids(*merged) == std::vector<std::string>{"2", "4"});
  // Old 第二条 is not reported removed, and the new 第二条 (a new rule) is added.
  CHECK(std::none_of(d.changes.begin(), d.changes.end(),
                     [](const diff::Change& c) { return c.kind == diff::ChangeKind::Removed && c.before->id == "2"; }));
  CHECK(std::any_of(d.changes.begin(), d.changes.end(),
                    [](const diff::Change& c) { return c.kind == diff::ChangeKind::Added && c.after->id == "2"; }));
}

TEST_CASE("an article copying a split paragraph for another subject is added, not a part of the split", "[diff][statute]") {
  auto d = amendment();
  const diff::Change* split = find_kind(d, diff::ChangeKind::Split);
  REQUIRE(split != nullptr);
  CHECK(split->before->id == "5");
  CHECK(part_ids(*split) == std::vector<std::string>{"5", "6"});
  CHECK(std::any_of(d.changes.begin(), d.changes.end(),
                    [](const diff::Change& c) { return c.kind == diff::ChangeKind::Added && c.after->id == "7"; }));
  CHECK(std::count(d.matches.begin(), d.matches.end(), std::pair<std::string, std::string>{"5", "7"}) == 0);
}
