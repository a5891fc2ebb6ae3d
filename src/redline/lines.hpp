// What every redline format shares: a change's clause as lines of word edits,
// the header words of a change, and the order counts are listed in.
#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lexgit/diff.hpp"
#include "lexgit/language.hpp"

namespace lexgit::redline {

using Line = std::vector<diff::Edit>;

// The clause a change shows, as edits: an added unit all insertions, a removed
// one all deletions, a kept clause its word edits with its number in front
// (old number deleted and new inserted when it was renumbered).
std::vector<diff::Edit> clause_edits(const diff::Change& change);

// Edits cut into lines at '\n', so that every format can close its markers at
// the end of a line (a heading and its text are two lines). Empty pieces dropped.
std::vector<Line> split_lines(const std::vector<diff::Edit>& edits);

// "partner-framework#6 → partner-framework#7" for a renumbered or moved
// clause, the one ref otherwise.
std::string refs_of(const diff::Change& change);

// The ref a change is known by: the new one, or the old one for a removal.
const std::string& primary_ref(const diff::Change& change);

// The redline's own words, shared by every format.
inline constexpr Phrase kTitle{"修订对照", "Redline"};
inline constexpr Phrase kFrom{"原", "from"};
inline constexpr Phrase kTo{"现", "to"};
inline constexpr Phrase kSummary{"概览", "Summary"};
inline constexpr Phrase kDocument{"文档", "document"};
inline constexpr Phrase kTotal{"合计", "total"};
inline constexpr Phrase kNoChanges{"无变化。", "No changes."};
// Why a consequential change is shown at all.
inline constexpr Phrase kConsequentialNote{"连带修改：所引用的单元已重新编号", "consequential: cross-reference to a renumbered unit"};

// The kinds in the order summaries list them, with their counts in a Stat.
struct KindCount {
  diff::ChangeKind kind;
  int count;
};
// Split and merged only come with statutes' articles: they are listed when
// `articles` is set or the stat has some, so a contract's table keeps five kinds.
std::vector<KindCount> counts_of(const diff::Stat& stat, bool articles = false);
bool any_split_or_merge(const std::vector<diff::DocumentDiff>& diffs);

// Ids made unique in one page: a second use of an anchor gets "-2", "-3"…
// A page holds one anchor per change, 50,000 in a large statute: claims are
// hashed, and each base remembers its next suffix, so a page is linear in them.
class AnchorSet {
 public:
  std::string claim(const std::string& ref);

 private:
  std::unordered_set<std::string> used_;
  std::unordered_map<std::string, int> next_suffix_;  // base → the n of its next "-n" to try
};

}  // namespace lexgit::redline
