#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>
#include <thread>

#include "store/repository_impl.hpp"
#include "store/transaction.hpp"

namespace lexgit {
namespace fs = std::filesystem;

namespace {

using git::check;
using git::parse_oid;

constexpr const char* kConfigTemplate =
    "# lexgit configuration for this document repository.\n"
    "#\n"
    "# Documents are the tracked *.md files that open with lexgit front matter\n"
    "# (see the README, \"Document format\"). Other files are ignored.\n"
    "#\n"
    "# Later features add their settings here, for example:\n"
    "#\n"
    "# precedence:\n"
    "#   agreement: partner-framework      # the framework agreement's document id\n"
    "# notice:\n"
    "#   from: channel@example.com\n"
    "#   to: partners@example.com\n";

bool is_markdown(std::string_view name) { return name.size() > 3 && name.ends_with(".md"); }

// An advisory lock on a file in the git directory, released on destruction.
// Used around what libgit2 does not lock for us (index read-modify-write, packing).
class FileLock {
 public:
  FileLock(const fs::path& file, bool wait) {
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ >= 0 && ::flock(fd_, wait ? LOCK_EX : (LOCK_EX | LOCK_NB)) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~FileLock() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool held() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

// Compares two trees, descending only into subtrees whose ids differ, and
// reports the *.md files that differ.
void diff_trees(git_repository* repo, const git_tree* before, const git_tree* after, const std::string& prefix,
                std::vector<FileChange>& out) {
  auto subtree = [&](const git_tree_entry* e) {
    return git::lookup_tree(repo, *git_tree_entry_id(e));
  };
  auto md_blob = [](const git_tree_entry* e) {
    return e && git_tree_entry_type(e) == GIT_OBJECT_BLOB && is_markdown(git_tree_entry_name(e));
  };
  auto is_tree = [](const git_tree_entry* e) { return e && git_tree_entry_type(e) == GIT_OBJECT_TREE; };

  std::size_t n_after = after ? git_tree_entrycount(after) : 0;
  for (std::size_t i = 0; i < n_after; ++i) {
    const git_tree_entry* e = git_tree_entry_byindex(after, i);
    const char* name = git_tree_entry_name(e);
    const git_tree_entry* old = before ? git_tree_entry_byname(before, name) : nullptr;
    if (old && git_tree_entry_type(old) == git_tree_entry_type(e) && git_oid_equal(git_tree_entry_id(old), git_tree_entry_id(e)))
      continue;
    std::string path = prefix + name;
    if (is_tree(e)) {
      git::Tree now = subtree(e);
      git::Tree was = is_tree(old) ? subtree(old) : nullptr;
      diff_trees(repo, was.get(), now.get(), path + "/", out);
      if (md_blob(old)) out.push_back({path, git::hex(*git_tree_entry_id(old)), ""});
    } else if (md_blob(e)) {
      out.push_back({path, md_blob(old) ? git::hex(*git_tree_entry_id(old)) : "", git::hex(*git_tree_entry_id(e))});
      if (is_tree(old)) diff_trees(repo, subtree(old).get(), nullptr, path + "/", out);
    } else if (is_tree(old)) {
      diff_trees(repo, subtree(old).get(), nullptr, path + "/", out);
    } else if (md_blob(old)) {
      out.push_back({path, git::hex(*git_tree_entry_id(old)), ""});
    }
  }
  std::size_t n_before = before ? git_tree_entrycount(before) : 0;
  for (std::size_t i = 0; i < n_before; ++i) {
    const git_tree_entry* old = git_tree_entry_byindex(before, i);
    if (after && git_tree_entry_byname(after, git_tree_entry_name(old))) continue;
    std::string path = prefix + git_tree_entry_name(old);
    if (is_tree(old)) diff_trees(repo, subtree(old).get(), nullptr, path + "/", out);
    else if (md_blob(old)) out.push_back({path, git::hex(*git_tree_entry_id(old)), ""});
  }
}

git::Signature signature_for(git_repository* repo, const std::string& author) {
  git_signature* sig = nullptr;
  if (!author.empty()) {
    auto lt = author.find('<'), gt = author.rfind('>');
    if (lt == std::string::npos || gt == std::string::npos || gt < lt || lt == 0)
      throw Error(ErrorCode::Usage, "--author must look like \"Name <email>\", not '" + author + "'");
    std::string name = author.substr(0, lt);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    check(git_signature_now(&sig, name.c_str(), author.substr(lt + 1, gt - lt - 1).c_str()), "making the author signature");
    return git::Signature(sig);
  }
  if (git_signature_default(&sig, repo) < 0)
    throw Error(ErrorCode::Usage, "no author: set git's user.name and user.email, or pass --author \"Name <email>\"");
  return git::Signature(sig);
}

std::string branch_ref(git_repository* repo) {
  git_reference* head = nullptr;
  check(git_reference_lookup(&head, repo, "HEAD"), "reading HEAD");
  git::Reference owned(head);
  if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC)
    throw Error(ErrorCode::Usage, "HEAD is detached: check out a branch before committing");
  return git_reference_symbolic_target(head);
}

std::optional<git_oid> ref_target(git_repository* repo, const std::string& ref) {
  git_oid id;
  int rc = git_reference_name_to_id(&id, repo, ref.c_str());
  if (rc == GIT_ENOTFOUND) return std::nullopt;
  check(rc, "reading " + ref);
  return id;
}

std::string summary(const std::string& message) { return message.substr(0, message.find('\n')); }

}  // namespace

// ---- opening ---------------------------------------------------------------------

Repository::Repository(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Repository::Repository(Repository&&) noexcept = default;
Repository& Repository::operator=(Repository&&) noexcept = default;
Repository::~Repository() = default;

std::optional<Repository> Repository::discover(const fs::path& dir) {
  git::ensure_initialised();
  git_repository* r = nullptr;
  int rc = git_repository_open_ext(&r, dir.c_str(), 0, nullptr);
  if (rc == GIT_ENOTFOUND) return std::nullopt;
  check(rc, "opening the git repository at " + dir.string());
  auto impl = std::make_unique<Impl>();
  impl->repo.reset(r);
  Repository repo(std::move(impl));
  repo.finish_interrupted_commit();
  return repo;
}


Repository Repository::init(const fs::path& dir) {
  git::ensure_initialised();
  std::error_code ec;
  fs::create_directories(dir, ec);
  git_repository* r = nullptr;
  check(git_repository_init(&r, dir.c_str(), 0), "creating a git repository at " + dir.string());
  auto impl = std::make_unique<Impl>();
  impl->repo.reset(r);
  Repository repo(std::move(impl));
  fs::path config = dir / ".lexgit.yaml";
  if (!fs::exists(config)) {
    std::ofstream(config) << kConfigTemplate;
    if (!repo.head()) {
      CommitRequest request;
      request.files[".lexgit.yaml"] = kConfigTemplate;
      request.message = "Start a lexgit document repository";
      // The first commit holds only the configuration: it needs no person's
      // name, so a machine without a git identity can still create a repository.
      git_signature* configured = nullptr;
      if (git_signature_default(&configured, repo.impl_->repo.get()) < 0) request.author = "lexgit <lexgit@localhost>";
      git_signature_free(configured);
      repo.commit(request);
    }
  }
  return repo;
}

std::string Repository::branch() const {
  std::string ref = branch_ref(impl_->repo.get());
  return ref.starts_with("refs/heads/") ? ref.substr(11) : ref;
}

bool Repository::is_bare() const { return git_repository_is_bare(impl_->repo.get()); }

fs::path Repository::workdir() const {
  const char* w = git_repository_workdir(impl_->repo.get());
  return w ? fs::path(w) : fs::path();
}

fs::path Repository::gitdir() const { return git_repository_path(impl_->repo.get()); }

std::string Repository::resolve(std::string_view rev) const {
  git_object* obj = nullptr;
  std::string spec(rev);
  if (git_revparse_single(&obj, impl_->repo.get(), spec.c_str()) < 0)
    throw Error(ErrorCode::NotFound, "no revision '" + spec + "' in " + gitdir().string());
  git::Object owned(obj);
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0)
    throw Error(ErrorCode::NotFound, "'" + spec + "' does not name a commit");
  git::Object commit(peeled);
  return git::hex(*git_object_id(peeled));
}

std::optional<std::string> Repository::head() const {
  git_oid id;
  int rc = git_reference_name_to_id(&id, impl_->repo.get(), "HEAD");
  if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) return std::nullopt;
  check(rc, "reading HEAD");
  return git::hex(id);
}

CommitInfo Repository::commit_info(const std::string& commit) const {
  git::Commit c = git::lookup_commit(impl_->repo.get(), parse_oid(commit));
  const git_signature* a = git_commit_author(c.get());
  CommitInfo info;
  info.id = commit;
  info.author = std::string(a->name) + " <" + a->email + ">";
  info.time = static_cast<long long>(git_commit_time(c.get()));
  info.offset = git_commit_time_offset(c.get());
  const char* message = git_commit_message(c.get());
  info.message = message ? message : "";
  while (!info.message.empty() && info.message.back() == '\n') info.message.pop_back();
  return info;
}

std::string Repository::read_blob(const std::string& blob) const {
  git::Blob b = git::lookup_blob(impl_->repo.get(), parse_oid(blob));
  return std::string(git::blob_text(b.get()));
}

std::string Repository::blob_id(std::string_view contents) const {
  git_oid id;
  check(git_odb_hash(&id, contents.data(), contents.size(), GIT_OBJECT_BLOB), "hashing a file");
  return git::hex(id);
}

std::optional<std::string> Repository::file_at(const std::string& commit, const std::string& path) const {
  git::Commit c = git::lookup_commit(impl_->repo.get(), parse_oid(commit));
  git::Tree t = git::commit_tree(c.get());
  git_tree_entry* entry = nullptr;
  if (git_tree_entry_bypath(&entry, t.get(), path.c_str()) != 0) return std::nullopt;
  git::TreeEntry owned(entry);
  if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) return std::nullopt;
  return read_blob(git::hex(*git_tree_entry_id(entry)));
}

