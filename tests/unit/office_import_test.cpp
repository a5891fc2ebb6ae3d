// Import from PDF and Word: the corpus printed by other tools reads back to
// the corpus's clause trees; Word numbering as Word shows it; the layout
// rules on their own; every bad input refused naming the file.
#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include "importer/office.hpp"
#include "importer/pdf_layout.hpp"
#include "importer/word_numbering.hpp"
#include "lexgit/importer.hpp"
#include "support.hpp"

using namespace lexgit;
using namespace lexgit::test;
using lexgit::test::shape_of;
using lexgit::test::corpus_file;

namespace {

const std::filesystem::path kOffice = source_dir() / "tests/data/office";


// The corpus documents and the fixture name each was written to.
std::vector<std::pair<std::string, std::filesystem::path>> corpus_fixtures() {
  std::vector<std::pair<std::string, std::filesystem::path>> out{
      {"agreement", source_dir() / "corpus/agreement/partner-framework.md"}};
  for (const char* sample : {"certification-rules", "end-user-terms", "marketing-fund-annex", "partner-letter-2025-09",
                             "rebate-policy-online", "rebate-policy-paper", "transaction-order-2025-017"})
    out.emplace_back(sample, source_dir() / "corpus/samples" / (std::string(sample) + ".md"));
  return out;
}

ImportOptions options_like(const Document& original) {
  ImportOptions o;
  o.meta = original.meta;
  return o;
}

void check_round_trip(const std::string& extension) {
  for (const auto& [name, corpus_file] : corpus_fixtures()) {
    INFO(name + extension);
    Document original = load_document(corpus_file);
    auto fixture = kOffice / (name + extension);
    Imported imported = import_file_contents(read_file(fixture), options_like(original), fixture.string());
    Document doc = parse_document(imported.markdown, fixture.string());
    doc.require_valid();
    CHECK(doc.meta.title == original.meta.title);
    CHECK(shape_of(doc) == shape_of(original));
    CHECK(imported.warnings.empty());
  }
}

// A numbering.xml with the forms Chinese contracts use, for WordNumbering.
const char* kNumbering = R"(<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
    <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%4"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="2">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#x2022;"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="3">
    <w:lvl w:ilvl="0"><w:start w:val="9"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
  <w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>
</w:numbering>)";

std::string label(importer::WordNumbering& n, int num_id, int ilvl) {
  auto l = n.next(num_id, ilvl);
  REQUIRE(l);
  return l->bullet ? "•" : l->text + l->suffix;
}

// A word as a layout engine sets it at (x, y): CJK characters a full em wide.
importer::PdfWord word(const std::string& text, double x, double y, double size = 10.5, double latin_width = 0) {
  double width = latin_width > 0 ? latin_width : size * text::display_width(text) / 2;
  bool latin = latin_width > 0;
  return {text, x, y, x + width, y + size * 1.3, size, false, false, latin ? width : size};
}

const std::string kFullLine = "青云业务合作伙伴依据不同类型及级别要求可被授予不同类型或";  // 28 characters

}  // namespace

TEST_CASE("the agreement and the samples as Word files import to the corpus clause trees", "[import][office]") {
  check_round_trip(".docx");
}

TEST_CASE("the agreement and the samples printed to PDF import to the corpus clause trees", "[import][office]") {
  check_round_trip(".pdf");
}

