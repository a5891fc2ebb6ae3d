#include "lexgit/history.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>

#include <nlohmann/json.hpp>

#include "cache/cache.hpp"
#include "lexgit/redline.hpp"

namespace lexgit::history {
namespace {

// A document's versions, oldest first, each parsed; a version that removed the
// document is an empty one.
Document load_version(Versions& versions, const Revision& r) {
  if (!r.removed) return versions.load(r);
  Document absent;
  absent.meta = r.meta;
  absent.meta.id = r.doc;
  return absent;
}

// What each version did to the clauses of the one before it (the first
// version: of nothing), as lexgit diff counts changes. The counts depend only
// on the two blobs, so the cache keeps them: a long history is compared once.
// The cache's format of the counts below: seven numbers separated by spaces.
constexpr int kClauseCountsFormat = 1;

std::vector<diff::Stat> clause_counts(DocumentSet& set, const std::vector<Revision>& revisions,
                                      const text::Segmenter& segmenter) {
  cache::Cache* cache = set.repository().cache();
  auto blob_of = [&](std::size_t i) { return revisions[i].removed ? std::string("-") : revisions[i].blob; };
  std::map<std::size_t, Document> loaded;
  auto version = [&](std::size_t i) -> const Document& {
    auto it = loaded.find(i);
    if (it == loaded.end()) it = loaded.emplace(i, load_version(set.versions(), revisions[i])).first;
    return it->second;
  };
  std::vector<diff::Stat> out;
  for (std::size_t i = 0; i < revisions.size(); ++i) {
    std::string key = (i > 0 ? blob_of(i - 1) : std::string("-")) + ":" + blob_of(i);
    diff::Stat s;
    if (auto cached = cache ? cache->value("clause-counts", key, kClauseCountsFormat) : std::nullopt;
        cached && std::sscanf(cached->c_str(), "%d %d %d %d %d %d %d", &s.added, &s.modified, &s.removed, &s.moved, &s.renumbered,
                             &s.split, &s.merged) == 7) {
      out.push_back(s);
      continue;
    }
    Document none;
    none.meta = version(i).meta;
    s = diff::compare(i > 0 ? version(i - 1) : none, version(i), segmenter).stat();
    if (cache)
      cache->put_value("clause-counts", key, kClauseCountsFormat, std::to_string(s.added) + " " + std::to_string(s.modified) + " " +
                                                 std::to_string(s.removed) + " " + std::to_string(s.moved) + " " +
                                                 std::to_string(s.renumbered) + " " + std::to_string(s.split) + " " +
                                                 std::to_string(s.merged));
    out.push_back(s);
  }
  return out;
}

void read_document(DocumentSet& set, const std::vector<Revision>& revisions, Log& log) {
  text::Segmenter segmenter;
  std::vector<diff::Stat> counts = clause_counts(set, revisions, segmenter);
  for (std::size_t i = revisions.size(); i-- > 0;)
    log.entries.push_back({set.repository().commit_info(revisions[i].commit), revisions[i], counts[i], {}, std::nullopt});
}

void read_clause(DocumentSet& set, const std::vector<Revision>& revisions, const std::string& id, std::optional<text::Date> at,
                 text::Date today, Log& log) {
  text::Segmenter segmenter;
  Lineage lineage(set, revisions.front().doc);
  Reading reading = lineage.reading(at, today, set.selection().rev.has_value() && !at);
  Located located = lineage.locate(id, reading.index);
  log.clause = true;
  log.reading = reading;
  log.notes = located.notes;
  for (redline::ClauseStep& step : redline::clause_history(lineage, reading.index, located.id, segmenter)) {
    const Revision& r = lineage.revision(step.version);
    log.entries.push_back({set.repository().commit_info(r.commit), r, {}, std::move(step.ref), std::move(step.change)});
  }
}

}  // namespace

std::string commit_time(const CommitInfo& c) {
  std::time_t t = static_cast<std::time_t>(c.time + static_cast<long long>(c.offset) * 60);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  char zone[16];
  int off = std::abs(c.offset);
  std::snprintf(zone, sizeof zone, "%c%02d%02d", c.offset < 0 ? '-' : '+', off / 60, off % 60);
  return std::string(buf) + " " + zone;
}

int changed(const diff::Stat& s) { return s.modified + s.moved + s.renumbered + s.split + s.merged; }

Log read(DocumentSet& set, const std::string& target, std::optional<text::Date> at, text::Date today) {
  Reference ref = parse_reference(target);
  if (set.tip().empty()) throw Error(ErrorCode::NotFound, "the repository has no commits yet");
  std::vector<Revision> revisions = set.versions().revisions(set.tip(), ref.doc);
  if (revisions.empty()) throw set.no_document(ref.doc);
  sort_as_versions(revisions);
  Log log;
  if (ref.id.empty()) read_document(set, revisions, log);
  else read_clause(set, revisions, ref.id, at, today, log);
  return log;
}

nlohmann::json to_json(const Log& log) {
  nlohmann::json out = nlohmann::json::array();
  for (const Entry& e : log.entries) {
    const Revision& r = e.revision;
    nlohmann::json j = {{"commit", e.commit.id}, {"author", e.commit.author}, {"time", commit_time(e.commit)},
                        {"message", e.commit.message}, {"published", text::format_iso(r.meta.published)},
                        {"effective", text::format_iso(r.meta.effective)},
                        {"status", r.removed ? "removed" : std::string(to_string(r.meta.status))}, {"path", r.path}};
    if (log.clause) {
      j["ref"] = e.ref;
      j["change"] = e.change ? diff::to_json(*e.change) : nlohmann::json(nullptr);
    } else {
      j["clauses"] = {{"added", e.counts.added}, {"changed", changed(e.counts)}, {"removed", e.counts.removed}};
    }
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace lexgit::history
