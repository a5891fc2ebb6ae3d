// Periods under Civil Code Articles 201–203 on every holiday edge of 2025 and 2026.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "lexgit/period.hpp"
#include "support.hpp"

using namespace lexgit;
using lexgit::period::compute;

namespace {
struct Case {
  const char* start;
  const char* length;
  const char* nominal;
  const char* last;
  const char* effective;
  const char* why;
};

text::Date d(const char* s) { return *text::parse_date(s); }
}  // namespace

TEST_CASE("the last day of a period, on the holiday edges of 2025 and 2026", "[period]") {
  const Case cases[] = {
      {"2026-01-31", "一个月", "2026-02-28", "2026-02-28", "2026-03-01", "no 31st in February: the month's last day, a make-up Saturday"},
      {"2025-03-31", "一个月", "2025-04-30", "2025-04-30", "2025-05-01", "no 31st in April: the month's last day"},
      {"2026-01-15", "一个月", "2026-02-15", "2026-02-24", "2026-02-25", "Spring Festival 2026: the day after the holiday"},
      {"2024-12-31", "一个月", "2025-01-31", "2025-02-05", "2025-02-06", "Spring Festival 2025 then the week"},
      {"2025-12-31", "一个月", "2026-01-31", "2026-02-02", "2026-02-03", "a Saturday and Sunday"},
      {"2025-09-01", "一个月", "2025-10-01", "2025-10-09", "2025-10-10", "National Day and Mid-Autumn 2025"},
      {"2026-09-01", "一个月", "2026-10-01", "2026-10-08", "2026-10-09", "National Day 2026"},
      {"2025-08-28", "一个月", "2025-09-28", "2025-09-28", "2025-09-29", "a make-up Sunday is a working day"},
      {"2025-01-10", "一个月", "2025-02-10", "2025-02-10", "2025-02-11", "an ordinary Monday"},
      {"2026-01-01", "30日", "2026-01-31", "2026-02-02", "2026-02-03", "thirty calendar days"},
      {"2026-02-05", "十五个工作日", "2026-03-04", "2026-03-04", "2026-03-05", "working days skip Spring Festival, count 02-14 and 02-28"},
      {"2025-09-25", "十个工作日", "2025-10-15", "2025-10-15", "2025-10-16", "working days skip National Day, count 09-28 and 10-11"},
      {"2025-04-30", "三个月", "2025-07-30", "2025-07-30", "2025-07-31", "three months"},
  };
  for (const Case& c : cases) {
    INFO(c.start << " + " << c.length << ": " << c.why);
    auto p = compute(d(c.start), *text::parse_duration(c.length));
    CHECK(text::format_iso(p.nominal_last_day) == c.nominal);
    CHECK(text::format_iso(p.last_day) == c.last);
    CHECK(text::format_iso(p.effective) == c.effective);
    CHECK(p.warnings.empty());
  }
}

TEST_CASE("the steps explain the articles, and a year without a calendar warns and counts weekends only", "[period]") {
  auto p = compute(d("2026-01-15"), {1, text::Unit::Month});
  REQUIRE(p.steps.size() == 4);
  CHECK_THAT(p.steps[0].zh, Catch::Contains("第二百零一条") && Catch::Contains("2026年1月16日"));
  CHECK_THAT(p.steps[2].zh, Catch::Contains("春节") && Catch::Contains("2026年2月24日"));
  CHECK_THAT(p.steps[2].en, Catch::Contains("Art. 203"));
  auto far = compute(d("2026-11-30"), {2, text::Unit::Year});
  CHECK(text::format_iso(far.nominal_last_day) == "2028-11-30");
  REQUIRE(far.warnings.size() == 2);
  CHECK_THAT(far.warnings[0], Catch::Contains("2027"));
}

TEST_CASE("calendars: make-up days are working days, bad files are named", "[period]") {
  const auto& cal = period::Calendar::builtin();
  CHECK(cal.has_year(2025));
  CHECK(cal.has_year(2026));
  CHECK_FALSE(cal.is_rest_day(d("2026-02-28")));  // Saturday, 调休上班
  CHECK(cal.is_rest_day(d("2026-02-16")));        // Monday, 春节
  CHECK(cal.is_rest_day(d("2025-10-08")));        // Wednesday, 国庆
  CHECK_FALSE(cal.is_rest_day(d("2025-10-09")));
  CHECK_THAT(cal.source(2025), Catch::Contains("国办发明电〔2024〕12号"));
  period::Calendar mine;
  try {
    mine.load_year("year: 2027\nsource: test\nholidays: []\nworkdays: [2027-03-03]\n", "2027.yaml");
    FAIL("accepted a weekday as a make-up working day");
  } catch (const Error& e) {
    CHECK(e.where().file == "2027.yaml");
    CHECK(e.where().line == 4);
  }
}

TEST_CASE("lexgit period", "[period][cli]") {
  auto r = lexgit::test::run_cli("period --start 2026-01-15 --length 一个月 --format json");
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["length"] == nlohmann::json{{"count", 1}, {"unit", "month"}});
  CHECK(j["nominal_last_day"] == "2026-02-15");
  CHECK(j["last_day"] == "2026-02-24");
  CHECK(j["effective"] == "2026-02-25");
  CHECK(j["warnings"].empty());
  CHECK(lexgit::test::run_cli("period --start 2026-01-15 --length 很快").status == 2);
  CHECK(lexgit::test::run_cli("period --start 2026-02-30 --length 一个月").status == 2);
  CHECK(lexgit::test::run_cli("period --start 2026-01-15 --length 48小时").status == 2);
  auto text = lexgit::test::run_cli("period --start 2026年1月31日 --length 一个月");
  CHECK(text.status == 0);
  CHECK_THAT(text.out, Catch::Contains("2026-03-01"));
}
