#include "lexgit/versions.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cache/cache.hpp"
#include "document/front_matter.hpp"
#include "versions/serialize.hpp"

namespace lexgit {
namespace fs = std::filesystem;

namespace {

auto version_key(const Revision& r) { return std::tie(r.meta.effective, r.meta.published, r.sequence); }

}  // namespace

void sort_as_versions(std::vector<Revision>& revisions) {
  std::stable_sort(revisions.begin(), revisions.end(),
                   [](const Revision& a, const Revision& b) { return version_key(a) < version_key(b); });
}

std::optional<Revision> version_in_force(const std::vector<Revision>& revisions, text::Date date) {
  if (revisions.empty()) return std::nullopt;
  auto latest = std::max_element(revisions.begin(), revisions.end(),
                                 [](const Revision& a, const Revision& b) { return a.sequence < b.sequence; });
  if (latest->removed) return std::nullopt;  // no longer in the repository
  const Revision* best = nullptr;
  for (const Revision& r : revisions) {
    if (r.removed || r.meta.status == Status::Draft || date < r.meta.effective) continue;
    if (!best || version_key(*best) < version_key(r)) best = &r;
  }
  if (!best || best->meta.status == Status::Withdrawn) return std::nullopt;
  return *best;
}

std::optional<FrontMatter> Versions::front_matter_of(const std::string& blob) {
  cache::Cache* cache = repo_.cache();
  if (cache) {
    if (auto cached = cache->front_matter(blob)) {
      if (cached->empty()) return std::nullopt;
      return serialize::front_matter(nlohmann::json::parse(*cached));
    }
  }
  std::string source = repo_.read_blob(blob);
  std::optional<FrontMatter> meta;
  if (is_lexgit_document(source) && text::is_valid_utf8(source)) {
    std::string canonical = source.starts_with("\xEF\xBB\xBF") ? source.substr(3) : source;
    auto split = front_matter::split(canonical);
    std::vector<Diagnostic> ignored;  // check reports them; history needs only the id and dates
    FrontMatter m = front_matter::read(split.yaml, blob, ignored);
    if (split.found && !m.id.empty()) meta = std::move(m);
  }
  if (cache) cache->put_front_matter(blob, meta ? serialize::front_matter(*meta).dump() : std::string());
  return meta;
}

const std::map<std::string, std::vector<Revision>>& Versions::history(const std::string& tip) {
  if (auto it = histories_.find(tip); it != histories_.end()) return it->second;
  cache::Cache* cache = repo_.cache();
  auto load_cached = [&](const std::string& commit, std::map<std::string, std::vector<Revision>>& into) -> std::optional<std::size_t> {
    if (!cache) return std::nullopt;
    auto rows = cache->histories(commit);
    std::optional<std::size_t> sequence;
    for (const auto& [doc, json] : rows) {
      auto j = nlohmann::json::parse(json);
      if (doc.empty()) {
        sequence = j.at("seq").get<std::size_t>();
        continue;
      }
      auto& list = into[doc];
      for (const auto& r : j) list.push_back(serialize::revision(r));
    }
    if (!sequence) into.clear();
    return sequence;
  };

  auto& result = histories_[tip];
  if (load_cached(tip, result)) return result;

  // Walk back from the tip until a commit whose history is cached, then add
  // the newer commits' changes on top of it.
  std::string base;
  std::vector<std::string> cached_tips = cache ? cache->complete_tips() : std::vector<std::string>{};
  auto changes = repo_.markdown_changes(tip, [&](const std::string& commit) {
    if (std::find(cached_tips.begin(), cached_tips.end(), commit) == cached_tips.end()) return false;
    base = commit;
    return true;
  });
  std::size_t sequence = 0;
  if (!base.empty()) {
    if (auto base_sequence = load_cached(base, result)) sequence = *base_sequence + 1;
  }
  for (auto commit = changes.rbegin(); commit != changes.rend(); ++commit, ++sequence) {
    std::vector<Revision> added;
    std::vector<Revision> removed;
    for (const FileChange& change : commit->changes) {
      std::optional<FrontMatter> now = change.new_blob.empty() ? std::nullopt : front_matter_of(change.new_blob);
      if (now) added.push_back({now->id, change.path, commit->commit, change.new_blob, *now, sequence, false});
      std::optional<FrontMatter> was = change.old_blob.empty() ? std::nullopt : front_matter_of(change.old_blob);
      if (was && (!now || now->id != was->id)) removed.push_back({was->id, change.path, commit->commit, change.old_blob, *was, sequence, true});
    }
    // A document moved to another path in the same commit was not removed.
    for (Revision& r : removed) {
      bool moved = std::any_of(added.begin(), added.end(), [&](const Revision& a) { return a.doc == r.doc; });
      if (!moved) result[r.doc].push_back(std::move(r));
    }
    for (Revision& r : added) result[r.doc].push_back(std::move(r));
  }
  if (cache && !changes.empty()) {
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto& [doc, list] : result) {
      nlohmann::json j = nlohmann::json::array();
      for (const Revision& r : list) j.push_back(serialize::revision(r));
      rows.emplace_back(doc, j.dump());
    }
    rows.emplace_back("", nlohmann::json{{"seq", sequence - 1}}.dump());
    cache->put_histories(tip, rows);
  }
  return result;
}

