// Normalisation and code-point helpers over UTF-8.
#include "lexgit/error.hpp"
#include "lexgit/text.hpp"
#include "text/normalise.hpp"

#include <cstdint>
#include <cstring>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace lexgit::text {

namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The length of the well-formed sequence at `i` (a lead byte >= 0x80), or 0.
// As ICU's U8_NEXT: no overlong forms, no surrogates, nothing above U+10FFFF.
std::size_t sequence_length(const unsigned char* s, std::size_t i, std::size_t n) {
  const unsigned char c = s[i];
  if (c < 0xC2) return 0;
  if (c < 0xE0) return i + 1 < n && is_continuation(s[i + 1]) ? 2 : 0;
  if (c < 0xF0) {
    if (i + 2 >= n || !is_continuation(s[i + 1]) || !is_continuation(s[i + 2])) return 0;
    if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] >= 0xA0)) return 0;
    return 3;
  }
  if (c < 0xF5) {
    if (i + 3 >= n || !is_continuation(s[i + 1]) || !is_continuation(s[i + 2]) || !is_continuation(s[i + 3])) return 0;
    if ((c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] >= 0x90)) return 0;
    return 4;
  }
  return 0;
}

// Skips ASCII eight bytes at a time: most of a Markdown document's bytes are
// ASCII (markup, numbers, line ends) between runs of Han characters.
std::size_t skip_ascii(const unsigned char* s, std::size_t i, std::size_t n) {
  while (i + 8 <= n) {
    std::uint64_t word;
    std::memcpy(&word, s + i, 8);
    if (word & 0x8080808080808080ULL) break;
    i += 8;
  }
  while (i < n && s[i] < 0x80) ++i;
  return i;
}

// Code points NFC leaves as they are whatever surrounds them: no canonical
// decomposition, combining class 0, never the second of a composition. Text
// made only of them (ASCII, Han, CJK and full-width punctuation: nearly every
// contract) is NFC without asking ICU.
bool nfc_inert(char32_t cp) {
  return cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x203A) ||
         (cp >= 0x3000 && cp <= 0x3029) || (cp >= 0x3030 && cp <= 0x303F) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xFF01 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6);
}

// Whether valid UTF-8 holds only nfc_inert code points.
bool only_nfc_inert(std::string_view utf8) {
  const auto* s = reinterpret_cast<const unsigned char*>(utf8.data());
  const std::size_t n = utf8.size();
  std::size_t i = skip_ascii(s, 0, n);
  while (i < n) {
    // Decoded here, not by next_code_point: this runs over every character of
    // every document read. Beyond the BMP, ICU decides.
    const unsigned char c = s[i];
    const std::size_t length = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 0;
    if (length == 0 || i + length > n) return false;
    const char32_t cp = length == 2 ? ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu)
                                    : ((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
    if (!nfc_inert(cp)) return false;
    i = skip_ascii(s, i + length, n);
  }
  return true;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = skip_ascii(s, 0, n);
  while (i < n) {
    const std::size_t length = sequence_length(s, i, n);
    if (length == 0) return false;
    i = skip_ascii(s, i + length, n);
  }
  return true;
}

char32_t next_code_point(std::string_view utf8, std::size_t& pos) {
  if (pos >= utf8.size()) return U'\0';  // U8_NEXT would read the byte past the end
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  auto i = static_cast<int32_t>(pos);
  UChar32 c;
  U8_NEXT(s, i, static_cast<int32_t>(utf8.size()), c);
  pos = static_cast<std::size_t>(i);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

std::string nfc(std::string_view utf8) {
  if (!is_valid_utf8(utf8)) throw Error(ErrorCode::BadInput, "text is not valid UTF-8");
  return nfc_of_valid(std::string(utf8));
}

std::string nfc_of_valid(std::string utf8) {
  if (only_nfc_inert(utf8)) return utf8;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* norm = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw Error(ErrorCode::Internal, "ICU NFC normaliser unavailable");
  // Most other contract text is NFC too: check the UTF-8 itself and skip the
  // round trip through UTF-16.
  if (norm->isNormalizedUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), status) && U_SUCCESS(status))
    return utf8;
  status = U_ZERO_ERROR;
  auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString out = norm->normalize(u, status);
  if (U_FAILURE(status)) throw Error(ErrorCode::Internal, "ICU NFC normalisation failed");
  std::string result;
  out.toUTF8String(result);
  return result;
}

