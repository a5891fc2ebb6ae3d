// The lexgit command line: each command registers itself on the app and runs
// against the library. Commands throw lexgit::Error; main() turns it into an exit status.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include <CLI/CLI.hpp>

namespace lexgit::cli {

struct Globals {
  std::string directory;  // -C DIR
};

using Action = std::function<int()>;

// Each adds a subcommand and returns what to run when it is chosen.
Action add_import(CLI::App& app, Globals& g);
Action add_outline(CLI::App& app, Globals& g);
Action add_show(CLI::App& app, Globals& g);
Action add_check(CLI::App& app, Globals& g);

// ---- output helpers ----

// Writes `contents` to `path` atomically: a temporary file beside it, then a rename,
// so a failure never leaves half a file.
void write_file_atomically(const std::filesystem::path& path, const std::string& contents);

// Shortens text to about `columns` display columns, ending in "…".
std::string abbreviate(const std::string& text, int columns);

}  // namespace lexgit::cli
