#include <algorithm>

#include "lexgit/config.hpp"
#include "lexgit/shared.hpp"

namespace lexgit::shared {

std::vector<Diagnostic> validate_commit(Versions& versions, const std::string& commit, const CheckOptions& options) {
  Repository& repo = versions.repository();
  std::vector<Document> documents;
  std::vector<std::string> paths;
  std::vector<Diagnostic> out;
  for (const std::string& path : repo.changed_paths(commit)) {
    paths.push_back(path);  // replaced or removed: not another document
    std::optional<std::string> contents = repo.file_at(commit, path);
    if (!contents) continue;
    if (path == config::kFile) {
      for (Diagnostic& d : config::check(*contents, path)) out.push_back(std::move(d));
    } else if (path.ends_with(".md") && is_lexgit_document(*contents)) {
      documents.push_back(parse_document(*contents, path));
    }
  }
  // Against the parent's tree, as commit validates against the branch tip (a
  // tree keeps one revision per id, so the commit's own tree would hide a duplicate).
  std::optional<std::string> parent = repo.first_parent(commit);
  for (Diagnostic& d : versions.validate(documents, paths, parent, options)) out.push_back(std::move(d));
  return out;
}

}  // namespace lexgit::shared
