#include "document/numbering.hpp"


#include "lexgit/text.hpp"

namespace lexgit::numbering {
namespace {

using text::next_code_point;

struct Cursor {
  std::string_view s;
  std::size_t pos = 0;
  char32_t peek() const {
    if (pos >= s.size()) return 0;
    std::size_t p = pos;
    return next_code_point(s, p);
  }
  char32_t take() { return pos >= s.size() ? 0 : next_code_point(s, pos); }
  bool at_end() const { return pos >= s.size(); }
};

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\u3000' || c == U'\u00A0'; }
bool is_ascii_digit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); }
bool is_dot(char32_t c) { return c == U'.' || c == U'．'; }
bool is_open_paren(char32_t c) { return c == U'(' || c == U'（'; }
bool is_close_paren(char32_t c) { return c == U')' || c == U'）'; }

std::optional<text::Numeral> read_chinese_numeral(std::string_view s) {
  std::size_t p = 0;
  char32_t first = next_code_point(s, p);
  if (first == 0 || is_ascii_digit(first)) return std::nullopt;
  return text::read_numeral(s);
}

std::optional<text::Numeral> read_arabic_numeral(std::string_view s) {
  std::size_t p = 0;
  if (s.empty() || !is_ascii_digit(next_code_point(s, p))) return std::nullopt;
  return text::read_numeral(s);
}

NumberStyle counter_style(char32_t c) {
  switch (c) {
    case U'编': return NumberStyle::Bian;
    case U'章': return NumberStyle::Zhang;
    case U'节': return NumberStyle::Jie;
    case U'条': return NumberStyle::Tiao;
    case U'款': return NumberStyle::Kuan;
    case U'项': return NumberStyle::Xiang;
    default: return NumberStyle::None;
  }
}

// What may follow a mark: a space, the end, or the start of text. A digit or
// another numeral right after means the "mark" was part of a number (1.5, 一、二).
bool acceptable_follower(Cursor c) {
  if (c.at_end()) return true;
  char32_t next = c.peek();
  return !is_ascii_digit(next);
}

Mark finish(Mark m, std::string_view text, Cursor c) {
  m.literal = std::string(text.substr(0, c.pos));
  while (!c.at_end() && is_space(c.peek())) c.take();
  m.length = c.pos;
  if (m.key.empty()) m.key = std::to_string(m.value);
  return m;
}

// 之一, 之二 … after 第N条: an article inserted by amendment without renumbering
// the ones after it (the Criminal Law's 第一百二十条之一). Its id is "N-1".
void read_insertion(std::string_view text, Cursor& c, Mark& m) {
  constexpr std::string_view zhi = "之";
  if (!text.substr(c.pos).starts_with(zhi)) return;
  auto rest = text.substr(c.pos + zhi.size());
  std::size_t p = 0;
  if (rest.empty() || is_ascii_digit(next_code_point(rest, p))) return;
  auto n = text::read_numeral(rest);
  if (!n || n->value <= 0 || n->value > 99) return;
  m.insertion = static_cast<int>(n->value);
  m.key = std::to_string(m.value) + "-" + std::to_string(n->value);
  c.pos += zhi.size() + n->length;
}

// 第X编/分编/章/节/条/款/项/部分
std::optional<Mark> read_law_mark(std::string_view text) {
  Cursor c{text};
  if (c.take() != U'第') return std::nullopt;
  while (!c.at_end() && is_space(c.peek())) c.take();  // 第 3 条
  auto n = text::read_numeral(text.substr(c.pos));
  if (!n || n->value <= 0) return std::nullopt;
  c.pos += n->length;
  while (!c.at_end() && is_space(c.peek())) c.take();
  Mark m;
  if (text.substr(c.pos).starts_with("部分")) {
    c.pos += std::string_view("部分").size();
    m.style = NumberStyle::Bufen;
  } else if (text.substr(c.pos).starts_with("分编")) {
    c.pos += std::string_view("分编").size();
    m.style = NumberStyle::FenBian;
  } else {
    m.style = counter_style(c.take());
    if (m.style == NumberStyle::None) return std::nullopt;
  }
  m.value = n->value;
  if (m.style == NumberStyle::Tiao) read_insertion(text, c, m);
  // Trailing spaces belong to the mark, but the literal ends at the counter.
  std::size_t literal_end = c.pos;
  Mark done = finish(m, text, c);
  done.literal = std::string(text.substr(0, literal_end));
  return done;
}

