// Inputs that once crashed lexgit or answered wrongly (issue 13, found by fuzzing):
// each is now read, or refused with the file, the line and the problem.
#include <catch2/catch.hpp>

#include <set>
#include <tuple>

#include "lexgit/period.hpp"
#include "redline/lines.hpp"
#include "support.hpp"

using namespace lexgit;
using lexgit::test::contains;
using lexgit::test::run_cli;
using lexgit::test::Run;

namespace {

const std::string kFrontMatter =
    "---\nid: deep\ntitle: 合作伙伴手册\nkind: normative\npublished: 2026-01-31\n---\n";
constexpr int kBodyLine = 7;  // the first line after kFrontMatter

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

const Diagnostic* first_error(const Document& d) {
  for (const Diagnostic& x : d.diagnostics)
    if (x.severity == Severity::Error) return &x;
  return nullptr;
}

}  // namespace

TEST_CASE("block quotes nested 15000 deep are refused at their line, not a stack overflow", "[document][hostile]") {
  Document d = parse_document(kFrontMatter + "一、总则\n\n" + repeat("> ", 15000) + "合作伙伴应当遵守本手册。\n", "deep.md");
  const Diagnostic* e = first_error(d);
  REQUIRE(e);
  CHECK(e->where.file == "deep.md");
  CHECK(e->where.line == kBodyLine + 2);
  CHECK(e->message == "block quotes and list items nested 15000 deep; lexgit reads at most 100");
  CHECK_THROWS_AS(d.require_valid(), Error);
}

TEST_CASE("lists nested 30000 deep are refused, a contract's few levels are read", "[document][hostile]") {
  // "- - - 条款" opens a list inside a list on one line.
  Document deep = parse_document(kFrontMatter + repeat("- ", 30000) + "乙方应于每月五日前付款。\n", "deep.md");
  REQUIRE(first_error(deep));
  CHECK(contains(first_error(deep)->message, "nested 30000 deep; lexgit reads at most 100"));

  Document shallow = parse_document(kFrontMatter + "一、付款\n\n" + repeat("> ", 20) + "1. 乙方应于每月五日前付款。\n", "ok.md");
  REQUIRE_FALSE(shallow.has_errors());
  const Clause* item = shallow.find("1.1");
  REQUIRE(item);
  CHECK(item->text == "乙方应于每月五日前付款。");
}

TEST_CASE("outside git, a file nested too deep does not stop outline of another", "[document][hostile][cli]") {
  lexgit::test::TempDir dir;
  lexgit::test::write_file(dir.path / "deep.md", kFrontMatter + repeat("> ", 15000) + "合作伙伴应当遵守本手册。\n");
  lexgit::test::write_file(dir.path / "rules.md",
                           "---\nid: rules\ntitle: 返利规则\nkind: normative\npublished: 2026-01-31\n---\n"
                           "一、返利\n\n合作伙伴按季度结算返利。\n");
  std::string in_dir = "-C " + dir.path.string() + " ";
  Run by_id = run_cli(in_dir + "outline rules --format json");
  CHECK(by_id.status == 0);
  CHECK(contains(by_id.out, "合作伙伴按季度结算返利。"));
  Run by_path = run_cli(in_dir + "outline rules.md");
  CHECK(by_path.status == 0);
  Run deep = run_cli(in_dir + "check deep.md");
  CHECK(deep.status == 3);
  CHECK(contains(deep.out + deep.err, "deep.md:7: error: block quotes and list items nested 15000 deep; lexgit reads at most 100"));
}

TEST_CASE("CR, CRLF and LF line ends give one clause tree with the same line numbers", "[document][hostile]") {
  const std::string lf = kFrontMatter + "1. 甲方\n\n   -\n\n二、乙方应当按期付款。\n\n四、附则\n";
  auto with_ends = [&](const std::string& end) {
    std::string out;
    for (char c : lf) out += c == '\n' ? end : std::string(1, c);
    return out;
  };
  Document reference = parse_document(lf, "lf.md");
  REQUIRE_FALSE(reference.has_errors());
  for (const std::string& end : {std::string("\r"), std::string("\r\n")}) {
    INFO("line end " << (end == "\r" ? "CR" : "CRLF"));
    Document d = parse_document(with_ends(end), "cr.md");
    REQUIRE_FALSE(d.has_errors());
    CHECK(lexgit::test::shape_of(d) == lexgit::test::shape_of(reference));
    for (const Clause* c : d.all_clauses()) {
      const Clause* same = reference.find(c->id);
      REQUIRE(same);
      CHECK(c->first_line == same->first_line);
      CHECK(c->last_line == same->last_line);
    }
  }
  // The input of issue 13: CRs before a CRLF, then an empty list item.
  Document issue = parse_document(kFrontMatter + "1. a\r\r\r\n   -\n", "cr.md");
  CHECK_FALSE(issue.has_errors());
  CHECK(issue.find("1"));
}

TEST_CASE("outline and check read a file with CR line ends", "[document][hostile][cli]") {
  lexgit::test::TempDir dir;
  lexgit::test::write_file(dir.path / "mac.md",
                           "---\rid: mac\rtitle: 合作协议\rkind: agreement\rpublished: 2026-01-31\r---\r"
                           "一、总则\r\r1. a\r\r\r\n   -\n\r三、附则\r");
  Run outline = run_cli("outline " + (dir.path / "mac.md").string() + " --format json");
  CHECK(outline.status == 0);
  CHECK(contains(outline.out, "\"id\": \"1\""));
  Run check = run_cli("check " + (dir.path / "mac.md").string());
  CHECK(check.status == 0);
  // 三 after 一 at the line an editor shows it on (a lone CR ends a line).
  CHECK(contains(check.out, "mac.md:14: warning: numbering gap"));
}

