#include "importer/word_numbering.hpp"

#include <pugixml.hpp>

#include <array>
#include <cstring>

#include "lexgit/text.hpp"

namespace lexgit::importer {
namespace {

std::string letters(long long value, char first) {
  // Word repeats the letter past Z: AA, BB, …
  std::string one(1, static_cast<char>(first + (value - 1) % 26));
  std::string out;
  for (long long i = 0; i <= (value - 1) / 26; ++i) out += one;
  return out;
}

std::string roman(long long value, bool upper) {
  static constexpr std::array<std::pair<int, const char*>, 13> table{{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"},
                                                                      {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"},
                                                                      {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}}};
  std::string out;
  for (auto [n, s] : table)
    for (; value >= n; value -= n) out += s;
  if (upper)
    for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// Digits one by one, in the given ten glyphs: 〇一二 or full-width １２.
std::string digit_by_digit(long long value, const std::array<const char*, 10>& glyphs) {
  std::string out;
  for (char d : std::to_string(value)) out += glyphs[static_cast<std::size_t>(d - '0')];
  return out;
}

std::string financial(long long value) {
  // 壹贰叁: the legal (financial) form of the Chinese counting numerals.
  static constexpr std::array<std::pair<const char*, const char*>, 13> map{{{"一", "壹"}, {"二", "贰"}, {"三", "叁"}, {"四", "肆"},
                                                                            {"五", "伍"}, {"六", "陆"}, {"七", "柒"}, {"八", "捌"},
                                                                            {"九", "玖"}, {"十", "拾"}, {"百", "佰"}, {"千", "仟"},
                                                                            {"零", "零"}}};
  std::string plain = text::chinese_numeral(value), out;
  for (std::size_t pos = 0; pos < plain.size();) {
    std::size_t start = pos;
    text::next_code_point(plain, pos);
    std::string ch = plain.substr(start, pos - start);
    for (auto [from, to] : map)
      if (ch == from) ch = to;
    out += ch;
  }
  return out;
}

long long attribute_number(const pugi::xml_node& node, const char* child, long long fallback) {
  pugi::xml_node n = node.child(child);
  return n ? n.attribute("w:val").as_llong(fallback) : fallback;
}

}  // namespace

std::string format_word_number(long long value, const std::string& f) {
  static constexpr std::array<const char*, 10> ideograph{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  static constexpr std::array<const char*, 10> full_width{"０", "１", "２", "３", "４", "５", "６", "７", "８", "９"};
  static constexpr std::array<const char*, 10> heavenly{"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
  if (value <= 0) return std::to_string(value);
  if (f == "chineseCounting" || f == "chineseCountingThousand" || f == "japaneseCounting" ||
      f == "taiwaneseCounting" || f == "taiwaneseCountingThousand" || f == "ideographLegalTraditional")
    return text::chinese_numeral(value);
  if (f == "chineseLegalSimplified") return financial(value);
  if (f == "ideographDigital" || f == "taiwaneseDigital") return digit_by_digit(value, ideograph);
  if (f == "decimalFullWidth" || f == "decimalFullWidth2") return digit_by_digit(value, full_width);
  if (f == "ideographTraditional" && value <= 10) return heavenly[static_cast<std::size_t>(value - 1)];
  if ((f == "decimalEnclosedCircle" || f == "decimalEnclosedCircleChinese") && value <= 20) {
    // ① is U+2460; ⑳ U+2473.
    char32_t cp = U'\u2460' + static_cast<char32_t>(value - 1);
    return {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
  }
  if (f == "decimalEnclosedParen") return "(" + std::to_string(value) + ")";
  if (f == "upperLetter") return letters(value, 'A');
  if (f == "lowerLetter") return letters(value, 'a');
  if (f == "upperRoman") return roman(value, true);
  if (f == "lowerRoman") return roman(value, false);
  if (f == "decimalZero" && value < 10) return "0" + std::to_string(value);
  return std::to_string(value);
}

namespace {

void read_level(const pugi::xml_node& lvl, auto& level) {
  level.start = attribute_number(lvl, "w:start", level.start);
  if (auto f = lvl.child("w:numFmt")) level.format = f.attribute("w:val").as_string("decimal");
  if (auto t = lvl.child("w:lvlText")) level.text = t.attribute("w:val").as_string();
  if (auto s = lvl.child("w:suff")) level.suffix = std::strcmp(s.attribute("w:val").as_string(), "nothing") == 0 ? "" : " ";
  if (auto l = lvl.child("w:isLgl")) level.legal = l.attribute("w:val").as_bool(true);
  level.restart = static_cast<int>(attribute_number(lvl, "w:lvlRestart", level.restart));
}

}  // namespace

WordNumbering::WordNumbering(const pugi::xml_node& numbering) {
  for (pugi::xml_node a : numbering.children("w:abstractNum")) {
    Abstract& abs = abstracts_[a.attribute("w:abstractNumId").as_int()];
    for (pugi::xml_node lvl : a.children("w:lvl")) {
      int ilvl = lvl.attribute("w:ilvl").as_int();
      if (ilvl >= 0 && ilvl < 9) read_level(lvl, abs.levels[static_cast<std::size_t>(ilvl)]);
    }
  }
  for (pugi::xml_node n : numbering.children("w:num")) {
    Instance& num = instances_[n.attribute("w:numId").as_int()];
    num.abstract_id = static_cast<int>(attribute_number(n, "w:abstractNumId", 0));
    for (pugi::xml_node o : n.children("w:lvlOverride")) {
      int ilvl = o.attribute("w:ilvl").as_int();
      if (ilvl < 0 || ilvl >= 9) continue;
      if (auto s = o.child("w:startOverride")) num.start_overrides[ilvl] = s.attribute("w:val").as_llong(1);
      if (auto lvl = o.child("w:lvl")) {
        auto it = abstracts_.find(num.abstract_id);
        Level level = it == abstracts_.end() ? Level{} : it->second.levels[static_cast<std::size_t>(ilvl)];
        read_level(lvl, level);
        num.level_overrides[ilvl] = level;
      }
    }
  }
}

WordNumbering::Level WordNumbering::level_of(const Instance& num, int ilvl) const {
  if (auto it = num.level_overrides.find(ilvl); it != num.level_overrides.end()) return it->second;
  return abstracts_.at(num.abstract_id).levels[static_cast<std::size_t>(ilvl)];
}

std::optional<WordNumbering::Label> WordNumbering::next(int num_id, int ilvl) {
  auto num_it = instances_.find(num_id);
  if (num_it == instances_.end() || ilvl < 0 || ilvl >= 9) return std::nullopt;
  Instance& num = num_it->second;
  auto abs_it = abstracts_.find(num.abstract_id);
  if (abs_it == abstracts_.end()) return std::nullopt;
  Abstract& abs = abs_it->second;
  auto at = [](auto& v, int i) -> decltype(auto) { return v[static_cast<std::size_t>(i)]; };
  // An instance's overrides restart their levels where the instance is first used.
  if (!num.used) {
    for (auto [level, start] : num.start_overrides) at(abs.counters, level) = start - 1, at(abs.started, level) = true;
    num.used = true;
  }
  Level level = level_of(num, ilvl);
  if (at(abs.started, ilvl)) ++at(abs.counters, ilvl);
  else at(abs.counters, ilvl) = level.start, at(abs.started, ilvl) = true;
  for (int deeper = ilvl + 1; deeper < 9; ++deeper) {
    int restart = level_of(num, deeper).restart;
    if (restart != 0 && (restart < 0 || ilvl < restart)) at(abs.started, deeper) = false;
  }

  Label label;
  label.suffix = level.suffix;
  if (level.format == "bullet") {
    label.bullet = true;
    return label;
  }
  // lvlText: %1 … %9 stand for the levels' current numbers, each in its own format.
  const std::string& t = level.text;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '%' && i + 1 < t.size() && t[i + 1] >= '1' && t[i + 1] <= '9') {
      int shown = t[i + 1] - '1';
      Level other = level_of(num, shown);
      long long value = at(abs.started, shown) ? at(abs.counters, shown) : other.start;
      label.text += level.format == "none" && shown == ilvl ? "" : format_word_number(value, level.legal ? "decimal" : other.format);
      ++i;
    } else {
      label.text += t[i];
    }
  }
  return label;
}

}  // namespace lexgit::importer
