#include "lexgit/corpus.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace lexgit {
namespace fs = std::filesystem;
namespace {

bool skipped_directory(const fs::path& dir) {
  std::string name = dir.filename().string();
  return (name.size() > 1 && name[0] == '.') || name == "node_modules" || name.starts_with("build");
}

void collect_markdown(const fs::path& dir, std::vector<fs::path>& out) {
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) throw Error(ErrorCode::NotFound, "cannot read directory: " + ec.message(), {dir.string(), 0});
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    if (it->is_directory() && skipped_directory(it->path())) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && it->path().extension() == ".md") out.push_back(it->path());
  }
}

}  // namespace

Corpus Corpus::scan(const fs::path& dir) { return load({dir}); }

Corpus Corpus::load(const std::vector<fs::path>& paths) {
  Corpus corpus;
  corpus.root_ = paths.size() == 1 ? paths.front() : fs::path(".");
  std::vector<fs::path> files;
  for (const fs::path& p : paths) {
    if (fs::is_directory(p)) collect_markdown(p, files);
    else if (fs::exists(p)) files.push_back(p);
    else throw Error(ErrorCode::NotFound, "no such file or directory", {p.string(), 0});
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    // A file named explicitly is checked even without front matter.
    bool named = std::find(paths.begin(), paths.end(), file) != paths.end();
    std::string source;
    try {
      source = read_file(file);
    } catch (const Error& e) {
      if (named) throw;
      // One unreadable file found by the scan does not stop the others being read.
      Document unreadable;
      unreadable.path = file.lexically_normal().string();
      unreadable.diagnostics.push_back({Severity::Error, {unreadable.path, 0}, e.message()});
      corpus.documents_.push_back(std::move(unreadable));
      continue;
    }
    if (!named && !is_lexgit_document(source)) continue;
    corpus.documents_.push_back(parse_document(source, file.lexically_normal().string()));
  }
  return corpus;
}

const Document* Corpus::find(std::string_view id) const {
  for (const Document& d : documents_)
    if (d.meta.id == id) return &d;
  return nullptr;
}

const Document& Corpus::get(std::string_view id) const {
  if (const Document* d = find(id)) return *d;
  throw Error(ErrorCode::NotFound, "no document with id '" + std::string(id) + "' under " + root_.string());
}

}  // namespace lexgit