std::map<std::string, std::string> Repository::files_in(const std::string& commit, const std::string& folder,
                                                        std::string_view suffix) const {
  git::Commit c = git::lookup_commit(impl_->repo.get(), parse_oid(commit));
  git::Tree root = git::commit_tree(c.get());
  git_tree_entry* entry = nullptr;
  if (git_tree_entry_bypath(&entry, root.get(), folder.c_str()) != 0) return {};
  git::TreeEntry owned(entry);
  if (git_tree_entry_type(entry) != GIT_OBJECT_TREE) return {};
  git::Tree tree = git::lookup_tree(impl_->repo.get(), *git_tree_entry_id(entry));
  std::map<std::string, std::string> files;
  for (std::size_t i = 0; i < git_tree_entrycount(tree.get()); ++i) {
    const git_tree_entry* e = git_tree_entry_byindex(tree.get(), i);
    std::string_view name = git_tree_entry_name(e);
    if (git_tree_entry_type(e) == GIT_OBJECT_BLOB && name.size() > suffix.size() && name.ends_with(suffix))
      files[folder + "/" + std::string(name)] = read_blob(git::hex(*git_tree_entry_id(e)));
  }
  return files;
}

std::map<std::string, std::string> Repository::markdown_files(const std::string& commit) const {
  std::vector<FileChange> all;
  git::Commit c = git::lookup_commit(impl_->repo.get(), parse_oid(commit));
  git::Tree t = git::commit_tree(c.get());
  diff_trees(impl_->repo.get(), nullptr, t.get(), "", all);
  std::map<std::string, std::string> files;
  for (const FileChange& f : all) files[f.path] = f.new_blob;
  return files;
}

