#include <catch2/catch.hpp>

#include "lexgit/importer.hpp"
#include <map>

#include "support.hpp"

using namespace lexgit;

namespace {

ImportOptions options(const char* id = "rebate-policy") {
  ImportOptions o;
  o.meta.id = id;
  o.meta.kind = DocKind::Normative;
  o.meta.published = o.meta.effective = {2025, 4, 1};
  return o;
}

const std::string kPolicy =
    "青云合作伙伴返利政策\n"
    "一、返利比例\n"
    "合作伙伴在一个自然季度内完成销售目标的，青云按照该季度\n"
    "实际回款金额的3%计算返利。\n"
    "二、结算\n"
    "返利应当在季度结束后三十日内结算：\n"
    "1. 青云核对回款金额；\n"
    "2. 合作伙伴开具发票。\n";

Document imported(const std::string& bytes, ImportOptions o = options()) {
  Document d = parse_document(import_document(bytes, o, "policy.txt"), "policy.md");
  d.require_valid();
  return d;
}

std::string utf16(const std::string& utf8, bool little_endian) {
  // Only BMP text in these tests: UTF-8 → code units by hand.
  std::string out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    char32_t cp = text::next_code_point(utf8, pos);
    char hi = static_cast<char>((cp >> 8) & 0xFF), lo = static_cast<char>(cp & 0xFF);
    out += little_endian ? std::string{lo, hi} : std::string{hi, lo};
  }
  return out;
}

}  // namespace

TEST_CASE("import builds headings, numbered paragraphs and lists from plain text", "[import]") {
  Document d = imported(kPolicy);
  CHECK(d.meta.title == "青云合作伙伴返利政策");
  CHECK(d.meta.doc_class == "rebate-policy");
  CHECK(d.find("1")->heading == "返利比例");
  CHECK(d.find("1.p1")->text == "合作伙伴在一个自然季度内完成销售目标的，青云按照该季度实际回款金额的3%计算返利。");
  CHECK(d.find("2.2")->text == "合作伙伴开具发票。");
}

TEST_CASE("every supported encoding gives the same document", "[import]") {
  std::string expected = import_document(kPolicy, options(), "policy.txt");
  CHECK(import_document("\xEF\xBB\xBF" + kPolicy, options(), "bom.txt") == expected);
  CHECK(import_document(utf16(kPolicy, true), options(), "le.txt") == expected);
  CHECK(import_document(utf16(kPolicy, false), options(), "be.txt") == expected);
  // GB18030 bytes for 青云 (C7E0 D4C6) and the rest of the title's line.
  std::string gb = "\xC7\xE0\xD4\xC6\xBA\xCF\xD7\xF7\xBB\xEF\xB0\xE9\xB7\xB5\xC0\xFB\xD5\xFE\xB2\xDF\n";
  Document d = imported(gb + "\xD2\xBB\xA1\xA2\xB7\xB5\xC0\xFB\xB1\xC8\xC0\xFD\n");  // 一、返利比例
  CHECK(d.meta.title == "青云合作伙伴返利政策");
  CHECK(d.find("1")->heading == "返利比例");
}

TEST_CASE("empty, binary and undecodable input is refused with the file named", "[import]") {
  auto refused = [](const std::string& bytes, const std::string& why) {
    try {
      import_document(bytes, options(), "input.txt");
      FAIL("accepted: " << why);
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::BadInput);
      CHECK(e.where().file == "input.txt");
      CHECK_THAT(e.message(), Catch::Contains(why));
    }
  };
  refused("", "empty");
  refused(" \n\n\u3000\n", "empty");
  refused(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "binary");
  refused("\xC7\xE0\xD4\xC6\n\x81\x20\xFF\n", "cannot decode");
}

TEST_CASE("page artefacts go, page-start spaces go, spaced headings collapse", "[import]") {
  std::string text =
      "青云最终用户条款\n"
      "通 用 条 款\n"
      "第一条 服务终止后，青云将为最终用户保留其存储的数据七日。\n"
      "- 1 -\n"
      " 第二条 任何一方需要提前终止服务的，应当提前十五日书面通知。\n"
      "第 2 页 共 3 页\n"
      "第三条 本条款适用中华人民共和国法律。\n"
      "3 / 3\n";
  std::string md = import_document(text, options("end-user-terms"), "terms.txt");
  CHECK(md.find("- 1 -") == std::string::npos);
  CHECK(md.find("第 2 页") == std::string::npos);
  CHECK(md.find("3 / 3") == std::string::npos);
  CHECK(md.find("\n## 通用条款\n") != std::string::npos);
  Document d = parse_document(md, "terms.md");
  CHECK(d.find("2")->text == "任何一方需要提前终止服务的，应当提前十五日书面通知。");
  CHECK(d.find("3") != nullptr);
}

