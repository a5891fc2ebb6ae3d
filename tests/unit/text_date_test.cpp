#include <catch2/catch.hpp>

#include "lexgit/error.hpp"
#include "lexgit/text.hpp"

using namespace lexgit::text;

namespace {
Date date_of(std::string_view text) {
  auto d = parse_date(text);
  INFO(text);
  REQUIRE(d);
  return *d;
}
}  // namespace

TEST_CASE("dates in the forms Chinese contracts use", "[text][date]") {
  const Date expected{2026, 1, 31};
  CHECK(date_of("2026-01-31") == expected);
  CHECK(date_of("2026/1/31") == expected);
  CHECK(date_of("2026.1.31") == expected);
  CHECK(date_of("2026年1月31日") == expected);
  CHECK(date_of("2026 年 1 月 31 日") == expected);
  CHECK(date_of("２０２６年１月３１日") == expected);
  CHECK(date_of("二〇二六年一月三十一日") == expected);
  CHECK(date_of("二零二六年一月三十一日") == expected);
  CHECK(date_of("2026年1月31号") == expected);
  CHECK(date_of(" 2025年6月1日 ") == Date{2025, 6, 1});
}

TEST_CASE("dates are checked against the calendar", "[text][date]") {
  CHECK_FALSE(parse_date("2026-02-30"));
  CHECK_FALSE(parse_date("2026-02-29"));
  CHECK(date_of("2024-02-29") == Date{2024, 2, 29});  // leap year
  CHECK(date_of("2000-02-29") == Date{2000, 2, 29});  // divisible by 400
  CHECK_FALSE(parse_date("1900-02-29"));             // divisible by 100 only
  CHECK_FALSE(parse_date("2026-13-01"));
  CHECK_FALSE(parse_date("2026-00-10"));
  CHECK_FALSE(parse_date("2026-04-31"));
  CHECK_FALSE(parse_date("二〇二六年二月三十日"));
}

TEST_CASE("what is not a date", "[text][date]") {
  CHECK_FALSE(parse_date(""));
  CHECK_FALSE(parse_date("2026-01"));
  CHECK_FALSE(parse_date("2026-01/31"));     // mixed separators
  CHECK_FALSE(parse_date("2026年1月31日起"));  // more than a date
  CHECK_FALSE(parse_date("两年一月一日"));
  CHECK_FALSE(parse_date("贵公司"));
}

TEST_CASE("dates are written as ISO 8601 and as ICU's zh_CN long date", "[text][date]") {
  CHECK(format_iso(Date{2026, 1, 31}) == "2026-01-31");
  CHECK(format_iso(Date{987, 3, 4}) == "0987-03-04");
  CHECK(format_zh_cn(Date{2026, 1, 31}) == "2026年1月31日");
  CHECK(format_zh_cn(Date{2024, 2, 29}) == "2024年2月29日");
  CHECK(format_zh_cn(Date{2025, 12, 31}) == "2025年12月31日");  // the last day keeps its day in any zone
  CHECK_THROWS_AS(format_zh_cn(Date{2026, 2, 30}), lexgit::Error);
}

TEST_CASE("dates order chronologically", "[text][date]") {
  CHECK(Date{2025, 12, 31} < Date{2026, 1, 1});
  CHECK(Date{2026, 1, 31} > Date{2026, 1, 30});
}
