// What diff compares between two sides — revisions, dates or a file — for
// the CLI and the web API alike (kept apart from redline.hpp, whose diff::Side
// readers would otherwise see two Sides).
#pragma once

#include <string>
#include <vector>

#include "lexgit/diff.hpp"
#include "lexgit/docset.hpp"
#include "lexgit/language.hpp"

namespace lexgit::redline {

// A document's two versions and their diff, kept together for the Word
// redline, which shows the whole document.
struct DocumentPair {
  Document before, after;  // an empty Document on the side that lacks it
  diff::DocumentDiff diff;
};

// What diff compares between two sides: the documents `docs` names (ids), or
// every one that differs; a file's side compares the document it holds (then
// Error(Usage) for `docs` given). Each diff's labels are in `language`.
// Error(NotFound) for a named document neither side has, with the closest ids.
std::vector<DocumentPair> compare_sides(Side& a, Side& b, const std::vector<std::string>& docs, Language language,
                                        const text::Segmenter& segmenter);
std::vector<diff::DocumentDiff> diffs_of(const std::vector<DocumentPair>& pairs);

}  // namespace lexgit::redline
