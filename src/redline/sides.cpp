// What diff compares between two sides (revisions, dates or files).
#include "lexgit/compare.hpp"
#include "lexgit/redline.hpp"

namespace lexgit::redline {

std::vector<DocumentPair> compare_sides(Side& a, Side& b, const std::vector<std::string>& docs, Language language,
                                        const text::Segmenter& segmenter) {
  if ((a.is_file() || b.is_file()) && !docs.empty())
    throw Error(ErrorCode::Usage, "a file is compared as the document it holds: name no DOC");
  std::vector<DocumentPair> out;
  for (const std::string& id : documents_to_compare(a, b, docs)) {
    DocumentPair p{a.load(id), b.load(id), {}};
    p.diff = diff::compare(p.before, p.after, segmenter);
    if (p.diff.doc.empty()) p.diff.doc = id;
    std::string absent(absent_label(language));
    p.diff.before_label = a.has(id) ? a.label(language) : absent;
    p.diff.after_label = b.has(id) ? b.label(language) : absent;
    if (!docs.empty() || !p.diff.changes.empty()) out.push_back(std::move(p));
  }
  return out;
}

std::vector<diff::DocumentDiff> diffs_of(const std::vector<DocumentPair>& pairs) {
  std::vector<diff::DocumentDiff> out;
  for (const DocumentPair& p : pairs) out.push_back(p.diff);
  return out;
}

}  // namespace lexgit::redline