// 一、 一． 一.   （一） (一)   1. 1、 １． 1) (1) （1）
std::optional<Mark> read_numeral_mark(std::string_view text) {
  Cursor c{text};
  char32_t first = c.peek();
  Mark m;
  if (is_open_paren(first)) {
    c.take();
    auto rest = text.substr(c.pos);
    auto cn = read_chinese_numeral(rest);
    auto ar = cn ? std::nullopt : read_arabic_numeral(rest);
    auto n = cn ? cn : ar;
    if (!n || n->value <= 0) return std::nullopt;
    c.pos += n->length;
    if (!is_close_paren(c.take())) return std::nullopt;
    m.style = cn ? NumberStyle::ChineseParen : NumberStyle::ArabicParen;
    m.value = n->value;
    return finish(m, text, c);
  }
  if (auto cn = read_chinese_numeral(text)) {
    if (cn->value <= 0) return std::nullopt;
    c.pos += cn->length;
    char32_t delim = c.take();
    if (delim != U'、' && !is_dot(delim)) return std::nullopt;
    if (!acceptable_follower(c)) return std::nullopt;
    m.style = NumberStyle::ChineseEnum;
    m.value = cn->value;
    return finish(m, text, c);
  }
  if (auto ar = read_arabic_numeral(text)) {
    if (ar->value <= 0 || ar->value > 999) return std::nullopt;
    c.pos += ar->length;
    char32_t delim = c.take();
    if (is_dot(delim) || delim == U'、') m.style = NumberStyle::ArabicDot;
    else if (is_close_paren(delim)) m.style = NumberStyle::ArabicRight;
    else return std::nullopt;
    if (!acceptable_follower(c)) return std::nullopt;
    m.value = ar->value;
    return finish(m, text, c);
  }
  return std::nullopt;
}

// ①–⑳
std::optional<Mark> read_circled_mark(std::string_view text) {
  Cursor c{text};
  char32_t first = c.take();
  if (first < U'①' || first > U'⑳') return std::nullopt;
  Mark m;
  m.style = NumberStyle::Circled;
  m.value = static_cast<long long>(first - U'①') + 1;
  return finish(m, text, c);
}

// A. B. / a. b. (also full-width letters). A letter mark needs a space or
// Chinese text after it, so that abbreviations like "e.g." are not marks.
std::optional<Mark> read_letter_mark(std::string_view text) {
  Cursor c{text};
  char32_t letter = c.take();
  if (letter >= U'Ａ' && letter <= U'Ｚ') letter = letter - U'Ａ' + U'A';
  if (letter >= U'ａ' && letter <= U'ｚ') letter = letter - U'ａ' + U'a';
  bool upper = letter >= U'A' && letter <= U'Z';
  bool lower = letter >= U'a' && letter <= U'z';
  if (!upper && !lower) return std::nullopt;
  char32_t delim = c.take();
  if (!is_dot(delim) && delim != U'、') return std::nullopt;
  char32_t next = c.peek();
  if (!c.at_end() && !is_space(next) && !text::is_cjk(next)) return std::nullopt;
  Mark m;
  m.style = upper ? NumberStyle::UpperLetter : NumberStyle::LowerLetter;
  m.value = static_cast<long long>(letter - (upper ? U'A' : U'a')) + 1;
  m.key = std::string(1, static_cast<char>(letter));
  return finish(m, text, c);
}

