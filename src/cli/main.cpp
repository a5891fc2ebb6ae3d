// lexgit: clause-aware history, precedence and change notices for Chinese contracts.
#include <filesystem>
#include <iostream>
#include <vector>

#include "cli/commands.hpp"
#include "lexgit/error.hpp"

int main(int argc, char** argv) {
  CLI::App app{"lexgit: a Chinese contract corpus as Markdown in git — what changed, which clause governs, what notice must go out"};
  app.set_version_flag("--version", "lexgit 0.1.0");
  app.require_subcommand(1);
  lexgit::cli::Globals globals;
  app.add_option("-C", globals.directory, "Run as if lexgit was started in DIR (like git -C)")->type_name("DIR");
  lexgit::cli::add_language_option(app, globals.language);
  // Global options may follow the command too: lexgit which 问题 --lang en.
  app.fallthrough();

  std::vector<std::pair<CLI::App*, lexgit::cli::Action>> commands;
  auto add = [&](lexgit::cli::Action (*adder)(CLI::App&, lexgit::cli::Globals&)) {
    std::size_t before = app.get_subcommands({}).size();
    lexgit::cli::Action action = adder(app, globals);
    commands.emplace_back(app.get_subcommands({})[before], std::move(action));
  };
  add(lexgit::cli::add_init);
  add(lexgit::cli::add_import);
  add(lexgit::cli::add_outline);
  add(lexgit::cli::add_show);
  add(lexgit::cli::add_check);
  add(lexgit::cli::add_ls);
  add(lexgit::cli::add_log);
  add(lexgit::cli::add_diff);
  add(lexgit::cli::add_difftool);
  add(lexgit::cli::add_commit);
  add(lexgit::cli::add_cache);
  add(lexgit::cli::add_resolve);
  add(lexgit::cli::add_which);
  add(lexgit::cli::add_period);
  add(lexgit::cli::add_holidays);
  add(lexgit::cli::add_notice);
  add(lexgit::cli::add_publish);
  add(lexgit::cli::add_words);
  add(lexgit::cli::add_hook);
  add(lexgit::cli::add_sync);
  add(lexgit::cli::add_serve);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "lexgit: " << e.what() << "\n(see lexgit --help)\n";
    return 2;
  }

  try {
    if (!globals.directory.empty()) {
      std::error_code ec;
      std::filesystem::current_path(globals.directory, ec);
      if (ec) throw lexgit::Error(lexgit::ErrorCode::NotFound, "cannot change to directory: " + ec.message(), {globals.directory, 0});
    }
    for (auto& [sub, action] : commands)
      if (sub->parsed()) return action();
    return 2;
  } catch (const lexgit::Error& e) {
    std::cerr << "lexgit: " << e.describe() << "\n";
    return e.exit_status();
  } catch (const std::exception& e) {
    std::cerr << "lexgit: internal error: " << e.what() << "\n";
    return 1;
  }
}
