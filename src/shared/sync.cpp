#include <algorithm>
#include <map>

#include "lexgit/shared.hpp"

namespace lexgit::shared {
namespace {

constexpr int kAttempts = 5;

std::string short_id(const std::string& id) { return id.substr(0, 12); }

std::string described(Repository& repo, const std::string& commit) {
  std::string message = repo.commit_info(commit).message;
  return short_id(commit) + " (" + message.substr(0, message.find('\n')) + ")";
}

// "document ID (path)", or the path when the file is not a lexgit document.
std::string document_named(Repository& repo, const std::string& commit, const std::string& path) {
  std::optional<std::string> contents = repo.file_at(commit, path);
  if (!contents || !is_lexgit_document(*contents)) return path;
  return "document " + parse_document(*contents, path).meta.id + " (" + path + ")";
}

// Error(Conflict) when one of `local` changed a file that one of `upstream` changed too.
void refuse_same_document(Repository& repo, const std::vector<std::string>& local, const std::vector<std::string>& upstream,
                          const std::string& where) {
  std::map<std::string, std::string> changed_there;  // path → the latest upstream commit changing it
  for (const std::string& commit : upstream)
    for (const std::string& path : repo.changed_paths(commit)) changed_there[path] = commit;
  for (const std::string& commit : local) {
    for (const std::string& path : repo.changed_paths(commit)) {
      auto there = changed_there.find(path);
      if (there == changed_there.end()) continue;
      throw Error(ErrorCode::Conflict, document_named(repo, commit, path) + " was changed on " + where + " by commit " +
                                           described(repo, there->second) + " and here by commit " + described(repo, commit) +
                                           ": nothing was changed; review their version, redo your edit on it, then sync again");
    }
  }
}

// Replays `local` on `onto` and validates each copy; Error(BadInput) listing the errors.
std::vector<std::string> replay_validated(Versions& versions, const std::vector<std::string>& local, std::string onto,
                                          std::vector<Finding>& warnings) {
  Repository& repo = versions.repository();
  std::vector<std::string> copies;
  std::string errors;
  for (const std::string& commit : local) {
    onto = repo.replay(commit, onto);
    copies.push_back(onto);
    for (Diagnostic& d : validate_commit(versions, onto)) {
      if (d.severity == Severity::Error) errors += short_id(commit) + " " + d.describe() + "\n";
      else warnings.push_back({commit, std::move(d)});
    }
  }
  if (!errors.empty()) throw Error(ErrorCode::BadInput, "your commits do not validate on the remote's documents; nothing was pushed:\n" + errors);
  return copies;
}

}  // namespace

SyncOutcome sync(Versions& versions, Repository& repo, const std::string& remote, const std::string& branch_given) {
  const std::string branch = branch_given.empty() ? repo.branch() : branch_given;
  const std::string where = remote + "/" + branch;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    SyncOutcome outcome;
    std::optional<std::string> local = repo.head();
    if (!local) throw Error(ErrorCode::Usage, "nothing to sync: the branch has no commits");
    std::optional<std::string> upstream = repo.fetch(remote, branch);
    std::optional<std::string> base = upstream ? repo.merge_base(*local, *upstream) : std::nullopt;
    if (upstream && !base) throw Error(ErrorCode::Conflict, "this branch and " + where + " share no history: nothing was changed");
    outcome.tip = *local;
    if (upstream && *base == *local) {  // nothing of ours to push: take theirs
      if (*upstream != *local) {
        repo.check_can_advance(*local, *upstream);
        repo.advance(*local, *upstream);
        outcome.updated = true;
        outcome.tip = *upstream;
      }
      return outcome;
    }
    std::string tip = *local;
    if (upstream && *base != *upstream) {  // both moved: ours go on top of theirs
      std::vector<std::string> mine = repo.first_parent_chain(*local, base);
      refuse_same_document(repo, mine, repo.first_parent_chain(*upstream, base), where);
      outcome.replayed = replay_validated(versions, mine, *upstream, outcome.warnings);
      tip = outcome.replayed.back();
      repo.check_can_advance(*local, tip);
    }
    if (!repo.push(remote, tip, branch)) continue;  // the remote moved meanwhile: again, from a new fetch
    outcome.pushed = true;
    if (tip != *local) {
      repo.advance(*local, tip);
      outcome.updated = true;
    }
    outcome.tip = tip;
    return outcome;
  }
  throw Error(ErrorCode::Conflict, where + " kept moving: gave up after " + std::to_string(kAttempts) +
                                       " attempts; your branch is unchanged, sync again");
}

}  // namespace lexgit::shared
