// The documents a command works on. In a git repository: those at the branch
// tip, at another revision (--rev), or the versions in force on a date (--at).
// Outside one: the files below the directory. A file path is always read from
// the file.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lexgit/store.hpp"
#include "lexgit/versions.hpp"

namespace lexgit {

struct Selection {
  std::optional<std::string> rev;  // a git revision; default: HEAD
  std::optional<text::Date> at;    // the versions in force on this date
};

class DocumentSet {
 public:
  static DocumentSet open(const std::filesystem::path& dir, Selection selection);
  DocumentSet(DocumentSet&&) noexcept;
  ~DocumentSet();

  bool in_git() const;
  const std::filesystem::path& directory() const;  // where the set was opened
  Repository& repository();  // Error(Usage) outside git
  Versions& versions();      // Error(Usage) outside git
  // The selected commit; empty outside git or in a repository without commits.
  const std::string& tip() const;
  const Selection& selection() const;

  // The selected documents, one revision each (outside git: commit and blob empty).
  std::vector<Revision> entries();
  // A document by id from the selection, or a file by path.
  Document load(std::string_view doc_or_file);
  Document load(const Revision& entry);

  // .lexgit.yaml as the selection sees it: committed at the selected tip in a
  // git repository, else the file in the directory; nullopt when there is none.
  struct Config {
    std::string yaml;
    std::string file;  // for messages: ".lexgit.yaml", or the file's path outside git
  };
  std::optional<Config> config();
  // The *.yaml files directly in `folder` (calendar) as the selection sees
  // them, the same way: committed at the selected tip, else in the directory.
  std::vector<Config> yaml_files(const std::string& folder);

  std::vector<std::string> take_warnings();

 private:
  struct Impl;
  explicit DocumentSet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lexgit
