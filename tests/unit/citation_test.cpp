#include <catch2/catch.hpp>

#include "lexgit/document.hpp"
#include "support.hpp"

using namespace lexgit;

namespace {
const std::string kFront = "---\nid: measures\ntitle: 青云合作伙伴管理办法\nkind: normative\npublished: 2025-01-01\n---\n";

Document statute() {
  return parse_document(kFront +
                            "# 青云合作伙伴管理办法\n\n"
                            "## 第一章 总则\n\n"
                            "第一条 为了规范合作伙伴管理，制定本办法。\n\n"
                            "## 第二章 合作\n\n"
                            "### 第一节 资格\n\n"
                            "第二条 申请成为合作伙伴的企业，应当具备下列条件：\n\n"
                            "（一）依法设立；\n\n"
                            "（二）有相应的技术人员：\n\n"
                            "1. 认证工程师不少于三名；\n\n"
                            "2. 销售人员不少于五名。\n\n"
                            "合作伙伴应当按年报送下列材料：\n\n"
                            "（一）年度报告；\n\n"
                            "（二）审计报告。\n\n"
                            "第二条之一 合作伙伴不得转包。\n\n"
                            "## 附　　则\n\n"
                            "第三条 本办法自2025年1月1日起施行。\n",
                        "measures.md");
}
}  // namespace

TEST_CASE("statute clauses are cited as lawyers cite them, and citations read back", "[document][citation]") {
  Document d = statute();
  CHECK(cite(d, "1") == "第一条");
  CHECK(cite(d, "2.1") == "第二条第（一）项");
  CHECK(cite(d, "2.2.1") == "第二条第（二）项第1目");
  CHECK(cite(d, "2.p1") == "第二条第二款");
  CHECK(cite(d, "2-1") == "第二条之一");
  CHECK(cite(d, "zhang2.jie1") == "第二章第一节");
  CHECK(cite(d, "fuze") == "附则");
  for (const Clause* c : d.all_clauses()) {
    INFO(c->id << " cited as " << cite(d, c->id));
    CHECK(id_for_citation(d, cite(d, c->id)) == c->id);
  }
  CHECK(id_for_citation(d, "第一千二百六十条") == std::nullopt);
  CHECK(id_for_citation(d, "第二条第三款") == std::nullopt);
}

TEST_CASE("the agreement's clauses are cited by part, paragraph and item", "[document][citation]") {
  Document d = parse_document(test::agreement(), "partner-framework.md");
  CHECK(cite(d, "10.3") == "第十部分第3项");
  CHECK(cite(d, "7.p2") == "第七部分第二款");
  CHECK(cite(d, "11.2.B") == "第十一部分第2项第B目");
  CHECK(id_for_citation(d, "第十部分第3项") == "10.3");
  CHECK(id_for_citation(d, "第七部分第二款") == "7.p2");
  CHECK(id_for_citation(d, "本协议第八部分") == "8");
  for (const Clause* c : d.all_clauses()) {
    INFO(c->id << " cited as " << cite(d, c->id));
    CHECK(id_for_citation(d, cite(d, c->id)) == c->id);
  }
  CHECK(parse_reference("partner-framework:第十部分第3项").doc == "partner-framework");
  CHECK(parse_reference("partner-framework:第十部分第3项").id == "第十部分第3项");
  CHECK(parse_reference("partner-framework#10.3").id == "10.3");
}
