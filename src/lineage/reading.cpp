// outline and show: the version of a document a selection reads, and a clause
// in it found through the document's lineage.
#include <nlohmann/json.hpp>

#include "lexgit/lineage.hpp"

namespace lexgit {
namespace {

// The version read: in force on the selection's date (default today), or the
// latest when the selection names a revision.
Reading reading_for(Lineage& lineage, const Selection& selection, text::Date today) {
  return lineage.reading(selection.at, today, selection.rev.has_value());
}

}  // namespace

Outline read_outline(DocumentSet& set, const std::string& doc_or_file, text::Date today) {
  Outline out;
  if (set.in_git() && !parse_reference(doc_or_file).is_path()) {
    Lineage lineage(set, doc_or_file);
    out.reading = reading_for(lineage, set.selection(), today);
    out.doc = lineage.document(out.reading->index);
  } else {
    out.doc = set.load(doc_or_file);
  }
  out.doc.require_valid();
  return out;
}

nlohmann::json to_json(const Outline& outline) {
  nlohmann::json clauses = nlohmann::json::array();
  for (const Clause& c : outline.doc.clauses) clauses.push_back(to_json(c));
  nlohmann::json out{{"doc", to_json(outline.doc.meta)}, {"clauses", clauses}};
  if (outline.reading) out["reading"] = outline.reading->description;
  return out;
}

const Clause& Shown::clause() const {
  const Clause* c = doc.find(id);
  if (!c) throw Error(ErrorCode::NotFound, "no clause '" + id + "' in document '" + doc.meta.id + "'", {doc.path, 0});
  return *c;
}

Shown read_clause(DocumentSet& set, const std::string& ref_text, text::Date today) {
  Reference ref = parse_reference(ref_text);
  if (ref.id.empty()) throw Error(ErrorCode::Usage, "'" + ref_text + "' names no clause: write DOC#ID, e.g. partner-framework#10.3");
  Shown out;
  // In a repository the REF is followed to the version read (README.md, "Clause identity").
  if (set.in_git() && !ref.is_path()) {
    Lineage lineage(set, ref.doc);
    out.reading = reading_for(lineage, set.selection(), today);
    out.doc = lineage.document(out.reading->index);
    out.doc.require_valid();
    Located located = lineage.locate(ref.id, out.reading->index);
    out.id = located.id;
    out.notes = std::move(located.notes);
    out.commit = lineage.revision(out.reading->index).commit;
  } else {
    out.doc = set.load(ref.doc);
    out.doc.require_valid();
    auto id = clause_id(out.doc, ref.id);
    if (!id) throw no_clause(out.doc, ref.id);
    out.id = *id;
  }
  out.clause();  // the clause must be there
  return out;
}

nlohmann::json to_json(const Shown& shown) {
  const Document& doc = shown.doc;
  const Clause& c = shown.clause();
  nlohmann::json j = to_json(c);
  j["ref"] = doc.meta.id + "#" + c.id;
  j["doc"] = doc.meta.id;
  j["citation"] = cite(doc, c.id);
  if (shown.reading)
    j["version"] = {{"published", text::format_iso(doc.meta.published)}, {"effective", text::format_iso(doc.meta.effective)},
                    {"commit", shown.commit}, {"reading", shown.reading->description}};
  j["notes"] = shown.notes;
  return j;
}

}  // namespace lexgit