std::vector<CommitChanges> Repository::markdown_changes(const std::string& tip,
                                                        const std::function<bool(const std::string&)>& known) const {
  std::vector<CommitChanges> out;
  git_repository* repo = impl_->repo.get();
  git::Commit current = git::lookup_commit(repo, parse_oid(tip));
  while (current) {
    std::string id = git::hex(*git_commit_id(current.get()));
    if (known(id)) break;
    git::Commit parent;
    if (git_commit_parentcount(current.get()) > 0) {
      git_commit* p = nullptr;
      check(git_commit_parent(&p, current.get(), 0), "reading the parent of " + id);
      parent.reset(p);
    }
    git::Tree after = git::commit_tree(current.get());
    git::Tree before = parent ? git::commit_tree(parent.get()) : nullptr;
    CommitChanges changes{id, {}};
    diff_trees(repo, before.get(), after.get(), "", changes.changes);
    out.push_back(std::move(changes));
    current = std::move(parent);
  }
  return out;
}

// ---- writing ----------------------------------------------------------------------

namespace {

// The commits on the first-parent chain from `tip` back to (not including) `base`.
// Throws Conflict when `base` is not on that chain: the branch was rewritten.
std::vector<git::Commit> commits_since(git_repository* repo, const git_oid& tip, const git_oid& base,
                                       const std::string& branch) {
  std::vector<git::Commit> out;
  git::Commit c = git::lookup_commit(repo, tip);
  while (!git_oid_equal(git_commit_id(c.get()), &base)) {
    if (git_commit_parentcount(c.get()) == 0)
      throw Error(ErrorCode::Conflict, branch + " was rewritten while committing (its old tip " + git::hex(base) +
                                           " is gone): nothing was committed");
    git_commit* p = nullptr;
    check(git_commit_parent(&p, c.get(), 0), "reading a parent commit");
    out.push_back(std::move(c));
    c.reset(p);
  }
  return out;
}

// Throws Conflict when a commit since `base` changed one of the files being committed.
void refuse_overlap(git_repository* repo, const git_oid& tip, const git_oid& base, const std::string& branch,
                    const Repository::CommitRequest& request) {
  for (const git::Commit& c : commits_since(repo, tip, base, branch)) {
    git::Tree after = git::commit_tree(c.get());
    git::Tree before;
    if (git_commit_parentcount(c.get()) > 0) {
      git_commit* p = nullptr;
      check(git_commit_parent(&p, c.get(), 0), "reading a parent commit");
      git::Commit parent(p);
      before = git::commit_tree(parent.get());
    }
    for (const auto& [path, contents] : request.files) {
      git_tree_entry* a = nullptr;
      git_tree_entry* b = nullptr;
      bool in_after = git_tree_entry_bypath(&a, after.get(), path.c_str()) == 0;
      bool in_before = before && git_tree_entry_bypath(&b, before.get(), path.c_str()) == 0;
      git::TreeEntry ea(a), eb(b);
      bool changed = in_after != in_before || (in_after && !git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)));
      if (!changed) continue;
      auto name = request.names.count(path) ? request.names.at(path) : path;
      std::string id = git::hex(*git_commit_id(c.get()));
      throw Error(ErrorCode::Conflict, "document " + name + " (" + path + ") was changed meanwhile by commit " +
                                           id.substr(0, 12) + " (" + summary(git_commit_message(c.get())) +
                                           "); nothing was committed and your files are untouched: review that "
                                           "change, then commit again");
    }
  }
}

