#include <catch2/catch.hpp>

#include "lexgit/text.hpp"

using lexgit::text::read_numeral;

static long long value_of(std::string_view s) {
  auto n = read_numeral(s);
  REQUIRE(n);
  return n->value;
}

TEST_CASE("Chinese numerals are read through ICU spell-out", "[text][numeral]") {
  CHECK(value_of("三十") == 30);
  CHECK(value_of("十一") == 11);
  CHECK(value_of("两") == 2);
  CHECK(value_of("一百零五") == 105);
  CHECK(value_of("一千零二十") == 1020);
  CHECK(value_of("两万五千") == 25000);
  CHECK(value_of("壹佰零伍") == 105);
  CHECK(value_of("廿一") == 21);
  CHECK(value_of("十") == 10);
}

TEST_CASE("ICU's misreadings are corrected", "[text][numeral]") {
  CHECK(value_of("一百一") == 110);   // colloquial: not 101
  CHECK(value_of("三万五") == 35000);
  CHECK(value_of("二零二五") == 2025);  // digit by digit: ICU fails
  CHECK(value_of("二〇二六") == 2026);
}

TEST_CASE("Only the numeral prefix is consumed", "[text][numeral]") {
  auto n = read_numeral("三十日内");
  REQUIRE(n);
  CHECK(n->value == 30);
  CHECK(n->length == std::string_view("三十").size());
  auto art = read_numeral("十一条");
  REQUIRE(art);
  CHECK(art->value == 11);
  CHECK(art->length == std::string_view("十一").size());
}

TEST_CASE("Arabic and full-width digits", "[text][numeral]") {
  CHECK(value_of("10 万") == 10);
  CHECK(value_of("１２") == 12);
  CHECK_FALSE(read_numeral("贵公司"));
  CHECK_FALSE(read_numeral(""));
}

TEST_CASE("a run of Chinese digits reads at most 18 of them, as Arabic digits do", "[text][numeral]") {
  // 26 nines: their value does not fit a long long (found by the period fuzzer).
  std::string nines;
  for (int i = 0; i < 26; ++i) nines += "九";
  auto n = read_numeral(nines);
  REQUIRE(n);
  CHECK(n->value == 999999999999999999LL);
  CHECK(n->length == 18 * std::string("九").size());
  auto arabic = read_numeral(std::string(26, '9'));
  REQUIRE(arabic);
  CHECK(arabic->value == n->value);
  CHECK(arabic->length == 18);
}
