// Chinese numerals as numbered units write them (一 … 九千九百九十九), read
// back as their values: part and article numbers of long documents.
#include <catch2/catch.hpp>

#include "lexgit/text.hpp"

namespace {

// n in 1..9999 as the zh_CN spell-out writes it: 十一, 一百一十, 一百零五, 一千零一十.
std::string spelled(int n) {
  static const char* digit[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  std::string s;
  int thousands = n / 1000, hundreds = n / 100 % 10, tens = n / 10 % 10, ones = n % 10;
  if (thousands) s += std::string(digit[thousands]) + "千";
  if (hundreds) s += std::string(digit[hundreds]) + "百";
  else if (thousands && (tens || ones)) s += "零";
  if (tens) s += (tens == 1 && n < 20 ? std::string() : std::string(digit[tens])) + "十";
  else if (hundreds && ones) s += "零";
  if (ones) s += digit[ones];
  return s;
}

}  // namespace

TEST_CASE("numerals 1–9999 as spelled out read as their values", "[numeral]") {
  int wrong = 0;
  for (int n = 1; n <= 9999; ++n) {
    std::string s = spelled(n);
    auto got = lexgit::text::read_numeral(s + "． 标题");
    if (!got || got->value != n || got->length != s.size()) {
      if (++wrong <= 10) FAIL_CHECK(s << " read as " << (got ? std::to_string(got->value) : "nothing"));
    }
  }
  CHECK(wrong == 0);
}