// A ref's lock another writer holds, or left behind, stops every commit: it
// is reported at once, never removed here, because its owner may still run.
[[noreturn]] void refuse_ref_lock(const fs::path& gitdir, const std::string& ref) {
  fs::path lock = gitdir / (ref + ".lock");
  std::error_code ec;
  auto written = fs::last_write_time(lock, ec);
  std::string age = ec ? std::string()
                       : " (" + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(fs::file_time_type::clock::now() - written).count()) +
                             " seconds old)";
  throw Error(ErrorCode::Conflict, "the branch is locked by " + lock.string() + age +
                                       ": another git process is running, or one crashed: if none is running, remove " + lock.string() +
                                       " and commit again; nothing was committed");
}

// A file's bytes; nullopt when it cannot be read.
std::optional<std::string> read_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The index as it will be once these blobs are staged: the current index
// (.git/index) with their entries replaced, as the bytes of an index file.
std::string staged_index(const fs::path& gitdir, const std::vector<std::pair<std::string, git_oid>>& blobs,
                         const std::map<std::string, std::string>& files) {
  fs::path next = gitdir / "lexgit" / "index.next";
  std::error_code ec;
  fs::remove(next, ec);
  if (fs::exists(gitdir / "index")) fs::copy_file(gitdir / "index", next, ec);
  if (ec) throw Error(ErrorCode::Internal, "cannot write " + next.string() + ": " + ec.message() + "; nothing was committed");
  git_index* raw = nullptr;
  check(git_index_open(&raw, next.c_str()), "reading the index");
  git::Index index(raw);
  for (const auto& [path, id] : blobs) {
    git_index_entry entry{};
    entry.mode = GIT_FILEMODE_BLOB;
    entry.id = id;
    entry.path = path.c_str();
    entry.file_size = static_cast<std::uint32_t>(files.at(path).size());
    check(git_index_add(raw, &entry), "staging " + path);
  }
  check(git_index_write(raw), "writing " + next.string());
  index.reset();
  std::string bytes = read_bytes(next).value_or("");
  fs::remove(next, ec);
  return bytes;
}

