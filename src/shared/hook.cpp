#include <sys/stat.h>

#include <fstream>
#include <set>
#include <sstream>

#include "lexgit/shared.hpp"

namespace lexgit::shared {
namespace fs = std::filesystem;
namespace {

const std::string kZero(40, '0');

// `path` quoted for sh, whatever it holds.
std::string sh_quoted(const std::string& path) {
  std::string out = "'";
  for (char c : path) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string hook_script(const fs::path& lexgit) {
  return "#!/bin/sh\n"
         "# Installed by lexgit hook install: pushed documents are validated as\n"
         "# lexgit commit validates them; a bad push is refused.\n"
         "exec " + sh_quoted(lexgit.string()) + " hook pre-receive\n";
}

bool is_hex_id(const std::string& s) {
  return s.size() == 40 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

fs::path install_hook(const fs::path& gitdir, const fs::path& lexgit, bool force) {
  fs::path hook = gitdir / "hooks" / "pre-receive";
  std::string script = hook_script(lexgit);
  if (fs::exists(hook) && !force && read_file(hook) != script)
    throw Error(ErrorCode::Usage, "a different pre-receive hook is installed: left as it is (--force replaces it)", {hook.string(), 0});
  fs::create_directories(hook.parent_path());
  // Written beside it and renamed, so that a push never runs half a hook.
  fs::path temporary = hook.string() + ".lexgit-new";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << script;
    if (!out) throw Error(ErrorCode::Internal, "cannot write the hook", {temporary.string(), 0});
  }
  fs::permissions(temporary, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                                 fs::perms::others_exec);
  fs::rename(temporary, hook);
  return hook;
}

std::vector<RefUpdate> read_ref_updates(std::istream& in) {
  std::vector<RefUpdate> out;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    std::istringstream fields(line);
    RefUpdate u;
    fields >> u.old_id >> u.new_id >> u.ref;
    if (!is_hex_id(u.old_id) || !is_hex_id(u.new_id) || u.ref.empty())
      throw Error(ErrorCode::BadInput, "expected '<old id> <new id> <ref>' as git gives a pre-receive hook, not '" + line + "'",
                  {"<stdin>", number});
    out.push_back(std::move(u));
  }
  return out;
}

std::vector<Finding> review_push(Versions& versions, const std::vector<RefUpdate>& updates) {
  std::vector<Finding> out;
  std::set<std::string> seen;  // a commit pushed to two branches is reviewed once
  for (const RefUpdate& u : updates) {
    if (u.new_id == kZero || !u.ref.starts_with("refs/heads/")) continue;  // a deletion, a tag
    // A new branch is checked along its whole first-parent history: simple,
    // and a branch made from an unchecked one is checked too.
    std::optional<std::string> old = u.old_id == kZero ? std::nullopt : std::optional<std::string>(u.old_id);
    for (const std::string& commit : versions.repository().first_parent_chain(u.new_id, old))
      if (seen.insert(commit).second)
        for (Diagnostic& d : validate_commit(versions, commit)) out.push_back({commit, std::move(d)});
  }
  return out;
}

}  // namespace lexgit::shared
