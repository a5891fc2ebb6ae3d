#include "store/git.hpp"

#include <mutex>

namespace lexgit::git {

void ensure_initialised() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    // libgit2 re-hashes every object it reads to check it against its id, as
    // git itself does not (git checks on fsck and when receiving objects).
    // That hashing was a third of the time of reading a history; zlib still
    // checks each object's compressed stream.
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
  });
}

git_oid parse_oid(const std::string& hex) {
  git_oid id;
  if (git_oid_fromstr(&id, hex.c_str()) != 0) throw Error(ErrorCode::Internal, "not an object id: " + hex);
  return id;
}

void check(int rc, std::string_view what) {
  if (rc >= 0) return;
  const git_error* e = git_error_last();
  std::string message = std::string(what) + (e && e->message ? std::string(": ") + e->message : std::string());
  ErrorCode code = rc == GIT_ENOTFOUND ? ErrorCode::NotFound
                   : (rc == GIT_EMODIFIED || rc == GIT_ELOCKED) ? ErrorCode::Conflict
                                                                 : ErrorCode::Internal;
  throw Error(code, message);
}

Commit lookup_commit(git_repository* repo, const git_oid& id) {
  git_commit* c = nullptr;
  check(git_commit_lookup(&c, repo, &id), "reading commit " + hex(id));
  return Commit(c);
}

Tree commit_tree(const git_commit* commit) {
  git_tree* t = nullptr;
  check(git_commit_tree(&t, commit), "reading a commit's tree");
  return Tree(t);
}

Tree lookup_tree(git_repository* repo, const git_oid& id) {
  git_tree* t = nullptr;
  check(git_tree_lookup(&t, repo, &id), "reading tree " + hex(id));
  return Tree(t);
}

Blob lookup_blob(git_repository* repo, const git_oid& id) {
  git_blob* b = nullptr;
  check(git_blob_lookup(&b, repo, &id), "reading blob " + hex(id));
  return Blob(b);
}

std::string_view blob_text(const git_blob* blob) {
  return {static_cast<const char*>(git_blob_rawcontent(blob)), static_cast<std::size_t>(git_blob_rawsize(blob))};
}

std::string hex(const git_oid& id) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &id);
  return buf;
}

}  // namespace lexgit::git
