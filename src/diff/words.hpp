// The pieces of word_diff, for callers that compare the same texts more than
// once (the aligner segments each clause once, then measures and diffs it).
#pragma once

#include <string_view>
#include <vector>

#include "lexgit/diff.hpp"

namespace lexgit::diff::words {

// The text cut into units that cover it entirely: words, and whitespace runs.
std::vector<std::string_view> units(std::string_view text, const text::Segmenter& segmenter,
                                    const std::vector<std::string>& terms);

// Edits straight from the longest common run of units, before any clean-up.
std::vector<Edit> align(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b);

// The clean-up word_diff applies: replacements merged, short equal scraps folded.
std::vector<Edit> clean_up(std::vector<Edit> edits);

}  // namespace lexgit::diff::words
