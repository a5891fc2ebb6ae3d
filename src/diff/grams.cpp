#include "diff/grams.hpp"

#include <algorithm>
#include <iterator>

#include "lexgit/text.hpp"

namespace lexgit::diff::grams {

Grams bigrams(std::string_view s) {
  std::vector<char32_t> cps;
  std::size_t pos = 0;
  while (pos < s.size()) cps.push_back(text::next_code_point(s, pos));
  Grams out;
  for (std::size_t i = 0; i + 1 < cps.size(); ++i) out.push_back(static_cast<std::uint32_t>(cps[i] * 2654435761u) ^ static_cast<std::uint32_t>(cps[i + 1]));
  std::sort(out.begin(), out.end());
  return out;
}

Grams gram_set(std::string_view s) {
  auto g = bigrams(s);
  g.erase(std::unique(g.begin(), g.end()), g.end());
  return g;
}

std::size_t common_count(const Grams& a, const Grams& b) {
  std::size_t common = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) ++common, ++i, ++j;
    else if (a[i] < b[j]) ++i;
    else ++j;
  }
  return common;
}

double dice(const Grams& a, const Grams& b) {
  if (a.empty() && b.empty()) return 1.0;
  return 2.0 * static_cast<double>(common_count(a, b)) / static_cast<double>(a.size() + b.size());
}

double share_in(const Grams& part, const Grams& whole) {
  return part.empty() ? 0.0 : static_cast<double>(common_count(part, whole)) / static_cast<double>(part.size());
}

Grams minus(const Grams& a, const Grams& b) {
  Grams out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

Grams intersect(const Grams& a, const Grams& b) {
  Grams out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

std::string without_citation_numbers(std::string_view s) {
  static const std::string_view numerals[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千"};
  auto numeral_at = [&](std::size_t i) -> std::size_t {
    for (std::string_view n : numerals)
      if (s.compare(i, n.size(), n) == 0) return n.size();
    if (i < s.size() && s[i] >= '0' && s[i] <= '9') return 1;
    return 0;
  };
  static const std::string_view closers[] = {"条", "款", "项", "章", "节", "编", "）", ")"};
  static const std::string_view openers[] = {"第", "（", "("};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t open = 0;
    for (std::string_view o : openers)
      if (s.compare(i, o.size(), o) == 0) open = o.size();
    if (open) {
      std::size_t j = i + open, len;
      while ((len = numeral_at(j)) > 0) j += len;
      bool closed = false;
      if (j > i + open)
        for (std::string_view c : closers)
          if (s.compare(j, c.size(), c) == 0) closed = true;
      if (closed) {
        out.append(s.substr(i, open));
        i = j;
        continue;
      }
    }
    out.push_back(s[i]);
    ++i;
  }
  return out;
}

}  // namespace lexgit::diff::grams
