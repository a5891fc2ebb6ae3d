// lexgit log: a document's revisions with their clause counts, or one clause's
// revisions with their redlines, read the same way by the CLI and the web API.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "lexgit/diff.hpp"
#include "lexgit/docset.hpp"
#include "lexgit/lineage.hpp"

namespace lexgit::history {

// One revision in a log, newest version first.
struct Entry {
  CommitInfo commit;
  Revision revision;
  // A document's log: what the version did to the clauses of the one before.
  diff::Stat counts;
  // A clause's log: its ref in that version and the change that touched it.
  std::string ref;
  std::optional<diff::Change> change;
};

struct Log {
  bool clause = false;             // DOC#ID: one clause's history
  std::optional<Reading> reading;  // a clause's log: the version its REF is read in
  std::vector<std::string> notes;  // a clause's log: the lineage followed
  std::vector<Entry> entries;
};

// `target` is DOC or DOC#ID, at the set's tip. A clause's REF is read in the
// version show reads (in force on `at`, default `today`; the latest at a
// --rev) and followed through the document's versions by its lineage, never by
// its place. Error(NotFound) for a repository without commits or an unknown
// document or clause.
Log read(DocumentSet& set, const std::string& target, std::optional<text::Date> at, text::Date today);

// log --format json: an array, newest first, of {"commit", "author", "time",
// "message", "published", "effective", "status", "path"} with "clauses"
// {"added", "changed", "removed"} (a document) or "ref" and "change" (a clause).
nlohmann::json to_json(const Log& log);

// A commit time in the committer's own zone: 2026-01-15 10:00:00 +0800.
std::string commit_time(const CommitInfo& c);
// Clauses changed in a version, as log counts them: modified, moved,
// renumbered, split or merged.
int changed(const diff::Stat& s);

}  // namespace lexgit::history
