// The language lexgit speaks in its own words (headings, labels, reasons):
// Chinese by default, English on request (--lang en). Contract text is never
// translated. Each renderer keeps its phrases in a table of Phrase pairs next to
// the code that prints them and is given the Language to print in.
#pragma once

#include <string>
#include <string_view>

namespace lexgit {

enum class Language { Zh, En };

// One fixed phrase in both languages.
struct Phrase {
  std::string_view zh, en;
  constexpr std::string_view in(Language language) const { return language == Language::En ? en : zh; }
};

// A sentence built at run time (a reason, a note) in both languages.
struct Bilingual {
  std::string zh, en;
  const std::string& in(Language language) const { return language == Language::En ? en : zh; }
};

}  // namespace lexgit
