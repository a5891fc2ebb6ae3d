// lexgit difftool: git's external diff. Git runs it with
//   path old-file old-hex old-mode new-file new-hex new-mode
// (GIT_EXTERNAL_DIFF, or diff.<driver>.command with a diff=<driver> attribute),
// and with the path alone for an unmerged file. It prints the text redline for
// lexgit documents and a unified line diff for anything else, and always exits
// 0: git stops the whole diff at the first external command that fails.
#include <sys/wait.h>
#include <unistd.h>

#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "lexgit/redline.hpp"

namespace lexgit::cli {
namespace {
namespace fs = std::filesystem;

struct FileSide {
  std::string file;  // /dev/null when absent
  std::string hex;
  bool absent() const { return file == "/dev/null" || file.empty(); }
};

std::string contents_of(const FileSide& side) { return side.absent() ? std::string() : read_file(side.file); }

// How a side is labelled: its blob's short id. Git passes "." or zeros for a
// side that does not exist, and its own hex for a work-tree file.
std::string label_of(const FileSide& side, Language language) {
  if (side.absent()) return std::string(redline::absent_label(language));
  if (side.hex.empty() || side.hex == "." || side.hex.find_first_not_of('0') == std::string::npos) return side.file;
  return side.hex.substr(0, 12);
}

// The document a side holds; an empty one (no clauses) when absent. The id
// falls back to the file name so that refs stay readable while a document is
// still being written.
Document document_of(const std::string& source, const std::string& path) {
  Document d = parse_document(source, path);
  if (d.meta.id.empty()) d.meta.id = fs::path(path).stem().string();
  return d;
}

// `diff -u` with git's a/ and b/ labels, writing straight to our stdout.
void plain_diff(const std::string& path, const FileSide& old_side, const FileSide& new_side) {
  std::cout << "diff --git a/" << path << " b/" << path << "\n" << std::flush;
  std::string a_label = old_side.absent() ? "/dev/null" : "a/" + path;
  std::string b_label = new_side.absent() ? "/dev/null" : "b/" + path;
  std::string a_file = old_side.absent() ? "/dev/null" : old_side.file;
  std::string b_file = new_side.absent() ? "/dev/null" : new_side.file;
  pid_t pid = fork();
  if (pid == 0) {
    const char* argv[] = {"diff", "-u", "--label", a_label.c_str(), "--label", b_label.c_str(), a_file.c_str(), b_file.c_str(), nullptr};
    execvp("diff", const_cast<char* const*>(argv));
    _exit(127);
  }
  int status = 0;
  if (pid > 0) waitpid(pid, &status, 0);
  if (pid < 0 || (WIFEXITED(status) && WEXITSTATUS(status) == 127)) std::cout << "(files differ; no diff program to show how)\n";
}

void redline(const std::string& path, const FileSide& old_side, const FileSide& new_side, const std::string& old_source,
             const std::string& new_source, const redline::TextOptions& options) {
  text::Segmenter segmenter;
  Document before = document_of(old_source, path), after = document_of(new_source, path);
  if (old_side.absent()) before.clauses.clear();
  if (new_side.absent()) after.clauses.clear();
  diff::DocumentDiff d = diff::compare(before, after, segmenter);
  if (d.doc.empty()) d.doc = fs::path(path).stem().string();
  redline::Labels labels{label_of(old_side, options.language), label_of(new_side, options.language)};
  const char* bold = options.color ? "\x1b[1m" : "";
  const char* reset = options.color ? "\x1b[m" : "";
  std::cout << bold << "diff --lexgit a/" << path << " b/" << path << reset << "\n" << redline::render_text({d}, labels, options);
}

void show(const std::vector<std::string>& args, const redline::TextOptions& options) {
  if (args.size() == 1) {
    std::cout << "* Unmerged path " << args[0] << "\n";
    return;
  }
  if (args.size() != 7 && args.size() != 2) {
    std::cerr << "lexgit difftool: git passes 7 arguments (path old-file old-hex old-mode new-file new-hex new-mode), or 2 files; got "
              << args.size() << "\n";
    return;
  }
  std::string path = args.size() == 7 ? args[0] : args[1];
  FileSide old_side = args.size() == 7 ? FileSide{args[1], args[2]} : FileSide{args[0], ""};
  FileSide new_side = args.size() == 7 ? FileSide{args[4], args[5]} : FileSide{args[1], ""};
  std::string old_source = contents_of(old_side), new_source = contents_of(new_side);
  if (is_lexgit_document(old_source) || is_lexgit_document(new_source)) {
    try {
      redline(path, old_side, new_side, old_source, new_source, options);
      return;
    } catch (const std::exception& e) {
      std::cerr << "lexgit difftool: " << path << ": " << e.what() << "; showing a line diff\n";
    }
  }
  plain_diff(path, old_side, new_side);
}

}  // namespace

Action add_difftool(CLI::App& app, Globals& globals) {
  auto args = std::make_shared<std::vector<std::string>>();
  auto color = std::make_shared<std::string>("auto");
  CLI::App* cmd = app.add_subcommand("difftool", "git's external diff: clause redlines in git diff and git log -p (see README)");
  cmd->add_option("ARGS", *args, "What git passes: path old-file old-hex old-mode new-file new-hex new-mode");
  add_color_option(cmd, *color);
  return [args, color, &globals] {
    try {
      show(*args, {use_color(*color), globals.language});
    } catch (const std::exception& e) {
      std::cerr << "lexgit difftool: " << e.what() << "\n";
    }
    std::cout << std::flush;
    return 0;  // never non-zero: git would abort the whole diff
  };
}

}  // namespace lexgit::cli
