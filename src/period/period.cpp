#include <limits>

#include <nlohmann/json.hpp>

#include "lexgit/error.hpp"
#include "lexgit/period.hpp"

namespace lexgit::period {
namespace {

std::string zh(text::Date d) { return text::format_zh_cn(d); }
std::string iso(text::Date d) { return text::format_iso(d); }

// The nominal last day (Articles 201 and 202) and the step that explains it.
text::Date nominal_last_day(const Period& p, const Calendar& calendar, Step& step) {
  const long long n = p.length.count;
  const text::Date first = add_days(p.start, 1);
  switch (p.length.unit) {
    case text::Unit::Year:
    case text::Unit::Month: {
      int months = static_cast<int>(p.length.unit == text::Unit::Year ? n * 12 : n);
      text::Date d = add_months(p.start, months);
      bool clamped = d.day != p.start.day;
      step.zh = "第二百零二条：按" + std::string(p.length.unit == text::Unit::Year ? "年" : "月") + "计算期间，到期月的" +
                (clamped ? "没有对应日，以月末日" : "对应日") + "（" + zh(d) + "）为期间的最后一日。";
      step.en = std::string("Art. 202: counted in ") + (p.length.unit == text::Unit::Year ? "years" : "months") + ", the " +
                (clamped ? "final month has no corresponding day, so its last day" : "corresponding day of the final month") +
                " (" + iso(d) + ") is the last day.";
      return d;
    }
    case text::Unit::Week:
    case text::Unit::Day: {
      long long days = p.length.unit == text::Unit::Week ? 7 * n : n;
      text::Date d = add_days(p.start, static_cast<int>(days));
      step.zh = "按日计算：自" + zh(first) + "起算第" + std::to_string(days) + "日（" + zh(d) + "）为期间的最后一日。";
      step.en = "Counted in days: day " + std::to_string(days) + " from " + iso(first) + " (" + iso(d) + ") is the last day.";
      return d;
    }
    case text::Unit::WorkingDay: {
      text::Date d = p.start;
      for (long long counted = 0; counted < n;) {
        d = add_days(d, 1);
        if (!calendar.is_rest_day(d)) ++counted;
      }
      step.zh = "按工作日计算：自" + zh(first) + "起，休息日不计，第" + std::to_string(n) + "个工作日（" + zh(d) + "）为期间的最后一日。";
      step.en = "Counted in working days: rest days not counted, working day " + std::to_string(n) + " from " + iso(first) +
                " (" + iso(d) + ") is the last day.";
      return d;
    }
    case text::Unit::Hour: break;
  }
  throw Error(ErrorCode::Usage, "periods in hours run from a moment, not a day: lexgit computes periods of days, working days, weeks, months and years");
}

// The caveat for a year whose State Council schedule is not loaded: the
// period stands on weekends and statutory holidays, and a notice must say so.
Step unscheduled_year(int year) {
  std::string y = std::to_string(year);
  return {y + "年国务院节假日安排尚未载入，本期间按周末及法定节假日计算，如有调休以国务院公布为准。",
          "the State Council's holiday schedule for " + y + " is not loaded (calendar/" + y +
              ".yaml): the period counts weekends and the statutory holidays; days off and make-up working days "
              "the State Council arranges may change it"};
}

// The longest period lexgit computes, in each unit: a hundred years (the
// Civil Code's longest, Art. 188's twenty years, with room to spare). Beyond
// it counts would wrap round in date arithmetic or take minutes to count.
long long longest(text::Unit unit) {
  switch (unit) {
    case text::Unit::Year: return 100;
    case text::Unit::Month: return 1200;
    case text::Unit::Week: return 5218;
    case text::Unit::Day: return 36525;
    case text::Unit::WorkingDay: return 25000;
    case text::Unit::Hour: break;
  }
  return std::numeric_limits<long long>::max();  // refused in nominal_last_day, whatever the count
}

void require_countable(text::Duration length) {
  if (length.count <= 0) throw Error(ErrorCode::Usage, "a period must be at least one unit long");
  if (length.count > longest(length.unit))
    throw Error(ErrorCode::Usage, "a period of " + std::to_string(length.count) + " " + std::string(text::unit_name(length.unit)) +
                                      "s is longer than lexgit computes: at most 100 years (100年, 1200个月, 5218周, "
                                      "36525日, 25000个工作日)");
}

}  // namespace

Period compute(text::Date start, text::Duration length, const Calendar& calendar) {
  require_countable(length);
  Period p;
  p.start = start;
  p.length = length;
  p.steps.push_back({"第二百零一条：开始的当日（" + zh(start) + "）不计入，自下一日（" + zh(add_days(start, 1)) + "）开始计算。",
                     "Art. 201: the start day (" + iso(start) + ") is not counted; the period runs from " + iso(add_days(start, 1)) + "."});
  Step nominal;
  p.nominal_last_day = nominal_last_day(p, calendar, nominal);
  p.steps.push_back(nominal);

  // Article 203: a last day that is a rest day moves to the day after the rest ends.
  p.last_day = p.nominal_last_day;
  while (calendar.is_rest_day(p.last_day)) p.last_day = add_days(p.last_day, 1);
  if (p.last_day == p.nominal_last_day) {
    p.steps.push_back({"第二百零三条：" + zh(p.nominal_last_day) + "（" + calendar.describe(p.nominal_last_day) + "）不是法定休假日，期间的最后一日不变。",
                       "Art. 203: " + iso(p.nominal_last_day) + " (" + calendar.describe(p.nominal_last_day) + ") is not a rest day; the last day stands."});
  } else {
    p.steps.push_back({"第二百零三条：" + zh(p.nominal_last_day) + "（" + calendar.describe(p.nominal_last_day) + "）是法定休假日，以休假日结束的次日（" +
                           zh(p.last_day) + "，" + calendar.describe(p.last_day) + "）为期间的最后一日。",
                       "Art. 203: " + iso(p.nominal_last_day) + " (" + calendar.describe(p.nominal_last_day) +
                           ") is a rest day; the last day is the day after the rest ends, " + iso(p.last_day) + "."});
  }
  p.effective = add_days(p.last_day, 1);
  p.steps.push_back({"期间届满于" + zh(p.last_day) + "二十四时；变更自" + zh(p.effective) + "起生效。",
                     "The period ends at midnight on " + iso(p.last_day) + "; the change may take effect on " + iso(p.effective) + "."});

  // The years whose days the period counts or moves across (the start day is not counted).
  for (int year = add_days(start, 1).year; year <= p.effective.year; ++year)
    if (!calendar.has_year(year)) p.warnings.push_back(unscheduled_year(year));
  return p;
}

nlohmann::json to_json(const Period& p) {
  nlohmann::json steps = nlohmann::json::array(), warnings = nlohmann::json::array();
  for (const Step& s : p.steps) steps.push_back({{"zh", s.zh}, {"en", s.en}});
  for (const Step& w : p.warnings) warnings.push_back({{"zh", w.zh}, {"en", w.en}});
  return {{"start", iso(p.start)},
          {"length", {{"count", p.length.count}, {"unit", text::unit_name(p.length.unit)}}},
          {"nominal_last_day", iso(p.nominal_last_day)},
          {"last_day", iso(p.last_day)},
          {"effective", iso(p.effective)},
          {"steps", std::move(steps)},
          {"warnings", std::move(warnings)}};
}

Period compute(text::Date start, const std::string& length, const Calendar& calendar) {
  auto duration = text::parse_duration(length);
  if (!duration)
    throw Error(ErrorCode::Usage, "cannot read '" + length + "' as a period: write 一个月, 30日, 三个月, 十五个工作日, 两年 …");
  return compute(start, *duration, calendar);
}

}  // namespace lexgit::period
