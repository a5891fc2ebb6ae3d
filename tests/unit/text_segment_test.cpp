#include <catch2/catch.hpp>

#include "lexgit/text.hpp"
#include "support.hpp"

#include <string>
#include <vector>

using namespace lexgit::text;

namespace {

using lexgit::test::joined;

std::string segmented(std::string_view text, const std::vector<std::string>& terms = {}) {
  static const Segmenter segmenter;
  return joined(segmenter.words(text, terms));
}

const Token& token_with_text(const std::vector<Token>& tokens, std::string_view text) {
  for (const Token& t : tokens) {
    if (t.text == text) return t;
  }
  FAIL("no token " << text << " in " << joined(tokens));
  return tokens.front();
}

}  // namespace

TEST_CASE("the lexicon repairs words ICU's dictionary lacks", "[text][segment]") {
  // ICU alone: 违约|金, 文|档, 歧|义, 甲|方.
  CHECK(joined(icu_words("甲方支付违约金")) == "甲|方|支付|违约|金");
  CHECK(segmented("甲方支付违约金") == "甲方|支付|违约金");
  CHECK(segmented("如上述文档、规则条款之间存在歧义或冲突的") ==
        "如|上述|文档|、|规则|条款|之间|存在|歧义|或|冲突|的");
  CHECK(segmented("任一方仅对另一方负担最多") == "任|一方|仅|对|另|一方|负担|最多");
}

TEST_CASE("dictionary words merge ICU's pieces but never cut a word", "[text][segment]") {
  // ICU alone: 董事|长, 清算|组.
  CHECK(segmented("董事长召集清算组") == "董事长|召集|清算组");
  // jieba has 关文 and 定为; only listed words may pull a character out of
  // ICU's word (相关|文 → 相|关文 would be wrong), so these stay as ICU has them.
  CHECK(segmented("当若相关文档") == "当|若|相关|文档");
  CHECK(segmented("以本协议约定为准") == "以|本|协议|约定|为|准");
}

TEST_CASE("numerals with their counter are one Number token", "[text][segment]") {
  CHECK(joined(icu_words("第十一条")) == "第|十一条");
  CHECK(segmented("第十一条") == "第十一条");
  CHECK(segmented("此部分（第八部分）") == "此|部分|（|第八部分|）");
  CHECK(segmented("第一章第二款第三项") == "第一章|第二款|第三项");
  CHECK(segmented("应提前三十日向对方发出书面通知") == "应|提前|三十日|向|对方|发出|书面通知");
  CHECK(segmented("自最初披露之日起两年内") == "自|最初|披露|之|日|起|两年|内");
  CHECK(segmented("在十五个工作日内") == "在|十五个工作日|内");
  CHECK(segmented("提前一个月通知贵公司") == "提前|一个月|通知|贵公司");
  CHECK(segmented("三个月内") == "三个月|内");
  CHECK(segmented("30 天内") == "30 天|内");
  CHECK(segmented("48小时内") == "48小时|内");
  const auto tokens = Segmenter().words("应提前三十日通知");
  CHECK(token_with_text(tokens, "三十日").kind == TokenKind::Number);
  CHECK(token_with_text(tokens, "通知").kind == TokenKind::Word);
}

TEST_CASE("a changed period is one token on each side", "[text][segment]") {
  const Segmenter segmenter;
  const auto before = segmenter.words("应提前三十日向对方发出书面通知");
  const auto after = segmenter.words("应提前十五日向对方发出书面通知");
  REQUIRE(before.size() == after.size());
  int differing = 0;
  for (std::size_t i = 0; i < before.size(); ++i) differing += before[i].text != after[i].text;
  CHECK(differing == 1);
  CHECK(token_with_text(after, "十五日").kind == TokenKind::Number);
}

TEST_CASE("numbers, dates and amounts stay whole", "[text][segment]") {
  CHECK(segmented("负担最多 10 万人民币的实际直接损失") == "负担|最多|10 万人民币|的|实际直接损失");
  CHECK(segmented("总价为100,000元") == "总价|为|100,000元");
  CHECK(segmented("人民币1,280,000元") == "人民币1,280,000元");
  CHECK(segmented("不超过10万元") == "不|超过|10万元");
  CHECK(segmented("按5%的比例") == "按|5%|的|比例");
  CHECK(segmented("百分之五十予以报销") == "百分之五十|予以|报销");
  CHECK(segmented("3.5 1,000 一百零五") == "3.5|1,000|一百零五");
  CHECK(segmented("１２３") == "１２３");
  CHECK(segmented("于2026-01-31生效") == "于|2026-01-31|生效");
  CHECK(segmented("于2026年1月31日生效") == "于|2026年1月31日|生效");
  CHECK(segmented("于二〇二六年一月三十一日生效") == "于|二〇二六年一月三十一日|生效");
  CHECK(segmented("大写：壹佰贰拾捌万元整。") == "大写|：|壹佰贰拾捌万元整|。");
  for (const Token& t : Segmenter().words("10 万人民币 2026-01-31 5%")) CHECK(t.kind == TokenKind::Number);
}