// The paths whose work-tree file differs from what is committed (publish
// writes them; commit commits what is already there).
std::vector<std::string> work_tree_to_write(const fs::path& workdir, const Repository::CommitRequest& request) {
  std::vector<std::string> out;
  for (const auto& [path, contents] : request.files)
    if (!request.leave_in_work_tree.count(path) && read_bytes(workdir / path) != contents) out.push_back(path);
  return out;
}

}  // namespace

namespace {

git::Tree empty_tree(git_repository* repo) {
  git_treebuilder* tb = nullptr;
  check(git_treebuilder_new(&tb, repo, nullptr), "making an empty tree");
  git_oid empty;
  int rc = git_treebuilder_write(&empty, tb);
  git_treebuilder_free(tb);
  check(rc, "writing an empty tree");
  return git::lookup_tree(repo, empty);
}

// The file at `path` in `commit`; nullopt when it has none.
std::optional<std::string> committed_file(git_repository* repo, const std::string& commit, const std::string& path) {
  git::Commit c = git::lookup_commit(repo, parse_oid(commit));
  git::Tree tree = git::commit_tree(c.get());
  git_tree_entry* raw = nullptr;
  if (git_tree_entry_bypath(&raw, tree.get(), path.c_str()) != 0) return std::nullopt;
  git::TreeEntry entry(raw);
  if (git_tree_entry_type(raw) != GIT_OBJECT_BLOB) return std::nullopt;
  git::Blob blob = git::lookup_blob(repo, *git_tree_entry_id(raw));
  return std::string(git::blob_text(blob.get()));
}

// After the branch moved: the index and work tree are brought to the commit,
// then the journal goes. What fails here is a warning, not an error: the
// commit is recorded, and the next lexgit command tries again.
void finish_commit(const fs::path& gitdir, const fs::path& workdir, const store::Journal& journal, store::IndexLock* lock,
                   const std::map<std::string, std::string>& files, std::vector<std::string>& warnings) {
  try {
    if (lock) lock->commit();
    store::fault_point("index-written");
    for (const std::string& path : journal.work_tree) store::write_file_atomically(workdir / path, files.at(path));
    store::fault_point("work-tree-written");
    std::error_code ec;
    fs::remove(store::journal_path(gitdir), ec);
  } catch (const Error& e) {
    warnings.push_back("commit " + journal.commit.substr(0, 12) + " is recorded, but " + e.message() +
                       ": the next lexgit command finishes it (or run git reset -q to bring the index to the commit)");
  }
}

// A journal left by a killed commit (see store/transaction.hpp): the commit
// is finished when the branch moved to it, undone when it did not. The caller
// holds the commit lock, so no other lexgit commit is under way.
void recover_interrupted_commit(git_repository* repo, const fs::path& gitdir, const fs::path& workdir,
                                std::vector<std::string>& warnings) {
  std::error_code ec;
  if (!fs::exists(store::journal_path(gitdir), ec)) return;
  std::optional<store::Journal> journal = store::read_journal(gitdir);
  bool ours = journal && store::is_journal_lock(gitdir, *journal);
  if (journal) {
    // A kill inside libgit2's update of the branch leaves the branch's lock,
    // made after the journal.
    fs::path ref_lock = gitdir / (journal->branch + ".lock");
    auto locked = fs::last_write_time(ref_lock, ec);
    if (!ec && locked >= fs::last_write_time(store::journal_path(gitdir), ec)) fs::remove(ref_lock, ec);
  }
  std::optional<git_oid> tip = journal ? ref_target(repo, journal->branch) : std::nullopt;
  if (journal && tip && git::hex(*tip) == journal->commit) {
    std::map<std::string, std::string> files;
    for (const std::string& path : journal->work_tree)
      if (auto contents = committed_file(repo, journal->commit, path)) files[path] = std::move(*contents);
    std::erase_if(journal->work_tree, [&](const std::string& path) { return !files.count(path); });
    if (ours && ::rename(store::index_lock_path(gitdir).c_str(), (gitdir / "index").c_str()) != 0)
      warnings.push_back("cannot write " + (gitdir / "index").string() + ": run git reset -q to bring the index to the commit");
    finish_commit(gitdir, workdir, *journal, nullptr, files, warnings);
    warnings.push_back("finished commit " + journal->commit.substr(0, 12) + ", which an interrupted lexgit process had recorded");
  } else {
    if (ours) fs::remove(store::index_lock_path(gitdir), ec);
    fs::remove(store::journal_path(gitdir), ec);
  }
  for (auto it = fs::directory_iterator(gitdir / "lexgit", ec); !ec && it != fs::directory_iterator(); it.increment(ec))
    if (it->path().filename().string().starts_with("index.lock.")) fs::remove(it->path(), ec);
}

// Moves `branch` from `tip` to `commit_id`, in steps, each a fault point
// (transaction.hpp): the journal written, git's index lock taken and the new
// index written into it, the branch moved (compare-and-swap), the lock renamed
// to .git/index, the work tree's files written, the journal removed. Before
// the branch moves, a failure changes nothing; after, the commit is done and
// only warnings are left. False when the branch moved meanwhile (nothing
// changed: try again).
bool move_branch(git_repository* repo, const Repository::CommitRequest& request,
                 const std::vector<std::pair<std::string, git_oid>>& blobs, const std::string& branch,
                 const std::optional<git_oid>& tip, const git_oid& commit_id, std::vector<std::string>& warnings) {
  const fs::path gitdir = git_repository_path(repo);
  const fs::path workdir = git_repository_workdir(repo);
  // The journal goes unless the branch moved, after the lock (declared
  // later) is released: a journal without its lock is harmless, the reverse
  // would be a stale lock.
  struct Forget {
    const fs::path& gitdir;
    bool keep = false;
    ~Forget() {
      std::error_code ec;
      if (!keep) fs::remove(store::journal_path(gitdir), ec);
    }
  } forget{gitdir};
  store::Journal journal{branch, git::hex(commit_id), 0, work_tree_to_write(workdir, request)};
  store::IndexLock lock(gitdir);
  journal.lock_inode = lock.inode();
  store::write_journal(gitdir, journal);
  store::fault_point("journal-written");
  lock.acquire();
  store::fault_point("index-locked");
  lock.write(staged_index(gitdir, blobs, request.files));  // read under the lock: no git command's staging is lost
  store::fault_point("index-staged");

  git_reference* ref = nullptr;
  std::string log = "lexgit commit: " + summary(request.message);
  int rc = 0;
  for (int locked = 0;; ++locked) {  // a git process holds the branch's lock for a moment at most
    rc = tip ? git_reference_create_matching(&ref, repo, branch.c_str(), &commit_id, 1, &*tip, log.c_str())
             : git_reference_create(&ref, repo, branch.c_str(), &commit_id, 0, log.c_str());
    if (rc != GIT_ELOCKED) break;
    if (locked >= 25) refuse_ref_lock(gitdir, branch);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  git::Reference owned(ref);
  if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS) return false;  // a git process moved it: re-base
  check(rc, "updating " + branch);
  forget.keep = true;
  store::fault_point("ref-moved");
  finish_commit(gitdir, workdir, journal, &lock, request.files, warnings);
  return true;
}

}  // namespace

