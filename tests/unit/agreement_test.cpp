// The bundled framework agreement: the corpus file is the seed, imported.
#include <catch2/catch.hpp>
#include <unicode/ucnv.h>

#include <sstream>

#include "lexgit/importer.hpp"
#include "support.hpp"

using namespace lexgit;
using lexgit::test::read_file;
using lexgit::test::source_dir;
using lexgit::test::strip_whitespace;
using lexgit::test::shape_of;

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

namespace {

// The agreement's paragraphs as plain text: Markdown markers gone, the group
// heading spaced out as the seed has it.
std::vector<std::string> agreement_paragraphs() {
  std::string md = read_file(kCorpusFile);
  std::string body = md.substr(md.find("\n---\n") + 5);
  std::vector<std::string> out;
  std::istringstream in(body);
  for (std::string line; std::getline(in, line);) {
    std::string_view t = text::trim_blank(line);
    if (t.empty()) continue;
    while (t.starts_with("#")) t.remove_prefix(1);
    t = text::trim_blank(t);
    out.push_back(t == "通用条款" ? "通 用 条 款" : std::string(t));
  }
  return out;
}

bool is_heading(const std::string& p, bool first) {
  return first || p == "通 用 条 款" || (p.find("． ") != std::string::npos && p.find("。") == std::string::npos && p.size() < 60);
}

struct Rewrapped {
  std::string text;
  bool paragraph_ends_full = false;  // some paragraph's last line fills the width
};

// Wrapped every `width` characters as an editor wraps: a Latin word or URL is
// never broken and a space between words stays at the end of its line; each
// paragraph's first line indented by two U+3000 (counted in the width) when
// `indent`; a page number line and a page-start space every 38 lines.
Rewrapped rewrap_by_chars(std::size_t width, bool indent) {
  std::vector<std::string> lines;
  Rewrapped out;
  std::vector<std::string> paragraphs = agreement_paragraphs();
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    const std::string& p = paragraphs[i];
    std::string line = indent && !is_heading(p, i == 0) ? "\u3000\u3000" : "";
    std::size_t used = line.empty() ? 0 : 2, pos = 0;
    while (pos < p.size()) {
      std::size_t start = pos, count = 0;
      do {  // a token: a run of printable ASCII, or one character
        text::next_code_point(p, pos);
        ++count;
      } while (p[start] > ' ' && static_cast<unsigned char>(p[start]) < 0x7F && pos < p.size() && p[pos] > ' ' &&
               static_cast<unsigned char>(p[pos]) < 0x7F);
      bool space = p[start] == ' ';
      if (used + count > width && used > 0 && !space) lines.push_back(line), line.clear(), used = 0;
      line += p.substr(start, pos - start);
      used += count;
    }
    if (used >= width && i + 1 < paragraphs.size()) out.paragraph_ends_full = true;
    lines.push_back(line);
  }
  int page = 1;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0 && i % 38 == 0) out.text += "- " + std::to_string(page++) + " -\n ";
    out.text += lines[i] + "\n";
  }
  out.text += "- " + std::to_string(page) + " -\n";
  return out;
}

std::string to_gb18030(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  int32_t n = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                           static_cast<int32_t>(utf8.size()), &status);
  REQUIRE(U_SUCCESS(status));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

}  // namespace

TEST_CASE("the agreement wrapped by character count at widths 25 to 45, in GB18030, imports to the same tree",
          "[agreement][import]") {
  Document original = load_document(kCorpusFile);
  int compared_flush = 0;
  for (std::size_t width = 25; width <= 45; ++width) {
    INFO("width " << width);
    // Indented first lines mark every paragraph: every width gives the tree.
    std::string bytes = to_gb18030(rewrap_by_chars(width, true).text);
    REQUIRE_FALSE(text::is_valid_utf8(bytes));
    Document indented = parse_document(import_document(bytes, agreement_options(), "rewrapped.txt"), "rewrapped.md");
    indented.require_valid();
    CHECK(shape_of(indented) == shape_of(original));
    // Without indents, a paragraph whose last line fills the width cannot be
    // told from one that goes on; the widths without one give the tree too.
    Rewrapped flush = rewrap_by_chars(width, false);
    if (flush.paragraph_ends_full) continue;
    ++compared_flush;
    Document d = parse_document(import_document(to_gb18030(flush.text), agreement_options(), "flush.txt"), "flush.md");
    CHECK(shape_of(d) == shape_of(original));
  }
  CHECK(compared_flush > 0);
}
