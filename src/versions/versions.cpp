#include "lexgit/versions.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "cache/cache.hpp"
#include "document/front_matter.hpp"
#include "versions/serialize.hpp"

namespace lexgit {
namespace fs = std::filesystem;

namespace {

auto version_key(const Revision& r) { return std::tie(r.meta.effective, r.meta.published, r.sequence); }

// Front matter written as `key: value` lines with lexgit's own keys and plain,
// valid values, read without a YAML parser: a history reads the front matter
// of every version of every document, and a YAML parser is the larger part of
// that cost. nullopt for anything else (quotes, comments after a value,
// continuation lines, unknown or repeated keys, invalid values), which
// front_matter::read then reads as always; for what is accepted here both give
// the same front matter.
std::optional<FrontMatter> read_plain_front_matter(std::string_view yaml) {
  std::map<std::string_view, std::string_view> fields;
  while (!yaml.empty()) {
    std::size_t eol = yaml.find('\n');
    std::string_view line = yaml.substr(0, eol);
    yaml.remove_prefix(eol == std::string_view::npos ? yaml.size() : eol + 1);
    if (line.empty() || line[0] == '#') continue;
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 >= line.size() || line[colon + 1] != ' ') return std::nullopt;
    std::string_view key = line.substr(0, colon);
    std::string_view value = line.substr(colon + 2);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    if (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL") return std::nullopt;
    if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(value.front()) != std::string_view::npos) return std::nullopt;
    if (value.back() == ':' || value.find(": ") != std::string_view::npos || value.find(" #") != std::string_view::npos)
      return std::nullopt;
    for (unsigned char c : line)
      if (c < 0x20 || c == 0x7f) return std::nullopt;  // tabs, carriage returns, control characters
    // Line breaks YAML knows beyond \n (NEL, LS, PS) and a byte-order mark.
    if (line.find("\xC2\x85") != std::string_view::npos || line.find("\xE2\x80\xA8") != std::string_view::npos ||
        line.find("\xE2\x80\xA9") != std::string_view::npos || line.find("\xEF\xBB\xBF") != std::string_view::npos)
      return std::nullopt;
    for (char c : key)
      if (c < 'a' || c > 'z') return std::nullopt;
    if (!fields.emplace(key, value).second) return std::nullopt;
  }
  static const std::set<std::string_view> known{"id", "title", "kind", "class", "medium", "channel",
                                                "published", "effective", "status", "sample"};
  for (const auto& [key, value] : fields)
    if (!known.count(key)) return std::nullopt;
  auto field = [&](std::string_view key) -> std::optional<std::string_view> {
    auto it = fields.find(key);
    return it == fields.end() ? std::nullopt : std::optional<std::string_view>(it->second);
  };
  FrontMatter m;
  auto id = field("id"), title = field("title"), kind = field("kind"), published = field("published");
  if (!id || !is_valid_doc_id(*id) || !title || !kind || !published) return std::nullopt;
  m.id = std::string(*id);
  m.title = std::string(*title);
  auto k = parse_kind(*kind);
  auto p = parse_iso_date(*published);
  if (!k || !p) return std::nullopt;
  m.kind = *k;
  m.published = *p;
  m.doc_class = m.id;
  if (auto c = field("class")) {
    if (!is_valid_doc_id(*c)) return std::nullopt;
    m.doc_class = std::string(*c);
  }
  if (auto v = field("medium")) {
    auto medium = parse_medium(*v);
    if (!medium) return std::nullopt;
    m.medium = *medium;
  }
  if (auto v = field("channel")) {
    m.channel = parse_channel(*v);
    if (!m.channel) return std::nullopt;
  }
  m.effective = m.published;
  if (auto v = field("effective")) {
    auto e = parse_iso_date(*v);
    if (!e) return std::nullopt;
    m.effective = *e;
  }
  if (auto v = field("status")) {
    auto status = parse_status(*v);
    if (!status) return std::nullopt;
    m.status = *status;
  }
  if (auto v = field("sample")) {
    if (*v != "true" && *v != "false") return std::nullopt;
    m.sample = *v == "true";
  }
  return m;
}


// A value decoded from the cache, or nullopt when it cannot be: whatever the
// cache holds that its decoder refuses is a miss, never an error.
template <typename Decode>
auto decoded(Decode decode) -> std::optional<decltype(decode())> {
  try {
    return decode();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// A tip's cached history: the revision lists into `into`, and the tip's
// sequence number. Throws when the rows are not the whole history the tip's
// record describes (a document's row missing).
std::size_t decode_history(const std::vector<std::pair<std::string, std::string>>& rows,
                           std::map<std::string, std::vector<Revision>>& into) {
  std::optional<nlohmann::json> record;
  for (const auto& [doc, encoded] : rows) {
    if (doc.empty()) record = nlohmann::json::parse(encoded);
    else into[doc] = serialize::revisions(encoded);
  }
  if (!record || record->at("docs").get<std::size_t>() != into.size())
    throw Error(ErrorCode::Internal, "the cache holds part of a history");
  return record->at("seq").get<std::size_t>();
}

}  // namespace

Absence why_not_in_force(const std::vector<Revision>& revisions, text::Date at) {
  if (!revisions.empty() && latest_revision(revisions).removed) return {"it was removed from the repository", "该文档已被删除"};
  std::optional<text::Date> first;
  for (const Revision& r : revisions)
    if (!r.removed && r.meta.status != Status::Draft && (!first || r.meta.effective < *first)) first = r.meta.effective;
  if (!first) return {"it has only drafts: it was never in force", "该文档只有草稿，从未生效"};
  if (at < *first)
    return {"its first version takes effect on " + text::format_iso(*first) + " (changes are not retroactive)",
            "尚未生效（" + text::format_zh_cn(*first) + "起生效；变更无追溯力）"};
  return {"it was withdrawn on or before " + text::format_iso(at), "已被撤回"};
}

void sort_as_versions(std::vector<Revision>& revisions) {
  std::stable_sort(revisions.begin(), revisions.end(),
                   [](const Revision& a, const Revision& b) { return version_key(a) < version_key(b); });
}

const Revision& latest_revision(const std::vector<Revision>& revisions) {
  return *std::max_element(revisions.begin(), revisions.end(),
                           [](const Revision& a, const Revision& b) { return a.sequence < b.sequence; });
}

std::optional<Revision> version_in_force(const std::vector<Revision>& revisions, text::Date date) {
  if (revisions.empty()) return std::nullopt;
  if (latest_revision(revisions).removed) return std::nullopt;  // no longer in the repository
  const Revision* best = nullptr;
  for (const Revision& r : revisions) {
    if (r.removed || r.meta.status == Status::Draft || date < r.meta.effective) continue;
    if (!best || version_key(*best) < version_key(r)) best = &r;
  }
  if (!best || best->meta.status == Status::Withdrawn) return std::nullopt;
  return *best;
}

std::vector<Revision> pending_versions(const std::vector<Revision>& revisions, text::Date date) {
  std::vector<Revision> out;
  for (const Revision& r : revisions) {
    if (r.removed || r.meta.status != Status::InForce || date < r.meta.published || !(date < r.meta.effective)) continue;
    auto then = version_in_force(revisions, r.meta.effective);
    if (then && then->commit == r.commit) out.push_back(r);
  }
  sort_as_versions(out);
  return out;
}

std::optional<FrontMatter> Versions::front_matter_of(const std::string& blob) {
  cache::Cache* cache = repo_.cache();
  if (auto cached = cache ? cache->front_matter(blob, serialize::kFrontMatterFormat) : std::nullopt) {
    if (cached->empty()) return std::nullopt;
    if (auto meta = decoded([&] { return serialize::front_matter(nlohmann::json::parse(*cached)); })) return meta;
  }
  std::string source = repo_.read_blob(blob);
  std::optional<FrontMatter> meta;
  if (is_lexgit_document(source) && text::is_valid_utf8(source)) {
    std::string canonical = source.starts_with("\xEF\xBB\xBF") ? source.substr(3) : source;
    auto split = front_matter::split(canonical);
    if (split.found) meta = read_plain_front_matter(split.yaml);
    if (split.found && !meta) {
      std::vector<Diagnostic> ignored;  // check reports them; history needs only the id and dates
      FrontMatter m = front_matter::read(split.yaml, blob, ignored);
      if (!m.id.empty()) meta = std::move(m);
    }
  }
  if (cache) cache->put_front_matter(blob, serialize::kFrontMatterFormat, meta ? serialize::front_matter(*meta).dump() : std::string());
  return meta;
}

const std::map<std::string, std::vector<Revision>>& Versions::history(const std::string& tip) {
  if (auto it = histories_.find(tip); it != histories_.end()) return it->second;
  cache::Cache* cache = repo_.cache();
  // A tip's history from the cache: its sequence number, or nullopt (and
  // `into` empty) when the cache lacks it or holds it damaged.
  auto load_cached = [&](const std::string& commit, std::map<std::string, std::vector<Revision>>& into) -> std::optional<std::size_t> {
    auto rows = cache ? cache->histories(commit, serialize::kRevisionsFormat) : std::nullopt;
    if (!rows || rows->empty()) return std::nullopt;
    auto sequence = decoded([&] { return decode_history(*rows, into); });
    if (!sequence) {
      into.clear();
      cache->forget_history(commit);
    }
    return sequence;
  };

  auto& result = histories_[tip];
  if (load_cached(tip, result)) return result;

  // Walk back from the tip until a commit whose history is cached, then add
  // the newer commits' changes on top of it.
  std::vector<std::string> cached_tips = cache ? cache->complete_tips() : std::vector<std::string>{};
  auto walk = [&](std::string& base) {
    return repo_.markdown_changes(tip, [&](const std::string& commit) {
      if (std::find(cached_tips.begin(), cached_tips.end(), commit) == cached_tips.end()) return false;
      base = commit;
      return true;
    });
  };
  std::string base;
  auto changes = walk(base);
  std::size_t sequence = 0;
  if (!base.empty()) {
    if (auto base_sequence = load_cached(base, result)) {
      sequence = *base_sequence + 1;
    } else {  // the base's rows were damaged: walk the whole history
      cached_tips.clear();
      changes = walk(base);
    }
  }
  // The front matter of every blob involved, each read once. Newest first, as
  // the changes come: git packs a file's older versions as deltas against its
  // newer ones, so reading in this order finds each delta's base in libgit2's
  // cache of recently read bases instead of rebuilding it.
  std::unordered_map<std::string, std::optional<FrontMatter>> metas;
  auto meta_of = [&](const std::string& blob) -> const std::optional<FrontMatter>& {
    auto it = metas.find(blob);
    if (it == metas.end()) it = metas.emplace(blob, front_matter_of(blob)).first;
    return it->second;
  };
  for (const CommitChanges& commit : changes)
    for (const FileChange& change : commit.changes)
      if (!change.new_blob.empty()) meta_of(change.new_blob);
  for (auto commit = changes.rbegin(); commit != changes.rend(); ++commit, ++sequence) {
    std::vector<Revision> added;
    std::vector<Revision> removed;
    for (const FileChange& change : commit->changes) {
      std::optional<FrontMatter> now = change.new_blob.empty() ? std::nullopt : meta_of(change.new_blob);
      if (now) added.push_back({now->id, change.path, commit->commit, change.new_blob, *now, sequence, false});
      std::optional<FrontMatter> was = change.old_blob.empty() ? std::nullopt : meta_of(change.old_blob);
      if (was && (!now || now->id != was->id)) removed.push_back({was->id, change.path, commit->commit, change.old_blob, *was, sequence, true});
    }
    // A document moved to another path in the same commit was not removed.
    for (Revision& r : removed) {
      bool moved = std::any_of(added.begin(), added.end(), [&](const Revision& a) { return a.doc == r.doc; });
      if (!moved) result[r.doc].push_back(std::move(r));
    }
    for (Revision& r : added) result[r.doc].push_back(std::move(r));
  }
  // The walk's changes and front matter are done with: freed before the rows
  // below are written, which is a cold history's peak of memory.
  bool changed = !changes.empty();
  std::vector<CommitChanges>().swap(changes);
  std::unordered_map<std::string, std::optional<FrontMatter>>().swap(metas);
  if (cache && changed) {
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto& [doc, list] : result) rows.emplace_back(doc, serialize::revisions(list));
    rows.emplace_back("", nlohmann::json{{"seq", sequence - 1}, {"docs", result.size()}}.dump());
    cache->put_histories(tip, serialize::kRevisionsFormat, rows);
  }
  return result;
}

std::vector<Revision> Versions::revisions(const std::string& tip, const std::string& doc) {
  if (histories_.find(tip) == histories_.end()) {
    // A warm cache answers for one document without loading every history.
    if (cache::Cache* cache = repo_.cache(); cache && cache->history(tip, "", serialize::kRevisionsFormat)) {
      auto encoded = cache->history(tip, doc, serialize::kRevisionsFormat);
      if (encoded)
        if (auto list = decoded([&] { return serialize::revisions(*encoded); })) return *list;
      // No row: the document has no revisions, if the tip is still complete
      // (a damaged row makes the cache forget the tip's rows).
      if (!encoded && cache->history(tip, "", serialize::kRevisionsFormat)) return {};
      cache->forget_history(tip);
    }
  }
  const auto& all = history(tip);
  auto it = all.find(doc);
  return it == all.end() ? std::vector<Revision>{} : it->second;
}

std::vector<Revision> Versions::documents_at(const std::string& tip) {
  std::vector<Revision> out;
  for (const auto& [doc, list] : history(tip)) {
    if (list.empty()) continue;
    const Revision& latest = latest_revision(list);
    if (!latest.removed) out.push_back(latest);
  }
  return out;
}

std::vector<Revision> Versions::in_force(const std::string& tip, text::Date date) {
  // A tip's history never changes, so neither does what is in force on a date:
  // the cache keeps the answer per tip and date. `which` asks it on every
  // question, and decoding every document's history for it was a fifth of a
  // warm query.
  cache::Cache* cache = repo_.cache();
  const std::string key = tip + " " + text::format_iso(date);
  if (cache && histories_.find(tip) == histories_.end())
    if (auto cached = cache->value("in-force", key, serialize::kRevisionsFormat)) {
      try {
        return serialize::revisions(*cached);
      } catch (const std::exception&) {
        // A value that does not decode is a miss: recomputed and stored again below.
      }
    }
  std::vector<Revision> out;
  for (const auto& [doc, list] : history(tip))
    if (auto r = version_in_force(list, date)) out.push_back(std::move(*r));
  if (cache) cache->put_value("in-force", key, serialize::kRevisionsFormat, serialize::revisions(out));
  return out;
}

std::vector<Revision> Versions::pending(const std::string& tip, text::Date date) {
  std::vector<Revision> out;
  for (const auto& [doc, list] : history(tip))
    for (Revision& r : pending_versions(list, date)) out.push_back(std::move(r));
  return out;
}

Document Versions::load(const Revision& revision) {
  if (revision.removed) throw Error(ErrorCode::NotFound, "document " + revision.doc + " was removed in commit " + revision.commit);
  cache::Cache* cache = repo_.cache();
  Document doc;
  std::optional<std::string> cached = cache ? cache->document(revision.blob, serialize::kDocumentFormat) : std::nullopt;
  std::optional<Document> from_cache;
  if (cached) from_cache = decoded([&] { return serialize::document(nlohmann::json::parse(*cached)); });
  if (from_cache) {
    doc = std::move(*from_cache);
  } else {
    doc = parse_document(repo_.read_blob(revision.blob), revision.path);
    if (cache) cache->put_document(revision.blob, serialize::kDocumentFormat, serialize::document(doc).dump());
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

std::vector<Diagnostic> Versions::validate(const std::vector<Document>& documents, const std::vector<std::string>& paths,
                                           const std::optional<std::string>& tip, const CheckOptions& options) {
  std::vector<Diagnostic> out = check_documents(documents, options);
  if (!tip) return out;
  // An id is one document's in the whole repository, not only among the files validated.
  for (const Revision& other : documents_at(*tip)) {
    if (std::find(paths.begin(), paths.end(), other.path) != paths.end()) continue;
    for (const Document& d : documents)
      if (d.meta.id == other.doc)
        out.push_back({Severity::Error, {d.path, 2}, "document id '" + d.meta.id + "' is already used by " + other.path + " in the repository"});
  }
  return out;
}

int Versions::CommitOutcome::errors() const {
  return static_cast<int>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                        [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

Versions::CommitOutcome Versions::commit(const std::vector<fs::path>& files, const std::string& message,
                                         const std::string& author, const std::optional<std::string>& base,
                                         const CheckOptions& options, const std::vector<fs::path>& as_is) {
  fs::path workdir = repo_.workdir();
  if (workdir.empty()) throw Error(ErrorCode::Usage, "commit needs a work tree; " + repo_.gitdir().string() + " is bare");
  Repository::CommitRequest request;
  request.message = message;
  request.author = author;
  request.base = base;
  auto in_work_tree = [&](const fs::path& file) {
    fs::path absolute = fs::weakly_canonical(fs::absolute(file));
    std::string rel = absolute.lexically_relative(fs::weakly_canonical(workdir)).generic_string();
    if (rel.empty() || rel.starts_with("..")) throw Error(ErrorCode::Usage, "not inside the repository's work tree", {file.string(), 0});
    return rel;
  };
  std::vector<Document> documents;
  for (const fs::path& file : files) {
    std::string rel = in_work_tree(file);
    std::string contents = read_file(file);
    documents.push_back(parse_document(contents, file.string()));
    request.files[rel] = std::move(contents);
    request.names[rel] = documents.back().meta.id;
  }
  CommitOutcome outcome;
  for (const Document& d : documents) outcome.documents.emplace_back(d.meta.id, d.path);
  for (const fs::path& file : as_is) {
    std::string rel = in_work_tree(file);
    request.files[rel] = read_file(file);
    request.names[rel] = rel;
    outcome.documents.emplace_back("", file.string());
  }
  std::vector<std::string> paths;
  for (const auto& [rel, contents] : request.files) paths.push_back(rel);
  outcome.diagnostics = validate(documents, paths, repo_.head(), options);
  if (outcome.errors() > 0 || request.files.empty()) return outcome;
  outcome.commit = repo_.commit(request);
  if (outcome.commit) repo_.pack_if_needed();
  return outcome;
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
