// Which changes are security-related (与安全和保障相关的条款, part 七): a keyword
// rule over lexgit's words, which a reviewer corrects with overrides.
#include <algorithm>

#include "lexgit/notice.hpp"

namespace lexgit::notice {
namespace {

bool is_security_word(std::string_view word) {
  const auto& words = security_words();
  return std::find(words.begin(), words.end(), word) != words.end();
}

// The clause that lets security terms change at once (part 七) names the
// category — 与安全和保障相关的条款 — without being one; a change to it is an
// ordinary change. Mentions of the category itself are not read as keywords.
std::string without_category_mentions(std::string text) {
  for (std::string_view mention : {"与安全和保障相关的条款", "安全和保障相关的条款", "与安全和保障相关"}) {
    for (std::size_t at = text.find(mention); at != std::string::npos; at = text.find(mention, at))
      text.replace(at, mention.size(), "\u3000");
  }
  return text;
}

std::optional<std::string> first_security_word(const std::string& text, const text::Segmenter& segmenter,
                                               const std::vector<std::string>& terms) {
  const std::string read = without_category_mentions(text);
  for (const text::Token& t : segmenter.words(read, terms))
    if (is_security_word(t.text)) return std::string(t.text);
  return std::nullopt;
}

}  // namespace

const std::vector<std::string>& security_words() {
  static const std::vector<std::string> words = {"安全",     "保障",     "信息安全", "数据安全",     "网络安全",
                                                 "安全事件", "个人信息", "个人信息保护", "安全保护", "安全措施"};
  return words;
}

std::string Classification::reason_zh() const {
  switch (basis) {
    case Basis::Keyword: return std::string(side == "old" ? "原条款" : "修订后条款") + "含“" + word + "”一词";
    case Basis::NoKeyword: return "条款未含安全和保障相关用语";
    case Basis::OverrideSecurity: return "经审核认定为与安全和保障相关";
    case Basis::OverrideOrdinary: return "经审核认定为与安全和保障无关";
  }
  return {};
}

std::string Classification::reason_en() const {
  switch (basis) {
    case Basis::Keyword: return "the " + side + " text contains the word " + word;
    case Basis::NoKeyword: return "no security word in the old or new text";
    case Basis::OverrideSecurity: return "classified by --security";
    case Basis::OverrideOrdinary: return "classified by --not-security";
  }
  return {};
}

Classification classify(const diff::Change& change, const text::Segmenter& segmenter, const std::vector<std::string>& terms) {
  Classification c;
  auto side = [&](const std::optional<diff::Side>& s, const char* name) {
    if (c.security || !s) return;
    if (auto word = first_security_word(s->text, segmenter, terms)) {
      c.security = true;
      c.basis = Basis::Keyword;
      c.word = *word;
      c.side = name;
    }
  };
  side(change.after, "new");
  side(change.before, "old");
  return c;
}

}  // namespace lexgit::notice