std::string fold_width(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    const std::size_t start = pos;
    char32_t cp = next_code_point(utf8, pos);
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      out.push_back(static_cast<char>(cp - 0xFF01 + 0x21));
    } else if (cp == 0x3000) {
      out.push_back(' ');
    } else {
      out.append(utf8.substr(start, pos - start));
    }
  }
  return out;
}

int display_width(std::string_view utf8) {
  int width = 0;
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    char32_t cp = next_code_point(utf8, pos);
    auto ea = static_cast<UEastAsianWidth>(u_getIntPropertyValue(static_cast<UChar32>(cp), UCHAR_EAST_ASIAN_WIDTH));
    width += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH || ea == U_EA_AMBIGUOUS) ? 2 : 1;
  }
  return width;
}

namespace {
char32_t last_code_point(std::string_view s) {
  if (s.empty()) return 0;
  auto i = static_cast<int32_t>(s.size());
  UChar32 c;
  U8_PREV(reinterpret_cast<const uint8_t*>(s.data()), 0, i, c);
  return c < 0 ? 0 : static_cast<char32_t>(c);
}
}  // namespace

bool is_blank(char32_t cp) {
  switch (cp) {
    case U' ': case U'\t': case U'\n': case U'\r': case U'\f': case U'\v':
    case U'\u00A0': case U'\u3000': case U'\u200B': case U'\u200C': case U'\u200D':
    case U'\u2060': case U'\uFEFF': case U'\u202F': case U'\u205F':
      return true;
    default:
      return cp >= U'\u2000' && cp <= U'\u200A';  // en space, em space, thin space …
  }
}

std::string_view trim_blank(std::string_view s) {
  for (;;) {
    std::size_t p = 0;
    if (s.empty() || !is_blank(next_code_point(s, p))) break;
    s.remove_prefix(p);
  }
  while (!s.empty()) {
    char32_t last = last_code_point(s);
    if (!is_blank(last)) break;
    std::size_t p = s.size() - 1;
    while (p > 0 && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) --p;
    s.remove_suffix(s.size() - p);
  }
  return s;
}

std::string squeeze_cjk_spacing(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  char32_t before_run = 0;  // the character before the pending blank run
  std::string_view run;     // blank characters not yet written
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t start = pos;
    char32_t cp = next_code_point(s, pos);
    std::string_view bytes = s.substr(start, pos - start);
    if (is_blank(cp)) {
      run = run.empty() ? bytes : std::string_view(run.data(), pos - static_cast<std::size_t>(run.data() - s.data()));
      continue;
    }
    bool squeeze = !run.empty() && is_cjk(before_run) && is_cjk(cp);
    if (!run.empty() && !squeeze) out.append(run);
    run = {};
    out.append(bytes);
    before_run = cp;
  }
  out.append(run);
  return out;
}

std::string join_wrapped(std::span<const std::string_view> lines) {
  std::string out;
  for (std::string_view line : lines) {
    if (line.empty()) continue;
    if (!out.empty()) {
      std::size_t p = 0;
      char32_t first = next_code_point(line, p);
      char32_t last = last_code_point(out);
      bool glue = is_cjk(first) || is_cjk(last) || last == ' ' || first == ' ';
      if (!glue) out.push_back(' ');
    }
    out.append(line);
  }
  return out;
}

}  // namespace lexgit::text
