// Periods under Civil Code Articles 201–203 on every holiday edge of 2025 and 2026.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "lexgit/period.hpp"
#include "lexgit/store.hpp"
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

TEST_CASE("the steps explain the articles, and a year without a schedule warns", "[period]") {
  auto p = compute(d("2026-01-15"), {1, text::Unit::Month});
  REQUIRE(p.steps.size() == 4);
  CHECK_THAT(p.steps[0].zh, Catch::Contains("第二百零一条") && Catch::Contains("2026年1月16日"));
  CHECK_THAT(p.steps[2].zh, Catch::Contains("春节") && Catch::Contains("2026年2月24日"));
  CHECK_THAT(p.steps[2].en, Catch::Contains("Art. 203"));
  auto far = compute(d("2026-11-30"), {2, text::Unit::Year});
  CHECK(text::format_iso(far.nominal_last_day) == "2028-11-30");
  REQUIRE(far.warnings.size() == 2);
  CHECK_THAT(far.warnings[0].zh, Catch::Contains("2027年国务院节假日安排尚未载入"));
  CHECK_THAT(far.warnings[1].en, Catch::Contains("2028"));
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
  CHECK_THAT(text.out, Catch::Contains("生效日：2026年3月1日"));
}

// ---- Statutory holidays of any year -------------------------------------------------

namespace {

// The days of `year` the statutory rules give off, named `name` (春节, 清明节 …).
std::vector<std::string> statutory(int year, const std::string& name) {
  std::vector<std::string> out;
  for (const period::Holiday& h : period::statutory_holidays(year))
    if (lexgit::test::contains(h.name, name)) out.push_back(text::format_iso(h.day));
  return out;
}

using Days = std::vector<std::string>;

}  // namespace

TEST_CASE("正月初一, 端午 and 中秋 from the Chinese calendar on their known dates", "[period][statutory]") {
  const std::pair<int, const char*> new_years[] = {
      {2025, "2025-01-29"}, {2026, "2026-02-17"}, {2027, "2027-02-06"}, {2028, "2028-01-26"}, {2031, "2031-01-23"}};
  for (auto [year, first_day] : new_years) {
    INFO(year);
    REQUIRE_FALSE(statutory(year, "春节").empty());
    CHECK(statutory(year, "春节").front() == first_day);
  }
  // 2027's new moon falls at 23:56 China time on 6 February: ICU's own moon puts it on the 7th.
  CHECK(statutory(2027, "除夕") == Days{"2027-02-05"});
  CHECK(statutory(2027, "端午节") == Days{"2027-06-09"});
  CHECK(statutory(2027, "中秋节") == Days{"2027-09-15"});
  CHECK(statutory(2025, "端午节") == Days{"2025-05-31"});
  CHECK(statutory(2026, "中秋节") == Days{"2026-09-25"});
}

TEST_CASE("清明 falls on the day the sun reaches 15 degrees, China time", "[period][statutory]") {
  const std::pair<int, const char*> known[] = {{2019, "2019-04-05"}, {2020, "2020-04-04"}, {2022, "2022-04-05"},
                                               {2023, "2023-04-05"}, {2024, "2024-04-04"}, {2025, "2025-04-04"},
                                               {2026, "2026-04-05"}, {2027, "2027-04-05"}, {2028, "2028-04-04"},
                                               {2031, "2031-04-05"}};
  for (auto [year, day] : known) {
    INFO(year);
    CHECK(statutory(year, "清明节") == Days{day});
  }
}

TEST_CASE("the statutory days of 2025 and 2026 are all inside the State Council's schedules", "[period][statutory]") {
  const auto& cal = period::Calendar::builtin();
  for (int year : {2025, 2026}) {
    std::map<std::string, std::string> origin;
    for (const auto& d : cal.special_days(year)) origin[text::format_iso(d.day)] = d.origin;
    for (const period::Holiday& h : period::statutory_holidays(year)) {
      INFO(text::format_iso(h.day) << " " << h.name);
      CHECK(origin[text::format_iso(h.day)] == "corpus/calendar/" + std::to_string(year) + ".yaml");
    }
  }
}

