#include <memory>

#include <unicode/gregocal.h>
#include <unicode/timezone.h>
#include <yaml-cpp/yaml.h>

#include "lexgit/document.hpp"
#include "lexgit/error.hpp"
#include "lexgit/period.hpp"

namespace lexgit::embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& calendar_files();
}

namespace lexgit::period {
namespace {

// A Gregorian calendar in UTC at noon of the date, so no time zone moves the day.
std::unique_ptr<icu::GregorianCalendar> calendar_at(text::Date d) {
  UErrorCode status = U_ZERO_ERROR;
  auto cal = std::make_unique<icu::GregorianCalendar>(*icu::TimeZone::getGMT(), status);
  if (U_FAILURE(status)) throw Error(ErrorCode::Internal, "ICU calendar unavailable");
  cal->clear();
  cal->set(d.year, d.month - 1, d.day, 12, 0, 0);
  return cal;
}

text::Date date_of(const icu::Calendar& cal) {
  UErrorCode status = U_ZERO_ERROR;
  text::Date d{cal.get(UCAL_YEAR, status), cal.get(UCAL_MONTH, status) + 1, cal.get(UCAL_DATE, status)};
  if (U_FAILURE(status)) throw Error(ErrorCode::Internal, "ICU calendar arithmetic failed");
  return d;
}

int yaml_line(const YAML::Node& n) { return n.Mark().line >= 0 ? n.Mark().line + 1 : 0; }

}  // namespace

text::Date add_days(text::Date d, int days) {
  auto cal = calendar_at(d);
  UErrorCode status = U_ZERO_ERROR;
  cal->add(UCAL_DATE, days, status);
  return date_of(*cal);
}

text::Date add_months(text::Date d, int months) {
  auto cal = calendar_at(d);
  UErrorCode status = U_ZERO_ERROR;
  cal->add(UCAL_MONTH, months, status);  // ICU clamps 01-31 + 1 month to 02-28, as Article 202 reads
  return date_of(*cal);
}

int weekday(text::Date d) {
  auto cal = calendar_at(d);
  UErrorCode status = U_ZERO_ERROR;
  return cal->get(UCAL_DAY_OF_WEEK, status);
}

const Calendar& Calendar::builtin() {
  static const Calendar calendar = [] {
    Calendar c;
    for (const auto& [name, contents] : embedded::calendar_files()) c.load_year(contents, "corpus/calendar/" + std::string(name));
    return c;
  }();
  return calendar;
}

void Calendar::load_year(std::string_view yaml, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::ParserException& e) {
    throw Error(ErrorCode::BadInput, "invalid YAML: " + e.msg, {file, e.mark.line + 1});
  }
  auto date = [&](const YAML::Node& n, const char* what) {
    auto d = n && n.IsScalar() ? parse_iso_date(n.Scalar()) : std::nullopt;
    if (!d) throw Error(ErrorCode::BadInput, std::string(what) + " must be a date YYYY-MM-DD", {file, n ? yaml_line(n) : 0});
    return *d;
  };
  if (!root.IsMap() || !root["year"] || !root["source"])
    throw Error(ErrorCode::BadInput, "a calendar needs year, source, holidays and workdays", {file, 1});
  int year = root["year"].as<int>();
  Year y;
  y.source = root["source"].as<std::string>();
  for (const YAML::Node& h : root["holidays"]) {
    text::Date from = date(h["from"], "holidays.from"), to = date(h["to"], "holidays.to");
    if (to < from || from.year != year) throw Error(ErrorCode::BadInput, "holiday outside " + std::to_string(year) + " or ending before it starts", {file, yaml_line(h)});
    for (text::Date d = from; !(to < d); d = add_days(d, 1)) y.holidays[d] = h["name"] ? h["name"].as<std::string>() : "节假日";
  }
  for (const YAML::Node& w : root["workdays"]) {
    text::Date d = date(w, "workdays");
    if (weekday(d) != 1 && weekday(d) != 7) throw Error(ErrorCode::BadInput, "make-up working day " + text::format_iso(d) + " is not a weekend day", {file, yaml_line(w)});
    y.workdays[d] = true;
  }
  years_[year] = std::move(y);
}

std::string Calendar::source(int year) const {
  auto it = years_.find(year);
  return it == years_.end() ? std::string() : it->second.source;
}

bool Calendar::is_rest_day(text::Date d) const {
  auto it = years_.find(d.year);
  if (it != years_.end()) {
    if (it->second.holidays.count(d)) return true;
    if (it->second.workdays.count(d)) return false;
  }
  int w = weekday(d);
  return w == 1 || w == 7;
}

std::string Calendar::describe(text::Date d) const {
  static const char* names[] = {"", "星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"};
  std::string day = names[weekday(d)];
  auto it = years_.find(d.year);
  if (it != years_.end()) {
    if (auto h = it->second.holidays.find(d); h != it->second.holidays.end()) return h->second + "假期，" + day;
    if (it->second.workdays.count(d)) return day + "，调休上班日";
  }
  return day;
}

}  // namespace lexgit::period
