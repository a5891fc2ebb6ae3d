// Splits and merges of statute articles found from where their sentences
// went (diff/paragraphs.hpp, Unit::Sentence): an article whose one paragraph
// gave a sentence to a new article is split, although no paragraph of the new
// article reads most like it; a formula sentence that two old articles share
// links neither of them with the new article that repeats it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "lexgit/diff.hpp"
#include "support.hpp"

using namespace lexgit;
using lexgit::test::segmenter;

namespace {

std::string measures(const std::string& published, const std::string& body) {
  return "---\nid: partner-registration-measures\ntitle: 青云合作伙伴登记管理办法\nkind: normative\npublished: " + published +
         "\n---\n# 青云合作伙伴登记管理办法\n\n" + body;
}

diff::DocumentDiff compare_texts(const std::string& before, const std::string& after) {
  return diff::compare(parse_document(before, "old.md"), parse_document(after, "new.md"), segmenter());
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

bool has_change(const diff::DocumentDiff& d, diff::ChangeKind kind, const std::string& id) {
  return std::any_of(d.changes.begin(), d.changes.end(), [&](const diff::Change& c) {
    const auto& side = kind == diff::ChangeKind::Added ? c.after : c.before;
    return c.kind == kind && side && side->id == id;
  });
}

// tests/data/statutes/exit-measures-2024.md → -2025.md: 第三条 is one
// paragraph of four sentences; the amendment rewrites its first two as a new
// 第三条 of three paragraphs and moves the last two, on the appointment of a
// 清退小组 when none was formed, to a new 第四条.
diff::DocumentDiff exit_amendment() {
  auto dir = test::source_dir() / "tests/data/statutes";
  return diff::compare(parse_document(read_file(dir / "exit-measures-2024.md"), "exit-measures-2024.md"),
                       parse_document(read_file(dir / "exit-measures-2025.md"), "exit-measures-2025.md"), segmenter());
}


// 第二条 (a deposit for custodian partners) is deleted; 第三条 becomes 第二条.
// Both old articles end with the same two sentences on the review of an
// application, which the new 第二条 keeps.
const std::string kDepositOld = measures("2024-01-01", R"(## 第一章 登记

第一条 为了规范青云合作伙伴的登记，根据《青云合作伙伴框架协议》，制定本办法。

第二条 托管型合作伙伴应当在向青云科技提出登记申请的同时，附送证明已经按照本办法的规定交纳保证金的相关材料。

前款保证金金额为八十万元人民币；每设立一个分支机构，增加保证金二十万元人民币。保证金应当向青云科技指定的银行开立专门账户交存。

青云科技应当自收到托管型合作伙伴登记申请并交纳保证金的相关材料之日起十五日内审核完毕。申请材料真实、齐备的，予以登记，并通知申请人；申请材料不真实或者不齐备的，不予登记，书面通知申请人并告知理由。

第三条 经营联合研发业务，应当向青云科技提出申请，并附送下列材料：

(一)合作伙伴的名称、注册地、营业执照副本、主要出资人；

(二)合作伙伴的主要管理人员的姓名及其身份证明；

(三)拟开展的研发项目及其预算。

青云科技应当自收到经营联合研发业务申请之日起三十日内审核完毕。申请材料真实、齐备的，予以登记，并通知申请人；申请材料不真实或者不齐备的，不予登记，书面通知申请人并告知理由。

第四条 本办法自2024年1月1日起施行。
)");

const std::string kDepositNew = measures("2025-01-01", R"(## 第一章 登记

第一条 为了规范青云合作伙伴的登记，根据《青云合作伙伴框架协议》，制定本办法。

第二条 经营联合研发业务，应当向青云科技提出申请，并附送下列材料：

（一）合作伙伴的名称、注册地、营业执照副本、主要出资人；

（二）合作伙伴的主要管理人员的姓名及其身份证明；

（三）拟开展的研发项目及其预算。

青云科技应当自收到经营联合研发业务申请之日起三十日内审核完毕。申请材料真实、齐备的，予以登记，并通知申请人；申请材料不真实或者不齐备的，不予登记，书面通知申请人并告知理由。

第三条 本办法自2025年1月1日起施行。
)");

}  // namespace

TEST_CASE("an article whose sentences went to two new articles is split, no paragraph of the second reading most like it", "[diff][statute]") {
  auto d = exit_amendment();
  const diff::Change* split = find_kind(d, diff::ChangeKind::Split);
  REQUIRE(split != nullptr);
  CHECK(split->before->id == "3");
  CHECK(part_ids(*split) == std::vector<std::string>{"3", "4"});
  CHECK_FALSE(has_change(d, diff::ChangeKind::Added, "4"));
  // The articles around it are renumbered, not drawn into the split.
  CHECK(std::count(d.matches.begin(), d.matches.end(), std::pair<std::string, std::string>{"4", "5"}) == 1);
}

TEST_CASE("a formula sentence two old articles share does not make a deleted one part of a merge", "[diff][statute]") {
  auto d = compare_texts(kDepositOld, kDepositNew);
  CHECK(find_kind(d, diff::ChangeKind::Merged) == nullptr);
  CHECK(has_change(d, diff::ChangeKind::Removed, "2"));
  CHECK(std::count(d.matches.begin(), d.matches.end(), std::pair<std::string, std::string>{"3", "2"}) == 1);
}