std::vector<Revision> Versions::revisions(const std::string& tip, const std::string& doc) {
  if (histories_.find(tip) == histories_.end()) {
    // A warm cache answers for one document without loading every history.
    if (cache::Cache* cache = repo_.cache(); cache && cache->history(tip, "")) {
      std::vector<Revision> list;
      if (auto json = cache->history(tip, doc))
        for (const auto& r : nlohmann::json::parse(*json)) list.push_back(serialize::revision(r));
      return list;
    }
  }
  const auto& all = history(tip);
  auto it = all.find(doc);
  return it == all.end() ? std::vector<Revision>{} : it->second;
}

std::vector<Revision> Versions::documents_at(const std::string& tip) {
  std::vector<Revision> out;
  for (const auto& [doc, list] : history(tip)) {
    auto latest = std::max_element(list.begin(), list.end(),
                                   [](const Revision& a, const Revision& b) { return a.sequence < b.sequence; });
    if (latest != list.end() && !latest->removed) out.push_back(*latest);
  }
  return out;
}

std::vector<Revision> Versions::in_force(const std::string& tip, text::Date date) {
  std::vector<Revision> out;
  for (const auto& [doc, list] : history(tip))
    if (auto r = version_in_force(list, date)) out.push_back(std::move(*r));
  return out;
}

Document Versions::load(const Revision& revision) {
  if (revision.removed) throw Error(ErrorCode::NotFound, "document " + revision.doc + " was removed in commit " + revision.commit);
  cache::Cache* cache = repo_.cache();
  Document doc;
  std::optional<std::string> cached = cache ? cache->document(revision.blob) : std::nullopt;
  if (cached) {
    doc = serialize::document(nlohmann::json::parse(*cached));
  } else {
    doc = parse_document(repo_.read_blob(revision.blob), revision.path);
    if (cache) cache->put_document(revision.blob, serialize::document(doc).dump());
  }
  doc.path = revision.path;
  for (Diagnostic& d : doc.diagnostics) d.where.file = revision.path;
  return doc;
}

std::vector<fs::path> Versions::changed_files() {
  fs::path workdir = repo_.workdir();
  if (workdir.empty()) throw Error(ErrorCode::Usage, repo_.gitdir().string() + " is bare: it has no work tree");
  auto head = repo_.head();
  auto committed = head ? repo_.markdown_files(*head) : std::map<std::string, std::string>{};
  std::vector<fs::path> changed;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(workdir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_directory() && it->path().filename().string().starts_with(".")) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || it->path().extension() != ".md") continue;
    std::string contents = read_file(it->path());
    if (!is_lexgit_document(contents)) continue;
    std::string rel = it->path().lexically_relative(workdir).generic_string();
    auto was = committed.find(rel);
    if (was == committed.end() || was->second != repo_.blob_id(contents)) changed.push_back(it->path());
  }
  std::sort(changed.begin(), changed.end());
  return changed;
}

std::optional<std::string> Versions::commit(const std::vector<fs::path>& files, const std::string& message,
                                            const std::string& author, const std::optional<std::string>& base) {
  fs::path workdir = repo_.workdir();
  if (workdir.empty()) throw Error(ErrorCode::Usage, "commit needs a work tree; " + repo_.gitdir().string() + " is bare");
  Repository::CommitRequest request;
  request.message = message;
  request.author = author;
  request.base = base;
  const std::vector<fs::path>& chosen = files;
  for (const fs::path& file : chosen) {
    fs::path absolute = fs::weakly_canonical(fs::absolute(file));
    std::string rel = absolute.lexically_relative(fs::weakly_canonical(workdir)).generic_string();
    if (rel.empty() || rel.starts_with("..")) throw Error(ErrorCode::Usage, "not inside the repository's work tree", {file.string(), 0});
    std::string contents = read_file(file);
    Document doc = parse_document(contents, file.string());
    doc.require_valid();
    request.files[rel] = contents;
    request.names[rel] = doc.meta.id;
  }
  if (request.files.empty()) return std::nullopt;
  auto id = repo_.commit(request);
  if (id) repo_.pack_if_needed();
  return id;
}

nlohmann::json to_json(const Revision& r) {
  return {{"id", r.doc},
          {"title", r.meta.title},
          {"kind", to_string(r.meta.kind)},
          {"class", r.meta.doc_class},
          {"medium", to_string(r.meta.medium)},
          {"channel", r.meta.channel ? nlohmann::json(to_string(*r.meta.channel)) : nlohmann::json(nullptr)},
          {"published", text::format_iso(r.meta.published)},
          {"effective", text::format_iso(r.meta.effective)},
          {"status", to_string(r.meta.status)},
          {"path", r.path},
          {"commit", r.commit}};
}

}  // namespace lexgit
