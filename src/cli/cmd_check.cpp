#include <iostream>

#include "cli/commands.hpp"
#include "lexgit/check.hpp"

namespace lexgit::cli {

Action add_check(CLI::App& app, Globals&) {
  auto paths = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand("check", "Validate documents: front matter, numbering, references, ids");
  cmd->add_option("PATH", *paths, "Files or directories (default: the current directory)");
  return [paths] {
    std::vector<std::filesystem::path> targets(paths->begin(), paths->end());
    if (targets.empty()) targets.emplace_back(".");
    Corpus corpus = Corpus::load(targets);
    auto diagnostics = check_corpus(corpus);
    int errors = 0, warnings = 0;
    for (const Diagnostic& d : diagnostics) {
      std::cout << d.describe() << "\n";
      (d.severity == Severity::Error ? errors : warnings)++;
    }
    std::cerr << corpus.documents().size() << " documents checked: " << errors << " errors, " << warnings << " warnings\n";
    return errors > 0 ? 3 : 0;
  };
}

}  // namespace lexgit::cli
