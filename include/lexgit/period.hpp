// Periods under the PRC Civil Code, Articles 200–204: when a period that starts
// on a day ends, and from which day a change notified that day may take effect.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "lexgit/text.hpp"

namespace lexgit::period {

// Rest days (法定休假日, as usually read): Saturdays and Sundays, plus the State
// Council's holidays, minus the make-up working days (调休上班), year by year.
class Calendar {
 public:
  // corpus/calendar/*.yaml, compiled into lexgit.
  static const Calendar& builtin();
  // One year's schedule (format: README.md, "Periods"). Throws Error(BadInput)
  // naming `file` and the line of anything invalid.
  void load_year(std::string_view yaml, const std::string& file);

  bool has_year(int year) const { return years_.count(year) > 0; }
  std::string source(int year) const;
  bool is_rest_day(text::Date d) const;
  // Why a day is a rest day or a working day: 春节, 星期六, 调休上班日 …
  std::string describe(text::Date d) const;

 private:
  struct Year {
    std::string source;
    std::map<text::Date, std::string> holidays;  // day → festival
    std::map<text::Date, bool> workdays;         // make-up working days
  };
  std::map<int, Year> years_;
};

struct Step {
  std::string zh;
  std::string en;
};

struct Period {
  text::Date start;             // the day of the event (the notice); not counted
  text::Duration length;
  text::Date nominal_last_day;  // before Article 203
  text::Date last_day;          // after moving off rest days
  text::Date effective;         // the day after the last day
  std::vector<Step> steps;
  std::vector<std::string> warnings;
};

// Years, months, weeks, days and working days; hours are refused (Error(Usage)).
Period compute(text::Date start, text::Duration length, const Calendar& calendar = Calendar::builtin());

// {"start", "length": {"count", "unit"}, "nominal_last_day", "last_day", "effective",
//  "steps": [{"zh", "en"}], "warnings": []}
nlohmann::json to_json(const Period& p);

// Calendar arithmetic through ICU's Gregorian calendar.
text::Date add_days(text::Date d, int days);
text::Date add_months(text::Date d, int months);  // clamps to the month's last day
int weekday(text::Date d);                        // 1 = Sunday … 7 = Saturday

}  // namespace lexgit::period
