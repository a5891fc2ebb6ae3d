// What diff compares between two sides (revisions, dates or files).
#include <set>

#include "lexgit/compare.hpp"
#include "lexgit/redline.hpp"
#include "lexgit/suggest.hpp"

namespace lexgit::redline {
namespace {

// The document ids to compare: those asked for, or every one that differs.
std::vector<std::string> documents_to_compare(const Side& a, const Side& b, const std::vector<std::string>& asked) {
  if (a.is_file() || b.is_file()) return {a.is_file() ? a.file().meta.id : b.file().meta.id};
  if (!asked.empty()) {
    std::set<std::string> known = a.ids();
    known.merge(b.ids());
    for (const std::string& id : asked)
      if (!a.has(id) && !b.has(id))
        throw Error(ErrorCode::NotFound, "no document '" + id + "' in " + a.label() + " or " + b.label() +
                                             text::did_you_mean(id, {known.begin(), known.end()}));
    return asked;
  }
  std::set<std::string> ids = a.ids();
  for (const std::string& id : b.ids()) ids.insert(id);
  std::vector<std::string> out;
  for (const std::string& id : ids)
    if (!(a.has(id) && b.has(id) && a.blob(id) == b.blob(id))) out.push_back(id);
  return out;
}

}  // namespace

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
