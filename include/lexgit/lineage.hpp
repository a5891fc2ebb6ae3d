// A clause's identity across a document's versions (README.md, "Clause
// identity"). Ids are places — 10.3, 7.p2 — and places move when clauses are
// inserted, removed or renumbered. Each version is aligned with the one before
// it (the redline's alignment, kept in the repository's cache per pair of
// blobs); following those links from version to version is the clause's
// lineage. A REF's id is written against the document's latest version and
// followed to the version a command reads, which says so when the id differs.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "lexgit/docset.hpp"

namespace lexgit {

// Which version of a document a command reads.
struct Reading {
  std::size_t index = 0;     // into Lineage's versions
  std::string description;   // "生效版本（2025-01-01 发布，2025-01-01 生效）…" for the output
};

// Where a REF's clause is in the version read.
struct Located {
  std::string id;                  // its id in the version read
  std::vector<std::string> notes;  // what lineage was followed, for the reader
};

class Lineage {
 public:
  // One document's versions at the set's tip, in version order (effective,
  // published, commit order). Error(NotFound) for an unknown document.
  Lineage(DocumentSet& set, const std::string& doc);

  std::size_t size() const { return revisions_.size(); }
  const Revision& revision(std::size_t i) const { return revisions_[i]; }
  // The version's text; an empty document where the version removed it.
  const Document& document(std::size_t i);

  // The version REF ids are written against: the latest that is not a draft.
  std::size_t latest() const;
  // The version in force on `date`, if any.
  std::optional<std::size_t> in_force(text::Date date) const;
  // The version a command reads: in force on `at` (default today), else —
  // without a date — the latest; Error(NotFound) when a given date has none.
  // `latest_by_default`: without a date, the latest (a --rev names a commit).
  Reading reading(std::optional<text::Date> at, text::Date today, bool latest_by_default = false);

  // The id in version `to` of the clause whose id is `id` in version `from`;
  // nullopt when that clause is not in version `to` (added later, or removed).
  std::optional<std::string> follow(const std::string& id, std::size_t from, std::size_t to);

  // Finds REF's clause (an id or a citation, as in the latest version, or —
  // when the latest has no such clause — as in the version read) in version
  // `read`. Error(NotFound) when neither version has it.
  Located locate(std::string_view id_or_citation, std::size_t read);

 private:
  DocumentSet& set_;
  std::vector<Revision> revisions_;
  std::vector<std::optional<Document>> documents_;
  std::vector<std::optional<std::vector<std::pair<std::string, std::string>>>> steps_;  // step i: version i → i+1

  const std::vector<std::pair<std::string, std::string>>& step(std::size_t i);
  std::string version_label(std::size_t i) const;
};

// ---- what outline and show read -------------------------------------------------

// A document as outline reads it: in a repository (and given an id, not a
// path) the version the set's selection reads — in force on its date (default
// `today`; the latest when none is), or the latest at its revision — else the
// file or the selected document.
struct Outline {
  Document doc;
  std::optional<Reading> reading;  // in a repository
};
Outline read_outline(DocumentSet& set, const std::string& doc_or_file, text::Date today);
// outline --format json: {"doc", "clauses", "reading" (in a repository)}.
nlohmann::json to_json(const Outline& outline);

// A clause as show reads it: REF (DOC#ID, ID an id or a citation) followed to
// the version read as outline reads it. Error(Usage) for a REF without a
// clause, Error(NotFound) for an unknown document or clause.
struct Shown {
  Document doc;
  std::string id;                  // the clause's id in the version read
  std::vector<std::string> notes;  // the lineage followed
  std::optional<Reading> reading;  // in a repository
  std::string commit;              // the version's commit, in a repository
  const Clause& clause() const;
};
Shown read_clause(DocumentSet& set, const std::string& ref, text::Date today);
// show --format json: the clause with "ref", "doc", "citation", "notes" and
// (in a repository) "version".
nlohmann::json to_json(const Shown& shown);

}  // namespace lexgit
