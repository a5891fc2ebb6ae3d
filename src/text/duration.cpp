// Periods of time as contracts write them (一个月, 三十日, 15个工作日, 两年, 半年):
// the input to deadline computation under the Civil Code, Articles 200–204.
#include "lexgit/text.hpp"
#include "text/scan.hpp"

#include <array>
#include <limits>

namespace lexgit::text {
namespace {

struct UnitWord {
  std::string_view word;
  Unit unit;
  bool needs_counter_or_digits;  // 月 alone after a Chinese numeral is a month's name (一月)
  bool takes_ge;                 // may follow the measure word 个
};

// Longest words first: 工作日 before 日, 星期 before 期-less forms.
constexpr std::array<UnitWord, 9> kUnitWords{{
    {"工作日", Unit::WorkingDay, false, true},
    {"自然日", Unit::Day, false, true},
    {"小时", Unit::Hour, false, true},
    {"星期", Unit::Week, false, true},
    {"年", Unit::Year, false, false},
    {"月", Unit::Month, true, true},
    {"周", Unit::Week, false, false},
    {"日", Unit::Day, false, false},
    {"天", Unit::Day, false, false},
}};

struct Found {
  Duration duration;
  std::size_t length = 0;
};

std::optional<Found> half_year(std::string_view s) {
  if (s.starts_with("半年")) return Found{{6, Unit::Month}, std::string_view("半年").size()};
  return std::nullopt;
}

// A number written digit by digit (2026, 二〇二六) rather than with units (九千):
// so calendar years are written.
bool digit_by_digit(std::string_view number) {
  for (std::string_view unit : {"十", "百", "千", "万", "亿"})
    if (number.find(unit) != std::string_view::npos) return false;
  return true;
}

// count × 12 + 6 months, saturated: an absurd count stays absurd for the period
// calculator to refuse (README.md, "Periods") rather than wrapping round.
long long years_and_a_half_in_months(long long years) {
  constexpr long long kMax = std::numeric_limits<long long>::max();
  return years > (kMax - 6) / 12 ? kMax : years * 12 + 6;
}

// A duration at the start of `s`: count, optional 个, unit word.
std::optional<Found> duration_at(std::string_view s) {
  if (auto half = half_year(s)) return half;
  auto count = scan::number(s);
  if (!count) return std::nullopt;
  std::size_t pos = count->length;
  if (count->arabic) pos = scan::skip_spaces(s, pos);
  const bool with_ge = s.substr(pos).starts_with("个");
  if (with_ge) pos += std::string_view("个").size();
  for (const UnitWord& u : kUnitWords) {
    if (!s.substr(pos).starts_with(u.word)) continue;
    if (with_ge && !u.takes_ge) return std::nullopt;
    if (u.needs_counter_or_digits && !with_ge && !count->arabic) return std::nullopt;
    pos += u.word.size();
    // Four digits before 年 are a calendar year (2026年, 二〇二六年), not a period;
    // 九千年 is a period, too long for the calculator to count but read as written.
    if (u.unit == Unit::Year && count->value >= 1000 && digit_by_digit(s.substr(0, count->length))) return std::nullopt;
    // 一年半: a year and a half, counted in months.
    if (u.unit == Unit::Year && s.substr(pos).starts_with("半")) {
      return Found{{years_and_a_half_in_months(count->value), Unit::Month}, pos + std::string_view("半").size()};
    }
    return Found{{count->value, u.unit}, pos};
  }
  return std::nullopt;
}

bool is_numeral_char(char32_t cp) { return scan::is_digit(cp) || scan::continues_chinese_numeral(cp); }

}  // namespace

std::string_view unit_name(Unit unit) {
  switch (unit) {
    case Unit::Year: return "year";
    case Unit::Month: return "month";
    case Unit::Week: return "week";
    case Unit::Day: return "day";
    case Unit::WorkingDay: return "working-day";
    case Unit::Hour: return "hour";
  }
  return "day";
}

std::optional<Duration> parse_duration(std::string_view utf8) {
  std::size_t start = scan::skip_spaces(utf8, 0);
  std::string_view s = utf8.substr(start);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  while (s.ends_with("\u3000")) s.remove_suffix(3);
  auto found = duration_at(s);
  if (!found || found->length != s.size()) return std::nullopt;
  return found->duration;
}

std::vector<DurationMatch> find_durations(std::string_view utf8) {
  std::vector<DurationMatch> matches;
  std::size_t pos = 0;
  char32_t previous = 0;
  while (pos < utf8.size()) {
    std::size_t next = pos;
    const char32_t cp = next_code_point(utf8, next);
    // Only where a numeral begins: not inside one (十一), not after 第 (第二年 is an ordinal).
    const bool candidate = (is_numeral_char(cp) || cp == U'半') && !is_numeral_char(previous) && previous != U'第';
    if (candidate) {
      const std::string_view rest = utf8.substr(pos);
      // Dates are skipped whole so that 2026年1月31日 does not read as 31 days.
      std::size_t date_length = 0;
      if (auto date = scan::date(rest)) date_length = date->length;
      if (date_length == 0) date_length = scan::month_day(rest);
      if (date_length > 0) {
        pos += date_length;
        previous = 0;
        continue;
      }
      if (auto found = duration_at(rest)) {
        matches.push_back(DurationMatch{found->duration, pos, found->length});
        pos += found->length;
        previous = 0;
        continue;
      }
    }
    previous = cp;
    pos = next;
  }
  return matches;
}

}  // namespace lexgit::text
