#include <catch2/catch.hpp>

#include "lexgit/document.hpp"

using lexgit::Clause;
using lexgit::Document;
using lexgit::parse_document;

namespace {

const std::string kFrontMatter =
    "---\nid: sample\ntitle: 测试文档\nkind: normative\npublished: 2025-05-10\n---\n";

Document parse(const std::string& body) {
  Document d = parse_document(kFrontMatter + body, "sample.md");
  d.require_valid();
  return d;
}

std::vector<std::string> ids(const Document& d) {
  std::vector<std::string> out;
  for (const Clause* c : d.all_clauses()) out.push_back(c->id);
  return out;
}

const Clause& get(const Document& d, const std::string& id) {
  const Clause* c = d.find(id);
  INFO("clause " << id);
  REQUIRE(c);
  return *c;
}

}  // namespace

TEST_CASE("law-style articles own their unnumbered paragraphs (款) and items (项)", "[document][tree]") {
  Document d = parse(
      "第一章 总则\n\n"
      "第一条 为规范青云业务合作伙伴的技术认证管理，制定本规则。\n\n"
      "第二条 合作伙伴应当至少配备三名认证工程师。\n\n"
      "认证工程师离职的，合作伙伴应当在五个工作日内书面通知青云。\n\n"
      "第三条 合作伙伴申请技术认证，应当提交下列材料：\n\n"
      "（一）认证申请表；\n\n"
      "（二）青云要求的其他材料。\n\n"
      "第二章 附则\n\n"
      "第四条 本规则自2025年5月10日起施行。\n");
  CHECK(ids(d) == std::vector<std::string>{"zhang1", "1", "2", "2.p1", "3", "3.1", "3.2", "zhang2", "4"});
  CHECK(get(d, "zhang1").heading == "总则");
  CHECK(get(d, "2.p1").text == "认证工程师离职的，合作伙伴应当在五个工作日内书面通知青云。");
  CHECK(get(d, "3.2").number == "（二）");
}

TEST_CASE("articles numbered through the chapters keep their number as id, whatever the grouping", "[document][tree][statute]") {
  Document d = parse(
      "# 青云合作伙伴管理办法\n\n"
      "## 第一编 总则\n\n"
      "### 第一章 一般规定\n\n"
      "第一条 为了规范合作伙伴管理，制定本办法。\n\n"
      "### 第二章 合作伙伴\n\n"
      "#### 第一节 资格\n\n"
      "第二条 合作伙伴应当依法设立。\n\n"
      "#### 第二节 认证\n\n"
      "第三条 合作伙伴应当配备认证工程师。\n\n"
      "## 第二编 合作\n\n"
      "### 第一分编 通则\n\n"
      "#### 第一章 一般规定\n\n"
      "第四条 双方应当诚信合作。\n\n"
      "## 附　　则\n\n"
      "第五条 本办法自2025年1月1日起施行。\n");
  CHECK(ids(d) == std::vector<std::string>{"bian1", "bian1.zhang1", "1", "bian1.zhang2", "bian1.zhang2.jie1", "2",
                                           "bian1.zhang2.jie2", "3", "bian2", "bian2.fenbian1",
                                           "bian2.fenbian1.zhang1", "4", "fuze", "5"});
  CHECK(get(d, "fuze").heading == "附则");
  CHECK(get(d, "bian2.fenbian1").number == "第一分编");
}

TEST_CASE("an article inserted as 第N条之一 has an id of its own after N", "[document][tree][statute]") {
  Document d = parse(
      "第一章 总则\n\n"
      "第十七条 合作伙伴应当遵守本办法。\n\n"
      "第十七条之一 合作伙伴不得转包。\n\n"
      "违反前款规定的，青云可以解除协议。\n\n"
      "第十七条之二 合作伙伴应当保守秘密。\n\n"
      "第十八条 本办法自发布之日起施行。\n");
  CHECK(ids(d) == std::vector<std::string>{"zhang1", "17", "17-1", "17-1.p1", "17-2", "18"});
  CHECK(get(d, "17-1").number == "第十七条之一");
  CHECK(get(d, "17-1").insertion == 1);
  CHECK(get(d, "17-1").value == 17);
  CHECK(get(d, "17-1").text == "合作伙伴不得转包。");
}

TEST_CASE("articles that restart under each part keep the part's id before theirs", "[document][tree][statute]") {
  Document d = parse(
      "第一章 总则\n\n"
      "第一条 甲。\n\n"
      "第二条 乙。\n\n"
      "第二章 附则\n\n"
      "第一条 丙。\n");
  CHECK(ids(d) == std::vector<std::string>{"zhang1", "zhang1.1", "zhang1.2", "zhang2", "zhang2.1"});
}

