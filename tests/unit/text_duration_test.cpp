#include <catch2/catch.hpp>

#include "lexgit/text.hpp"

using namespace lexgit::text;

namespace {
Duration duration_of(std::string_view text) {
  auto d = parse_duration(text);
  INFO(text);
  REQUIRE(d);
  return *d;
}
}  // namespace

TEST_CASE("durations in every form contracts write them", "[text][duration]") {
  CHECK(duration_of("一个月") == Duration{1, Unit::Month});
  CHECK(duration_of("两个月") == Duration{2, Unit::Month});
  CHECK(duration_of("1 个月") == Duration{1, Unit::Month});
  CHECK(duration_of("3个月") == Duration{3, Unit::Month});
  CHECK(duration_of("6月") == Duration{6, Unit::Month});  // after Arabic digits, 月 counts months
  CHECK(duration_of("三个月") == Duration{3, Unit::Month});
  CHECK(duration_of("三十日") == Duration{30, Unit::Day});
  CHECK(duration_of("30 天") == Duration{30, Unit::Day});
  CHECK(duration_of("30日") == Duration{30, Unit::Day});
  CHECK(duration_of("３０天") == Duration{30, Unit::Day});
  CHECK(duration_of("两年") == Duration{2, Unit::Year});
  CHECK(duration_of("一年") == Duration{1, Unit::Year});
  CHECK(duration_of("十五个工作日") == Duration{15, Unit::WorkingDay});
  CHECK(duration_of("15个工作日") == Duration{15, Unit::WorkingDay});
  CHECK(duration_of("两周") == Duration{2, Unit::Week});
  CHECK(duration_of("一个星期") == Duration{1, Unit::Week});
  CHECK(duration_of("48小时") == Duration{48, Unit::Hour});
  CHECK(duration_of("二十四个小时") == Duration{24, Unit::Hour});
  CHECK(duration_of("半年") == Duration{6, Unit::Month});
  CHECK(duration_of("一年半") == Duration{18, Unit::Month});
  CHECK(duration_of("  七日　") == Duration{7, Unit::Day});
}

TEST_CASE("what is not a duration", "[text][duration]") {
  CHECK_FALSE(parse_duration(""));
  CHECK_FALSE(parse_duration("一月"));        // January, not a month
  CHECK_FALSE(parse_duration("2026年"));      // a calendar year
  CHECK_FALSE(parse_duration("三十日内"));    // more than a duration
  CHECK_FALSE(parse_duration("个月"));
  CHECK_FALSE(parse_duration("三十"));
  CHECK_FALSE(parse_duration("一个年"));
  CHECK_FALSE(parse_duration("贵公司"));
}

TEST_CASE("durations are found in running text", "[text][duration]") {
  auto one = [](std::string_view text) {
    auto found = find_durations(text);
    INFO(text);
    REQUIRE(found.size() == 1);
    return found.front();
  };
  const std::string notice = "青云科技可能会改变本协议的条款，但会提前一个月通知贵公司。";
  const auto month = one(notice);
  CHECK(month.duration == Duration{1, Unit::Month});
  CHECK(notice.substr(month.offset, month.length) == "一个月");
  CHECK(one("应提前三十日向对方发出书面通知").duration == Duration{30, Unit::Day});
  CHECK(one("贵公司须在丧失该技术认证三个月内重新获取这种技术认证").duration == Duration{3, Unit::Month});
  CHECK(one("自最初披露之日起两年内该信息的接受方同意").duration == Duration{2, Unit::Year});
  CHECK(one("应当在五个工作日内书面通知青云").duration == Duration{5, Unit::WorkingDay});
}

TEST_CASE("dates, ordinals and numbers are not durations", "[text][duration]") {
  CHECK(find_durations("本政策自2025年4月1日起施行").empty());
  CHECK(find_durations("于二〇二六年一月三十一日生效").empty());
  CHECK(find_durations("自1月31日起").empty());
  CHECK(find_durations("第二年的费用").empty());
  CHECK(find_durations("第十一条 适用法律").empty());
  CHECK(find_durations("最多 10 万人民币").empty());
  CHECK(find_durations("").empty());
  const auto both = find_durations("本协议在对方收到书面通知三十日后终止，保密期限为两年。");
  REQUIRE(both.size() == 2);
  CHECK(both[0].duration == Duration{30, Unit::Day});
  CHECK(both[1].duration == Duration{2, Unit::Year});
}

TEST_CASE("unit names", "[text][duration]") {
  CHECK(unit_name(Unit::Year) == "year");
  CHECK(unit_name(Unit::Month) == "month");
  CHECK(unit_name(Unit::Week) == "week");
  CHECK(unit_name(Unit::Day) == "day");
  CHECK(unit_name(Unit::WorkingDay) == "working-day");
  CHECK(unit_name(Unit::Hour) == "hour");
}