TEST_CASE("2027 without a schedule: 元旦, 除夕 to 初三, and the days named", "[period][statutory]") {
  const auto& cal = period::Calendar::builtin();
  REQUIRE_FALSE(cal.has_year(2027));
  CHECK(statutory(2027, "") == Days{"2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-04-05",
                                    "2027-05-01", "2027-05-02", "2027-06-09", "2027-09-15", "2027-10-01", "2027-10-02",
                                    "2027-10-03"});
  CHECK(cal.describe(d("2027-01-01")) == "法定节假日元旦，星期五");
  CHECK(cal.describe(d("2027-02-05")) == "法定节假日除夕，星期五");
  CHECK(cal.describe(d("2027-02-08")) == "法定节假日春节，星期一");
  CHECK(cal.is_rest_day(d("2027-06-09")));  // 端午, a Wednesday
  CHECK_FALSE(cal.is_rest_day(d("2027-02-09")));  // no 补假: the State Council arranges those

  auto new_year = compute(d("2026-12-01"), *text::parse_duration("一个月"));
  CHECK(text::format_iso(new_year.nominal_last_day) == "2027-01-01");
  CHECK(text::format_iso(new_year.last_day) == "2027-01-04");
  CHECK(text::format_iso(new_year.effective) == "2027-01-05");
  CHECK_THAT(new_year.steps[2].zh, Catch::Contains("元旦"));
  REQUIRE(new_year.warnings.size() == 1);
  CHECK(new_year.warnings[0].zh == "2027年国务院节假日安排尚未载入，本期间按周末及法定节假日计算，如有调休以国务院公布为准。");

  auto spring = compute(d("2027-01-05"), *text::parse_duration("一个月"));
  CHECK(text::format_iso(spring.nominal_last_day) == "2027-02-05");
  CHECK(text::format_iso(spring.last_day) == "2027-02-09");
  CHECK_THAT(spring.steps[2].zh, Catch::Contains("除夕"));
}

TEST_CASE("2031: 春节 from 除夕, 清明, 端午, and 中秋 on 国庆", "[period][statutory]") {
  CHECK(statutory(2031, "除夕") == Days{"2031-01-22"});
  CHECK(statutory(2031, "春节") == Days{"2031-01-23", "2031-01-24", "2031-01-25"});
  CHECK(statutory(2031, "清明节") == Days{"2031-04-05"});
  CHECK(statutory(2031, "端午节") == Days{"2031-06-24"});
  CHECK(statutory(2031, "中秋节") == Days{"2031-10-01"});
  CHECK(period::Calendar::builtin().describe(d("2031-10-01")) == "法定节假日国庆节、中秋节，星期三");
  auto p = compute(d("2030-12-22"), *text::parse_duration("一个月"));  // ends on 除夕, a Wednesday
  CHECK(text::format_iso(p.last_day) == "2031-01-27");
  CHECK(p.warnings.size() == 2);  // 2030 and 2031
}

TEST_CASE("before 2025 the old rules: no 除夕 and one day of 劳动节 (2014-2024), 除夕 to 初二 (2008-2013)", "[period][statutory]") {
  const auto& cal = period::Calendar::builtin();
  CHECK_FALSE(cal.is_rest_day(d("2024-02-09")));  // 除夕 2024, a Friday
  CHECK(cal.is_rest_day(d("2024-02-12")));        // 初三, a Monday
  CHECK(cal.is_rest_day(d("2024-05-01")));
  CHECK_FALSE(cal.is_rest_day(d("2024-05-02")));  // a Thursday
  CHECK(statutory(2011, "除夕") == Days{"2011-02-02"});
  CHECK(statutory(2011, "春节") == Days{"2011-02-03", "2011-02-04"});
  CHECK_FALSE(cal.is_rest_day(d("2011-02-07")));  // a Monday after
}

// ---- Schedules -------------------------------------------------------------------------

namespace {

const char* kSchedule2027 =
    "# 2027年部分节假日安排（测试用）\n"
    "year: 2027\n"
    "source: 国务院办公厅关于2027年部分节假日安排的通知（测试）\n"
    "holidays:\n"
    "  - name: 春节\n"
    "    from: 2027-02-05\n"
    "    to: 2027-02-13\n"
    "workdays: [2027-02-20]\n";

// The line of the error `yaml` (as calendar/2027.yaml) gives, after the built-in calendars.
int error_line(const std::string& yaml, const std::string& file = "calendar/2027.yaml") {
  period::Calendar cal = period::Calendar::builtin();
  try {
    cal.load_year(yaml, file);
  } catch (const Error& e) {
    INFO(e.describe());
    CHECK(e.where().file == file);
    CHECK(e.code() == ErrorCode::BadInput);
    return e.where().line;
  }
  FAIL("accepted " << yaml);
  return 0;
}

}  // namespace

