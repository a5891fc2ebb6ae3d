// Clause alignment and word edits on the framework agreement.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "lexgit/diff.hpp"
#include "support.hpp"

using lexgit::test::agreement;
using lexgit::test::contains;
using lexgit::test::replace;
using lexgit::test::with_part_before_six;
using lexgit::test::segmenter;

using namespace lexgit;
using namespace lexgit::diff;

namespace {




// The revision the redline must read as a lawyer would: a part inserted before
// 六 (so 六–十一 become 七–十二), the cross-reference to 第八部分 updated, the
// liability cap, the termination notice and the change notice changed, and
// one item rewritten.
std::string revised_agreement() {
  std::string s = with_part_before_six(
      agreement(), "数据安全与个人信息保护",
      "双方应当遵守《中华人民共和国数据安全法》和《中华人民共和国个人信息保护法》，对履行本协议过程中获取的最终用户数据采取必要的安全保护措施。\n\n"
      "贵公司发现数据泄露或者安全事件的，应当在二十四小时内书面通知青云科技。");
  replace(s, "此部分（第八部分）", "此部分（第九部分）");
  replace(s, "最多 10 万人民币", "最多 20 万人民币");
  replace(s, "应提前三十日向对方发出书面通知，本协议在对方收到书面通知三十日后终止", "应提前十五日向对方发出书面通知，本协议在对方收到书面通知十五日后终止");
  replace(s, "但会提前一个月通知贵公司", "但会提前两个月通知贵公司");
  replace(s, "3. 如果青云科技为贵公司提供销售线索，贵公司将依照青云科技的书面要求向青云科技报告贵公司基于该销售线索的活动结果；",
          "3. 青云科技为贵公司提供销售线索的，贵公司应当每季度向青云科技书面报告该销售线索的跟进情况和成交结果；");
  replace(s, "published: 2025-01-01", "published: 2026-01-10");
  return s;
}

const Change* find(const DocumentDiff& d, ChangeKind kind, const std::string& new_or_old_ref) {
  for (const Change& c : d.changes) {
    if (c.kind != kind) continue;
    if ((c.after && c.after->ref == new_or_old_ref) || (c.before && c.before->ref == new_or_old_ref)) return &c;
  }
  return nullptr;
}

std::vector<std::pair<std::string, std::string>> replacements(const Change& c) {
  std::vector<std::pair<std::string, std::string>> out;
  for (std::size_t i = 0; i < c.edits.size(); ++i) {
    if (c.edits[i].op == Op::Equal) continue;
    std::string del = c.edits[i].op == Op::Delete ? c.edits[i].text : "";
    std::string ins;
    if (c.edits[i].op == Op::Insert) ins = c.edits[i].text;
    else if (i + 1 < c.edits.size() && c.edits[i + 1].op == Op::Insert) ins = c.edits[++i].text;
    out.emplace_back(del, ins);
  }
  return out;
}

}  // namespace

TEST_CASE("a part inserted before 六 is one addition, 六–十一 are renumbered, the rest reads as single replacements",
          "[diff]") {
  Document before = parse_document(agreement(), "before.md");
  Document after = parse_document(revised_agreement(), "after.md");
  DocumentDiff d = compare(before, after, segmenter());
  for (const Change& c : d.changes) UNSCOPED_INFO(to_json(c).dump());

  Stat s = d.stat();
  CHECK(s.added == 1);
  CHECK(s.removed == 0);
  CHECK(s.moved == 0);
  CHECK(s.renumbered == 6);  // 六–十一 → 七–十二
  const Change* added = find(d, ChangeKind::Added, "partner-framework#6");
  REQUIRE(added);
  CHECK_THAT(added->after->text, Catch::Contains("数据安全与个人信息保护") && Catch::Contains("二十四小时内"));
  for (auto [from, to] : {std::pair{"6", "7"}, {"7", "8"}, {"8", "9"}, {"9", "10"}, {"10", "11"}, {"11", "12"}}) {
    INFO(from << " → " << to);
    CHECK(find(d, ChangeKind::Renumbered, std::string("partner-framework#") + from));
  }

  const Change* reference = find(d, ChangeKind::Modified, "partner-framework#9.p8");
  REQUIRE(reference);
  CHECK(reference->before->ref == "partner-framework#8.p8");
  CHECK(reference->consequential);
  CHECK(replacements(*reference) == std::vector<std::pair<std::string, std::string>>{{"第八部分", "第九部分"}});

  const Change* cap = find(d, ChangeKind::Modified, "partner-framework#10.p1");
  REQUIRE(cap);
  CHECK_FALSE(cap->consequential);
  CHECK(replacements(*cap) == std::vector<std::pair<std::string, std::string>>{{"10 万人民币", "20 万人民币"}});

  const Change* termination = find(d, ChangeKind::Modified, "partner-framework#11.3");
  REQUIRE(termination);
  CHECK(replacements(*termination) ==
        std::vector<std::pair<std::string, std::string>>{{"三十日", "十五日"}, {"三十日", "十五日"}});

  const Change* notice = find(d, ChangeKind::Modified, "partner-framework#8.p1");
  REQUIRE(notice);
  CHECK(replacements(*notice) == std::vector<std::pair<std::string, std::string>>{{"一个月", "两个月"}});

  const Change* item = find(d, ChangeKind::Modified, "partner-framework#3.p1.3");
  REQUIRE(item);
  CHECK(item->similarity < 0.9);
  CHECK(item->similarity >= 0.25);
}

