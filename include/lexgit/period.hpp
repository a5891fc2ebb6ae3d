// Periods under the PRC Civil Code, Articles 200–204: when a period that starts
// on a day ends, and from which day a change notified that day may take effect.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "lexgit/language.hpp"
#include "lexgit/text.hpp"

namespace lexgit {
class DocumentSet;
}

namespace lexgit::period {

// A day off and why: 元旦, 春节, 国庆节、中秋节 …
struct Holiday {
  text::Date day;
  std::string name;
};

// The days off of 《全国年节及纪念日放假办法》 in `year`, by the rules in force
// that year (from 2025: 元旦, 除夕 and 春节 正月初一–初三, 清明节 on its solar
// term, 劳动节 1–2 May, 端午节, 中秋节, 国庆节 1–3 October; 2014–2024 without
// 除夕 and with one day of 劳动节; 2008–2013 除夕–初二), in date order. Days
// off made up for a holiday on a weekend (补假) are the State Council's to set.
const std::vector<Holiday>& statutory_holidays(int year);

// Rest days (法定休假日, as usually read): Saturdays and Sundays and the
// statutory holidays of every year, plus the State Council's extra days off,
// minus its make-up working days (调休上班), in the years whose schedule is loaded.
class Calendar {
 public:
  // corpus/calendar/*.yaml, compiled into lexgit.
  static const Calendar& builtin();
  // One year's schedule (format: README.md, "Periods"). Throws Error(BadInput)
  // naming `file` and the line of anything invalid. A schedule replaces a
  // built-in one for its year; two other schedules for one year are an error.
  void load_year(std::string_view yaml, const std::string& file);

  // Whether the State Council's schedule for the year is loaded.
  bool has_year(int year) const { return years_.count(year) > 0; }
  std::string source(int year) const;  // the schedule's source line
  std::string file(int year) const;    // where it was read from
  bool is_rest_day(text::Date d) const;
  // Why a day is a rest day or a working day: 春节假期，星期一 / 法定节假日元旦，星期五 / 星期六，调休上班日 …
  std::string describe(text::Date d) const;

  struct Day {
    text::Date day;
    std::string name;    // the festival, or 调休上班 for a make-up working day
    bool rest = true;    // false: a make-up working day
    std::string origin;  // "statutory", or the schedule's file
  };
  // The year's days that differ from the plain week: days off on weekdays and
  // weekends alike, and make-up working days, in date order.
  std::vector<Day> special_days(int year) const;

 private:
  struct Year {
    std::string source;
    std::string file;
    bool builtin = false;
    std::map<text::Date, std::string> holidays;  // day → festival
    std::map<text::Date, bool> workdays;         // make-up working days
  };
  std::map<int, Year> years_;
};

// The rest days for the documents a command reads: the built-in schedules, and
// the document repository's calendar/*.yaml (committed at the revision read, or
// in the directory outside git), each replacing the built-in one for its year.
// Error(BadInput) naming the file and line of an invalid schedule.
Calendar calendar_for(DocumentSet& set);

// A step of the reasoning, or a warning, in Chinese and English.
using Step = Bilingual;

struct Period {
  text::Date start;             // the day of the event (the notice); not counted
  text::Duration length;
  text::Date nominal_last_day;  // before Article 203
  text::Date last_day;          // after moving off rest days
  text::Date effective;         // the day after the last day
  std::vector<Step> steps;
  // One per year the period counts or moves across whose schedule is not loaded:
  // 2027年国务院节假日安排尚未载入，本期间按周末及法定节假日计算…
  std::vector<Step> warnings;
};

// Years, months, weeks, days and working days; hours are refused (Error(Usage)).
// A period touching a year without a loaded schedule is computed with weekends
// and statutory holidays, and carries a warning saying so.
Period compute(text::Date start, text::Duration length, const Calendar& calendar = Calendar::builtin());

// The same for a length as a person writes it (一个月, 30日, 十五个工作日);
// Error(Usage) for one text::parse_duration cannot read.
Period compute(text::Date start, const std::string& length, const Calendar& calendar);

// {"start", "length": {"count", "unit"}, "nominal_last_day", "last_day", "effective",
//  "steps": [{"zh", "en"}], "warnings": [{"zh", "en"}]}
nlohmann::json to_json(const Period& p);

// Calendar arithmetic through ICU's Gregorian calendar.
text::Date add_days(text::Date d, int days);
text::Date add_months(text::Date d, int months);  // clamps to the month's last day
int weekday(text::Date d);                        // 1 = Sunday … 7 = Saturday

}  // namespace lexgit::period
