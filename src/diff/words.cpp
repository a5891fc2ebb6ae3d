// Word-level edits inside a clause, cleaned up so they read as whole words.
#include <algorithm>
#include <unordered_map>

#include "diff/sequence.hpp"
#include "diff/words.hpp"
#include "lexgit/diff.hpp"

namespace lexgit::diff {
namespace {

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void push(std::vector<Edit>& edits, Op op, std::string_view s) {
  if (s.empty()) return;
  if (!edits.empty() && edits.back().op == op) edits.back().text += s;
  else edits.push_back({op, std::string(s)});
}

// Within each run of changes, deletions first and then insertions, each merged
// into one: a replacement reads as "old → new".
std::vector<Edit> normalise(const std::vector<Edit>& edits) {
  std::vector<Edit> out;
  std::string deleted, inserted;
  auto flush = [&] {
    push(out, Op::Delete, deleted);
    push(out, Op::Insert, inserted);
    deleted.clear();
    inserted.clear();
  };
  for (const Edit& e : edits) {
    if (e.op == Op::Equal) {
      flush();
      push(out, Op::Equal, e.text);
    } else {
      (e.op == Op::Delete ? deleted : inserted) += e.text;
    }
  }
  flush();
  return out;
}

// Folds short equal stretches between two changes into the changes, as a
// reader would: "三十|日" kept equal between two edits is noise. An equal
// stretch goes when it is one or two characters, or shorter than both the
// changes around it.
bool fold_short_equalities(std::vector<Edit>& edits) {
  bool changed = false;
  for (std::size_t i = 1; i + 1 < edits.size(); ++i) {
    if (edits[i].op != Op::Equal || edits[i - 1].op == Op::Equal || edits[i + 1].op == Op::Equal) continue;
    std::size_t equal = code_points(edits[i].text);
    std::size_t before = 0, after = 0;
    for (std::size_t j = i; j-- > 0 && edits[j].op != Op::Equal;) before = std::max(before, code_points(edits[j].text));
    for (std::size_t j = i + 1; j < edits.size() && edits[j].op != Op::Equal; ++j) after = std::max(after, code_points(edits[j].text));
    if (equal <= 2 || (equal < before && equal < after)) {
      std::string text = edits[i].text;
      edits[i] = {Op::Delete, text};
      edits.insert(edits.begin() + static_cast<std::ptrdiff_t>(i) + 1, Edit{Op::Insert, text});
      changed = true;
    }
  }
  return changed;
}

}  // namespace


namespace words {

// The text cut into units that cover it entirely: words, and the whitespace
// between them as units of their own, so that edits reproduce the text exactly
// and a changed amount does not take the space before it along.
std::vector<std::string_view> units(std::string_view text, const text::Segmenter& segmenter,
                                    const std::vector<std::string>& terms) {
  std::vector<std::string_view> out;
  std::size_t from = 0;
  for (const text::Token& t : segmenter.words(text, terms)) {
    if (t.offset > from) out.push_back(text.substr(from, t.offset - from));
    out.push_back(t.text);
    from = t.offset + t.text.size();
  }
  if (from < text.size()) out.push_back(text.substr(from));
  return out;
}

std::vector<Edit> align(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  std::unordered_map<std::string_view, std::uint64_t> ids;
  auto intern = [&](const std::vector<std::string_view>& us) {
    std::vector<std::uint64_t> out;
    out.reserve(us.size());
    for (std::string_view u : us) out.push_back(ids.emplace(u, ids.size()).first->second);
    return out;
  };
  std::vector<std::uint64_t> ia = intern(a), ib = intern(b);
  std::vector<Edit> edits;
  int i = 0, j = 0;
  for (auto [mi, mj] : sequence::common(ia, ib)) {
    for (; i < mi; ++i) push(edits, Op::Delete, a[static_cast<std::size_t>(i)]);
    for (; j < mj; ++j) push(edits, Op::Insert, b[static_cast<std::size_t>(j)]);
    push(edits, Op::Equal, a[static_cast<std::size_t>(i)]);
    ++i, ++j;
  }
  for (; i < static_cast<int>(a.size()); ++i) push(edits, Op::Delete, a[static_cast<std::size_t>(i)]);
  for (; j < static_cast<int>(b.size()); ++j) push(edits, Op::Insert, b[static_cast<std::size_t>(j)]);
  return edits;
}

std::vector<Edit> clean_up(std::vector<Edit> edits) {
  edits = normalise(edits);
  while (fold_short_equalities(edits)) edits = normalise(edits);
  return edits;
}

}  // namespace words

std::vector<Edit> word_diff(std::string_view before, std::string_view after, const text::Segmenter& segmenter,
                            const std::vector<std::string>& terms) {
  if (before == after) return before.empty() ? std::vector<Edit>{} : std::vector<Edit>{{Op::Equal, std::string(before)}};
  return words::clean_up(words::align(words::units(before, segmenter, terms), words::units(after, segmenter, terms)));
}

double text_similarity(std::string_view before, std::string_view after, const text::Segmenter& segmenter,
                       const std::vector<std::string>& terms) {
  if (before == after) return 1.0;
  return similarity(words::align(words::units(before, segmenter, terms), words::units(after, segmenter, terms)));
}

double similarity(const std::vector<Edit>& edits) {
  std::size_t equal = 0, total = 0;
  for (const Edit& e : edits) {
    std::size_t n = code_points(e.text);
    equal += e.op == Op::Equal ? 2 * n : 0;
    total += e.op == Op::Equal ? 2 * n : n;
  }
  return total == 0 ? 1.0 : static_cast<double>(equal) / static_cast<double>(total);
}

}  // namespace lexgit::diff
