// The lexgit command line: each command registers itself on the app and runs
// against the library. Commands throw lexgit::Error; main() turns it into an exit status.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include <CLI/CLI.hpp>

#include "lexgit/docset.hpp"
#include "lexgit/language.hpp"
#include "lexgit/lineage.hpp"
#include "lexgit/precedence.hpp"

namespace lexgit::cli {

struct Globals {
  std::string directory;  // -C DIR
  Language language = Language::Zh;  // --lang zh|en (or LEXGIT_LANG): lexgit's own words
};

// Adds --lang zh|en to the app, read from LEXGIT_LANG when not given, so that
// git-run commands (difftool) follow the user's choice too.
void add_language_option(CLI::App& app, Language& language);

using Action = std::function<int()>;

// Each adds a subcommand and returns what to run when it is chosen.
Action add_import(CLI::App& app, Globals& g);
Action add_outline(CLI::App& app, Globals& g);
Action add_show(CLI::App& app, Globals& g);
Action add_check(CLI::App& app, Globals& g);
Action add_words(CLI::App& app, Globals& g);

Action add_init(CLI::App& app, Globals& g);
Action add_ls(CLI::App& app, Globals& g);
Action add_log(CLI::App& app, Globals& g);
Action add_commit(CLI::App& app, Globals& g);
Action add_cache(CLI::App& app, Globals& g);
Action add_resolve(CLI::App& app, Globals& g);
Action add_which(CLI::App& app, Globals& g);
Action add_period(CLI::App& app, Globals& g);
Action add_holidays(CLI::App& app, Globals& g);
Action add_notice(CLI::App& app, Globals& g);
Action add_publish(CLI::App& app, Globals& g);
Action add_hook(CLI::App& app, Globals& g);
Action add_sync(CLI::App& app, Globals& g);
Action add_serve(CLI::App& app, Globals& g);

Action add_diff(CLI::App& app, Globals& g);
Action add_difftool(CLI::App& app, Globals& g);

// --rev and --at, for commands that read documents.
struct SelectionArgs {
  std::string rev, at;
  void add_to(CLI::App* cmd);
  Selection get() const;
  DocumentSet open() const;  // in the current directory
  // The version of a document that show, outline and log read: in force on
  // --at (default today; the latest when none is), or the latest at --rev.
  Reading reading(Lineage& lineage) const;
};

// Prints what the library wants the user to know (a cache rebuilt, …) on stderr.
void print_warnings(DocumentSet& set);
void print_warnings(const std::vector<std::string>& warnings);

// ---- output helpers ----

// Adds --color=auto|always|never to a command.
void add_color_option(CLI::App* cmd, std::string& mode);
// Whether to colour: "always", "never", or for "auto" a terminal on stdout (or
// git's pager, when git runs lexgit as its diff command).
bool use_color(const std::string& mode);

// A resolution as a partner reads it, in one language: the governing clause
// quoted with its document and dates, then each beaten clause with the rule in
// plain words, the clauses left out and why, and an unresolved conflict as such.
void print_resolution(const precedence::Resolution& r, Language language, std::ostream& out);

// A date given on the command line: 2026-01-31, or any form the text layer
// reads (2026年1月31日). Error(Usage) naming the option otherwise.
text::Date date_option(const std::string& value, std::string_view option);

// Today's date on this machine's clock and time zone.
using text::today;

// Writes `contents` to `path` atomically: a temporary file beside it, then a rename,
// so a failure never leaves half a file.
void write_file_atomically(const std::filesystem::path& path, const std::string& contents);

// -o FILE: where a command writes its output instead of stdout.
void add_output_option(CLI::App* cmd, std::string& file);
// Writes a command's output: to `file` atomically when one is given, else to
// stdout. Binary output (a .docx) is never written to a terminal:
// Error(Usage) asking for -o, before anything is written.
void write_output(const std::string& bytes, const std::string& file, bool binary);

// Shortens text to about `columns` display columns, ending in "…".
std::string abbreviate(const std::string& text, int columns);

}  // namespace lexgit::cli
