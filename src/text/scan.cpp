// Prefix scanners for numbers, shared by dates, durations and segmentation.
#include "text/scan.hpp"

namespace lexgit::text::scan {
namespace {

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// Extends an ASCII number by thousands groups (1,000) and a decimal part (3.5).
// A group needs exactly three digits, so the enumeration "1, 2" stays apart.
std::size_t extend_arabic(std::string_view s, std::size_t end) {
  while (end + 3 < s.size() && s[end] == ',' && is_ascii_digit(s[end + 1]) && is_ascii_digit(s[end + 2]) &&
         is_ascii_digit(s[end + 3]) && (end + 4 == s.size() || !is_ascii_digit(s[end + 4]))) {
    end += 4;
  }
  if (end + 1 < s.size() && s[end] == '.' && is_ascii_digit(s[end + 1])) {
    ++end;
    while (end < s.size() && is_ascii_digit(s[end])) ++end;
  }
  return end;
}

}  // namespace

std::size_t skip_spaces(std::string_view s, std::size_t pos) {
  while (pos < s.size()) {
    if (s[pos] == ' ' || s[pos] == '\t') {
      ++pos;
    } else if (s.substr(pos, 3) == "\u3000") {
      pos += 3;
    } else {
      break;
    }
  }
  return pos;
}

bool begins_chinese_numeral(char32_t cp) {
  switch (cp) {
    case U'〇': case U'零': case U'一': case U'二': case U'两': case U'三': case U'四':
    case U'五': case U'六': case U'七': case U'八': case U'九': case U'十': case U'廿': case U'卅':
    case U'壹': case U'贰': case U'叁': case U'肆': case U'伍': case U'陆': case U'柒':
    case U'捌': case U'玖': case U'拾':
      return true;
    default:
      return false;
  }
}

bool continues_chinese_numeral(char32_t cp) {
  switch (cp) {
    case U'百': case U'千': case U'万': case U'亿': case U'佰': case U'仟':
      return true;
    default:
      return begins_chinese_numeral(cp);
  }
}

bool is_digit(char32_t cp) { return (cp >= U'0' && cp <= U'9') || (cp >= U'０' && cp <= U'９'); }

std::optional<NumberMatch> number(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::size_t after_first = 0;
  const char32_t first = next_code_point(s, after_first);
  const bool arabic = is_digit(first);
  if (!arabic && !begins_chinese_numeral(first)) return std::nullopt;
  auto numeral = read_numeral(s);
  if (!numeral || numeral->length == 0) return std::nullopt;
  std::size_t end = numeral->length;
  if (arabic && is_ascii_digit(s[0])) end = extend_arabic(s, end);
  return NumberMatch{numeral->value, end, arabic};
}

}  // namespace lexgit::text::scan