TEST_CASE("a table of contents is kept out of the clause tree's ids", "[document][tree][statute]") {
  Document d = parse(
      "# 青云合作伙伴管理办法\n\n"
      "目　　录\n\n"
      "第一章　总　　则\n\n"
      "第二章　合作伙伴\n\n"
      "　　第一节　资格\n\n"
      "附　　则\n\n"
      "## 第一章　总　　则\n\n"
      "第一条 为了规范合作伙伴管理，制定本办法。\n\n"
      "## 第二章　合作伙伴\n\n"
      "### 第一节　资格\n\n"
      "第二条 合作伙伴应当依法设立。\n\n"
      "## 附　　则\n\n"
      "第三条 本办法自发布之日起施行。\n");
  CHECK(ids(d) == std::vector<std::string>{"zhang1", "1", "zhang2", "zhang2.jie1", "2", "fuze", "3"});
  CHECK(get(d, "zhang1").heading == "总则");
  // The table's lines are kept, as a group without an id.
  const Clause& title = d.clauses.at(0);
  REQUIRE(!title.children.empty());
  CHECK(title.children.front().is_group());
  CHECK(title.children.front().heading == "目录");
  CHECK(title.children.front().text == "第一章　总　　则\n第二章　合作伙伴\n第一节　资格\n附　　则");
}

TEST_CASE("indentation, zero-width spaces and invisible lines make no phantom clauses", "[document][tree][statute]") {
  Document d = parse(
      "\u200b\n\n"
      "## 第一章 总 则\n\n"
      "\u00a0\u3000\n\n"
      "　　第一条　为了规范合作伙伴管理，制定本办法。\n\n"
      "    第二条 合作伙伴应当依法设立。\n\n"
      "    合作伙伴应当配备认证工程师。\n\n"
      "\u200b第三条 本办法自发布之日起施行。\n\n"
      "##\n\n"
      "\t第四条 本办法由青云负责解释。\n");
  CHECK(ids(d) == std::vector<std::string>{"zhang1", "1", "2", "2.p1", "3", "4"});
  CHECK(get(d, "zhang1").heading == "总则");
  CHECK(get(d, "1").text == "为了规范合作伙伴管理，制定本办法。");
  CHECK(get(d, "2.p1").text == "合作伙伴应当配备认证工程师。");
  CHECK(get(d, "4").first_line == 23);
}

TEST_CASE("articles pasted with single line breaks are separate articles", "[document][tree][statute]") {
  Document d = parse(
      "第一章 总则\n"
      "第一条 为了规范合作伙伴管理，\n"
      "制定本办法。\n"
      "第二条 合作伙伴应当依法设立。\n"
      "（一）具有法人资格；\n"
      "（二）信誉良好。\n");
  CHECK(ids(d) == std::vector<std::string>{"zhang1", "1", "2", "2.1", "2.2"});
  CHECK(get(d, "1").text == "为了规范合作伙伴管理，制定本办法。");
  CHECK(get(d, "2").first_line == 10);
  CHECK(get(d, "2.2").first_line == 12);

  // Pasted from a database: each paragraph on an indented line of its own.
  Document pasted = parse(
      "　　第一条　合作伙伴应当依法设立。\n"
      "　　违反前款规定的，青云可以解除协议。\n"
      "  第二条 合作伙伴应当保守秘密。\n"
      "  保密期限为两年。\n");
  CHECK(ids(pasted) == std::vector<std::string>{"1", "1.p1", "2", "2.p1"});
  CHECK(get(pasted, "2.p1").text == "保密期限为两年。");
}

TEST_CASE("deeply indented text is read once, as text", "[document][tree][statute]") {
  Document d = parse(std::string(40000, ' ') + "第一条 甲。\n\n" + std::string(400, '\t') + "第二条 乙。\n");
  CHECK(ids(d) == std::vector<std::string>{"1", "2"});
  CHECK(get(d, "2").text == "乙。");
}

TEST_CASE("typographic spaces in a heading are no part of its text", "[document][tree][statute]") {
  Document d = parse("## 第一章\u2002\u2002基本规定\n\n第一条 甲。\n");
  CHECK(get(d, "zhang1").heading == "基本规定");
}

TEST_CASE("official-document numbering nests 一、 → （一） → 1. → （1）", "[document][tree]") {
  Document d = parse(
      "一、付款方式\n\n"
      "（一）首付款\n\n"
      "1、本订单签署后十个工作日内支付总价的百分之三十；\n\n"
      "（1）以银行转账方式支付；\n\n"
      "（2）以承兑汇票方式支付。\n\n"
      "2、验收合格后支付余款。\n\n"
      "（二）尾款\n\n"
      "二、交付与验收\n");
  CHECK(ids(d) == std::vector<std::string>{"1", "1.1", "1.1.1", "1.1.1.1", "1.1.1.2", "1.1.2", "1.2", "2"});
  CHECK(get(d, "1").heading == "付款方式");
  CHECK(get(d, "1.1.1.2").text == "以承兑汇票方式支付。");
}

