#include <iostream>

#include "cli/commands.hpp"
#include "lexgit/check.hpp"
#include "lexgit/period.hpp"
#include "lexgit/precedence.hpp"

namespace lexgit::cli {

Action add_check(CLI::App& app, Globals&) {
  auto paths = std::make_shared<std::vector<std::string>>();
  auto selection = std::make_shared<SelectionArgs>();
  auto strict = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("check", "Validate documents: front matter, numbering, references, ids");
  cmd->add_option("PATH", *paths,
                  "Files or directories to read from disk (default: the documents at HEAD in a git repository, "
                  "else the current directory)");
  selection->add_to(cmd);
  cmd->add_flag("--strict", *strict,
                "Drafting defects (numbering gaps and repeats, references that point nowhere) are errors, not warnings");
  return [paths, selection, strict] {
    std::vector<Document> documents;
    std::optional<precedence::Policy> policy;
    std::vector<Diagnostic> schedules;  // the repository's calendar/*.yaml
    if (!paths->empty()) {
      if (!selection->rev.empty() || !selection->at.empty()) throw Error(ErrorCode::Usage, "PATH is read from disk: it does not go with --rev or --at");
      Corpus corpus = Corpus::load(std::vector<std::filesystem::path>(paths->begin(), paths->end()));
      documents = corpus.documents();
      std::vector<const Document*> agreements;
      for (const Document& d : documents)
        if (d.meta.kind == DocKind::Agreement) agreements.push_back(&d);
      if (agreements.size() == 1) policy = precedence::Policy::defaults(agreements.front()->meta.id);
    } else {
      DocumentSet set = selection->open();
      documents = set.all_documents();
      try {
        policy = precedence::policy_for(set);
      } catch (const Error& e) {
        if (e.code() != ErrorCode::BadInput || e.where().file.empty()) policy.reset();  // no agreement: no precedence to check
        else throw;  // an invalid .lexgit.yaml is an error
      }
      try {
        period::calendar_for(set);
      } catch (const Error& e) {
        if (e.code() != ErrorCode::BadInput || e.where().file.empty()) throw;
        schedules.push_back({Severity::Error, e.where(), e.message()});
      }
      print_warnings(set);
    }
    auto diagnostics = check_documents(documents, CheckOptions{*strict});
    for (Diagnostic& d : schedules) diagnostics.push_back(std::move(d));
    if (policy)
      for (Diagnostic& d : precedence::lint(*policy, documents)) diagnostics.push_back(std::move(d));
    int errors = 0, warnings = 0;
    for (const Diagnostic& d : diagnostics) {
      std::cout << d.describe() << "\n";
      (d.severity == Severity::Error ? errors : warnings)++;
    }
    std::cerr << documents.size() << (documents.size() == 1 ? " document" : " documents") << " checked: " << errors << " errors, " << warnings << " warnings\n";
    return errors > 0 ? 3 : 0;
  };
}

}  // namespace lexgit::cli
