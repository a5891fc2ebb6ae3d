// ls: the documents a selection has, with the versions pending on its date.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "lexgit/docset.hpp"

namespace lexgit {

std::vector<Listed> list_documents(DocumentSet& set, std::optional<text::Date> pending_on) {
  std::vector<Listed> rows;
  for (const Revision& r : set.entries()) rows.push_back({r, false});
  if (pending_on && set.in_git() && !set.tip().empty())
    for (Revision& r : set.versions().pending(set.tip(), *pending_on)) rows.push_back({std::move(r), true});
  std::stable_sort(rows.begin(), rows.end(), [](const Listed& a, const Listed& b) { return a.revision.doc < b.revision.doc; });
  return rows;
}

nlohmann::json to_json(const std::vector<Listed>& listed) {
  nlohmann::json out = nlohmann::json::array();
  for (const Listed& row : listed) {
    nlohmann::json j = to_json(row.revision);
    j["pending"] = row.pending;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace lexgit
