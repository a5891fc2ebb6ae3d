// Small scanners shared by the text layer's date, duration and segmentation code.
// Internal to src/text: every function reads a prefix of a UTF-8 view and never allocates.
#pragma once

#include "lexgit/text.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace lexgit::text::scan {

// ASCII blanks and the ideographic space U+3000.
std::size_t skip_spaces(std::string_view s, std::size_t pos);

// Chinese characters that can begin a numeral in running text: the digits
// (一…九, 两, 〇/零, financial forms) and 十/廿/卅. 百千万亿 cannot: 千万 ("must")
// and 万一 ("in case") are words, not numbers.
bool begins_chinese_numeral(char32_t cp);
// Any character of a Chinese numeral, 百千万亿 included.
bool continues_chinese_numeral(char32_t cp);
bool is_digit(char32_t cp);  // ASCII or full-width

// A numeral at the start of `s` (read_numeral), extended for Arabic numbers by
// thousands groups and a decimal part: 1,000 and 3.5. `arabic` tells which script.
struct NumberMatch {
  long long value = 0;     // the integer part
  std::size_t length = 0;  // bytes
  bool arabic = false;
};
std::optional<NumberMatch> number(std::string_view s);

// A date at the start of `s`, syntactically: 2026-01-31, 2026/1/31, 2026.1.31,
// 2026年1月31日, 二〇二六年一月三十一日. The date is not checked against the calendar.
struct DateMatch {
  Date date;
  std::size_t length = 0;
};
std::optional<DateMatch> date(std::string_view s);

// Month and day without a year (1月31日, 一月三十一日): a date, not two durations.
std::size_t month_day(std::string_view s);

bool is_valid(Date date);

}  // namespace lexgit::text::scan
