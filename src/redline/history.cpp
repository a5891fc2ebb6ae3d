// Following one clause back through a document's versions. Each pair of
// consecutive versions is compared; the clause's id in the older one is the
// one the alignment links it to (its lineage), never the same place.
#include <optional>

#include "lexgit/error.hpp"
#include "lexgit/lineage.hpp"
#include "lexgit/redline.hpp"

namespace lexgit::redline {
namespace {

using diff::ChangeKind;

const diff::Change* change_for(const diff::DocumentDiff& d, const std::string& new_id) {
  for (const diff::Change& c : d.changes)
    if (c.after && c.after->id == new_id) return &c;
  return nullptr;
}

// What a pair of versions did to the clause `id` of the newer one, from the
// alignment of the two (the clause's lineage), not from its place.
struct Trace {
  const diff::Change* own = nullptr;  // a change of the clause itself
  std::string older_id;               // the clause's id in the older version ("" if added)
};

Trace trace(const diff::DocumentDiff& d, const std::string& id) {
  Trace t;
  t.own = change_for(d, id);
  for (const auto& [older, newer] : d.matches) {
    if (newer == id) {
      t.older_id = older;
      break;
    }
  }
  return t;
}

diff::Side side_of(const Document& doc, const std::string& id) {
  const Clause& c = *doc.find(id);
  diff::Side side;
  side.ref = doc.meta.id + "#" + id;
  side.id = id;
  side.number = c.number;
  side.heading = c.heading;
  std::string body = c.heading.empty() ? c.text : (c.text.empty() ? c.heading : c.heading + "\n" + c.text);
  side.text = c.number.empty() ? body : c.number + " " + body;
  side.first_line = c.first_line;
  side.last_line = c.last_line;
  return side;
}

// A clause that came with the unit around it is shown as added on its own.
diff::Change added_clause(const Document& doc, const std::string& id) {
  diff::Change change;
  change.kind = ChangeKind::Added;
  change.after = side_of(doc, id);
  change.similarity = 0;
  return change;
}

Document absent_like(const Document& d) {
  Document empty;
  empty.meta = d.meta;
  return empty;
}

}  // namespace

std::vector<ClauseStep> clause_history(const std::vector<Document>& versions, const std::string& id,
                                       const text::Segmenter& segmenter) {
  if (versions.empty() || !versions.back().find(id))
    throw Error(ErrorCode::NotFound, "no clause '" + id + "' in the newest version" +
                                         (versions.empty() ? std::string() : " of '" + versions.back().meta.id + "'"));
  std::vector<ClauseStep> steps;
  std::string current = id;
  for (std::size_t v = versions.size(); v-- > 0;) {
    const Document& newer = versions[v];
    Document older = v > 0 ? versions[v - 1] : absent_like(newer);
    diff::DocumentDiff d = diff::compare(older, newer, segmenter);
    Trace t = trace(d, current);
    std::string ref = newer.meta.id + "#" + current;
    if (t.own) steps.push_back({v, ref, *t.own});
    else if (t.older_id.empty()) steps.push_back({v, ref, added_clause(newer, current)});  // came with its unit
    // A clause renumbered only with its unit (2.p1 → 3.p1) has no step of its own.
    if (t.older_id.empty() || !older.find(t.older_id)) break;  // added here
    current = t.older_id;
  }
  return steps;
}

std::vector<ClauseStep> clause_history(Lineage& lineage, std::size_t read, const std::string& id,
                                       const text::Segmenter& segmenter) {
  // The last version that has the clause: the history is told back from there.
  std::size_t last = read;
  std::string last_id = id;
  for (std::size_t j = lineage.size(); j-- > read + 1;) {
    if (auto there = lineage.follow(id, read, j)) {
      last = j;
      last_id = *there;
      break;
    }
  }
  std::vector<Document> docs;
  for (std::size_t i = 0; i <= last; ++i) docs.push_back(lineage.document(i));
  return clause_history(docs, last_id, segmenter);
}

}  // namespace lexgit::redline