// Bullets that Markdown does not already make into lists.
std::optional<Mark> read_bullet_mark(std::string_view text) {
  Cursor c{text};
  char32_t first = c.take();
  if (first != U'•' && first != U'·' && first != U'●' && first != U'▪' && first != U'◆') return std::nullopt;
  if (!c.at_end() && !is_space(c.peek())) return std::nullopt;
  Mark m;
  m.style = NumberStyle::Bullet;
  m.key = "-";
  return finish(m, text, c);
}

}  // namespace

std::optional<Mark> read_mark(std::string_view text) {
  if (auto m = read_law_mark(text)) return m;
  if (auto m = read_numeral_mark(text)) return m;
  if (auto m = read_circled_mark(text)) return m;
  if (auto m = read_letter_mark(text)) return m;
  return read_bullet_mark(text);
}

int law_rank(NumberStyle style) {
  switch (style) {
    case NumberStyle::Bian: return 1;
    case NumberStyle::FenBian: return 2;
    case NumberStyle::Bufen: return 3;
    case NumberStyle::Zhang: return 4;
    case NumberStyle::Jie: return 5;
    case NumberStyle::Tiao: return 6;
    case NumberStyle::Kuan: return 7;
    case NumberStyle::Xiang: return 8;
    default: return 0;
  }
}

bool is_grouping(NumberStyle style) {
  return style == NumberStyle::Bian || style == NumberStyle::FenBian || style == NumberStyle::Zhang ||
         style == NumberStyle::Jie;
}

std::string grouping_key(NumberStyle style, long long value) {
  std::string_view name = style == NumberStyle::Bian      ? "bian"
                          : style == NumberStyle::FenBian ? "fenbian"
                          : style == NumberStyle::Zhang   ? "zhang"
                                                          : "jie";
  return std::string(name) + std::to_string(value);
}

std::string_view style_name(NumberStyle style) {
  switch (style) {
    case NumberStyle::None: return "unnumbered";
    case NumberStyle::Bian: return "第X编";
    case NumberStyle::FenBian: return "第X分编";
    case NumberStyle::Zhang: return "第X章";
    case NumberStyle::Jie: return "第X节";
    case NumberStyle::Tiao: return "第X条";
    case NumberStyle::Kuan: return "第X款";
    case NumberStyle::Xiang: return "第X项";
    case NumberStyle::Bufen: return "第X部分";
    case NumberStyle::ChineseEnum: return "一、";
    case NumberStyle::ChineseParen: return "（一）";
    case NumberStyle::ArabicDot: return "1.";
    case NumberStyle::ArabicRight: return "1)";
    case NumberStyle::ArabicParen: return "（1）";
    case NumberStyle::Circled: return "①";
    case NumberStyle::UpperLetter: return "A.";
    case NumberStyle::LowerLetter: return "a.";
    case NumberStyle::Bullet: return "bullet";
  }
  return "?";
}

std::string numeral_for(NumberStyle style, long long value) {
  bool chinese = law_rank(style) > 0 || style == NumberStyle::ChineseEnum || style == NumberStyle::ChineseParen;
  if (style == NumberStyle::UpperLetter && value >= 1 && value <= 26) return std::string(1, static_cast<char>('A' + value - 1));
  if (style == NumberStyle::LowerLetter && value >= 1 && value <= 26) return std::string(1, static_cast<char>('a' + value - 1));
  return chinese ? text::chinese_numeral(value) : std::to_string(value);
}

std::string toc_key(std::string_view line) {
  std::string s;
  std::size_t pos = 0;
  while (pos < line.size()) {
    std::size_t start = pos;
    char32_t cp = text::next_code_point(line, pos);
    if (!text::is_blank(cp)) s.append(line.substr(start, pos - start));
  }
  for (;;) {
    bool cut = false;
    for (std::string_view tail : {".", "…", "·", "．", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}) {
      if (s.size() > tail.size() && s.ends_with(tail)) {
        s.resize(s.size() - tail.size());
        cut = true;
      }
    }
    if (!cut) break;
  }
  return s;
}

}  // namespace lexgit::numbering