TEST_CASE("a loaded 2027 schedule changes the answer and silences the caveat", "[period][schedule]") {
  period::Calendar cal = period::Calendar::builtin();
  cal.load_year(kSchedule2027, "calendar/2027.yaml");
  CHECK(cal.has_year(2027));
  CHECK(cal.file(2027) == "calendar/2027.yaml");
  auto spring = compute(d("2027-01-05"), {1, text::Unit::Month}, cal);
  CHECK(text::format_iso(spring.last_day) == "2027-02-15");
  CHECK(spring.warnings.empty());
  auto workday = compute(d("2027-01-20"), {1, text::Unit::Month}, cal);  // ends on Saturday 02-20, worked
  CHECK(text::format_iso(workday.last_day) == "2027-02-20");
  CHECK(text::format_iso(compute(d("2027-01-20"), {1, text::Unit::Month}).last_day) == "2027-02-22");
  // 元旦 is statutory whether the schedule lists it or not.
  CHECK(cal.is_rest_day(d("2027-01-01")));
  // A user's schedule replaces the built-in one for its year.
  cal.load_year("year: 2026\nsource: 更正\nholidays: []\nworkdays: []\n", "calendar/2026.yaml");
  CHECK_FALSE(cal.is_rest_day(d("2026-02-23")));  // was 春节 in the built-in 2026 schedule
  CHECK(cal.is_rest_day(d("2026-02-17")));        // still 正月初一
}

TEST_CASE("a bad schedule is named by file and line", "[period][schedule]") {
  CHECK(error_line("year: 2028\nsource: x\nholidays: []\nworkdays: []\n") == 1);  // named 2027.yaml
  CHECK(error_line("year: 二〇二七\nsource: x\n") == 1);
  CHECK(error_line("year: 2027\nsource: x\nholidays:\n  - name: 春节\n    from: 2026-02-05\n    to: 2027-02-13\n") == 5);
  CHECK(error_line("year: 2027\nsource: x\nholidays:\n  - name: 春节\n    from: 2027-02-13\n    to: 2027-02-05\n") == 4);
  CHECK(error_line("year: 2027\nsource: x\nholidays: []\nworkdays:\n  - 2027-03-03\n") == 5);  // a Wednesday
  CHECK(error_line("year: 2027\nsource: x\nholidays:\n  - name: 春节\n    from: 2027-02-05\n    to: 2027-02-13\n"
                   "workdays: [2027-02-06]\n") == 7);  // both a holiday and a workday
  CHECK(error_line("year: 2027\nsource: x\nholidays: []\nworkdays: [2027-10-02]\n") == 4);  // 国庆, a Saturday
  CHECK(error_line("year: 2027\nsource: x\nholiday: []\n") == 3);                        // unknown key
  CHECK(error_line("year: 2027\nsource: x\nholidays:\n  - name: 春节\n    form: 2027-02-05\n    to: 2027-02-13\n") == 5);  // the unknown key
  CHECK(error_line("year: 2027\nsource: x\nholidays: [\n") > 0);  // not YAML
  period::Calendar twice = period::Calendar::builtin();
  twice.load_year(kSchedule2027, "calendar/2027.yaml");
  try {
    twice.load_year(kSchedule2027, "calendar/2027-bis.yaml");
    FAIL("accepted two schedules for 2027");
  } catch (const Error& e) {
    CHECK(e.describe() == "calendar/2027-bis.yaml:2: a second schedule for 2027: calendar/2027.yaml gives it already");
  }
}

TEST_CASE("lexgit period and holidays read the repository's calendar folder", "[period][schedule][cli]") {
  lexgit::test::TempDir dir;
  Repository repo = Repository::init(dir.path);
  auto period_json = [&] {
    auto r = lexgit::test::run_cli(lexgit::test::in(dir) + "period --start 2027-01-05 --length 一个月 --format json");
    INFO(r.err);
    REQUIRE(r.status == 0);
    return std::make_pair(nlohmann::json::parse(r.out), r.err);
  };
  auto [before, before_err] = period_json();
  CHECK(before["last_day"] == "2027-02-09");
  REQUIRE(before["warnings"].size() == 1);
  CHECK(before["warnings"][0]["zh"] == "2027年国务院节假日安排尚未载入，本期间按周末及法定节假日计算，如有调休以国务院公布为准。");
  CHECK_THAT(before_err, Catch::Contains("lexgit: warning:") && Catch::Contains("2027"));

  Repository::CommitRequest add;
  add.files["calendar/2027.yaml"] = kSchedule2027;
  add.message = "2027年节假日安排";
  add.author = "渠道管理部 <channel@qingcloud.example>";
  repo.commit(add);
  auto [after, after_err] = period_json();
  CHECK(after["last_day"] == "2027-02-15");
  CHECK(after["warnings"].empty());
  CHECK(after_err.empty());

  auto holidays = lexgit::test::run_cli(lexgit::test::in(dir) + "holidays 2027");
  REQUIRE(holidays.status == 0);
  CHECK_THAT(holidays.out, Catch::Contains("calendar/2027.yaml") && Catch::Contains("2027-02-20  星期六，调休上班日") &&
                               Catch::Contains("2027-06-09  法定节假日端午节，星期三  [法定]"));

  Repository::CommitRequest bad;
  bad.files["calendar/2027.yaml"] = std::string(kSchedule2027) + "holidayz: []\n";
  bad.message = "错误的安排";
  bad.author = add.author;
  repo.commit(bad);
  auto r = lexgit::test::run_cli(lexgit::test::in(dir) + "period --start 2027-01-05 --length 一个月");
  CHECK(r.status == 3);
  CHECK_THAT(r.err, Catch::Contains("calendar/2027.yaml:9:") && Catch::Contains("holidayz"));
  CHECK(r.out.empty());
  auto check = lexgit::test::run_cli(lexgit::test::in(dir) + "check");
  CHECK(check.status == 3);
  CHECK_THAT(check.out, Catch::Contains("calendar/2027.yaml:9: error:") && Catch::Contains("unknown key 'holidayz'"));
}

