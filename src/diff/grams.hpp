// Character bigrams: the quick measures of how alike two texts are that the
// aligner uses before (and besides) the word diff.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lexgit::diff::grams {

using Grams = std::vector<std::uint32_t>;  // sorted character-bigram hashes

// All character bigrams of the text, sorted, repeats kept.
Grams bigrams(std::string_view s);
// The distinct bigrams of the text, sorted.
Grams gram_set(std::string_view s);

// How many bigrams two sorted lists share (repeats matched one to one).
std::size_t common_count(const Grams& a, const Grams& b);
// Dice coefficient of two bigram lists: 2·common / (|a| + |b|).
double dice(const Grams& a, const Grams& b);
// How much of `part` is made of `whole`'s words: the share of part's bigrams found in whole.
double share_in(const Grams& part, const Grams& whole);

// Bigrams of `a` that are not in `b`, and those in both.
Grams minus(const Grams& a, const Grams& b);
Grams intersect(const Grams& a, const Grams& b);

// The text without the numbers of citations and item marks (第五十三条 → 第条,
// （一） → （）): an amendment renumbers what it cites, and two articles that
// cite the same numbers do not share a rule by that.
std::string without_citation_numbers(std::string_view s);

}  // namespace lexgit::diff::grams
