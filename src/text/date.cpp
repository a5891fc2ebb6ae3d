// Calendar dates: reading the forms Chinese contracts use, checking them against
// the Gregorian calendar, and writing them as ISO 8601 or as ICU's zh_CN long date.
#include "lexgit/error.hpp"
#include "lexgit/text.hpp"
#include "text/scan.hpp"

#include <cstdio>
#include <ctime>
#include <memory>
#include <unicode/datefmt.h>
#include <unicode/gregocal.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

namespace lexgit::text {
namespace scan {
namespace {

// A calendar field: an Arabic or Chinese numeral, spaces allowed around Arabic ones
// (2026 年 1 月 31 日 is how some templates print a filled-in date).
std::optional<NumberMatch> field(std::string_view s, std::size_t& pos) {
  std::size_t start = skip_spaces(s, pos);
  auto n = number(s.substr(start));
  if (!n) return std::nullopt;
  pos = start + n->length;
  if (n->arabic) pos = skip_spaces(s, pos);
  return n;
}

bool take(std::string_view s, std::size_t& pos, std::string_view word) {
  if (s.substr(pos).starts_with(word)) {
    pos += word.size();
    return true;
  }
  return false;
}

bool is_year(const NumberMatch& n) { return n.value >= 1000 && n.value <= 9999; }

// 2026-01-31, 2026/1/31, 2026.1.31: the same separator twice, ASCII digits only.
std::optional<DateMatch> numeric_date(std::string_view s) {
  std::size_t pos = 0;
  auto digits = [&](std::size_t min, std::size_t max) -> std::optional<int> {
    std::size_t start = pos;
    int value = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && pos - start < max) value = value * 10 + (s[pos++] - '0');
    if (pos - start < min || (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')) return std::nullopt;
    return value;
  };
  auto year = digits(4, 4);
  if (!year || pos >= s.size()) return std::nullopt;
  const char separator = s[pos];
  if (separator != '-' && separator != '/' && separator != '.') return std::nullopt;
  ++pos;
  auto month = digits(1, 2);
  if (!month || pos >= s.size() || s[pos] != separator) return std::nullopt;
  ++pos;
  auto day = digits(1, 2);
  if (!day) return std::nullopt;
  return DateMatch{Date{*year, *month, *day}, pos};
}

// 2026年1月31日, 二〇二六年一月三十一日 (日 or 号).
std::optional<DateMatch> chinese_date(std::string_view s) {
  std::size_t pos = 0;
  auto year = field(s, pos);
  if (!year || !is_year(*year) || !take(s, pos, "年")) return std::nullopt;
  auto month = field(s, pos);
  if (!month || !take(s, pos, "月")) return std::nullopt;
  auto day = field(s, pos);
  if (!day || !(take(s, pos, "日") || take(s, pos, "号"))) return std::nullopt;
  return DateMatch{Date{static_cast<int>(year->value), static_cast<int>(month->value), static_cast<int>(day->value)},
                   pos};
}

}  // namespace

std::optional<DateMatch> date(std::string_view s) {
  if (auto numeric = numeric_date(s)) return numeric;
  return chinese_date(s);
}

std::size_t month_day(std::string_view s) {
  std::size_t pos = 0;
  auto month = field(s, pos);
  if (!month || month->value < 1 || month->value > 12 || !take(s, pos, "月")) return 0;
  auto day = field(s, pos);
  if (!day || day->value < 1 || day->value > 31 || !(take(s, pos, "日") || take(s, pos, "号"))) return 0;
  return pos;
}

bool is_valid(Date d) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.year < 1 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1) return false;
  const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  const int last = days[d.month - 1] + (d.month == 2 && leap ? 1 : 0);
  return d.day <= last;
}

}  // namespace scan

namespace {

std::string_view trim_spaces(std::string_view s) {
  s.remove_prefix(scan::skip_spaces(s, 0));
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  while (s.ends_with("\u3000")) s.remove_suffix(3);
  return s;
}

}  // namespace

std::optional<Date> parse_date(std::string_view utf8) {
  utf8 = trim_spaces(utf8);
  auto match = scan::date(utf8);
  if (!match || match->length != utf8.size() || !scan::is_valid(match->date)) return std::nullopt;
  return match->date;
}

std::string format_iso(Date date) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

Date today() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

std::string format_zh_cn(Date date) {
  // ICU's calendar is lenient (2026-02-30 would print as 3月2日): refuse instead.
  if (!scan::is_valid(date)) throw Error(ErrorCode::BadInput, "not a calendar date: " + format_iso(date));
  UErrorCode status = U_ZERO_ERROR;
  // A date has no time of day: both the calendar and the formatter work in GMT,
  // so the instant built at midnight is printed as the same day everywhere.
  std::unique_ptr<icu::TimeZone> gmt(icu::TimeZone::createTimeZone("GMT"));
  icu::GregorianCalendar calendar(*gmt, icu::Locale("zh_CN"), status);
  if (U_FAILURE(status)) throw Error(ErrorCode::Internal, "ICU Gregorian calendar unavailable");
  calendar.clear();
  calendar.set(date.year, date.month - 1, date.day);
  const UDate instant = calendar.getTime(status);
  if (U_FAILURE(status)) throw Error(ErrorCode::Internal, "ICU could not place " + format_iso(date) + " in time");

  std::unique_ptr<icu::DateFormat> formatter(
      icu::DateFormat::createDateInstance(icu::DateFormat::kLong, icu::Locale("zh_CN")));
  if (!formatter) throw Error(ErrorCode::Internal, "ICU zh_CN date format unavailable");
  formatter->setTimeZone(*gmt);
  icu::UnicodeString text;
  formatter->format(instant, text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace lexgit::text