TEST_CASE("outside git, lexgit period reads calendar/ in the directory", "[period][schedule][cli]") {
  lexgit::test::TempDir dir;
  lexgit::test::write_file(dir.path / "calendar/2027.yaml", kSchedule2027);
  auto r = lexgit::test::run_cli(lexgit::test::in(dir) + "period --start 2027-01-20 --length 一个月");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("最后一日：2027年2月20日") && Catch::Contains("调休上班日"));
  CHECK_FALSE(lexgit::test::contains(r.out, "尚未载入"));
}

TEST_CASE("lexgit period prints Chinese by default and English with --lang en", "[period][cli][lang]") {
  auto zh = lexgit::test::run_cli("period --start 2026-01-31 --length 一个月");
  REQUIRE(zh.status == 0);
  CHECK_THAT(zh.out, Catch::StartsWith("期间：一个月，自2026年1月31日起算\n  "));
  CHECK_THAT(zh.out, Catch::Contains("第二百零一条") && Catch::EndsWith("\n最后一日：2026年2月28日\n生效日：2026年3月1日\n"));
  for (const char* english : {"Art.", "last day", "effective", " / "}) CHECK_FALSE(lexgit::test::contains(zh.out, english));

  auto en = lexgit::test::run_cli("period --start 2026-01-31 --length 一个月 --lang en");
  REQUIRE(en.status == 0);
  CHECK_THAT(en.out, Catch::StartsWith("Period: 一个月, counted from 2026-01-31\n  "));
  CHECK_THAT(en.out, Catch::Contains("Art. 20") && Catch::EndsWith("\nLast day:  2026-02-28\nEffective: 2026-03-01\n"));
  for (const char* chinese : {"第二百", "最后一日", "生效日", "起算"}) CHECK_FALSE(lexgit::test::contains(en.out, chinese));

  // A year without a State Council schedule: the caveat in the reader's language, on stdout and stderr.
  auto far = lexgit::test::run_cli("period --start 2031-06-01 --length 一个月");
  CHECK_THAT(far.out, Catch::Contains("\n注：2031年国务院节假日安排尚未载入"));
  CHECK_THAT(far.err, Catch::Contains("lexgit: warning: 2031年国务院节假日安排尚未载入"));
  auto far_en = lexgit::test::run_cli("period --start 2031-06-01 --length 一个月 --lang en");
  CHECK_THAT(far_en.out, Catch::Contains("\nNote: the State Council's holiday schedule for 2031 is not loaded"));
  CHECK_THAT(far_en.err, Catch::Contains("lexgit: warning: the State Council's holiday schedule for 2031"));
  CHECK_FALSE(lexgit::test::contains(far_en.out + far_en.err, "尚未载入"));
}

TEST_CASE("lexgit holidays prints Chinese by default and English with --lang en", "[period][cli][lang]") {
  auto zh = lexgit::test::run_cli("holidays 2026");
  REQUIRE(zh.status == 0);
  CHECK_THAT(zh.out, Catch::StartsWith("2026年：国务院节假日安排 ") && Catch::Contains("2026-02-14  星期六，调休上班日  [") &&
                         Catch::Contains("2026-02-16  春节假期，星期一  ["));
  auto en = lexgit::test::run_cli("holidays 2026 --lang en");
  REQUIRE(en.status == 0);
  CHECK_THAT(en.out, Catch::StartsWith("2026: State Council schedule ") && Catch::Contains("2026-02-14  Saturday, make-up working day  [") &&
                         Catch::Contains("2026-02-16  Monday, day off (春节)  ["));
  CHECK_FALSE(lexgit::test::contains(en.out, "星期"));

  CHECK_THAT(lexgit::test::run_cli("holidays 2031").out,
             Catch::StartsWith("2031年：国务院节假日安排尚未载入，仅列法定节假日\n") && Catch::Contains("  [法定]\n"));
  CHECK_THAT(lexgit::test::run_cli("holidays 2031 --lang en").out,
             Catch::StartsWith("2031: no State Council schedule loaded: statutory holidays only\n") && Catch::Contains("  [statutory]\n"));
}