TEST_CASE("segmentation at the end of the text looks no further than the text", "[text][segment][hostile]") {
  // ASan reported a heap read past "3. 丧f" when a one-character word ends the text.
  std::string owned = "3. 丧f";  // a heap copy of exactly these bytes
  std::string joined;
  for (const text::Token& t : lexgit::test::segmenter().words(owned)) {
    CHECK(t.offset + t.text.size() <= owned.size());
    CHECK(t.text == std::string_view(owned).substr(t.offset, t.text.size()));
    joined += t.text;
  }
  CHECK(joined == "3.丧f");  // every character in a token, the space between none
  std::size_t end = owned.size();
  CHECK(text::next_code_point(owned, end) == U'\0');
  CHECK(end == owned.size());
}

TEST_CASE("period counts are bounded at 100 years in every unit, digits and Chinese numerals alike", "[period][hostile]") {
  text::Date start{2026, 1, 31};
  // Read as written: no wrap at 32 bits, 九千年 is a period, 2026年 and 二〇二六年 are years.
  CHECK(text::parse_duration("4294967326日") == text::Duration{4294967326LL, text::Unit::Day});
  CHECK(text::parse_duration("4294967297个月") == text::Duration{4294967297LL, text::Unit::Month});
  CHECK(text::parse_duration("九千九百九十九万个工作日") == text::Duration{99990000, text::Unit::WorkingDay});
  CHECK(text::parse_duration("九千年") == text::Duration{9000, text::Unit::Year});
  CHECK(text::parse_duration("九百九十九年") == text::Duration{999, text::Unit::Year});
  CHECK_FALSE(text::parse_duration("2026年"));
  CHECK_FALSE(text::parse_duration("二〇二六年"));
  for (const char* too_long : {"4294967326日", "4294967297个月", "九千九百九十九万个工作日", "九千年", "九百九十九年", "一百零一年",
                               "36526日", "25001个工作日", "1201个月", "5219周", "九千万年半"}) {
    INFO(too_long);
    auto length = text::parse_duration(too_long);
    REQUIRE(length);
    try {
      period::compute(start, *length);
      FAIL("computed");
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::Usage);
      CHECK(contains(e.message(), "is longer than lexgit computes: at most 100 years"));
    }
  }
  // The limits themselves are computed.
  CHECK(period::compute(start, *text::parse_duration("一百年")).nominal_last_day == text::Date{2126, 1, 31});
  CHECK(period::compute(start, *text::parse_duration("36524日")).nominal_last_day == text::Date{2126, 1, 31});  // 24 leap days
  CHECK(period::compute(start, *text::parse_duration("36525日")).nominal_last_day == text::Date{2126, 2, 1});
  CHECK(period::compute(start, *text::parse_duration("1200个月")).nominal_last_day == text::Date{2126, 1, 31});
  CHECK(period::compute(start, *text::parse_duration("5218周")).nominal_last_day == text::Date{2126, 2, 2});
  int working_days_end = period::compute(start, *text::parse_duration("25000个工作日")).last_day.year;
  CHECK(working_days_end >= 2120);  // about 250 working days a year
  CHECK(working_days_end <= 2130);
}

TEST_CASE("lexgit period refuses a period too long to count, naming the limit", "[period][hostile][cli]") {
  for (const char* length : {"4294967326日", "九千九百九十九万个工作日", "九千年"}) {
    INFO(length);
    Run r = run_cli(std::string("period --start 2026-01-31 --length ") + length);
    CHECK(r.status == 2);
    CHECK(contains(r.err, "at most 100 years (100年, 1200个月, 5218周, 36525日, 25000个工作日)"));
  }
}

TEST_CASE("every change of a 50000-clause redline gets its own anchor", "[redline][hostile]") {
  redline::AnchorSet anchors;
  std::set<std::string> ids;
  for (int i = 0; i < 50000; ++i) ids.insert(anchors.claim("handbook#" + std::to_string(i % 25000 + 1)));
  CHECK(ids.size() == 50000);
  CHECK(ids.count("handbook-1"));
  CHECK(ids.count("handbook-1-2"));
  // A ref whose own anchor looks like a suffix keeps it; the repeated one steps over it.
  redline::AnchorSet clash;
  CHECK(clash.claim("handbook#7") == "handbook-7");
  CHECK(clash.claim("handbook#7-2") == "handbook-7-2");
  CHECK(clash.claim("handbook#7") == "handbook-7-3");
  CHECK(clash.claim("handbook#7") == "handbook-7-4");
}

TEST_CASE("a calendar whose source or festival name is a list is refused at its line", "[period][hostile]") {
  const std::string listed_source =
      "year: 2027\nsource:\n  - 国务院办公厅关于2027年部分节假日安排的通知\nholidays:\n  - name: 元旦\n    from: 2027-01-01\n    to: 2027-01-03\n";
  const std::string mapped_name =
      "year: 2027\nsource: 国务院办公厅关于2027年部分节假日安排的通知\nholidays:\n  - name: {节日: 春节}\n    from: 2027-02-05\n    to: 2027-02-11\n";
  for (const auto& [yaml, line, problem] : {std::tuple{listed_source, 3, "source must be text"},
                                            std::tuple{mapped_name, 4, "holidays.name must be text"}}) {
    period::Calendar calendar;
    try {
      calendar.load_year(yaml, "calendar/2027.yaml");
      FAIL("loaded");
    } catch (const Error& e) {
      CHECK(e.code() == ErrorCode::BadInput);
      CHECK(e.where().file == "calendar/2027.yaml");
      CHECK(e.where().line == line);
      CHECK(e.message() == problem);
    }
  }
}
