// Suggestions for a mistyped name: the ids a not-found error offers instead.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lexgit::text {

// The names among `candidates` nearest to a mistyped one, by edit distance over
// code points (partner-framwork → partner-framework, 第十部分第三项 → 第十部分第3项):
// those at the smallest distance, when it is small for the name (at most a
// third of its length, at least 2), those sharing the longest beginning with
// it first (10.33 → 10.3 before 10.p3), at most `limit`.
std::vector<std::string> closest(std::string_view wrong, const std::vector<std::string>& candidates, std::size_t limit = 3);

// "; did you mean 'partner-framework'?" for the names closest to `wrong`, or
// "" when none is close: appended to a not-found message.
std::string did_you_mean(std::string_view wrong, const std::vector<std::string>& candidates);

}  // namespace lexgit::text
