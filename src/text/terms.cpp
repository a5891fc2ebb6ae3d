// Defined terms: the words a contract gives a meaning of its own, as in
// 北京青云科技股份有限公司（简称“青云科技”或“青云”） or “加盟方”是一个实体. The
// segmenter keeps them whole, and a comparison can follow them through a document.
#include "lexgit/text.hpp"

#include <algorithm>
#include <array>

namespace lexgit::text {
namespace {

struct QuotePair {
  std::string_view open, close;
};
constexpr std::array<QuotePair, 4> kQuotes{{{"“", "”"}, {"\"", "\""}, {"「", "」"}, {"『", "』"}}};

struct BracketPair {
  std::string_view open, close;
};
constexpr std::array<BracketPair, 2> kBrackets{{{"（", "）"}, {"(", ")"}}};

// What introduces a definition inside brackets, longest first.
constexpr std::array<std::string_view, 10> kDefiningWords{
    "以下简称", "以下统称", "以下合称", "以下称", "下称", "简称", "统称", "合称", "总称", "称"};
// What follows a quoted term that is being defined in running text.
constexpr std::array<std::string_view, 5> kDefiningVerbs{"是指", "系指", "意指", "指", "是"};
// Between the terms of one definition: （简称“青云科技”或“青云”）.
constexpr std::array<std::string_view, 8> kTermSeparators{"或者", "以及", "或", "、", "和", "及", "，", ","};

constexpr std::size_t kMaxTermCodePoints = 24;
constexpr std::size_t kMaxBracketBytes = 200;

bool take(std::string_view& s, std::string_view word) {
  if (!s.starts_with(word)) return false;
  s.remove_prefix(word.size());
  return true;
}

template <std::size_t N>
bool take_any(std::string_view& s, const std::array<std::string_view, N>& words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return take(s, w); });
}

void skip_blanks(std::string_view& s) {
  while (take(s, " ") || take(s, "\u3000") || take(s, "\t")) {
  }
}

// A term is short and has no sentence punctuation: anything else is a quotation.
bool looks_like_term(std::string_view term) {
  if (term.empty()) return false;
  std::size_t pos = 0, count = 0;
  while (pos < term.size()) {
    const char32_t cp = next_code_point(term, pos);
    if (++count > kMaxTermCodePoints) return false;
    switch (cp) {
      case U'。': case U'，': case U'；': case U'：': case U'！': case U'？': case U'\n':
      case U',': case U';': case U'!': case U'?':
        return false;
      default:
        break;
    }
  }
  return true;
}

// A quoted term at the start of `s`; consumes it.
std::optional<std::string_view> take_quoted(std::string_view& s) {
  for (const QuotePair& q : kQuotes) {
    if (!s.starts_with(q.open)) continue;
    const std::size_t close = s.find(q.close, q.open.size());
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view term = s.substr(q.open.size(), close - q.open.size());
    s.remove_prefix(close + q.close.size());
    return term;
  }
  return std::nullopt;
}

// The inside of a bracket: a list of quoted terms, after an optional defining word
// (简称, 统称 …). Only quoted terms count: in （简称青云业务合作伙伴） the words are
// ordinary ones, and the quotes are what tells a defined term from a paraphrase.
std::vector<std::string_view> bracket_terms(std::string_view inside) {
  std::vector<std::string_view> terms;
  skip_blanks(inside);
  const bool introduced = take_any(inside, kDefiningWords);
  if (introduced) {
    take(inside, "为");
    take(inside, "：") || take(inside, ":");
    skip_blanks(inside);
  }
  while (!inside.empty()) {
    auto term = take_quoted(inside);
    if (!term || !looks_like_term(*term)) return {};
    terms.push_back(*term);
    skip_blanks(inside);
    if (inside.empty()) break;
    if (!take_any(inside, kTermSeparators)) return {};
    skip_blanks(inside);
  }
  return terms;
}

// Definitions in running text start a clause: “加盟方”是一个实体, not 确定为“机密”的.
bool starts_clause(std::string_view text, std::size_t pos) {
  if (pos == 0) return true;
  std::string_view before = text.substr(0, pos);
  for (std::string_view mark : {"。", "；", "：", "，", "\n", " ", "\u3000", ".", ";", ":"}) {
    if (before.ends_with(mark)) return true;
  }
  return false;
}

void add_unique(std::vector<std::string>& terms, std::string_view term) {
  if (std::find(terms.begin(), terms.end(), term) == terms.end()) terms.emplace_back(term);
}

// Tries a bracketed definition at `pos`; returns the bytes consumed (0: none).
std::size_t bracket_definition(std::string_view text, std::size_t pos, std::vector<std::string>& terms) {
  const std::string_view rest = text.substr(pos);
  for (const BracketPair& b : kBrackets) {
    if (!rest.starts_with(b.open)) continue;
    const std::size_t close = rest.find(b.close, b.open.size());
    if (close == std::string_view::npos || close > kMaxBracketBytes) return 0;
    const auto found = bracket_terms(rest.substr(b.open.size(), close - b.open.size()));
    for (std::string_view term : found) add_unique(terms, term);
    return found.empty() ? 0 : close + b.close.size();
  }
  return 0;
}

// Tries “term”是… at `pos`; returns the bytes consumed (0: none).
std::size_t quoted_definition(std::string_view text, std::size_t pos, std::vector<std::string>& terms) {
  if (!starts_clause(text, pos)) return 0;
  std::string_view rest = text.substr(pos);
  const std::size_t before = rest.size();
  auto term = take_quoted(rest);
  if (!term || !looks_like_term(*term) || !take_any(rest, kDefiningVerbs)) return 0;
  add_unique(terms, *term);
  return before - rest.size();
}

// The bytes an opening bracket or quote starts with.
const std::array<bool, 256>& opener_first_bytes() {
  static const std::array<bool, 256> table = [] {
    std::array<bool, 256> t{};
    for (const BracketPair& b : kBrackets) t[static_cast<unsigned char>(b.open[0])] = true;
    for (const QuotePair& q : kQuotes) t[static_cast<unsigned char>(q.open[0])] = true;
    return t;
  }();
  return table;
}

// Whether a bracket or a quote opens at the start of `rest`: every definition
// does, so other positions are passed over without trying one.
bool opens_definition(std::string_view rest) {
  if (rest.empty()) return false;
  if (rest[0] == '(' || rest[0] == '"') return true;
  if (static_cast<unsigned char>(rest[0]) < 0xE2) return false;
  for (const BracketPair& b : kBrackets)
    if (rest.starts_with(b.open)) return true;
  for (const QuotePair& q : kQuotes)
    if (rest.starts_with(q.open)) return true;
  return false;
}

}  // namespace

std::vector<std::string> defined_terms(std::string_view utf8) {
  const std::array<bool, 256>& openers = opener_first_bytes();
  std::vector<std::string> terms;
  std::size_t pos = 0;
  while (pos < utf8.size()) {
    if (!opens_definition(utf8.substr(pos))) {
      next_code_point(utf8, pos);
      // Only the first bytes of the opening brackets and quotes can start a
      // definition, and none of them is ever inside another character's
      // sequence: the bytes between are passed over without decoding them.
      while (pos < utf8.size() && !openers[static_cast<unsigned char>(utf8[pos])]) ++pos;
      continue;
    }
    std::size_t used = bracket_definition(utf8, pos, terms);
    if (used == 0) used = quoted_definition(utf8, pos, terms);
    if (used > 0) {
      pos += used;
    } else {
      next_code_point(utf8, pos);
    }
  }
  return terms;
}

}  // namespace lexgit::text
