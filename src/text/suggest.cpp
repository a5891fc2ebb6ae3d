// The names nearest to a mistyped one, for "did you mean" in not-found errors.
#include <algorithm>

#include "lexgit/suggest.hpp"
#include "lexgit/text.hpp"

namespace lexgit::text {
namespace {

std::u32string code_points(std::string_view utf8) {
  std::u32string out;
  std::size_t pos = 0;
  while (pos < utf8.size()) out.push_back(next_code_point(utf8, pos));
  return out;
}

// Levenshtein distance, one row at a time.
std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::vector<std::string> closest(std::string_view wrong, const std::vector<std::string>& candidates, std::size_t limit) {
  std::u32string target = code_points(wrong);
  // A suggestion further than this is a different name, not a typo.
  std::size_t threshold = std::max<std::size_t>(2, target.size() / 3);
  std::size_t best = threshold + 1;
  struct Near {
    std::size_t shared;  // leading code points in common: 10.33 is nearer 10.3 than 10.p3
    std::string name;
  };
  std::vector<Near> nearest;
  for (const std::string& candidate : candidates) {
    std::u32string cps = code_points(candidate);
    std::size_t d = edit_distance(target, cps);
    if (d > best) continue;
    if (d < best) nearest.clear(), best = d;
    auto differ = std::mismatch(target.begin(), target.end(), cps.begin(), cps.end());
    nearest.push_back({static_cast<std::size_t>(differ.first - target.begin()), candidate});
  }
  std::stable_sort(nearest.begin(), nearest.end(), [](const Near& a, const Near& b) { return a.shared > b.shared; });
  std::vector<std::string> out;
  for (const Near& n : nearest)
    if (out.size() < limit && std::find(out.begin(), out.end(), n.name) == out.end()) out.push_back(n.name);
  return out;
}

std::string did_you_mean(std::string_view wrong, const std::vector<std::string>& candidates) {
  std::vector<std::string> names = closest(wrong, candidates);
  if (names.empty()) return "";
  std::string out = "; did you mean ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += "'" + names[i] + "'";
  }
  return out + "?";
}

}  // namespace lexgit::text