TEST_CASE("Word numbering renders as Word displays it: levels, restarts, overrides and formats", "[import][office]") {
  pugi::xml_document xml;
  REQUIRE(xml.load_string(kNumbering));
  importer::WordNumbering n(xml.child("w:numbering"));
  CHECK(label(n, 1, 0) == "一、");
  CHECK(label(n, 1, 1) == "（一）");
  CHECK(label(n, 1, 2) == "1. ");
  CHECK(label(n, 1, 3) == "① ");
  CHECK(label(n, 1, 3) == "② ");
  CHECK(label(n, 1, 2) == "2. ");
  CHECK(label(n, 1, 3) == "① ");  // a deeper level starts again under its parent
  CHECK(label(n, 1, 1) == "（二）");
  CHECK(label(n, 1, 2) == "1. ");
  for (int i = 2; i <= 10; ++i) label(n, 1, 0);
  CHECK(label(n, 1, 0) == "十一、");
  // Instances of one definition share its counters; a startOverride restarts them.
  CHECK(label(n, 2, 0) == "1. ");
  CHECK(label(n, 2, 1) == "1.1 ");
  CHECK(label(n, 2, 1) == "1.2 ");
  CHECK(label(n, 2, 2) == "•");
  CHECK(label(n, 2, 0) == "2. ");
  CHECK(label(n, 3, 0) == "1. ");
  CHECK(label(n, 3, 1) == "1.1 ");
  CHECK(label(n, 4, 0) == "2. ");  // numId 4 has no override: it continues
  CHECK(label(n, 5, 0) == "I. ");  // w:start 9
  CHECK_FALSE(n.next(99, 0));      // an undefined instance numbers nothing
  CHECK(importer::format_word_number(27, "upperLetter") == "AA");
  CHECK(importer::format_word_number(14, "lowerRoman") == "xiv");
  CHECK(importer::format_word_number(12, "chineseLegalSimplified") == "拾贰");
  CHECK(importer::format_word_number(3, "ideographTraditional") == "丙");
  CHECK(importer::format_word_number(20, "decimalEnclosedCircleChinese") == "⑳");
  CHECK(importer::format_word_number(105, "ideographDigital") == "一〇五");
  CHECK(importer::format_word_number(7, "decimalFullWidth") == "７");
}

TEST_CASE("a Word schedule: its table stays in its clause, numbering levels restart, fields and deletions drop",
          "[import][office]") {
  ImportOptions o;
  o.meta.id = "price-schedule";
  o.meta.kind = DocKind::Annex;
  o.meta.published = o.meta.effective = {2025, 5, 10};
  auto fixture = kOffice / "schedule.docx";
  Imported imported = import_file_contents(read_file(fixture), o, fixture.string());
  REQUIRE(imported.warnings.size() == 1);
  CHECK(contains(imported.warnings[0], "tracked changes"));
  const std::string& md = imported.markdown;
  // The table, indented into the list item it follows.
  CHECK(contains(md, "\n   | 产品 | 数量 | 单价（元） |\n   |---|---|---|\n   | 青云私有云平台软件许可 | 50 | 20,000 |"));
  CHECK(contains(md, "| 三年技术支持服务 \\| 标准级 | 50 | 5,600 |"));  // a '|' in a cell is escaped
  CHECK(contains(md, "甲方（盖章）：北京青云科技股份有限公司\\\n乙方（盖章）"));  // w:br: a hard line break
  CHECK_FALSE(contains(md, "收到款项后"));                             // w:del
  CHECK(contains(md, "本附表共 页，"));  // the NUMPAGES field's cached result "1" is not the text
  Document doc = parse_document(md, "schedule.md");
  doc.require_valid();
  CHECK(doc.meta.title == "青云产品价格附表");
  // 一、 → （一） → 1.: the table belongs to 一、（一）, after its item 1.
  const Clause* software = doc.find("1.1");
  REQUIRE(software);
  CHECK(software->number == "（一）");
  REQUIRE(doc.find("1.1.2"));
  CHECK(doc.find("1.1.2")->text == "许可证书在交付时一次性提供。");
  REQUIRE(doc.find("1.1.1.p1"));  // the table, inside the item that introduces it
  CHECK(contains(doc.find("1.1.1.p1")->text, "青云私有云平台软件许可 | 50 | 20,000"));
  // The second list of level 1. items restarts (a startOverride on a new w:num).
  REQUIRE(doc.find("2.1.2"));
  CHECK(doc.find("2.1.1")->text == "乙方应当在收到发票后三十日内付款。");
  CHECK(doc.find("2.1.2")->text == "发票由甲方在交付后五个工作日内开具。");
}

