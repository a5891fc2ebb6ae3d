#include "diff/sequence.hpp"

#include <algorithm>
#include <unordered_map>

namespace lexgit::diff::sequence {

std::vector<std::pair<int, int>> common(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b,
                                        int max_distance) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  std::vector<std::pair<int, int>> prefix, suffix;
  int lo = 0;
  while (lo < n && lo < m && a[lo] == b[lo]) prefix.emplace_back(lo, lo), ++lo;
  int hi_a = n, hi_b = m;
  while (hi_a > lo && hi_b > lo && a[hi_a - 1] == b[hi_b - 1]) --hi_a, --hi_b, suffix.emplace_back(hi_a, hi_b);
  std::reverse(suffix.begin(), suffix.end());

  // Myers on the middle part, keeping each round's frontier to walk back the path.
  const int N = hi_a - lo, M = hi_b - lo;
  std::vector<std::pair<int, int>> middle;
  if (N > 0 && M > 0) {
    const int limit = std::min(N + M, max_distance);
    const int offset = limit + 1;
    std::vector<int> v(static_cast<std::size_t>(2 * limit + 3), 0);
    std::vector<std::vector<int>> trace;
    int found = -1;
    for (int d = 0; d <= limit && found < 0; ++d) {
      trace.push_back(v);
      for (int k = -d; k <= d; k += 2) {
        int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1;
        int y = x - k;
        while (x < N && y < M && a[lo + x] == b[lo + y]) ++x, ++y;
        v[offset + k] = x;
        if (x >= N && y >= M) {
          found = d;
          break;
        }
      }
    }
    if (found >= 0) {
      int x = N, y = M;
      for (int d = found; d > 0; --d) {
        const std::vector<int>& pv = trace[static_cast<std::size_t>(d)];
        int k = x - y;
        int prev_k = (k == -d || (k != d && pv[offset + k - 1] < pv[offset + k + 1])) ? k + 1 : k - 1;
        int prev_x = pv[offset + prev_k], prev_y = prev_x - prev_k;
        while (x > prev_x && y > prev_y) --x, --y, middle.emplace_back(lo + x, lo + y);
        x = prev_x, y = prev_y;
      }
      while (x > 0 && y > 0) --x, --y, middle.emplace_back(lo + x, lo + y);
      std::reverse(middle.begin(), middle.end());
    }
  }
  prefix.insert(prefix.end(), middle.begin(), middle.end());
  prefix.insert(prefix.end(), suffix.begin(), suffix.end());
  return prefix;
}

std::vector<std::pair<int, int>> unique_anchors(const std::vector<std::uint64_t>& a,
                                                const std::vector<std::uint64_t>& b) {
  std::unordered_map<std::uint64_t, std::pair<int, int>> count_a, count_b;  // value → (count, index)
  for (int i = 0; i < static_cast<int>(a.size()); ++i) {
    auto& c = count_a[a[static_cast<std::size_t>(i)]];
    ++c.first, c.second = i;
  }
  for (int j = 0; j < static_cast<int>(b.size()); ++j) {
    auto& c = count_b[b[static_cast<std::size_t>(j)]];
    ++c.first, c.second = j;
  }
  std::vector<std::pair<int, int>> pairs;  // in b's order
  for (int j = 0; j < static_cast<int>(b.size()); ++j) {
    auto ib = count_b.find(b[static_cast<std::size_t>(j)]);
    auto ia = count_a.find(b[static_cast<std::size_t>(j)]);
    if (ib->second.first == 1 && ia != count_a.end() && ia->second.first == 1) pairs.emplace_back(ia->second.second, j);
  }
  // Longest increasing run of a-indices (patience sorting).
  std::vector<int> tails, tail_index, previous(pairs.size(), -1);
  for (int p = 0; p < static_cast<int>(pairs.size()); ++p) {
    int ai = pairs[static_cast<std::size_t>(p)].first;
    auto it = std::lower_bound(tails.begin(), tails.end(), ai);
    auto pos = static_cast<std::size_t>(it - tails.begin());
    if (pos > 0) previous[static_cast<std::size_t>(p)] = tail_index[pos - 1];
    if (it == tails.end()) tails.push_back(ai), tail_index.push_back(p);
    else *it = ai, tail_index[pos] = p;
  }
  std::vector<std::pair<int, int>> out;
  for (int p = tail_index.empty() ? -1 : tail_index.back(); p >= 0; p = previous[static_cast<std::size_t>(p)])
    out.push_back(pairs[static_cast<std::size_t>(p)]);
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace lexgit::diff::sequence
