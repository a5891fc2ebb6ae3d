// Clause-aligned comparison of two versions of a document: what a lawyer calls
// a redline. Clauses are aligned first (unchanged, renumbered, moved, modified,
// added, removed); inside a modified clause, words are compared (lexgit's
// segmentation, so Chinese reads as words and numbers stay whole).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "lexgit/document.hpp"
#include "lexgit/text.hpp"

namespace lexgit::diff {

// Split: one old article became several new ones (1:N); Merged: several old
// articles became one new one (N:1). Both only for statute articles.
enum class ChangeKind { Modified, Added, Removed, Moved, Renumbered, Split, Merged };
std::string_view to_string(ChangeKind kind);  // "modified", "added", …

enum class Op { Equal, Delete, Insert };
std::string_view to_string(Op op);  // "equal", "delete", "insert"

struct Edit {
  Op op = Op::Equal;
  std::string text;
  friend bool operator==(const Edit&, const Edit&) = default;
};

// One side of a change: a clause of the old or the new version.
struct Side {
  std::string ref;      // DOC#ID
  std::string id;
  std::string number;   // as written
  std::string heading;
  std::string text;     // the clause's own text; for an added or removed unit, with its children's
  int first_line = 0, last_line = 0;
};

struct Change {
  ChangeKind kind = ChangeKind::Modified;
  std::optional<Side> before;  // null for added
  std::optional<Side> after;   // null for removed
  double similarity = 1.0;     // of the clause texts, 0..1
  // Only cross-references to renumbered units changed (第八部分 → 第九部分).
  bool consequential = false;
  // Word-level edits from before's text to after's (modified, moved,
  // renumbered with changes, split, merged); empty when the texts are identical.
  std::vector<Edit> edits;
  // A split's new articles, or a merge's old ones, in order, each whole (its
  // number, text, 款 and 项). The side they make up (after for a split, before
  // for a merge) has the first part's ref, id and lines and all the parts'
  // texts, one per line, so that `edits` still spell before → after. Empty
  // for the other kinds.
  std::vector<Side> parts;
};

struct Stat {
  int modified = 0, added = 0, removed = 0, moved = 0, renumbered = 0, split = 0, merged = 0;
  int total() const { return modified + added + removed + moved + renumbered + split + merged; }
};

struct DocumentDiff {
  std::string doc;  // document id (the new version's)
  std::string before_label, after_label;  // what was compared: a commit, a date, a file
  std::vector<Change> changes;            // in the new version's order; removals where they stood
  // Every clause of the old version aligned with one of the new version, as
  // (old id, new id), unchanged clauses included: what a clause's identity
  // across revisions (its lineage) is built from. A clause split in two
  // appears once for each part.
  std::vector<std::pair<std::string, std::string>> matches;
  Stat stat() const;
};

struct Options {
  // Clauses whose texts are at least this similar (0..1, see text_similarity)
  // are one clause modified rather than one removed and one added. A clause
  // that keeps its id and place needs only `rewritten_threshold`: rewritten,
  // it is still that clause.
  double modified_threshold = 0.5;
  double rewritten_threshold = 0.25;
  // At least this similar, and out of order: moved (with edits) rather than
  // removed and added.
  double moved_threshold = 0.8;
};

// Compares two versions of one document.
DocumentDiff compare(const Document& before, const Document& after, const text::Segmenter& segmenter,
                     const Options& options = {});

// Word-level edits from `before` to `after`, cleaned up so that changes read as
// whole words and phrases: numbers, dates and amounts are never split, and no
// one-character scrap of equal text is left between two changes.
std::vector<Edit> word_diff(std::string_view before, std::string_view after, const text::Segmenter& segmenter,
                            const std::vector<std::string>& terms = {});

// The similarity of two texts, 0..1: twice the characters of their common
// words over all their characters (measured before the clean-up of word_diff).
double text_similarity(std::string_view before, std::string_view after, const text::Segmenter& segmenter,
                       const std::vector<std::string>& terms = {});
// The same measure over given edits.
double similarity(const std::vector<Edit>& edits);

// JSON of a change and of a document's diff, as `lexgit diff --format json` prints them:
// {"kind", "old": {"ref","text"}|null, "new": {"ref","text"}|null, "similarity", "consequential", "edits": [{"op","text"}]}
// and, for a split or a merge, "parts": [{"ref","text"}] (the several articles of the many side).
nlohmann::json to_json(const Change& change);
nlohmann::json to_json(const DocumentDiff& diff);  // {"doc", "changes": [...]}
nlohmann::json to_json(const Stat& stat);

}  // namespace lexgit::diff
