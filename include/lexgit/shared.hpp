// Shared repositories: a pre-receive hook that validates what is pushed as
// lexgit commit validates it, and sync, which puts this clone's commits on
// top of the remote's without ever merging legal text.
#pragma once

#include <filesystem>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "lexgit/versions.hpp"

namespace lexgit::shared {

// What lexgit commit would say about the documents (and the .lexgit.yaml) a
// recorded commit changed, checked against the commit's own tree. Each
// diagnostic names the file by its path in the tree.
std::vector<Diagnostic> validate_commit(Versions& versions, const std::string& commit, const CheckOptions& options = {});

// ---- the pre-receive hook ----

// Writes `gitdir`/hooks/pre-receive running `lexgit` hook pre-receive. An
// existing different hook is refused (Error(Usage)) unless `force`. Returns
// the hook's path.
std::filesystem::path install_hook(const std::filesystem::path& gitdir, const std::filesystem::path& lexgit, bool force);

struct RefUpdate {
  std::string old_id, new_id, ref;
};
// The "<old> <new> <ref>" lines git gives a pre-receive hook on stdin.
std::vector<RefUpdate> read_ref_updates(std::istream& in);

struct Finding {
  std::string commit;
  Diagnostic diagnostic;
};
// Every new commit of each updated branch, on the first-parent chain from its
// old tip to its new one (a new branch: its whole first-parent history),
// validated. Deletions and refs other than branches are not checked.
std::vector<Finding> review_push(Versions& versions, const std::vector<RefUpdate>& updates);

// ---- sync ----

struct SyncOutcome {
  std::vector<std::string> replayed;  // the copies of this clone's commits now on the remote, oldest first
  std::string tip;                    // the branch's tip afterwards
  bool pushed = false;
  bool updated = false;               // the branch (and work tree) took the remote's new commits
  std::vector<Finding> warnings;      // drafting defects in the replayed commits
};
// Fetches `branch` (default: the current one) from `remote`, replays this
// clone's commits since the common ancestor on the remote's tip, validates
// them and pushes; retried when the remote moves meanwhile. Error(Conflict)
// naming both commits and the document when a file was changed both there
// and here (nothing changes); Error(BadInput) when a replayed commit does not
// validate or the remote's hook refuses it.
SyncOutcome sync(Versions& versions, Repository& repo, const std::string& remote, const std::string& branch = "");

}  // namespace lexgit::shared
