// The store: a git repository read and written through libgit2. It knows files,
// blobs and commits, not documents (see versions.hpp for those).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "lexgit/error.hpp"

namespace lexgit {

namespace cache {
class Cache;
}

struct CommitInfo {
  std::string id;       // 40 hex digits
  std::string author;   // "Name <email>"
  long long time = 0;   // commit time, seconds since the epoch
  int offset = 0;       // the committer's time zone, minutes east of UTC
  std::string message;
};

struct FileChange {
  std::string path;
  std::string old_blob;  // empty: the file was added
  std::string new_blob;  // empty: the file was removed
};

// What one commit on the first-parent history changed among the Markdown files.
struct CommitChanges {
  std::string commit;
  std::vector<FileChange> changes;
};

struct CacheStats {
  std::string path;
  long long blobs = 0;      // blobs whose front matter was read
  long long documents = 0;  // parsed documents
  long long histories = 0;  // revision lists, per tip and document
  long long fts = 0;        // clauses in the full-text index (lexgit which)
  long long bytes = 0;
};

class Repository {
 public:
  // The repository containing `dir` (or `dir` itself when bare); nullopt outside git.
  static std::optional<Repository> discover(const std::filesystem::path& dir);
  // Creates a repository (or opens an existing one) and gives it a commented
  // .lexgit.yaml, committed when the repository is new.
  static Repository init(const std::filesystem::path& dir);

  Repository(Repository&&) noexcept;
  Repository& operator=(Repository&&) noexcept;
  ~Repository();

  bool is_bare() const;
  std::filesystem::path workdir() const;  // empty when bare
  std::filesystem::path gitdir() const;

  // A commit id for any git revision (HEAD, main~2, a tag, an abbreviated hash).
  std::string resolve(std::string_view rev) const;
  // The branch tip; nullopt while the branch has no commits.
  std::optional<std::string> head() const;
  CommitInfo commit_info(const std::string& commit) const;
  std::string read_blob(const std::string& blob) const;
  // The id git gives `contents` as a blob (without storing it).
  std::string blob_id(std::string_view contents) const;

  // A file's contents at a commit; nullopt when the commit has no such file.
  std::optional<std::string> file_at(const std::string& commit, const std::string& path) const;

  // The files directly in `folder` at a commit whose names end in `suffix`:
  // path → contents (empty when there is no such folder).
  std::map<std::string, std::string> files_in(const std::string& commit, const std::string& folder,
                                              std::string_view suffix) const;

  // The *.md files at a commit: path → blob.
  std::map<std::string, std::string> markdown_files(const std::string& commit) const;

  // The changes to *.md files made by each commit on the first-parent history of
  // `tip`, newest first, stopping before the first commit for which `known` is
  // true (that commit and its ancestors are not reported).
  std::vector<CommitChanges> markdown_changes(const std::string& tip,
                                              const std::function<bool(const std::string&)>& known) const;

  struct CommitRequest {
    std::map<std::string, std::string> files;  // path in the work tree (relative) → contents
    std::map<std::string, std::string> names;  // path → how to name it in messages (a document id)
    std::string message;
    std::string author;  // "Name <email>"; default: git's user.name and user.email
    // The commit the edit started from; default: the tip when commit() starts.
    std::optional<std::string> base;
    // Commits recorded first, in order, each with its own files and message,
    // the branch moving once for all of them: all are recorded or none. (A
    // publication records the version with only its security changes, then the
    // whole revision.) `files` must name every path the stages write.
    struct Stage {
      std::map<std::string, std::string> files;
      std::string message;
    };
    std::vector<Stage> stages;
    // Paths committed whose work-tree file is left as it is (it holds edits of
    // its own, as when a draft is published from the web).
    std::set<std::string> leave_in_work_tree;
  };
  // Records the files as one commit on the current branch, compare-and-swap:
  // if the branch moved meanwhile and the new commits touched none of these
  // files, the change is re-based onto the new tip and tried again; if they
  // did, Error(Conflict) names the file and the commit, and nothing changes.
  // The index, and the work tree's files that differ, are brought to the
  // commit. Killed at any point, the repository is left at the old state or
  // the new one (the next lexgit command finishes an interrupted commit); a
  // failure before the branch moves changes nothing, one after it is a
  // warning (take_warnings()). git's .git/index.lock or the branch's lock
  // held by another process is Error(Conflict) naming it. Returns the commit
  // id, or nullopt when nothing changed.
  std::optional<std::string> commit(const CommitRequest& request);

  // ---- sharing with a remote (lexgit sync; src/store/remote.cpp) ----
  // The repository as git runs a hook in it: GIT_DIR, and the pushed objects
  // still in quarantine (GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES).
  static Repository from_environment();
  // The current branch's short name ("main"); Error(Usage) when HEAD is detached.
  std::string branch() const;
  // Fetches from `remote` (its configured refspecs) and gives `branch`'s tip
  // there; nullopt when the remote has no such branch.
  std::optional<std::string> fetch(const std::string& remote, const std::string& branch);
  // Pushes `commit` to `branch` on `remote`. False when the remote refused it
  // because its branch moved meanwhile; Error(BadInput) with the remote's
  // messages when it refused it for another reason (its pre-receive hook).
  bool push(const std::string& remote, const std::string& commit, const std::string& branch);
  // A commit's first parent; nullopt for a root commit.
  std::optional<std::string> first_parent(const std::string& commit) const;
  std::optional<std::string> merge_base(const std::string& a, const std::string& b) const;
  // The commits on the first-parent chain from `tip` back to (not including)
  // `base`, oldest first; the whole chain when `base` is not on it.
  std::vector<std::string> first_parent_chain(const std::string& tip, const std::optional<std::string>& base) const;
  // The files (of any kind) a commit changed against its first parent.
  std::vector<std::string> changed_paths(const std::string& commit) const;
  // A copy of `commit` on top of `onto`: its changes to files applied to onto's
  // tree, with its message, author and committer. Returns the copy's id.
  std::string replay(const std::string& commit, const std::string& onto);
  // Error(Conflict) naming the file when moving the work tree from `from` to
  // `to` would overwrite uncommitted changes; writes nothing.
  void check_can_advance(const std::string& from, const std::string& to);
  // Moves the current branch from `from` to `to` (compare-and-swap) and updates
  // the work tree and index for the files that differ.
  void advance(const std::string& from, const std::string& to);

  // Packs loose objects when they pile up (loose objects slow history walks).
  void pack_if_needed();

  // The embedded cache inside the git directory; nullptr when it cannot be used.
  cache::Cache* cache();
  CacheStats cache_stats();
  void clear_cache();

  // Things worth telling the user that are not errors (a cache rebuilt, …).
  std::vector<std::string> take_warnings();

 private:
  struct Impl;
  explicit Repository(std::unique_ptr<Impl> impl);
  void finish_interrupted_commit();
  std::unique_ptr<Impl> impl_;
};

}  // namespace lexgit
