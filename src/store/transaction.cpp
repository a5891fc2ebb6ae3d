#include "store/transaction.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "lexgit/error.hpp"

namespace lexgit::store {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void cannot_write(const fs::path& path, int error) {
  throw Error(ErrorCode::Internal, "cannot write " + path.string() + ": " + std::strerror(error) + "; nothing was committed");
}

// Writes all of `contents` to `fd` and flushes it to disk; the errno otherwise.
int write_all(int fd, const std::string& contents) {
  std::size_t done = 0;
  while (done < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    done += static_cast<std::size_t>(n);
  }
  return ::fsync(fd) == 0 ? 0 : errno;
}

// A new file holding `contents`, flushed to disk; the errno otherwise.
int create_with(const fs::path& path, const std::string& contents) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return errno;
  int error = write_all(fd, contents);
  ::close(fd);
  return error;
}

}  // namespace

void fault_point(const char* step) {
  const char* at = std::getenv("LEXGIT_FAULT_AT");
  if (at && std::strcmp(at, step) == 0) std::raise(SIGKILL);
}

fs::path journal_path(const fs::path& gitdir) { return gitdir / "lexgit" / "commit-journal"; }
fs::path index_lock_path(const fs::path& gitdir) { return gitdir / "index.lock"; }

void write_journal(const fs::path& gitdir, const Journal& journal) {
  std::ostringstream out;
  out << "branch " << journal.branch << "\ncommit " << journal.commit << "\nlock " << journal.lock_inode << "\n";
  for (const std::string& path : journal.work_tree) out << "write " << path << "\n";
  out << "end\n";  // a journal cut short while written lacks it
  write_file_atomically(journal_path(gitdir), out.str());
}

std::optional<Journal> read_journal(const fs::path& gitdir) {
  std::ifstream in(journal_path(gitdir), std::ios::binary);
  if (!in) return std::nullopt;
  Journal journal;
  std::string line;
  bool complete = false;
  while (std::getline(in, line)) {
    std::string_view value = std::string_view(line).substr(std::min(line.size(), line.find(' ') + 1));
    if (line.starts_with("branch ")) journal.branch = value;
    else if (line.starts_with("commit ")) journal.commit = value;
    else if (line.starts_with("lock ")) journal.lock_inode = static_cast<ino_t>(std::strtoull(std::string(value).c_str(), nullptr, 10));
    else if (line.starts_with("write ")) journal.work_tree.emplace_back(value);
    else if (line == "end") complete = true;
  }
  if (!complete || journal.branch.empty() || journal.commit.empty()) return std::nullopt;
  return journal;
}

void write_file_atomically(const fs::path& path, const std::string& contents) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  fs::path tmp = path.parent_path() / ("." + path.filename().string() + ".tmp" + std::to_string(std::random_device{}()));
  if (int error = create_with(tmp, contents)) {
    fs::remove(tmp, ec);
    cannot_write(path, error);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int error = errno;
    fs::remove(tmp, ec);
    cannot_write(path, error);
  }
}

IndexLock::IndexLock(const fs::path& gitdir)
    : gitdir_(gitdir), own_(gitdir / "lexgit" / ("index.lock." + std::to_string(::getpid()))), lock_(index_lock_path(gitdir)) {
  std::error_code ec;
  fs::create_directories(own_.parent_path(), ec);
  fd_ = ::open(own_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) cannot_write(own_, errno);
  struct stat st {};
  ::fstat(fd_, &st);
  inode_ = st.st_ino;
}

IndexLock::~IndexLock() {
  if (fd_ >= 0) ::close(fd_);
  ::unlink(own_.c_str());
  if (acquired_) ::unlink(lock_.c_str());
}

void IndexLock::acquire() {
  // A git command holds the lock for a moment (git status refreshing the
  // index); one that holds it longer is running, or crashed.
  for (int attempt = 0;; ++attempt) {
    if (::link(own_.c_str(), lock_.c_str()) == 0) break;
    int error = errno;
    if (error != EEXIST) cannot_write(lock_, error);
    if (attempt >= 50)
      throw Error(ErrorCode::Conflict, lock_.string() + " exists: another git process is running, or one crashed: if none is running, remove " +
                                           lock_.string() + " and commit again; nothing was committed");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  acquired_ = true;
  ::unlink(own_.c_str());  // the lock is the only name of the file now
}

void IndexLock::write(const std::string& contents) {
  if (int error = write_all(fd_, contents)) cannot_write(lock_, error);
}

void IndexLock::commit() {
  if (::rename(lock_.c_str(), (gitdir_ / "index").c_str()) != 0) cannot_write(gitdir_ / "index", errno);
  acquired_ = false;
}

bool is_journal_lock(const fs::path& gitdir, const Journal& journal) {
  struct stat st {};
  return ::stat(index_lock_path(gitdir).c_str(), &st) == 0 && st.st_ino == journal.lock_inode;
}

}  // namespace lexgit::store