TEST_CASE("PDF layout: running headers and page numbers go, CJK joins without spaces, short lines end paragraphs",
          "[import][office]") {
  // A text block from x 90 to 405: 30 characters of 10.5 pt, lines 18 pt apart.
  importer::PdfPage one{595, 842, {}}, two{595, 842, {}};
  for (auto* page : {&one, &two}) page->words.push_back(word("青云合作伙伴框架协议", 300, 40, 9));  // running header
  importer::PdfWord title = word("合作协议", 207.5, 120, 20);
  title.bold = true;
  one.words.push_back(title);
  // A paragraph: an indented full first line, then a short one. The layout put a
  // fifth of an em between 青云 and QingCloud; that is not the document's space.
  one.words.push_back(word(kFullLine, 111, 160));
  one.words.push_back(word("欢迎成为青云", 90, 178));
  one.words.push_back(word("QingCloud", 90 + 63 + 2.1, 178, 10.5, 50));
  one.words.push_back(word("业务合作伙伴。", 90 + 63 + 2.1 + 50 + 2.1, 178));
  // The next paragraph runs over the page break into Latin words.
  one.words.push_back(word(kFullLine, 111, 196));
  one.words.push_back(word("- 1 -", 280, 800, 9, 20));  // page number
  two.words.push_back(word("This", 90, 120, 10.5, 20));
  two.words.push_back(word("Partner", 113, 120, 10.5, 36));
  two.words.push_back(word("Network", 152, 120, 10.5, 40));
  two.words.push_back(word("第 2 页 共 2 页", 270, 800, 9, 60));
  std::vector<importer::SourceParagraph> paragraphs = importer::layout_paragraphs({one, two});
  REQUIRE(paragraphs.size() == 3);
  CHECK(paragraphs[0].heading == 1);
  CHECK(paragraphs[0].text == "合作协议");
  CHECK(paragraphs[1].heading == 0);
  CHECK(paragraphs[1].text == kFullLine + "欢迎成为青云QingCloud业务合作伙伴。");
  CHECK(paragraphs[2].text == kFullLine + "This Partner Network");
}

TEST_CASE("import refuses scans, encrypted PDFs, legacy Word, damaged and oversized .docx naming the file",
          "[import][office][cli]") {
  TempDir dir;
  std::string agreement = read_file(kOffice / "agreement.docx");
  write_file(dir.path / "truncated.docx", agreement.substr(0, agreement.size() / 2));
  write_file(dir.path / "renamed.docx", "青云合作伙伴框架协议\n\n一、总则\n\n本协议自签署之日起生效。\n");
  write_file(dir.path / "old.doc", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'));
  write_file(dir.path / "notes.wps", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'));
  struct Case {
    std::filesystem::path file;
    std::string says;
  };
  std::vector<Case> cases{
      {dir.path / "truncated.docx", "damaged or truncated"},
      {dir.path / "renamed.docx", "not a Word document"},
      {dir.path / "old.doc", "save it as .docx"},
      {dir.path / "notes.wps", "save it as .docx"},
      {kOffice / "scan.pdf", "no text layer"},
      {kOffice / "locked.pdf", "encrypted"},
      {kOffice / "bomb.docx", "zip bomb"},
      {kOffice / "bomb-forged.docx", "zip bomb"},
  };
  for (const Case& c : cases) {
    INFO(c.file.string());
    auto out = dir.path / (c.file.stem().string() + "-out.md");
    Run r = run_cli("import " + quote(c.file) + " --id partner-framework --kind agreement --published 2025-01-01 -o " + quote(out));
    CHECK(r.status == 3);
    CHECK(contains(r.err, c.file.string()));
    CHECK(contains(r.err, c.says));
    CHECK_FALSE(std::filesystem::exists(out));
  }
}

TEST_CASE("import of a Word file with tracked changes warns on stderr and writes the accepted text", "[import][office][cli]") {
  TempDir dir;
  auto out = dir.path / "schedule.md";
  Run r = run_cli("import " + quote(kOffice / "schedule.docx") + " --id price-schedule --kind annex --published 2025-05-10 -o " + quote(out));
  CHECK(r.status == 0);
  CHECK(contains(r.err, "schedule.docx: warning: the document has tracked changes"));
  std::string md = read_file(out);
  CHECK(contains(md, "交付后五个工作日内"));
  CHECK_FALSE(contains(md, "收到款项后"));
}
