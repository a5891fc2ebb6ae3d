// Legal terms stay whole: a redline that cuts 董事|会 or 会计师|事务所 shows a lawyer
// an edit inside a term. The sentences are articles of the Company Law (2018 and
// 2023 texts), where these terms occur next to numbers, enumerations and each other.
#include <catch2/catch.hpp>

#include "lexgit/text.hpp"
#include "support.hpp"

#include <string>
#include <vector>

using namespace lexgit::text;

namespace {

using lexgit::test::joined;

std::string segmented(std::string_view text) {
  static const Segmenter segmenter;
  return joined(segmenter.words(text));
}

// No token boundary may fall inside a term, wherever it occurs in the sentence (it
// may be part of a longer term: 董事长 in 副董事长); and the term stands as one word.
void check_terms_whole(std::string_view sentence, const std::vector<std::string_view>& terms) {
  static const Segmenter segmenter;
  const std::vector<Token> tokens = segmenter.words(sentence);
  INFO(joined(tokens));
  for (std::string_view term : terms) {
    INFO(term);
    REQUIRE(sentence.find(term) != std::string_view::npos);
    for (std::size_t at = sentence.find(term); at != std::string_view::npos; at = sentence.find(term, at + 1)) {
      for (const Token& t : tokens) {
        const bool boundary_inside = (t.offset > at && t.offset < at + term.size()) ||
                                     (t.offset + t.text.size() > at && t.offset + t.text.size() < at + term.size());
        CHECK_FALSE(boundary_inside);
      }
    }
    bool one_word = false;
    for (const Token& t : tokens) one_word = one_word || t.text == term;
    CHECK(one_word);
  }
}

}  // namespace

TEST_CASE("company organs stay whole in statute sentences", "[text][segment][legal]") {
  check_terms_whole("股份有限公司股东大会由全体股东组成。股东大会是公司的权力机构，依照本法行使职权。",
                    {"股份有限公司", "股东大会"});
  check_terms_whole("有限责任公司设董事会，本法第七十五条另有规定的除外。", {"有限责任公司", "董事会"});
  check_terms_whole("股份有限公司设监事会，本法第一百二十一条第一款、第一百三十三条另有规定的除外。",
                    {"股份有限公司", "监事会"});
  check_terms_whole("董事会设董事长一人，可以设副董事长。监事会设主席一人，由全体监事过半数选举产生。",
                    {"董事会", "董事长", "副董事长", "监事会"});
  check_terms_whole("股东会行使下列职权：（一）选举和更换董事、监事，决定有关董事、监事的报酬事项；",
                    {"股东会"});
}

TEST_CASE("company officers, documents and capital stay whole", "[text][segment][legal]") {
  check_terms_whole("公司的法定代表人按照公司章程的规定，由代表公司执行公司事务的董事或者经理担任。",
                    {"法定代表人", "公司章程"});
  check_terms_whole("公司的控股股东、实际控制人、董事、监事、高级管理人员不得利用关联关系损害公司利益。",
                    {"控股股东", "实际控制人", "高级管理人员", "关联关系"});
  check_terms_whole("公司聘用、解聘承办公司审计业务的会计师事务所，按照公司章程的规定，由股东会、董事会或者监事会决定。",
                    {"会计师事务所", "公司章程", "股东会", "董事会", "监事会"});
  check_terms_whole("有限责任公司的注册资本为在公司登记机关登记的全体股东认缴的出资额。",
                    {"有限责任公司", "注册资本", "公司登记机关", "出资额"});
  check_terms_whole("公司分配当年税后利润时，应当提取利润的百分之十列入公司法定公积金。", {"法定公积金"});
}

TEST_CASE("liquidation terms stay whole", "[text][segment][legal]") {
  check_terms_whole("清算组应当自成立之日起十日内通知债权人，并于六十日内在报纸上或者国家企业信用信息公示系统公告。",
                    {"清算组", "债权人"});
  check_terms_whole("董事为公司清算义务人，应当在解散事由出现之日起十五日内组成清算组进行清算。",
                    {"清算义务人", "清算组"});
}

TEST_CASE("terms next to numbers, Latin letters and full-width digits", "[text][segment][legal]") {
  // An added article: 第十七条之一 is the article number and 之一, not 条之.
  CHECK(segmented("第十七条之一") == "第十七条|之一");
  CHECK(segmented("依照第十七条之一的规定，董事会应当") == "依照|第十七条|之一|的|规定|，|董事会|应当");
  // Amounts: the number, magnitude and currency are one token, the term another.
  CHECK(segmented("注册资本最低限额为10万元") == "注册资本|最低限额|为|10万元");
  CHECK(segmented("注册资本为１０００万元") == "注册资本|为|１０００万元");
  CHECK(segmented("有限责任公司由五十个以下股东出资设立") == "有限责任公司|由|五十个|以下|股东|出资|设立");
  // Latin and digits glued to a term do not cut it or merge into it.
  CHECK(segmented("ABC有限责任公司的CEO兼任董事长") == "ABC|有限责任公司|的|CEO|兼任|董事长");
  CHECK(segmented("2023年12月29日修订的公司法") == "2023年12月29日|修订|的|公司法");
  CHECK(segmented("持有10%以上表决权的股东") == "持有|10%|以上|表决权|的|股东");
}
