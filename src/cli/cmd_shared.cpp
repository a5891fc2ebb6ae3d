// lexgit hook install | hook pre-receive, and lexgit sync: a repository shared
// through a git host (see lexgit/shared.hpp).
#include <iostream>

#include "cli/commands.hpp"
#include "lexgit/shared.hpp"

namespace lexgit::cli {
namespace fs = std::filesystem;
namespace {

Repository repository_here() {
  auto repo = Repository::discover(".");
  if (!repo) throw Error(ErrorCode::Usage, "not in a git repository", {fs::current_path().string(), 0});
  return std::move(*repo);
}

void print_findings(const std::vector<shared::Finding>& findings) {
  for (const shared::Finding& f : findings) std::cerr << "lexgit: " << f.commit.substr(0, 12) << " " << f.diagnostic.describe() << "\n";
}

int pre_receive() {
  Repository repo = Repository::from_environment();
  Versions versions(repo);
  auto findings = shared::review_push(versions, shared::read_ref_updates(std::cin));
  print_findings(findings);
  auto errors = std::count_if(findings.begin(), findings.end(), [](const shared::Finding& f) { return f.diagnostic.severity == Severity::Error; });
  if (errors > 0)
    throw Error(ErrorCode::BadInput, "push refused: " + std::to_string(errors) + (errors == 1 ? " error" : " errors") +
                                         " in the pushed documents (fix them, commit, and push again)");
  return 0;
}

}  // namespace

Action add_hook(CLI::App& app, Globals&) {
  auto force = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("hook", "A pre-receive hook validating pushed documents, for a shared repository");
  cmd->require_subcommand(1);
  CLI::App* install = cmd->add_subcommand("install", "Install the pre-receive hook in this repository (bare, or its git directory)");
  install->add_flag("--force", *force, "Replace a different pre-receive hook");
  CLI::App* receive = cmd->add_subcommand("pre-receive", "Run as git's pre-receive hook: validate the pushed commits (stdin: old new ref)");
  return [receive, force] {
    if (receive->parsed()) return pre_receive();
    Repository repo = repository_here();
    fs::path lexgit = fs::read_symlink("/proc/self/exe");
    fs::path hook = shared::install_hook(repo.gitdir(), lexgit, *force);
    std::cout << "installed " << hook.string() << ": it runs " << lexgit.string()
              << " hook pre-receive, refusing pushes whose documents lexgit commit would refuse\n";
    return 0;
  };
}

Action add_sync(CLI::App& app, Globals&) {
  auto remote = std::make_shared<std::string>("origin");
  auto branch = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("sync", "Fetch, put this clone's commits on the remote's new ones, validate and push");
  cmd->add_option("REMOTE", *remote, "The remote (default: origin)");
  cmd->add_option("BRANCH", *branch, "The branch (default: the current one)");
  return [remote, branch] {
    Repository repo = repository_here();
    if (repo.is_bare()) throw Error(ErrorCode::Usage, "sync needs a clone with a work tree; " + repo.gitdir().string() + " is bare");
    Versions versions(repo);
    shared::SyncOutcome outcome = shared::sync(versions, repo, *remote, *branch);
    print_findings(outcome.warnings);
    for (const std::string& id : outcome.replayed) std::cout << "replayed  " << id.substr(0, 12) << "\n";
    if (outcome.pushed) std::cout << "pushed    " << outcome.tip.substr(0, 12) << " to " << *remote << "\n";
    else if (outcome.updated) std::cout << "updated   to " << outcome.tip.substr(0, 12) << " from " << *remote << "\n";
    else std::cout << "up to date with " << *remote << "\n";
    return 0;
  };
}

}  // namespace lexgit::cli
