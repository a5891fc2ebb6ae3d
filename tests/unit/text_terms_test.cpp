#include <catch2/catch.hpp>

#include "lexgit/text.hpp"

#include <fstream>
#include <sstream>

using lexgit::text::defined_terms;
using Terms = std::vector<std::string>;

TEST_CASE("terms defined in brackets", "[text][terms]") {
  CHECK(defined_terms("北京青云科技股份有限公司（简称“青云科技”或“青云”）青云QingCloud") == Terms{"青云科技", "青云"});
  CHECK(defined_terms("是关于您成为青云业务合作伙伴的完整协议（统称“本协议”），将取代") == Terms{"本协议"});
  CHECK(defined_terms("任何一方或其加盟方（“披露方”）在遵照本协议的情况下") == Terms{"披露方"});
  CHECK(defined_terms("北京某某有限公司（以下简称“甲方”）与乙公司（以下简称\"乙方\"）") == Terms{"甲方", "乙方"});
  CHECK(defined_terms("青云最终用户条款（以下简称「本条款」）") == Terms{"本条款"});
  CHECK(defined_terms("(简称\"本规则\")") == Terms{"本规则"});
}

TEST_CASE("terms defined by a quoted term that is explained", "[text][terms]") {
  CHECK(defined_terms("保密信息。“加盟方”是一个实体，按照本协议") == Terms{"加盟方"});
  CHECK(defined_terms("“最终用户”是指为自身使用目的购买青云产品的法人") == Terms{"最终用户"});
}

TEST_CASE("quotations and ordinary brackets define nothing", "[text][terms]") {
  CHECK(defined_terms("").empty());
  CHECK(defined_terms("确定为“机密”的保密信息").empty());
  CHECK(defined_terms("可以使用“青云业务合作伙伴”的标识").empty());
  CHECK(defined_terms("规定和细则（如有），将发布于官方网站（网站链接：【https://www.qingcloud.com】）").empty());
  CHECK(defined_terms("业务合作伙伴（简称青云业务合作伙伴）").empty());  // unquoted: ordinary words
  CHECK(defined_terms("（简称“未闭合").empty());
}

TEST_CASE("terms come in order of appearance, once each", "[text][terms]") {
  CHECK(defined_terms("（“披露方”）……（“接受方”）……（“披露方”）") == Terms{"披露方", "接受方"});
}

TEST_CASE("the framework agreement's defined terms", "[text][terms]") {
  std::ifstream in(LEXGIT_SEED_DIR "/qingcloud-partner-framework-agreement.txt");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(defined_terms(text.str()) == Terms{"青云科技", "青云", "本协议", "披露方", "接受方", "加盟方"});
}
