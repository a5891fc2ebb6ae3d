// Reading numerals: Arabic digits directly, Chinese numerals through ICU's
// RuleBasedNumberFormat (zh_CN spell-out), with the corrections ICU needs:
// digit-by-digit years (二〇二六) and abbreviated tails (一百一 = 110).
#include "lexgit/text.hpp"

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>
#include <unicode/fmtable.h>
#include <unicode/parsepos.h>
#include <unicode/rbnf.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace lexgit::text {
namespace {

int digit_value(char32_t cp) {
  if (cp >= U'0' && cp <= U'9') return static_cast<int>(cp - U'0');
  if (cp >= U'０' && cp <= U'９') return static_cast<int>(cp - U'０');
  return -1;
}

// Chinese digits 0–9 (common and financial forms); -1 for anything else.
int chinese_digit(char32_t cp) {
  switch (cp) {
    case U'〇': case U'零': return 0;
    case U'一': case U'壹': return 1;
    case U'二': case U'两': case U'贰': case U'貳': return 2;
    case U'三': case U'叁': case U'參': return 3;
    case U'四': case U'肆': return 4;
    case U'五': case U'伍': return 5;
    case U'六': case U'陆': case U'陸': return 6;
    case U'七': case U'柒': return 7;
    case U'八': case U'捌': return 8;
    case U'九': case U'玖': return 9;
    default: return -1;
  }
}

long long chinese_unit(char32_t cp) {
  switch (cp) {
    case U'十': case U'拾': return 10;
    case U'百': case U'佰': return 100;
    case U'千': case U'仟': return 1000;
    case U'万': case U'萬': return 10000;
    case U'亿': case U'億': return 100000000;
    case U'廿': return 20;
    case U'卅': return 30;
    default: return 0;
  }
}

bool is_numeral_char(char32_t cp) { return chinese_digit(cp) >= 0 || chinese_unit(cp) > 0; }

class SpelloutParser {
 public:
  SpelloutParser() {
    UErrorCode status = U_ZERO_ERROR;
    rbnf_ = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, icu::Locale("zh_CN"), status);
    if (U_FAILURE(status)) rbnf_.reset();
  }
  // Parses a prefix of `u`; returns the value and the UTF-16 units consumed.
  std::optional<std::pair<long long, int32_t>> parse(const icu::UnicodeString& u) const {
    if (!rbnf_) return std::nullopt;
    icu::Formattable result;
    icu::ParsePosition pos(0);
    rbnf_->parse(u, result, pos);
    if (pos.getIndex() == 0) return std::nullopt;
    UErrorCode status = U_ZERO_ERROR;
    long long v = result.getInt64(status);
    if (U_FAILURE(status)) return std::nullopt;
    return std::make_pair(v, pos.getIndex());
  }

 private:
  std::unique_ptr<icu::RuleBasedNumberFormat> rbnf_;
};

const SpelloutParser& spellout() {
  thread_local SpelloutParser parser;
  return parser;
}

// n in 1..9999 as the zh_CN spell-out writes it: 十一, 一百一十, 一百零五, 一千零一十.
std::u32string spelled(long long n) {
  static constexpr char32_t digit[] = U"零一二三四五六七八九";
  std::u32string s;
  const long long thousands = n / 1000, hundreds = n / 100 % 10, tens = n / 10 % 10, ones = n % 10;
  if (thousands) s += {digit[thousands], U'千'};
  if (hundreds) s += {digit[hundreds], U'百'};
  else if (thousands && (tens || ones)) s += U'零';
  if (tens) {
    if (!(tens == 1 && n < 20)) s += digit[tens];
    s += U'十';
  } else if (hundreds && ones) {
    s += U'零';
  }
  if (ones) s += digit[ones];
  return s;
}

