#include <catch2/catch.hpp>

#include "document/numbering.hpp"

using lexgit::NumberStyle;
using lexgit::numbering::read_mark;

namespace {
struct Expect {
  const char* text;
  NumberStyle style;
  long long value;
  const char* literal;
  const char* key;
};
}  // namespace

TEST_CASE("every numbering form a Chinese contract uses is read", "[document][numbering]") {
  const Expect cases[] = {
      {"第一编 总则", NumberStyle::Bian, 1, "第一编", "1"},
      {"第三章 合同的履行", NumberStyle::Zhang, 3, "第三章", "3"},
      {"第二节 要约和承诺", NumberStyle::Jie, 2, "第二节", "2"},
      {"第十一条 本协议适用中华人民共和国法律。", NumberStyle::Tiao, 11, "第十一条", "11"},
      {"第二百零一条 按照年、月、日计算期间的，开始的当日不计入。", NumberStyle::Tiao, 201, "第二百零一条", "201"},
      {"第 3 条 付款", NumberStyle::Tiao, 3, "第 3 条", "3"},
      {"第二款 前款规定的期限", NumberStyle::Kuan, 2, "第二款", "2"},
      {"第八部分 保密信息", NumberStyle::Bufen, 8, "第八部分", "8"},
      {"一、订购内容", NumberStyle::ChineseEnum, 1, "一、", "1"},
      {"十一． 适用法律与争议解决", NumberStyle::ChineseEnum, 11, "十一．", "11"},
      {"三. 双方责任", NumberStyle::ChineseEnum, 3, "三.", "3"},
      {"（一）按时足额支付服务费用；", NumberStyle::ChineseParen, 1, "（一）", "1"},
      {"(二) 妥善保管账号和密码", NumberStyle::ChineseParen, 2, "(二)", "2"},
      {"1. 为了获得一个级别或一项权益的资格", NumberStyle::ArabicDot, 1, "1.", "1"},
      {"2、经双方书面协商一致，可提前终止本协议；", NumberStyle::ArabicDot, 2, "2、", "2"},
      {"１．关于潜在的和现有的客户的信息；", NumberStyle::ArabicDot, 1, "１．", "1"},
      {"10. 如果本协议的任何条款被确定为无效", NumberStyle::ArabicDot, 10, "10.", "10"},
      {"3) 从非披露方来源获得的", NumberStyle::ArabicRight, 3, "3)", "3"},
      {"(1) 认证申请表；", NumberStyle::ArabicParen, 1, "(1)", "1"},
      {"（2） 参加认证人员的劳动合同", NumberStyle::ArabicParen, 2, "（2）", "2"},
      {"① 以欺骗、贿赂等不正当手段取得认证的；", NumberStyle::Circled, 1, "①", "1"},
      {"⑳ 其他情形", NumberStyle::Circled, 20, "⑳", "20"},
      {"A. 提交北京仲裁委员会仲裁", NumberStyle::UpperLetter, 1, "A.", "A"},
      {"B. 可向本协议签订地有管辖权的人民法院提出诉讼。", NumberStyle::UpperLetter, 2, "B.", "B"},
      {"b.本订单签署后十个工作日内支付", NumberStyle::LowerLetter, 2, "b.", "b"},
      {"• 报告数据；", NumberStyle::Bullet, 0, "•", "-"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto m = read_mark(c.text);
    REQUIRE(m);
    CHECK(m->style == c.style);
    CHECK(m->value == c.value);
    CHECK(m->literal == c.literal);
    CHECK(m->key == c.key);
  }
}

TEST_CASE("text that only looks numbered is not a mark", "[document][numbering]") {
  for (const char* text : {"一般情况下，双方应友好协商。", "1.5倍的违约金", "2025年1月1日起施行", "十分重要的信息",
                           "e.g. 示例", "A股上市公司", "QingCloud 业务合作伙伴", "第三方的索赔", "（如有）", "一二三"}) {
    INFO(text);
    CHECK_FALSE(read_mark(text));
  }
}

TEST_CASE("the mark's length covers the spaces after it", "[document][numbering]") {
  auto m = read_mark("一．　业务合作伙伴权益资格");
  REQUIRE(m);
  CHECK(std::string_view("一．　业务合作伙伴权益资格").substr(m->length) == "业务合作伙伴权益资格");
}

TEST_CASE("numerals are written back in the style's own digits", "[document][numbering]") {
  CHECK(lexgit::numbering::numeral_for(NumberStyle::ChineseEnum, 2) == "二");
  CHECK(lexgit::numbering::numeral_for(NumberStyle::ChineseEnum, 11) == "十一");
  CHECK(lexgit::numbering::numeral_for(NumberStyle::Tiao, 20) == "二十");
  CHECK(lexgit::numbering::numeral_for(NumberStyle::ArabicDot, 7) == "7");
  CHECK(lexgit::numbering::numeral_for(NumberStyle::UpperLetter, 3) == "C");
}
