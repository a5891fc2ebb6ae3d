#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <unistd.h>

#include "cli/commands.hpp"
#include "lexgit/error.hpp"
#include "lexgit/text.hpp"

namespace lexgit::cli {

text::Date date_option(const std::string& value, std::string_view option) { return named_date(value, option); }

void SelectionArgs::add_to(CLI::App* cmd) {
  cmd->add_option("--rev", rev, "Read documents as of this git revision (default: HEAD)");
  cmd->add_option("--at", at, "Use the versions in force on this date, YYYY-MM-DD");
}

Selection SelectionArgs::get() const {
  Selection s;
  if (!rev.empty()) s.rev = rev;
  if (!at.empty()) s.at = date_option(at, "--at");
  return s;
}

DocumentSet SelectionArgs::open() const { return DocumentSet::open(".", get()); }

Reading SelectionArgs::reading(Lineage& lineage) const {
  Selection s = get();
  return lineage.reading(s.at, today(), s.rev.has_value());
}

void print_warnings(const std::vector<std::string>& warnings) {
  for (const std::string& w : warnings) std::cerr << "lexgit: warning: " << w << "\n";
}

void print_warnings(DocumentSet& set) { print_warnings(set.take_warnings()); }

void write_file_atomically(const std::filesystem::path& path, const std::string& contents) {
  std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::random_device rd;
  std::filesystem::path tmp = dir / ("." + path.filename().string() + ".tmp" + std::to_string(rd()));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(ErrorCode::BadInput, "cannot write here", {path.string(), 0});
    out << contents;
    out.flush();
    if (!out) {
      std::filesystem::remove(tmp);
      throw Error(ErrorCode::BadInput, "write failed", {path.string(), 0});
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp);
    throw Error(ErrorCode::BadInput, "cannot replace the file: " + ec.message(), {path.string(), 0});
  }
}

void add_language_option(CLI::App& app, Language& language) {
  static const std::map<std::string, Language> names{{"zh", Language::Zh}, {"en", Language::En}};
  app.add_option("--lang", language, "Language of lexgit's own words: zh (default) or en; contract text is never translated")
      ->envname("LEXGIT_LANG")
      ->transform(CLI::CheckedTransformer(names, CLI::ignore_case))
      ->type_name("zh|en");
}

void add_output_option(CLI::App* cmd, std::string& file) {
  cmd->add_option("-o,--output", file, "Write to FILE (atomically: all of it or nothing) instead of standard output")->type_name("FILE");
}

void write_output(const std::string& bytes, const std::string& file, bool binary) {
  if (!file.empty()) return write_file_atomically(file, bytes);
  if (binary && isatty(STDOUT_FILENO))
    throw Error(ErrorCode::Usage, "this format is binary: write it to a file with -o FILE (or redirect the output)");
  std::cout << bytes << std::flush;
}

void add_color_option(CLI::App* cmd, std::string& mode) {
  cmd->add_option("--color", mode, "Colour the redline: auto (on a terminal), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* pager = std::getenv("GIT_PAGER_IN_USE");
  return isatty(STDOUT_FILENO) || (pager && std::string(pager) == "true");
}

std::string abbreviate(const std::string& s, int columns) {
  if (text::display_width(s) <= columns) return s;
  std::string out;
  int width = 0;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t start = pos;
    text::next_code_point(s, pos);
    std::string_view ch(s.data() + start, pos - start);
    width += text::display_width(ch);
    if (width > columns - 1) break;
    out.append(ch);
  }
  return out + "…";
}

}  // namespace lexgit::cli