TEST_CASE("Markdown ordered lists keep each item's number as written", "[document][tree]") {
  // cmark keeps only the start number; the literal numbers come from the source.
  Document d = parse("## 十． 协议的延期和终止\n\n3. 协议执行期间，应提前三十日书面通知；\n4. 任何一方宣布破产；\n7) 其他情形。\n");
  const Clause& part = get(d, "10");
  REQUIRE(part.children.size() == 3);
  CHECK(part.children[0].number == "3.");
  CHECK(part.children[1].number == "4.");
  CHECK(part.children[2].number == "7)");
  CHECK(part.children[2].id == "10.7");
}

TEST_CASE("a list after a lead-in ending in ： belongs to it, and its ids skip the lead-in unless they would repeat",
          "[document][tree]") {
  Document d = parse(
      "## 三． 双方责任\n\n"
      "1. 双方都是独立的订约人；\n"
      "2. 每一方均负责其费用；\n\n"
      "贵公司同意：\n\n"
      "1. 让青云产品的终端客户感到满意；\n"
      "2. 满足青云科技的基本要求。\n\n"
      "## 十． 协议的延期和终止\n\n"
      "本协议于下列任一情形出现时终止：\n\n"
      "1. 协议期限届满；\n"
      "2. 经双方书面协商一致。\n\n"
      "贵公司同意，终止后按本协议行事。\n");
  CHECK(ids(d) == std::vector<std::string>{"3", "3.1", "3.2", "3.p1", "3.p1.1", "3.p1.2", "10", "10.p1", "10.1", "10.2", "10.p2"});
  CHECK(get(d, "3.p1").children.size() == 2);
  CHECK(get(d, "10.p1").children.size() == 2);  // in the tree, under the lead-in
}

TEST_CASE("bullets, options and circled numbers inside list items", "[document][tree]") {
  Document d = parse(
      "4. 应青云科技要求贵公司提供的下列任何信息：\n\n"
      "   - 报告数据；\n"
      "   - 财务数据；以及\n"
      "   * 销售信息；\n\n"
      "5. 协商不成的，双方可采取以下方式解决：\n\n"
      "   A. 提交北京仲裁委员会仲裁。\n\n"
      "   B. 向人民法院提起诉讼。\n\n"
      "有下列情形之一的，可以撤销认证：\n\n"
      "① 以欺骗手段取得认证的；\n\n"
      "② 出借认证证书的。\n");
  CHECK(ids(d) == std::vector<std::string>{"4", "4.b1", "4.b2", "4.b3", "5", "5.A", "5.B", "p1", "1", "2"});
  CHECK(get(d, "4.b2").text == "财务数据；以及");
  CHECK(get(d, "5.B").number == "B.");
}

TEST_CASE("unnumbered headings group clauses without adding to their ids", "[document][tree]") {
  Document d = parse("# 青云合作伙伴框架协议\n\n欢迎成为青云业务合作伙伴。\n\n## 通 用 条 款\n\n### 一． 权益资格\n\n正文。\n");
  REQUIRE(d.clauses.size() == 1);
  CHECK(d.clauses[0].is_group());
  CHECK(d.clauses[0].heading == "青云合作伙伴框架协议");
  CHECK(ids(d) == std::vector<std::string>{"p1", "1", "1.p1"});
}

TEST_CASE("hard-wrapped lines are re-joined without spaces between Chinese characters", "[document][tree]") {
  Document d = parse("青云科技可能会改变本协议的条款，但会提前一个月\n通知贵公司。This clause is\nwrapped in English too.\n");
  CHECK(get(d, "p1").text == "青云科技可能会改变本协议的条款，但会提前一个月通知贵公司。This clause is wrapped in English too.");
}

TEST_CASE("clauses know their source lines and subject tags", "[document][tree]") {
  Document d = parse("## 五． 终止\n\n<!-- subject: 终止通知期限, 书面通知 -->\n应提前三十日\n书面通知。\n\n其他。\n");
  const Clause& p1 = get(d, "5.p1");
  CHECK(p1.first_line == 10);  // front matter is 6 lines, a blank, the heading, a blank, the comment
  CHECK(p1.last_line == 11);
  CHECK(p1.subjects == std::vector<std::string>{"终止通知期限", "书面通知"});
  CHECK(get(d, "5.p2").subjects.empty());
  CHECK(get(d, "5").last_line == 13);
}

TEST_CASE("emphasis, links and inline HTML flatten to the contract text", "[document][tree]") {
  Document d = parse("本协议以**系统线上版本**为准，详见[官网](https://www.qingcloud.com)<del>纸质</del>。\n");
  CHECK(get(d, "p1").text == "本协议以系统线上版本为准，详见官网纸质。");
}