namespace {

// `paragraphs` hard-wrapped every `width` characters, each paragraph's first
// line starting with `indent` (counted in the width, as an editor counts it).
std::string wrap_by_chars(const std::vector<std::string>& paragraphs, std::size_t width, const std::string& indent = "") {
  std::string out;
  for (const std::string& p : paragraphs) {
    std::string line = indent;
    std::size_t used = 0, pos = 0;
    for (std::size_t i = 0; i < indent.size(); ++used) text::next_code_point(indent, i);
    while (pos < p.size()) {
      std::size_t start = pos;
      text::next_code_point(p, pos);
      if (used == width) out += line + "\n", line.clear(), used = 0;
      line += p.substr(start, pos - start);
      ++used;
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("paragraphs are re-joined at any wrap width", "[import]") {
  const std::string paragraph =
      "协议执行期间，如任何一方认为需要提前终止本协议的，应提前三十日向对方发出书面通知，本协议在对方收到书面通知三十日后终止。";
  const std::string second = "终止前已产生的服务费用，最终用户仍应当支付。";
  // At 20 the first paragraph fills its last line: only an indent can tell
  // that it ends there, so that width is tried indented only.
  for (std::size_t width : {8u, 13u, 33u}) {
    INFO("width " << width);
    Document d = imported("终止条款\n" + wrap_by_chars({paragraph, second}, width));
    REQUIRE(d.find("p2"));
    CHECK(d.find("p1")->text == paragraph);
    CHECK(d.find("p2")->text == second);
  }
  for (std::size_t width : {8u, 13u, 20u, 33u}) {
    INFO("indented, width " << width);
    Document d = imported("终止条款\n" + wrap_by_chars({paragraph, second}, width, "\u3000\u3000"));
    REQUIRE(d.find("p2"));
    CHECK(d.find("p1")->text == paragraph);
    CHECK(d.find("p2")->text == second);
  }
}

TEST_CASE("a line full under the document's own wrap never ends its paragraph", "[import]") {
  // Wrapped at 12 characters; the first paragraph's second line ends a
  // sentence exactly at the edge, and the paragraph goes on.
  const std::string first = "合作伙伴应当在每个季度结束后十日内提交销售报告。报告应当列明最终用户名称、产品型号和数量，并附回款凭证。";
  const std::string second = "青云收到报告后十五个工作日内完成核对，核对无误的，按照本政策计算返利。";
  const std::string third = "返利以服务抵用金的形式发放，不得兑换现金。";
  std::string text = "返利结算规则\n" + wrap_by_chars({first, second, third}, 12);
  REQUIRE(text.find("。\n报告") != std::string::npos);  // a sentence ends at the wrap edge
  Document d = imported(text);
  REQUIRE(d.find("p3"));
  CHECK(d.find("p1")->text == first);
  CHECK(d.find("p2")->text == second);
  CHECK(d.find("p3")->text == third);
}

TEST_CASE("characters Markdown would read as markup are escaped", "[import]") {
  Document d = imported("测试文档\n价格*折扣_系数 `代码` <标签> [1] 不变。\n#1 号文件\n");
  CHECK(d.find("p1")->text == "价格*折扣_系数 `代码` <标签> [1] 不变。");
  CHECK(d.find("p2")->text == "#1 号文件");
}

TEST_CASE("a title is needed: the first line, or --title", "[import]") {
  CHECK_THROWS_AS(import_document("本协议由双方签订，自签署之日起生效。\n", options(), "x.txt"), Error);
  ImportOptions o = options();
  o.meta.title = "框架协议";
  o.title_given = true;
  CHECK(imported("本协议由双方签订，自签署之日起生效。\n", o).meta.title == "框架协议");
}

namespace {

const std::filesystem::path kStatutes = test::source_dir() / "tests/data/statutes";

Document imported_file(const std::string& name) {
  std::string path = (kStatutes / name).string();
  Document d = parse_document(import_document(test::read_file(path), options("partner-rules"), path), "partner-rules.md");
  d.require_valid();
  return d;
}

// Every article and the units inside it: id → number, heading and text.
void articles(const std::vector<Clause>& units, std::map<std::string, std::string>& out) {
  for (const Clause& c : units) {
    if (!c.id.empty()) out[c.id] = c.number + "|" + c.heading + "|" + c.text;
    articles(c.children, out);
  }
}

std::map<std::string, std::string> units_of(const Document& d) {
  std::map<std::string, std::string> out;
  articles(d.clauses, out);
  out.erase("p1");  // the line of dates: one paragraph in the database copy, two in the Markdown
  out.erase("p2");
  return out;
}

}  // namespace

TEST_CASE("a statute imports alike from Markdown, a database copy and hard-wrapped text", "[import][statute]") {
  Document md = imported_file("partner-rules.md");
  Document database = imported_file("partner-rules-database.txt");
  Document wrapped = imported_file("partner-rules-wrapped.txt");
  CHECK(md.meta.title == "青云合作伙伴管理办法");
  CHECK(database.meta.title == "青云合作伙伴管理办法");
  auto expected = units_of(md);
  std::vector<std::string> ids;
  for (const auto& [id, unit] : expected) ids.push_back(id);
  CHECK(ids == std::vector<std::string>{"1", "2", "2.p1", "3", "3-1", "3.1", "3.2", "3.3", "4", "5", "6", "7", "8", "9",
                                        "fuze", "zhang1", "zhang2", "zhang2.jie1", "zhang2.jie2", "zhang3"});
  CHECK(units_of(database) == expected);
  CHECK(units_of(wrapped) == expected);
  CHECK(database.find("3-1")->number == "第三条之一");
  CHECK(database.find("zhang1")->heading == "总则");
  CHECK(wrapped.find("2")->text == "本办法适用于经青云认证的业务合作伙伴。");
  // The table of contents stays before the text, as a group without an id.
  const Clause& toc = database.clauses.at(0).children.at(1);
  CHECK(toc.is_group());
  CHECK(toc.heading == "目录");
}

TEST_CASE("plain text becomes clean statute Markdown", "[import][statute]") {
  std::string md = import_document(test::read_file(kStatutes / "partner-rules-database.txt"), options("partner-rules"), "x.txt");
  CHECK(md.find("\n# 青云合作伙伴管理办法\n") != std::string::npos);
  CHECK(md.find("\n目　　录\n\n第一章　总　　则\n\n第二章　合作伙伴的认证\n") != std::string::npos);  // plain lines
  CHECK(md.find("\n## 第一章　总　　则\n") != std::string::npos);
  CHECK(md.find("\n### 第一节　认证条件\n") != std::string::npos);
  CHECK(md.find("\n## 附　　则\n") != std::string::npos);
  CHECK(md.find("\n第三条之一　合作伙伴申请") != std::string::npos);
}

TEST_CASE("Markdown without front matter keeps its structure, and zero-width lines go", "[import]") {
  std::string md = import_document(test::read_file(kStatutes / "partner-rules.md"), options("partner-rules"), "rules.md");
  CHECK(md.find("\u200b") == std::string::npos);
  CHECK(md.find("\n\n\n") == std::string::npos);
  CHECK(md.find("title: 青云合作伙伴管理办法\n") != std::string::npos);
  CHECK(md.find("---\n\n# 青云合作伙伴管理办法\n\n2025年3月1日 青云科技合作伙伴委员会审议通过\n") != std::string::npos);
  CHECK(md.find("<!-- INFO END -->\n\n## 第一章 总 则\n\n第一条 为了") != std::string::npos);
  // Evidently Markdown under any name: an ATX heading.
  CHECK(import_document("# 通知\n\n## 一、事项\n\n正文。\n", options(), "notice.txt").find("\n## 一、事项\n") != std::string::npos);
  try {
    import_document("正文。\n\n## 一、事项\n", options(), "untitled.md");
    FAIL("a Markdown file without a # heading was accepted");
  } catch (const Error& e) {
    CHECK(e.where().file == "untitled.md");
    CHECK_THAT(e.message(), Catch::Contains("--title"));
  }
}
