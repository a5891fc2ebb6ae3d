#include <algorithm>
#include <filesystem>
#include <memory>

#include <unicode/gregocal.h>
#include <unicode/timezone.h>
#include <yaml-cpp/yaml.h>

#include "yaml/yaml.hpp"

#include "lexgit/docset.hpp"
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
    for (auto& [year, y] : c.years_) y.builtin = true;
    return c;
  }();
  return calendar;
}

namespace {

bool is_weekend(text::Date d) { return weekday(d) == 1 || weekday(d) == 7; }

const Holiday* statutory_holiday(text::Date d) {
  for (const Holiday& h : statutory_holidays(d.year))
    if (h.day == d) return &h;
  return nullptr;
}

// Reads one schedule file, checking each entry against the year and the week.
class ScheduleReader {
 public:
  explicit ScheduleReader(const std::string& file) : file_(file) {}

  [[noreturn]] void fail(const std::string& problem, const YAML::Node& at) const {
    throw Error(ErrorCode::BadInput, problem, {file_, at ? yaml::line(at) : 1});
  }

  // A value that must be text (a source, a festival's name): a list or a map there is the file's error.
  std::string text(const YAML::Node& n, const std::string& what) const {
    if (!n.IsScalar()) fail(what + " must be text", n);
    return n.Scalar();
  }

  void only_keys(const YAML::Node& map, std::initializer_list<std::string_view> keys, const std::string& where) const {
    for (const auto& entry : map) {
      std::string key = text(entry.first, "a key in " + where);
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        std::string known;
        for (std::string_view k : keys) known += (known.empty() ? "" : ", ") + std::string(k);
        fail("unknown key '" + key + "' in " + where + " (known: " + known + ")", entry.first);
      }
    }
  }

  int year(const YAML::Node& root) const {
    const YAML::Node n = root["year"];
    int year = 0;
    try {
      year = n.as<int>();
    } catch (const YAML::Exception&) {
      fail("year must be a number such as 2027", n);
    }
    // A file named after a year (calendar/2027.yaml) must hold that year.
    std::string stem = std::filesystem::path(file_).stem().string();
    if (stem.size() == 4 && std::all_of(stem.begin(), stem.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        stem != std::to_string(year))
      fail("the file is named for " + stem + " but says year: " + std::to_string(year), n);
    return year;
  }

  text::Date date_in(const YAML::Node& n, int year, const std::string& what) const {
    auto d = n && n.IsScalar() ? parse_iso_date(n.Scalar()) : std::nullopt;
    if (!d) fail(what + " must be a date YYYY-MM-DD", n);
    if (d->year != year) fail(what + " " + text::format_iso(*d) + " is not in " + std::to_string(year), n);
    return *d;
  }

  const YAML::Node sequence(const YAML::Node& root, const char* key) const {
    const YAML::Node n = root[key];
    if (n && !n.IsSequence() && !n.IsNull()) fail(std::string(key) + " must be a list", n);
    return n;
  }

 private:
  std::string file_;
};

}  // namespace

void Calendar::load_year(std::string_view yaml, const std::string& file) {
  YAML::Node root = yaml::load(yaml, file);
  ScheduleReader read(file);
  if (!root.IsMap() || !root["year"] || !root["source"])
    throw Error(ErrorCode::BadInput, "a calendar needs year, source, holidays and workdays", {file, 1});
  read.only_keys(root, {"year", "source", "holidays", "workdays"}, "a calendar");
  const int year = read.year(root);
  if (auto it = years_.find(year); it != years_.end() && !it->second.builtin)
    read.fail("a second schedule for " + std::to_string(year) + ": " + it->second.file + " gives it already", root["year"]);
  Year y;
  y.source = read.text(root["source"], "source");
  y.file = file;
  for (const YAML::Node& h : read.sequence(root, "holidays")) {
    if (!h.IsMap()) read.fail("a holiday needs name, from and to", h);
    read.only_keys(h, {"name", "from", "to"}, "a holiday");
    if (!h["from"] || !h["to"]) read.fail("a holiday needs name, from and to", h);
    text::Date from = read.date_in(h["from"], year, "holidays.from"), to = read.date_in(h["to"], year, "holidays.to");
    if (to < from) read.fail("holiday ends (" + text::format_iso(to) + ") before it starts (" + text::format_iso(from) + ")", h);
    const std::string name = h["name"] ? read.text(h["name"], "holidays.name") : "节假日";
    for (text::Date d = from; !(to < d); d = add_days(d, 1)) y.holidays[d] = name;
  }
  for (const YAML::Node& w : read.sequence(root, "workdays")) {
    text::Date d = read.date_in(w, year, "workdays");
    if (!is_weekend(d)) read.fail("make-up working day " + text::format_iso(d) + " is not a weekend day", w);
    if (auto h = y.holidays.find(d); h != y.holidays.end())
      read.fail(text::format_iso(d) + " is both a holiday (" + h->second + ") and a make-up working day", w);
    if (const Holiday* h = statutory_holiday(d))
      read.fail(text::format_iso(d) + " is a statutory holiday (" + h->name + ") and cannot be a make-up working day", w);
    y.workdays[d] = true;
  }
  years_[year] = std::move(y);
}

std::string Calendar::source(int year) const {
  auto it = years_.find(year);
  return it == years_.end() ? std::string() : it->second.source;
}

std::string Calendar::file(int year) const {
  auto it = years_.find(year);
  return it == years_.end() ? std::string() : it->second.file;
}

bool Calendar::is_rest_day(text::Date d) const {
  auto it = years_.find(d.year);
  if (it != years_.end()) {
    if (it->second.holidays.count(d)) return true;
    if (it->second.workdays.count(d)) return false;
  }
  return statutory_holiday(d) || is_weekend(d);
}

std::string Calendar::describe(text::Date d) const {
  static const char* names[] = {"", "星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"};
  std::string day = names[weekday(d)];
  auto it = years_.find(d.year);
  if (it != years_.end()) {
    if (auto h = it->second.holidays.find(d); h != it->second.holidays.end()) return h->second + "假期，" + day;
    if (it->second.workdays.count(d)) return day + "，调休上班日";
  }
  if (const Holiday* h = statutory_holiday(d)) return "法定节假日" + h->name + "，" + day;
  return day;
}

Calendar calendar_for(DocumentSet& set) {
  Calendar calendar = Calendar::builtin();
  for (const DocumentSet::Config& file : set.yaml_files("calendar")) calendar.load_year(file.yaml, file.file);
  return calendar;
}

std::vector<Calendar::Day> Calendar::special_days(int year) const {
  std::map<text::Date, Day> days;
  if (auto it = years_.find(year); it != years_.end()) {
    for (const auto& [d, name] : it->second.holidays) days[d] = {d, name, true, it->second.file};
    for (const auto& [d, work] : it->second.workdays) days[d] = {d, "调休上班", false, it->second.file};
  }
  for (const Holiday& h : statutory_holidays(year))
    if (!days.count(h.day)) days[h.day] = {h.day, h.name, true, "statutory"};
  std::vector<Day> out;
  for (auto& [d, day] : days) out.push_back(std::move(day));
  return out;
}

}  // namespace lexgit::period