// A journal (store/transaction.hpp) means a lexgit commit was killed; the
// first command to see it repairs the index and work tree (one stat otherwise).
void Repository::finish_interrupted_commit() {
  std::error_code ec;
  if (is_bare() || !fs::exists(store::journal_path(gitdir()), ec)) return;
  FileLock serial(gitdir() / "lexgit" / "commit.lock", true);
  recover_interrupted_commit(impl_->repo.get(), gitdir(), workdir(), impl_->warnings);
}

std::optional<std::string> Repository::commit(const CommitRequest& request) {
  git_repository* repo = impl_->repo.get();
  if (is_bare()) throw Error(ErrorCode::Usage, "commit needs a work tree; " + gitdir().string() + " is bare");
  git::Signature sig = signature_for(repo, request.author);
  const std::string branch = branch_ref(repo);

  auto store = [&](const std::map<std::string, std::string>& files) {
    std::vector<std::pair<std::string, git_oid>> blobs;
    for (const auto& [path, contents] : files) {
      git_oid id;
      check(git_blob_create_from_buffer(&id, repo, contents.data(), contents.size()), "storing " + path);
      blobs.emplace_back(path, id);
    }
    return blobs;
  };
  std::vector<std::pair<std::vector<std::pair<std::string, git_oid>>, std::string>> chain;  // (blobs, message), oldest first
  for (const CommitRequest::Stage& stage : request.stages) chain.emplace_back(store(stage.files), stage.message);
  chain.emplace_back(store(request.files), request.message);

  // One lexgit commit at a time moves branches and writes the index; a
  // journal another one left (killed) is dealt with first.
  FileLock serial(gitdir() / "lexgit" / "commit.lock", true);
  recover_interrupted_commit(repo, gitdir(), workdir(), impl_->warnings);
  std::optional<git_oid> base = request.base ? std::optional<git_oid>(parse_oid(resolve(*request.base))) : ref_target(repo, branch);
  for (int attempt = 0; attempt < 200; ++attempt) {
    std::optional<git_oid> tip = ref_target(repo, branch);
    if (tip && base && !git_oid_equal(&*tip, &*base)) refuse_overlap(repo, *tip, *base, branch, request);

    git::Commit parent = tip ? git::lookup_commit(repo, *tip) : nullptr;
    git::Tree base_tree = parent ? git::commit_tree(parent.get()) : empty_tree(repo);
    bool changed = false;
    git_oid commit_id{};
    for (const auto& [blobs, message] : chain) {
      git_oid tree_id;
      std::vector<git_tree_update> updates;
      for (const auto& [path, id] : blobs) updates.push_back({GIT_TREE_UPDATE_UPSERT, id, GIT_FILEMODE_BLOB, path.c_str()});
      check(git_tree_create_updated(&tree_id, repo, base_tree.get(), updates.size(), updates.data()), "building the tree");
      if (parent && git_oid_equal(&tree_id, git_tree_id(base_tree.get()))) continue;  // this step changes nothing
      git::Tree tree = git::lookup_tree(repo, tree_id);
      const git_commit* parents[] = {parent.get()};
      check(git_commit_create(&commit_id, repo, nullptr, sig.get(), sig.get(), nullptr, message.c_str(), tree.get(), parent ? 1 : 0,
                              parents),
            "creating the commit");
      parent = git::lookup_commit(repo, commit_id);
      base_tree = std::move(tree);
      changed = true;
    }
    if (!changed) return std::nullopt;
    if (move_branch(repo, request, chain.back().first, branch, tip, commit_id, impl_->warnings)) return git::hex(commit_id);
  }
  throw Error(ErrorCode::Conflict, branch + " kept moving: gave up after 200 attempts; nothing was committed");
}

