// The bundled framework agreement: the corpus file is the seed, imported.
#include <catch2/catch.hpp>

#include "lexgit/importer.hpp"
#include "support.hpp"

using namespace lexgit;
using lexgit::test::read_file;
using lexgit::test::source_dir;
using lexgit::test::strip_whitespace;

namespace {

const std::filesystem::path kSeed = std::filesystem::path(LEXGIT_SEED_DIR) / "qingcloud-partner-framework-agreement.txt";
const std::filesystem::path kCorpusFile = source_dir() / "corpus/agreement/partner-framework.md";

ImportOptions agreement_options() {
  ImportOptions o;
  o.meta.id = "partner-framework";
  o.meta.kind = DocKind::Agreement;
  o.meta.published = o.meta.effective = {2025, 1, 1};
  o.meta.channel = Channel::Website;
  return o;
}

// The document's text in reading order: numbers, headings and texts.
void reading_order(const std::vector<Clause>& units, std::string& out) {
  for (const Clause& c : units) {
    out += c.number + c.heading + c.text;
    reading_order(c.children, out);
  }
}

// (id, number, heading, text) for every unit, groups included.
void shape(const std::vector<Clause>& units, std::vector<std::string>& out) {
  for (const Clause& c : units) {
    out.push_back(c.id + "|" + c.number + "|" + c.heading + "|" + c.text);
    shape(c.children, out);
  }
}

std::vector<std::string> shape_of(const Document& d) {
  std::vector<std::string> out;
  shape(d.clauses, out);
  return out;
}

std::vector<std::string> child_ids(const Document& d, const std::string& id) {
  const Clause* c = d.find(id);
  REQUIRE(c);
  std::vector<std::string> out;
  for (const Clause& child : c->children) out.push_back(child.id);
  return out;
}

}  // namespace

TEST_CASE("the corpus agreement is exactly what lexgit import makes of the seed", "[agreement][import]") {
  std::string imported = import_document(read_file(kSeed), agreement_options(), kSeed.string());
  CHECK(imported == read_file(kCorpusFile));
}

TEST_CASE("every character of the seed is in the agreement once, in order", "[agreement]") {
  Document d = load_document(kCorpusFile);
  d.require_valid();
  std::string text;
  reading_order(d.clauses, text);
  std::string seed = strip_whitespace(read_file(kSeed));
  // The seed spaces out one heading (通 用 条 款); whitespace aside, it is identical.
  CHECK(strip_whitespace(text) == seed);
}

TEST_CASE("the agreement's outline: eleven parts and the lists DOMAIN.md describes", "[agreement]") {
  Document d = load_document(kCorpusFile);
  REQUIRE(d.clauses.size() == 1);  // the title groups everything
  const Clause& title = d.clauses[0];
  CHECK(title.heading == "青云合作伙伴框架协议");
  CHECK(title.children[0].id == "p1");  // the preamble
  const Clause& general = title.children[1];
  CHECK(general.is_group());
  CHECK(general.heading == "通用条款");
  REQUIRE(general.children.size() == 11);
  const char* numbers[] = {"一．", "二．", "三．", "四．", "五．", "六．", "七．", "八．", "九．", "十．", "十一．"};
  for (int i = 0; i < 11; ++i) {
    CHECK(general.children[static_cast<std::size_t>(i)].id == std::to_string(i + 1));
    CHECK(general.children[static_cast<std::size_t>(i)].number == numbers[i]);
  }
  CHECK(d.find("2")->heading == "协议结构");
  // Part 一: a list after a lead-in ending in ：
  CHECK(child_ids(d, "1.p3") == std::vector<std::string>{"1.1", "1.2"});
  // Part 三: two lists that both start at 1; the second hangs under 贵公司同意：
  CHECK(child_ids(d, "3").size() == 12);  // 3.1–3.11 and the lead-in 3.p1
  CHECK(d.find("3.11") != nullptr);
  CHECK(d.find("3.p1")->text == "贵公司同意：");
  CHECK(child_ids(d, "3.p1") == std::vector<std::string>{"3.p1.1", "3.p1.2", "3.p1.3", "3.p1.4", "3.p1.5"});
  // Part 八: the list after its lead-in, with dash bullets under item 4
  CHECK(child_ids(d, "8.p1") == std::vector<std::string>{"8.1", "8.2", "8.3", "8.4", "8.5", "8.6"});
  CHECK(child_ids(d, "8.4") == std::vector<std::string>{"8.4.b1", "8.4.b2", "8.4.b3", "8.4.b4"});
  CHECK(d.find("8.4.b1")->text == "报告数据；");
  // Part 十 item 3, the termination notice; part 十一 item 2 with options A. and B.
  CHECK(d.find("10.3")->text.find("应提前三十日向对方发出书面通知") != std::string::npos);
  CHECK(child_ids(d, "11.2") == std::vector<std::string>{"11.2.A", "11.2.B"});
  CHECK(d.find("11.2.B")->text == "可向本协议签订地有管辖权的人民法院提出诉讼。");
  // Part 七, the change clause later issues read the notice period from
  CHECK(d.find("7.p1")->text.find("提前一个月通知") != std::string::npos);
}

TEST_CASE("the agreement wrapped at another width, in GB18030, with page numbers imports to the same tree",
          "[agreement][import]") {
  auto fixture = source_dir() / "tests/data/agreement-rewrapped-gb18030.txt";
  std::string bytes = read_file(fixture);
  REQUIRE_FALSE(text::is_valid_utf8(bytes));  // really GB18030
  Document original = load_document(kCorpusFile);
  Document rewrapped = parse_document(import_document(bytes, agreement_options(), fixture.string()), "rewrapped.md");
  rewrapped.require_valid();
  CHECK(shape_of(rewrapped) == shape_of(original));
}

TEST_CASE("re-importing lexgit's own output changes nothing", "[agreement][import]") {
  std::string once = read_file(kCorpusFile);
  CHECK(import_document(once, agreement_options(), kCorpusFile.string()) == once);
}
