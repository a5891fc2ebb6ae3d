// How a commit changes a repository so that a process killed at any point
// leaves the old state or the new one: a journal written first says what the
// commit is about to do, git's own index lock (.git/index.lock) is taken
// before the branch moves and holds the new index, and the next lexgit
// command that finds a journal left behind finishes the commit (the branch
// moved) or undoes it (it did not).
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lexgit::store {

// When the environment variable LEXGIT_FAULT_AT names `step`, the process
// kills itself there (SIGKILL, as kill -9 would): tests stop a commit at each
// of its steps. Steps: journal-written, index-locked, index-staged, ref-moved,
// index-written, work-tree-written.
void fault_point(const char* step);

// What a commit is about to do, in .git/lexgit/commit-journal.
struct Journal {
  std::string branch;                  // refs/heads/…
  std::string commit;                  // the branch's new tip
  ino_t lock_inode = 0;                // the .git/index.lock this commit made
  std::vector<std::string> work_tree;  // paths whose work-tree file the commit writes
};

std::filesystem::path journal_path(const std::filesystem::path& gitdir);
// Written and flushed to disk; Error(Internal) naming the file when it cannot be.
void write_journal(const std::filesystem::path& gitdir, const Journal& journal);
// nullopt when there is none, or it is unreadable (cut short while written).
std::optional<Journal> read_journal(const std::filesystem::path& gitdir);

// Writes `contents` to `path` through a temporary file renamed over it, so
// that a reader sees the old file or the new one. Error(Internal) naming the
// file when it cannot be written.
void write_file_atomically(const std::filesystem::path& path, const std::string& contents);

// git's lock on the index, taken as git takes it: .git/index.lock created
// exclusively. It is made in two steps so that the journal can name it before
// it exists: a private file first (its inode goes in the journal), then
// linked to .git/index.lock. Unless committed, the lock is removed on
// destruction and the index is unchanged.
class IndexLock {
 public:
  explicit IndexLock(const std::filesystem::path& gitdir);
  IndexLock(const IndexLock&) = delete;
  IndexLock& operator=(const IndexLock&) = delete;
  ~IndexLock();
  ino_t inode() const { return inode_; }
  // Takes .git/index.lock; Error(Conflict) naming it when another process
  // holds it (for more than a moment) or one crashed holding it.
  void acquire();
  // The new index's bytes, flushed to disk.
  void write(const std::string& contents);
  // Renames the lock to .git/index: the new index is in place.
  void commit();

 private:
  std::filesystem::path gitdir_, own_, lock_;
  int fd_ = -1;
  ino_t inode_ = 0;
  bool acquired_ = false;
};

// Whether .git/index.lock is the lock the journal names (made by that commit).
bool is_journal_lock(const std::filesystem::path& gitdir, const Journal& journal);
std::filesystem::path index_lock_path(const std::filesystem::path& gitdir);

}  // namespace lexgit::store