TEST_CASE("identical documents have no changes, and re-wrapping is no change", "[diff]") {
  Document a = parse_document(agreement(), "a.md");
  CHECK(compare(a, a, segmenter()).changes.empty());
}

TEST_CASE("word edits keep numbers, dates and amounts whole and leave no one-character scraps", "[diff]") {
  auto e = word_diff("应提前三十日向对方发出书面通知", "应提前十五日向对方发出书面通知", segmenter());
  CHECK(e == std::vector<Edit>{{Op::Equal, "应提前"}, {Op::Delete, "三十日"}, {Op::Insert, "十五日"}, {Op::Equal, "向对方发出书面通知"}});
  auto date = word_diff("自2025年5月10日起施行。", "自2025年6月1日起施行。", segmenter());
  CHECK(date == std::vector<Edit>{{Op::Equal, "自"}, {Op::Delete, "2025年5月10日"}, {Op::Insert, "2025年6月1日"}, {Op::Equal, "起施行。"}});
  auto scraps = word_diff("甲方应当按时支付服务费用", "乙方可以延期支付违约金", segmenter());
  for (std::size_t i = 1; i + 1 < scraps.size(); ++i) {
    if (scraps[i].op != Op::Equal) continue;
    CHECK(scraps[i].text.size() > 3);  // more than one Chinese character between two changes
  }
  std::string rebuilt_before, rebuilt_after;
  for (const Edit& x : scraps) {
    if (x.op != Op::Insert) rebuilt_before += x.text;
    if (x.op != Op::Delete) rebuilt_after += x.text;
  }
  CHECK(rebuilt_before == "甲方应当按时支付服务费用");
  CHECK(rebuilt_after == "乙方可以延期支付违约金");
}

TEST_CASE("two paragraphs swapped are a move, not a removal and an addition", "[diff]") {
  std::string base = "---\nid: d\ntitle: 文档\nkind: annex\npublished: 2025-01-01\n---\n\n";
  std::string p1 = "披露方提供信息，但不做任何保证。\n\n", p2 = "接受方要自行承担使用披露方提供的信息的风险。\n\n",
              p3 = "按照本协议接受信息并不排除接受方以它选择的方式转让给其员工。\n\n";
  Document a = parse_document(base + p1 + p2 + p3, "a.md");
  Document b = parse_document(base + p2 + p1 + p3, "b.md");
  DocumentDiff d = compare(a, b, segmenter());
  Stat s = d.stat();
  CHECK(s.moved == 1);
  CHECK(s.added == 0);
  CHECK(s.removed == 0);
}

TEST_CASE("JSON of a change has the documented keys", "[diff]") {
  Document a = parse_document(agreement(), "a.md");
  std::string changed = agreement();
  replace(changed, "最多 10 万人民币", "最多 20 万人民币");
  DocumentDiff d = compare(a, parse_document(changed, "b.md"), segmenter());
  REQUIRE(d.changes.size() == 1);
  auto j = to_json(d.changes[0]);
  CHECK(j["kind"] == "modified");
  CHECK(j["old"]["ref"] == "partner-framework#9.p1");
  CHECK(j["new"]["ref"] == "partner-framework#9.p1");
  CHECK(j["consequential"] == false);
  CHECK(j["edits"][1] == nlohmann::json{{"op", "delete"}, {"text", "10 万人民币"}});
  CHECK(j["edits"][2] == nlohmann::json{{"op", "insert"}, {"text", "20 万人民币"}});
  CHECK(j["similarity"].get<double>() > 0.9);
}
