// How the store keeps front matter, documents and revisions in its cache.
#pragma once

#include <nlohmann/json.hpp>

#include "lexgit/document.hpp"
#include "lexgit/versions.hpp"

namespace lexgit::serialize {

nlohmann::json front_matter(const FrontMatter& meta);
FrontMatter front_matter(const nlohmann::json& j);

nlohmann::json document(const Document& doc);
Document document(const nlohmann::json& j);

nlohmann::json revision(const Revision& r);
Revision revision(const nlohmann::json& j);

}  // namespace lexgit::serialize
