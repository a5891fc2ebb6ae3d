// Sharing a repository with a remote: fetching, pushing, and replaying this
// clone's commits on a new remote tip (what lexgit sync is built from).
#include <cstdlib>

#include "store/repository_impl.hpp"

namespace lexgit {
namespace fs = std::filesystem;
namespace {

using git::check;
using git::parse_oid;

using Remote = git::Handle<git_remote, git_remote_free>;
using Diff = git::Handle<git_diff, git_diff_free>;

Remote lookup_remote(git_repository* repo, const std::string& name) {
  git_remote* r = nullptr;
  if (git_remote_lookup(&r, repo, name.c_str()) < 0)
    throw Error(ErrorCode::Usage, "no remote '" + name + "': see git remote -v");
  return Remote(r);
}

// ssh remotes authenticate through the user's ssh agent, as git does.
int agent_credentials(git_credential** out, const char*, const char* user, unsigned int allowed, void*) {
  if (allowed & GIT_CREDENTIAL_SSH_KEY) return git_credential_ssh_key_from_agent(out, user ? user : "git");
  return GIT_PASSTHROUGH;
}

// What a push hears back: each ref's refusal, and the remote's own messages
// (its hook's output, which git shows as "remote: …").
struct PushReport {
  std::string refused;  // empty when the ref was updated
  std::string remote_says;
};

int on_push_status(const char*, const char* status, void* payload) {
  if (status) static_cast<PushReport*>(payload)->refused = status;
  return 0;
}

int on_remote_text(const char* text, int length, void* payload) {
  static_cast<PushReport*>(payload)->remote_says.append(text, static_cast<std::size_t>(length));
  return 0;
}

Diff diff_trees_of(git_repository* repo, git_tree* before, git_tree* after) {
  git_diff* d = nullptr;
  check(git_diff_tree_to_tree(&d, repo, before, after, nullptr), "comparing trees");
  return Diff(d);
}

git::Commit parent_of(const git_commit* c) {
  if (git_commit_parentcount(c) == 0) return nullptr;
  git_commit* p = nullptr;
  check(git_commit_parent(&p, c, 0), "reading a parent commit");
  return git::Commit(p);
}

git::Tree parent_tree(const git_commit* c) {
  git::Commit parent = parent_of(c);
  return parent ? git::commit_tree(parent.get()) : nullptr;
}

}  // namespace

Repository Repository::from_environment() {
  git::ensure_initialised();
  git_repository* r = nullptr;
  check(git_repository_open_ext(&r, nullptr, GIT_REPOSITORY_OPEN_FROM_ENV, nullptr), "opening the repository git runs this hook in");
  auto impl = std::make_unique<Impl>();
  impl->repo.reset(r);
  return Repository(std::move(impl));
}

std::optional<std::string> Repository::fetch(const std::string& remote, const std::string& branch) {
  git_repository* repo = impl_->repo.get();
  Remote r = lookup_remote(repo, remote);
  git::load_ca_certificates();
  git_fetch_options options = GIT_FETCH_OPTIONS_INIT;
  options.callbacks.credentials = agent_credentials;
  check(git_remote_fetch(r.get(), nullptr, &options, "lexgit sync: fetch"), "fetching from " + remote);
  git_oid id;
  std::string tracking = "refs/remotes/" + remote + "/" + branch;
  if (git_reference_name_to_id(&id, repo, tracking.c_str()) < 0) return std::nullopt;
  return git::hex(id);
}

bool Repository::push(const std::string& remote, const std::string& commit, const std::string& branch) {
  git_repository* repo = impl_->repo.get();
  // libgit2 pushes references, not bare commits: name the commit for the push's length.
  const std::string staging = "refs/lexgit/sync";
  git_reference* ref = nullptr;
  git_oid id = parse_oid(commit);
  check(git_reference_create(&ref, repo, staging.c_str(), &id, 1, "lexgit sync: push"), "naming the commit to push");
  git::Reference owned(ref);
  Remote r = lookup_remote(repo, remote);
  PushReport report;
  git::load_ca_certificates();
  git_push_options options = GIT_PUSH_OPTIONS_INIT;
  options.callbacks.credentials = agent_credentials;
  options.callbacks.push_update_reference = on_push_status;
  options.callbacks.sideband_progress = on_remote_text;
  options.callbacks.payload = &report;
  std::string spec = staging + ":refs/heads/" + branch;
  char* specs[] = {spec.data()};
  git_strarray refspecs = {specs, 1};
  int rc = git_remote_push(r.get(), &refspecs, &options);
  git_reference_delete(ref);
  if (rc < 0 && report.refused.empty() && report.remote_says.empty()) check(rc, "pushing to " + remote);
  if (report.refused.empty() && rc >= 0) return true;
  // A hook's refusal is final; anything else (not a fast-forward, a ref lock
  // lost to another push) means the branch moved: the caller tries again.
  bool declined = report.refused.find("hook declined") != std::string::npos;
  if (!declined) return false;
  throw Error(ErrorCode::BadInput, remote + " refused the push (" + report.refused + ")" +
                                       (report.remote_says.empty() ? "" : ":\n" + report.remote_says));
}

std::optional<std::string> Repository::first_parent(const std::string& commit) const {
  git::Commit parent = parent_of(git::lookup_commit(impl_->repo.get(), parse_oid(commit)).get());
  if (!parent) return std::nullopt;
  return git::hex(*git_commit_id(parent.get()));
}

std::optional<std::string> Repository::merge_base(const std::string& a, const std::string& b) const {
  git_oid out, ia = parse_oid(a), ib = parse_oid(b);
  int rc = git_merge_base(&out, impl_->repo.get(), &ia, &ib);
  if (rc == GIT_ENOTFOUND) return std::nullopt;
  check(rc, "finding the common ancestor of " + a + " and " + b);
  return git::hex(out);
}

std::vector<std::string> Repository::first_parent_chain(const std::string& tip, const std::optional<std::string>& base) const {
  std::vector<std::string> out;
  for (git::Commit c = git::lookup_commit(impl_->repo.get(), parse_oid(tip)); c; c = parent_of(c.get())) {
    std::string id = git::hex(*git_commit_id(c.get()));
    if (base && id == *base) break;
    out.push_back(id);
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<std::string> Repository::changed_paths(const std::string& commit) const {
  git_repository* repo = impl_->repo.get();
  git::Commit c = git::lookup_commit(repo, parse_oid(commit));
  Diff diff = diff_trees_of(repo, parent_tree(c.get()).get(), git::commit_tree(c.get()).get());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) out.push_back(git_diff_get_delta(diff.get(), i)->new_file.path);
  return out;
}

std::string Repository::replay(const std::string& commit, const std::string& onto) {
  git_repository* repo = impl_->repo.get();
  git::Commit c = git::lookup_commit(repo, parse_oid(commit));
  git::Commit base = git::lookup_commit(repo, parse_oid(onto));
  Diff diff = diff_trees_of(repo, parent_tree(c.get()).get(), git::commit_tree(c.get()).get());
  std::vector<git_tree_update> updates;
  for (std::size_t i = 0; i < git_diff_num_deltas(diff.get()); ++i) {
    const git_diff_delta* d = git_diff_get_delta(diff.get(), i);
    if (d->status == GIT_DELTA_DELETED)
      updates.push_back({GIT_TREE_UPDATE_REMOVE, d->old_file.id, GIT_FILEMODE_BLOB, d->old_file.path});
    else
      updates.push_back({GIT_TREE_UPDATE_UPSERT, d->new_file.id, static_cast<git_filemode_t>(d->new_file.mode), d->new_file.path});
  }
  git::Tree onto_tree = git::commit_tree(base.get());
  git_oid tree_id, out;
  check(git_tree_create_updated(&tree_id, repo, onto_tree.get(), updates.size(), updates.data()), "replaying " + commit);
  git::Tree tree = git::lookup_tree(repo, tree_id);
  const git_commit* parents[] = {base.get()};
  check(git_commit_create(&out, repo, nullptr, git_commit_author(c.get()), git_commit_committer(c.get()), git_commit_message_encoding(c.get()),
                          git_commit_message(c.get()), tree.get(), 1, parents),
        "replaying " + commit);
  return git::hex(out);
}

namespace {

// Checks out `to`'s tree over `from`'s: only the files that differ are
// written, and a file with uncommitted changes stops it before anything is.
int checkout_between(git_repository* repo, const std::string& from, const std::string& to, bool dry_run) {
  git::Commit a = git::lookup_commit(repo, parse_oid(from));
  git::Commit b = git::lookup_commit(repo, parse_oid(to));
  git::Tree baseline = git::commit_tree(a.get());
  git_checkout_options options = GIT_CHECKOUT_OPTIONS_INIT;
  options.checkout_strategy = GIT_CHECKOUT_SAFE | (dry_run ? GIT_CHECKOUT_DRY_RUN : 0);
  options.baseline = baseline.get();
  return git_checkout_tree(repo, reinterpret_cast<const git_object*>(b.get()), &options);
}

}  // namespace

void Repository::check_can_advance(const std::string& from, const std::string& to) {
  int rc = checkout_between(impl_->repo.get(), from, to, true);
  if (rc == GIT_ECONFLICT) {
    const git_error* e = git_error_last();
    throw Error(ErrorCode::Conflict, std::string("the work tree has uncommitted changes to files the remote changed (") +
                                         (e && e->message ? e->message : "") + "): commit or set them aside, then sync again");
  }
  check(rc, "checking the work tree");
}

void Repository::advance(const std::string& from, const std::string& to) {
  git_repository* repo = impl_->repo.get();
  std::string branch = "refs/heads/" + this->branch();
  git_oid old_id = parse_oid(from), new_id = parse_oid(to);
  git_reference* ref = nullptr;
  check(git_reference_create_matching(&ref, repo, branch.c_str(), &new_id, 1, &old_id, "lexgit sync"), "moving " + branch);
  git::Reference owned(ref);
  check(checkout_between(repo, from, to, false), "updating the work tree");
}

}  // namespace lexgit
