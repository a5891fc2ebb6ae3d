// Longest common subsequences of integer sequences, the basis of both the
// clause alignment and the word diff.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace lexgit::diff::sequence {

// Index pairs (i, j) with a[i] == b[j], increasing in both, of maximal length
// (Myers' O(ND) algorithm). Meant for short sequences or few differences:
// returns only the common prefix and suffix when the edit distance exceeds
// `max_distance`.
std::vector<std::pair<int, int>> common(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b,
                                        int max_distance = 2000);

// Index pairs of elements that occur exactly once in each sequence and keep
// their order (the longest increasing run, as patience diff does): anchors
// that long sequences can be split at.
std::vector<std::pair<int, int>> unique_anchors(const std::vector<std::uint64_t>& a,
                                                const std::vector<std::uint64_t>& b);

}  // namespace lexgit::diff::sequence
