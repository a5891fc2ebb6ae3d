// The statutory days off of 《全国年节及纪念日放假办法》 for any year: the
// Gregorian ones fixed, 春节, 端午 and 中秋 from ICU's Chinese calendar, 清明 on
// its solar term. Each revision of the rules applies from the year it took effect.
#include <memory>
#include <mutex>

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/timezone.h>

#include "lexgit/error.hpp"
#include "lexgit/period.hpp"
#include "period/astronomy.hpp"

namespace lexgit::period {
namespace {

// ICU's Chinese calendar counts its extended year from 2637 BCE: the lunar
// year that begins in Gregorian year Y is Y + 2637.
constexpr int kChineseEra = 2637;

void check_icu(UErrorCode status) {
  if (U_FAILURE(status)) throw Error(ErrorCode::Internal, std::string("ICU's Chinese calendar failed: ") + u_errorName(status));
}

// The first day of lunar month `month` (1 = 正月, not a leap month) of the lunar
// year that begins in Gregorian `year`. ICU finds the month; its day comes from
// the new moon computed to the minute, because ICU's own moon is approximate
// and misplaces new moons close to midnight (正月初一 of 2027, a new moon at
// 23:56 China time on 6 February, ICU puts on the 7th).
text::Date lunar_month_start(int year, int month) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> chinese(
      icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale("zh_CN@calendar=chinese"), status));
  check_icu(status);
  chinese->clear();
  chinese->set(UCAL_EXTENDED_YEAR, year + kChineseEra);
  chinese->set(UCAL_MONTH, month - 1);
  chinese->set(UCAL_IS_LEAP_MONTH, 0);
  chinese->set(UCAL_DATE, 1);
  chinese->set(UCAL_HOUR_OF_DAY, 12);
  UDate moment = chinese->getTime(status);
  icu::GregorianCalendar gregorian(*icu::TimeZone::getGMT(), status);
  gregorian.setTime(moment, status);
  text::Date approximate{gregorian.get(UCAL_YEAR, status), gregorian.get(UCAL_MONTH, status) + 1, gregorian.get(UCAL_DATE, status)};
  check_icu(status);
  return astronomy::new_moon_day(approximate);
}

// The rules as revised: 2008 (清明, 端午, 中秋 added; 劳动节 one day; 春节 from 除夕),
// 2014 (春节 from 初一 again), 2025 (除夕 back, 劳动节 two days). Earlier years are
// read with the 1999 rules.
struct Rules {
  bool eve;             // 除夕 is a day off
  int spring_days;      // days of 春节 from 正月初一 (除夕 included in the count when eve)
  int labour_days;      // from 1 May
  bool lunar_festivals; // 清明, 端午, 中秋
};

Rules rules_for(int year) {
  if (year >= 2025) return {true, 4, 2, true};
  if (year >= 2014) return {false, 3, 1, true};
  if (year >= 2008) return {true, 3, 1, true};
  return {false, 3, 3, false};
}

std::vector<Holiday> compute_statutory(int year) {
  const Rules rules = rules_for(year);
  std::vector<Holiday> days;
  auto add = [&](text::Date first, int count, const std::string& name) {
    for (int i = 0; i < count; ++i) days.push_back({add_days(first, i), name});
  };
  add({year, 1, 1}, 1, "元旦");
  text::Date new_year = lunar_month_start(year, 1);
  // 除夕 is the last day of the old year: 腊月三十, or 廿九 when 腊月 is short.
  if (rules.eve) add(add_days(new_year, -1), 1, "除夕");
  add(new_year, rules.eve ? rules.spring_days - 1 : rules.spring_days, "春节");
  if (rules.lunar_festivals) add(astronomy::solar_longitude_day(year, 15), 1, "清明节");
  add({year, 5, 1}, rules.labour_days, "劳动节");
  if (rules.lunar_festivals) add(add_days(lunar_month_start(year, 5), 4), 1, "端午节");
  add({year, 10, 1}, 3, "国庆节");
  if (rules.lunar_festivals) add(add_days(lunar_month_start(year, 8), 14), 1, "中秋节");

  // One entry per day, in date order; a day two festivals share (中秋 on 1 October) names both.
  std::map<text::Date, std::string> by_day;
  for (const Holiday& h : days) {
    std::string& name = by_day[h.day];
    name += (name.empty() ? "" : "、") + h.name;
  }
  std::vector<Holiday> out;
  for (auto& [day, name] : by_day) out.push_back({day, std::move(name)});
  return out;
}

}  // namespace

const std::vector<Holiday>& statutory_holidays(int year) {
  // Computed once per year and process: ICU's Chinese calendar is slow to set up.
  static std::mutex mutex;
  static std::map<int, std::vector<Holiday>> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(year);
  if (it == cache.end()) it = cache.emplace(year, compute_statutory(year)).first;
  return it->second;
}

}  // namespace lexgit::period
