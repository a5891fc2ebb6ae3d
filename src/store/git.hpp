// RAII types over libgit2 handles, and errors as lexgit::Error.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <git2.h>

#include "lexgit/error.hpp"

namespace lexgit::git {

// libgit2 is initialised once per process and shut down at exit.
void ensure_initialised();
// The system's CA certificates, which initialisation leaves unread: loaded
// once, before the first fetch or push (a network remote needs them).
void load_ca_certificates();
// Whether initialisation left CA certificates to load (false once loaded,
// and with a libgit2 that loads none at start).
bool ca_certificates_deferred();

// Throws Error(Internal or NotFound) with libgit2's last message when rc < 0.
void check(int rc, std::string_view what);

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const noexcept { Free(p); }
};
template <typename T, void (*Free)(T*)>
using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using Repository = Handle<git_repository, git_repository_free>;
using Commit = Handle<git_commit, git_commit_free>;
using Tree = Handle<git_tree, git_tree_free>;
using TreeEntry = Handle<git_tree_entry, git_tree_entry_free>;
using Blob = Handle<git_blob, git_blob_free>;
using Reference = Handle<git_reference, git_reference_free>;
using Signature = Handle<git_signature, git_signature_free>;
using Index = Handle<git_index, git_index_free>;
using Object = Handle<git_object, git_object_free>;
using Config = Handle<git_config, git_config_free>;
using Odb = Handle<git_odb, git_odb_free>;

Commit lookup_commit(git_repository* repo, const git_oid& id);
Tree commit_tree(const git_commit* commit);
Tree lookup_tree(git_repository* repo, const git_oid& id);
Blob lookup_blob(git_repository* repo, const git_oid& id);
std::string_view blob_text(const git_blob* blob);
std::string hex(const git_oid& id);
// An object id from its 40 hex digits; Error(Internal) otherwise.
git_oid parse_oid(const std::string& hex);

}  // namespace lexgit::git
