// Documents through time: the revisions of each document in a repository, and
// the version in force on a date. Revisions are ordered by their front
// matter's dates, never by commit time, so that back-filled history reads right.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "lexgit/check.hpp"
#include "lexgit/document.hpp"
#include "lexgit/store.hpp"

namespace lexgit {

struct Revision {
  std::string doc;      // document id
  std::string path;     // where the document is in the tree
  std::string commit;   // the commit that recorded this version
  std::string blob;     // the version's blob (outside git: empty)
  FrontMatter meta;
  std::size_t sequence = 0;  // position on the first-parent history, oldest first
  bool removed = false;      // this commit removed the document from the tree
};

// The revision last recorded on the history (the highest commit order);
// `revisions` must not be empty.
const Revision& latest_revision(const std::vector<Revision>& revisions);

// Why a document has no version in force on `at` (when version_in_force says
// none): in English and Chinese, said of the document ("its first version
// takes effect on 2025-03-01 …").
struct Absence {
  std::string en;
  std::string zh;
};
Absence why_not_in_force(const std::vector<Revision>& revisions, text::Date at);

// Revisions ordered as versions: by effective date, then publication date,
// then commit order.
void sort_as_versions(std::vector<Revision>& revisions);

// The version in force on `date` among one document's revisions: the latest
// effective on or before the date, drafts excluded. nullopt when there is none,
// when it is withdrawn, or when the document was removed from the tree.
std::optional<Revision> version_in_force(const std::vector<Revision>& revisions, text::Date date);

// The versions published on or before `date` that take effect after it (drafts
// and withdrawn versions excluded, and those a later version supersedes before
// they take effect): what `ls` shows as pending, each with the day it takes effect.
std::vector<Revision> pending_versions(const std::vector<Revision>& revisions, text::Date date);

class Versions {
 public:
  explicit Versions(Repository& repo) : repo_(repo) {}
  Repository& repository() { return repo_; }

  // Every document's revisions along the first-parent history of `tip`, each in
  // commit order. Built incrementally and kept in the repository's cache.
  const std::map<std::string, std::vector<Revision>>& history(const std::string& tip);
  // One document's revisions (empty when the document is unknown at `tip`).
  std::vector<Revision> revisions(const std::string& tip, const std::string& doc);
  // The documents present at `tip`, each as its latest revision.
  std::vector<Revision> documents_at(const std::string& tip);
  // Each document's version in force on `date`.
  std::vector<Revision> in_force(const std::string& tip, text::Date date);
  // Every document's pending versions on `date` (see pending_versions).
  std::vector<Revision> pending(const std::string& tip, text::Date date);

  Document load(const Revision& revision);

  // What recording `documents` in the tree of `tip` means, as commit
  // validates: check_documents's findings, and an error for each id that
  // another document of that tree has. The documents at `paths` (the files
  // being written or removed) are not others. Used by commit (tip: the branch
  // tip) and by the pre-receive hook (tip: the pushed commit's parent).
  std::vector<Diagnostic> validate(const std::vector<Document>& documents, const std::vector<std::string>& paths,
                                   const std::optional<std::string>& tip, const CheckOptions& options = {});

  // The documents in the work tree that differ from the branch tip.
  std::vector<std::filesystem::path> changed_files();
  // What committing some files gives: what check found in them, and the new
  // commit. Errors (a document lexgit cannot use, an id that another document
  // of the repository has) refuse the commit; drafting defects are warnings
  // (errors under CheckOptions::strict): a commit records what was published.
  struct CommitOutcome {
    std::vector<Diagnostic> diagnostics;
    std::optional<std::string> commit;  // nullopt when refused or when nothing changed
    std::vector<std::pair<std::string, std::string>> documents;  // each file's document id and path, as given
    int errors() const;
  };
  // Validates the files and records them as one commit (see Repository::commit);
  // packs loose objects when they pile up. Nothing is written when refused.
  // `as_is`: files recorded with them but not read as documents (the
  // repository's .lexgit.yaml, which the caller checked — see config::commit);
  // each is listed in `documents` with an empty id.
  CommitOutcome commit(const std::vector<std::filesystem::path>& files, const std::string& message,
                       const std::string& author, const std::optional<std::string>& base = std::nullopt,
                       const CheckOptions& options = {}, const std::vector<std::filesystem::path>& as_is = {});

 private:
  Repository& repo_;
  std::map<std::string, std::map<std::string, std::vector<Revision>>> histories_;  // per tip
  std::optional<FrontMatter> front_matter_of(const std::string& blob);
};

nlohmann::json to_json(const Revision& revision);

}  // namespace lexgit
