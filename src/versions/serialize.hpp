// How the store keeps front matter, documents and revisions in its cache.
#pragma once

#include <nlohmann/json.hpp>

#include "lexgit/document.hpp"
#include "lexgit/versions.hpp"

namespace lexgit::serialize {

// The cache's format versions of what this file encodes: bump one whenever
// its encoding changes, and the values stored before are misses.
inline constexpr int kFrontMatterFormat = 1;
inline constexpr int kDocumentFormat = 1;
inline constexpr int kRevisionsFormat = 1;  // a document's revision list, and a tip's record (versions.cpp)

nlohmann::json front_matter(const FrontMatter& meta);
FrontMatter front_matter(const nlohmann::json& j);

nlohmann::json document(const Document& doc);
Document document(const nlohmann::json& j);

nlohmann::json revision(const Revision& r);
Revision revision(const nlohmann::json& j);

// A document's revision list in the cache's compact form: one record per
// revision, fields in a fixed order. Every command on a repository reads all
// of them, so they are read without a JSON parser (records whose text holds
// the separators fall back to JSON).
std::string revisions(const std::vector<Revision>& list);
std::vector<Revision> revisions(std::string_view encoded);

}  // namespace lexgit::serialize