// ---- packing ------------------------------------------------------------------------

void Repository::pack_if_needed() {
  // As git gc --auto estimates: one fan-out directory stands for 1/256 of them.
  fs::path objects = gitdir() / "objects";
  std::error_code ec;
  std::size_t sample = 0;
  for (auto it = fs::directory_iterator(objects / "17", ec); !ec && it != fs::directory_iterator(); it.increment(ec)) ++sample;
  if (sample * 256 < 2000) return;

  FileLock lock(gitdir() / "lexgit" / "pack.lock", false);
  if (!lock.held()) return;  // another process is packing
  git_repository* repo = impl_->repo.get();
  git_packbuilder* pb_raw = nullptr;
  check(git_packbuilder_new(&pb_raw, repo), "packing objects");
  std::unique_ptr<git_packbuilder, void (*)(git_packbuilder*)> pb(pb_raw, git_packbuilder_free);
  git_revwalk* walk_raw = nullptr;
  check(git_revwalk_new(&walk_raw, repo), "packing objects");
  std::unique_ptr<git_revwalk, void (*)(git_revwalk*)> walk(walk_raw, git_revwalk_free);
  check(git_revwalk_push_glob(walk.get(), "refs/*"), "packing objects");
  check(git_packbuilder_insert_walk(pb.get(), walk.get()), "packing objects");
  check(git_packbuilder_write(pb.get(), nullptr, 0, nullptr, nullptr), "writing the pack");

  // Remove the loose copies of what the new pack holds.
  fs::path idx = objects / "pack" / ("pack-" + std::string(git_packbuilder_name(pb.get())) + ".idx");
  git_odb* odb_raw = nullptr;
  check(git_odb_new(&odb_raw), "reading the new pack");
  git::Odb packed(odb_raw);
  git_odb_backend* backend = nullptr;
  check(git_odb_backend_one_pack(&backend, idx.c_str()), "reading the new pack");
  check(git_odb_add_backend(packed.get(), backend, 1), "reading the new pack");
  for (auto dir = fs::directory_iterator(objects, ec); !ec && dir != fs::directory_iterator(); dir.increment(ec)) {
    std::string fan = dir->path().filename().string();
    if (fan.size() != 2 || !dir->is_directory()) continue;
    for (auto f = fs::directory_iterator(dir->path(), ec); !ec && f != fs::directory_iterator(); f.increment(ec)) {
      git_oid id;
      std::string hex = fan + f->path().filename().string();
      if (hex.size() != GIT_OID_HEXSZ || git_oid_fromstr(&id, hex.c_str()) != 0) continue;
      if (git_odb_exists(packed.get(), &id)) fs::remove(f->path(), ec);
    }
  }
  git_odb* odb = nullptr;
  if (git_repository_odb(&odb, repo) == 0) {
    git_odb_refresh(odb);
    git_odb_free(odb);
  }
}

// ---- cache --------------------------------------------------------------------------

cache::Cache* Repository::cache() {
  if (!impl_->cache_opened) {
    impl_->cache_opened = true;
    impl_->cache = cache::Cache::open(gitdir() / "lexgit" / "cache.sqlite", impl_->warnings);
  }
  return impl_->cache.get();
}

CacheStats Repository::cache_stats() {
  CacheStats st;
  st.path = (gitdir() / "lexgit" / "cache.sqlite").string();
  if (cache::Cache* c = cache()) {
    auto s = c->stats();
    st.blobs = s.blobs;
    st.documents = s.documents;
    st.histories = s.histories;
    st.fts = s.fts;
    st.bytes = s.bytes;
  }
  return st;
}

void Repository::clear_cache() {
  if (cache::Cache* c = cache()) c->clear();
}

std::vector<std::string> Repository::take_warnings() { return std::exchange(impl_->warnings, {}); }

}  // namespace lexgit
