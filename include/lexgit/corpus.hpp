// A corpus: the lexgit documents found under a directory.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "lexgit/document.hpp"

namespace lexgit {

class Corpus {
 public:
  // Every *.md file below `dir` that opens with lexgit front matter (a YAML block
  // with an id or kind); other Markdown (README.md) is not a document. Hidden
  // directories and build directories are skipped. Sorted by path. A file
  // that cannot be read is a document with that error (and no id).
  static Corpus scan(const std::filesystem::path& dir);
  // These files (and *.md files below any directory among them).
  static Corpus load(const std::vector<std::filesystem::path>& paths);

  const std::vector<Document>& documents() const { return documents_; }
  const Document* find(std::string_view id) const;
  // Throws Error(NotFound) naming the directory that was searched.
  const Document& get(std::string_view id) const;

 private:
  std::filesystem::path root_;
  std::vector<Document> documents_;
};


}  // namespace lexgit