TEST_CASE("numerals inside words are left to the words", "[text][segment]") {
  CHECK(segmented("经双方书面协商一致") == "经|双方|书面|协商|一致");
  CHECK(segmented("授权第三人使用") == "授权|第三人|使用");
  CHECK(segmented("引起的第三方对青云科技的索赔") == "引起|的|第三方|对|青云|科技|的|索赔");
  CHECK(segmented("其任一条款") == "其|任|一|条款");
  CHECK(segmented("获得一个级别或一项权益") == "获得|一个|级别|或|一项|权益");
}

TEST_CASE("negations stand apart unless the word is lexicalised", "[text][segment]") {
  CHECK(joined(icu_words("本协议也不会产生")) == "本|协议|也不会|产生");
  CHECK(segmented("本协议也不会产生") == "本|协议|也|不|会|产生");
  CHECK(segmented("任何一方均不是另一方的雇员") == "任何|一方|均|不|是|另|一方|的|雇员");
  CHECK(segmented("并不影响") == "并|不|影响");
  CHECK(segmented("未完成之结算") == "未|完成|之|结算");
  CHECK(segmented("不得对外销售") == "不得|对外|销售");
  CHECK(segmented("不可抗力") == "不可抗力");
  CHECK(segmented("未能履约") == "未能|履约");
}

TEST_CASE("Latin words, codes and URLs are one token each", "[text][segment]") {
  CHECK(segmented("青云QingCloud业务合作伙伴", {"青云"}) == "青云|QingCloud|业务合作伙伴");
  // 青云 is a noun in jieba's dictionary: whole even where it is no defined term.
  CHECK(segmented("青云QingCloud业务") == "青云|QingCloud|业务");
  CHECK(segmented("网站链接：【https://www.qingcloud.com】）") ==
        "网站|链接|：|【|https://www.qingcloud.com|】|）");
  CHECK(segmented("访问 https://example.com/a?b=1.") == "访问|https://example.com/a?b=1|.");
  CHECK(segmented("订购单QC-PO-2025-017") == "订购单|QC-PO-2025-017");
}

TEST_CASE("punctuation is one token per mark, whitespace none", "[text][segment]") {
  CHECK(Segmenter().words("").empty());
  CHECK(Segmenter().words("  \n\t　").empty());
  const auto marks = Segmenter().words("，。；……（）“”");
  CHECK(joined(marks) == "，|。|；|…|…|（|）|“|”");
  for (const Token& t : marks) CHECK(t.kind == TokenKind::Punct);
}

TEST_CASE("tokens are views at their byte offsets", "[text][segment]") {
  const std::string text = "本协议于 2026年1月31日 生效，违约金为 10 万人民币。";
  const auto tokens = Segmenter().words(text);
  REQUIRE_FALSE(tokens.empty());
  std::size_t previous_end = 0;
  for (const Token& t : tokens) {
    CHECK(t.text.data() == text.data() + t.offset);
    CHECK(t.offset >= previous_end);
    previous_end = t.offset + t.text.size();
  }
}

TEST_CASE("defined terms are kept whole as extra terms", "[text][segment]") {
  const std::string preamble = "欢迎成为北京青云科技股份有限公司（简称“青云科技”或“青云”）青云QingCloud业务合作伙伴。";
  const auto terms = defined_terms(preamble);
  CHECK(terms == std::vector<std::string>{"青云科技", "青云"});
  CHECK(segmented("青云科技将依据本协议", terms) == "青云科技|将|依据|本|协议");
  CHECK(segmented("青云科技将依据本协议", {"青云科技", "本协议"}) == "青云科技|将|依据|本协议");
  CHECK(segmented("北京青云科技股份有限公司", terms) == "北京|青云科技|股份有限公司");
  CHECK(segmented("北京青云科技股份有限公司") == "北京|青云|科技|股份有限公司");
  CHECK(segmented("接受方使用披露方的信息", {"披露方", "接受方"}) == "接受方|使用|披露方|的|信息");
  CHECK(segmented("披露方向另一方披露", {"披露方"}) == "披露方|向|另|一方|披露");
}

TEST_CASE("a segmenter can be moved and reused", "[text][segment]") {
  Segmenter first;
  Segmenter moved(std::move(first));
  CHECK(joined(moved.words("甲方")) == "甲方");
  Segmenter assigned;
  assigned = std::move(moved);
  CHECK(joined(assigned.words("违约金")) == "违约金");
  CHECK(joined(assigned.words("文档")) == "文档");
}

TEST_CASE("icu_words is plain ICU without whitespace", "[text][segment]") {
  const auto tokens = icu_words("最多 10 万人民币");
  CHECK(joined(tokens) == "最多|10|万|人民|币");
  CHECK(tokens[1].kind == TokenKind::Number);
  CHECK(icu_words("").empty());
}
