// UTF-8 validation and NFC: the fast paths (ASCII eight bytes at a time, text
// NFC leaves alone) must answer as ICU does on every input.
#include <catch2/catch.hpp>

#include <unicode/utf8.h>

#include "lexgit/text.hpp"

using lexgit::text::is_valid_utf8;
using lexgit::text::nfc;

namespace {

// ICU's own reading of well-formed UTF-8, code point by code point.
bool icu_accepts(std::string_view bytes) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto n = static_cast<int32_t>(bytes.size());
  int32_t pos = 0;
  while (pos < n) {
    UChar32 c;
    U8_NEXT(s, pos, n, c);
    if (c < 0) return false;
  }
  return true;
}

// `sequence` after contract text and an ASCII run longer than eight bytes, and
// before more text: the validator's ASCII skipping and its ends are all exercised.
std::string embedded(const std::string& sequence) { return "第一条 price 12345678:" + sequence + "元。\n"; }

}  // namespace

TEST_CASE("UTF-8 validation agrees with ICU on every two- and three-byte sequence", "[text][unicode]") {
  std::size_t disagreements = 0, valid = 0;
  for (int a = 0x80; a < 0x100; ++a) {
    for (int b = 0; b < 0x100; ++b) {
      std::string two{static_cast<char>(a), static_cast<char>(b)};
      if (is_valid_utf8(two) != icu_accepts(two) || is_valid_utf8(embedded(two)) != icu_accepts(embedded(two))) ++disagreements;
      if (a < 0xE0 || a > 0xF4) continue;
      for (int c = 0x70; c < 0xD0; ++c) {  // around the continuation range
        std::string three = two + static_cast<char>(c);
        if (is_valid_utf8(embedded(three)) != icu_accepts(embedded(three))) ++disagreements;
        valid += icu_accepts(three);
      }
    }
  }
  CHECK(disagreements == 0);
  CHECK(valid > 40000);  // the Han block and its neighbours were among them
}

TEST_CASE("UTF-8 validation refuses overlong forms, surrogates, code points past U+10FFFF and cut sequences", "[text][unicode]") {
  for (const std::string bad : {"\xC0\xAF", "\xE0\x80\xAF", "\xF0\x80\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                "\xF5\x80\x80\x80", "\xE5\x90", "\xE5", "\x80", "\xFF"}) {
    INFO(bad.size() << " bytes");
    CHECK_FALSE(is_valid_utf8(embedded(bad)));
    CHECK_FALSE(icu_accepts(embedded(bad)));
    CHECK_FALSE(is_valid_utf8("合同" + bad));  // at the very end
  }
  CHECK(is_valid_utf8(embedded("\xF0\x9F\x93\x9C\xF4\x8F\xBF\xBF\xEF\xBF\xBF")));  // 📜, U+10FFFF, U+FFFF
  CHECK(is_valid_utf8(std::string("甲方\0乙方", 13)));
}

TEST_CASE("NFC leaves contract text as it is and still composes what needs composing", "[text][unicode]") {
  const std::string contract = "第一条　甲方（以下简称“加盟方”）应当于2025年3月1日前支付¥100,000元；详见附件一【价格】……";
  CHECK(nfc(contract) == contract);
  // Each of these must reach ICU, even beside text the fast path passes.
  CHECK(nfc(contract + "Cafe\u0301") == contract + "Caf\u00E9");          // a combining accent after ASCII
  CHECK(nfc("\u304B\u3099" + contract) == "\u304C" + contract);          // か + combining voiced mark = が
  CHECK(nfc(contract + "\uF900") == contract + "\u8C48");                // a CJK compatibility ideograph
  CHECK(nfc("\u2000" + contract) == "\u2002" + contract);               // en quad → en space
  CHECK(nfc("\u1100\u1161") == "\uAC00");                                // Hangul jamo compose
  CHECK(nfc("\u3000\u302A") == "\u3000\u302A");                          // an ideographic tone mark stays
  CHECK_THROWS(nfc(contract + "\xE5\x90"));
}