// The value of a numeral below 10000 written exactly as the spell-out writes it
// (the numbers of parts and articles), or nothing. ICU reads these to the same
// value (tests/unit/numeral_canonical_test.cpp checks every one), only far more
// slowly: its rule search dominated the parsing of documents numbered into the
// hundreds.
std::optional<long long> spelled_value(const std::vector<char32_t>& cps) {
  if (cps.size() > 8) return std::nullopt;
  long long value = 0;
  int pending = -1;
  for (char32_t cp : cps) {
    const int d = chinese_digit(cp);
    if (cp == U'零') continue;  // its place is checked against the spelling below
    if (d >= 1 && cp >= U'一' && cp != U'两' && std::u32string_view(U"一二三四五六七八九").find(cp) != std::u32string_view::npos) {
      if (pending >= 0) return std::nullopt;
      pending = d;
      continue;
    }
    long long unit = 0;
    switch (cp) {
      case U'十': unit = 10; break;
      case U'百': unit = 100; break;
      case U'千': unit = 1000; break;
      default: return std::nullopt;
    }
    if (pending < 0 && unit != 10) return std::nullopt;
    value += (pending < 0 ? 1 : pending) * unit;
    pending = -1;
  }
  if (pending > 0) value += pending;
  if (value < 1 || value > 9999) return std::nullopt;
  if (spelled(value) != std::u32string_view(cps.data(), cps.size())) return std::nullopt;
  return value;
}

std::optional<Numeral> read_arabic(std::string_view s) {
  long long value = 0;
  std::size_t pos = 0, end = 0;
  int digits = 0;
  while (pos < s.size()) {
    std::size_t next = pos;
    int d = digit_value(next_code_point(s, next));
    if (d < 0 || digits >= 18) break;
    value = value * 10 + d;
    ++digits;
    pos = end = next;
  }
  if (digits == 0) return std::nullopt;
  return Numeral{value, end};
}

}  // namespace

std::optional<Numeral> read_numeral(std::string_view utf8) {
  if (auto arabic = read_arabic(utf8)) return arabic;

  // The run of numeral characters at the start, with each one's byte end.
  std::vector<char32_t> cps;
  std::vector<std::size_t> ends;
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    std::size_t next = pos;
    char32_t cp = next_code_point(utf8, next);
    if (!is_numeral_char(cp)) break;
    cps.push_back(cp);
    ends.push_back(next);
    pos = next;
  }
  if (cps.empty()) return std::nullopt;

  // Digit-by-digit numbers (二〇二六, 二零二五): ICU's spell-out rules reject them.
  bool all_digits = true;
  for (char32_t cp : cps) all_digits = all_digits && chinese_digit(cp) >= 0 && cp != U'两';
  if (all_digits && cps.size() >= 2) {
    // At most 18 digits are read, as of Arabic ones: more would not fit a long long.
    std::size_t n = std::min<std::size_t>(cps.size(), 18);
    long long v = 0;
    for (std::size_t i = 0; i < n; ++i) v = v * 10 + chinese_digit(cps[i]);
    return Numeral{v, ends[n - 1]};
  }

  if (auto value = spelled_value(cps)) return Numeral{*value, ends.back()};

  // ICU reads the prefix; the ParsePosition says how much of it was a numeral.
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(ends.back())));
  auto parsed = spellout().parse(u);
  if (!parsed) return std::nullopt;
  auto [value, units] = *parsed;
  // Map UTF-16 units back to code points (all numeral characters are in the BMP).
  std::size_t consumed_cps = static_cast<std::size_t>(units);
  if (consumed_cps == 0 || consumed_cps > cps.size()) return std::nullopt;

  // Colloquial abbreviated tail: 一百一 = 110, 一千二 = 1200, 三万五 = 35000.
  // ICU reads these as 101 / 1002 / 30005; the digit stands for the next lower unit.
  if (consumed_cps >= 3) {
    char32_t unit_cp = cps[consumed_cps - 2];
    int tail = chinese_digit(cps[consumed_cps - 1]);
    long long unit = chinese_unit(unit_cp);
    if (tail > 0 && (unit == 100 || unit == 1000 || unit == 10000) && cps[consumed_cps - 3] != U'零') {
      value += static_cast<long long>(tail) * (unit / 10) - tail;
    }
  }
  return Numeral{value, ends[consumed_cps - 1]};
}

std::string chinese_numeral(long long n) {
  if (n < 1 || n > 9999) return std::to_string(n);
  std::string out;
  for (char32_t cp : spelled(n)) {
    UChar32 c = static_cast<UChar32>(cp);
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, c);
    out.append(buf, static_cast<std::size_t>(len));
  }
  return out;
}

}  // namespace lexgit::text
