#include "store/git.hpp"

#include <dlfcn.h>

#include <mutex>
#include <optional>

// Debian's libgit2 is built with mbedTLS and a default CA location, and its
// git_libgit2_init parses every system CA certificate (~6 ms, a quarter of a
// warm `which`) although only a network remote needs them. lexgit defines the
// two mbedTLS loaders libgit2 calls: while libgit2 initialises they only note
// the location; load_ca_certificates() hands it back to libgit2 (through
// GIT_OPT_SET_SSL_CERT_LOCATIONS) before the first fetch or push, and then the
// real loaders run. Built against a libgit2 with another TLS backend, nothing
// calls them.
namespace {

struct DeferredCertificates {
  bool deferring = false;
  std::optional<std::string> file, directory;  // what libgit2's init asked to load
};
DeferredCertificates& deferred() {
  static DeferredCertificates d;
  return d;
}

using Loader = int (*)(void*, const char*);
int call_real(const char* name, void* chain, const char* where) {
  auto real = reinterpret_cast<Loader>(dlsym(RTLD_NEXT, name));
  return real ? real(chain, where) : -1;
}

}  // namespace

extern "C" int mbedtls_x509_crt_parse_file(void* chain, const char* file) {
  if (!deferred().deferring) return call_real("mbedtls_x509_crt_parse_file", chain, file);
  deferred().file = file;
  return 0;
}

extern "C" int mbedtls_x509_crt_parse_path(void* chain, const char* directory) {
  if (!deferred().deferring) return call_real("mbedtls_x509_crt_parse_path", chain, directory);
  deferred().directory = directory;
  return 0;
}

namespace lexgit::git {

bool ca_certificates_deferred() { return deferred().file || deferred().directory; }

void load_ca_certificates() {
  ensure_initialised();
  static std::once_flag once;
  std::call_once(once, [] {
    DeferredCertificates& d = deferred();
    if (!d.file && !d.directory) return;
    const char* file = d.file ? d.file->c_str() : nullptr;
    const char* directory = d.directory ? d.directory->c_str() : nullptr;
    check(git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, directory), "loading the system's CA certificates");
    d.file.reset();
    d.directory.reset();
  });
}

void ensure_initialised() {
  static std::once_flag once;
  std::call_once(once, [] {
    deferred().deferring = true;
    git_libgit2_init();
    deferred().deferring = false;
    // libgit2 re-hashes every object it reads to check it against its id, as
    // git itself does not (git checks on fsck and when receiving objects).
    // That hashing was a third of the time of reading a history; zlib still
    // checks each object's compressed stream.
    git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
    // libgit2 keeps every commit and tree it reads, up to 256 MB: a history of
    // 20,000 commits read once peaked at 335 MB. lexgit reads each commit and
    // tree of a walk once, so a small cache costs no time (4 MB and 16 MB take
    // the same time on the benchmark; 4 MB peaks 30 MB lower).
    git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, static_cast<ssize_t>(4 * 1024 * 1024));
    // libgit2 maps a pack in windows of up to 1 GB, so a history walk kept
    // the whole pack mapped (64 MB of the benchmark's peak RSS): 8 MB windows,
    // at most 16 MB of them mapped at once.
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, static_cast<std::size_t>(8 * 1024 * 1024));
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, static_cast<std::size_t>(16 * 1024 * 1024));
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
