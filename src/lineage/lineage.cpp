#include "lexgit/lineage.hpp"

#include <algorithm>
#include <sstream>

#include "cache/cache.hpp"
#include "lexgit/diff.hpp"

namespace lexgit {
namespace {

// The aligned ids of two versions, one "old<TAB>new" line each, as the cache
// keeps them; kLineageFormat is the version of this encoding.
constexpr int kLineageFormat = 1;

std::string encode(const std::vector<std::pair<std::string, std::string>>& matches) {
  std::string out;
  for (const auto& [from, to] : matches) out += from + "\t" + to + "\n";
  return out;
}

std::optional<std::vector<std::pair<std::string, std::string>>> decode(const std::string& s) {
  std::vector<std::pair<std::string, std::string>> out;
  std::istringstream in(s);
  std::string line;
  while (std::getline(in, line)) {
    auto tab = line.find('\t');
    if (tab == std::string::npos || tab == 0 || tab + 1 == line.size()) return std::nullopt;  // unreadable: a miss
    out.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  return out;
}

}  // namespace

Lineage::Lineage(DocumentSet& set, const std::string& doc) : set_(set) {
  if (set.in_git()) {
    if (set.tip().empty()) throw Error(ErrorCode::NotFound, "the repository has no commits yet");
    revisions_ = set.versions().revisions(set.tip(), doc);
  } else {
    for (const Revision& r : set.entries())
      if (r.doc == doc) revisions_.push_back(r);
  }
  if (revisions_.empty()) throw set.no_document(doc);
  sort_as_versions(revisions_);
  documents_.resize(revisions_.size());
  steps_.resize(revisions_.size());
}

const Document& Lineage::document(std::size_t i) {
  if (!documents_[i]) {
    if (revisions_[i].removed) {
      Document absent;
      absent.meta = revisions_[i].meta;
      absent.meta.id = revisions_[i].doc;
      documents_[i] = std::move(absent);
    } else {
      documents_[i] = set_.load(revisions_[i]);
    }
  }
  return *documents_[i];
}

std::size_t Lineage::latest() const {
  for (std::size_t i = revisions_.size(); i-- > 0;)
    if (!revisions_[i].removed && revisions_[i].meta.status != Status::Draft) return i;
  return revisions_.size() - 1;
}

std::optional<std::size_t> Lineage::in_force(text::Date date) const {
  auto version = version_in_force(revisions_, date);
  if (!version) return std::nullopt;
  for (std::size_t i = 0; i < revisions_.size(); ++i)
    if (revisions_[i].commit == version->commit && revisions_[i].blob == version->blob) return i;
  return std::nullopt;
}

std::string Lineage::version_label(std::size_t i) const {
  const Revision& r = revisions_[i];
  return text::format_iso(r.meta.published) + " 发布、" + text::format_iso(r.meta.effective) + " 生效的版本";
}

Reading Lineage::reading(std::optional<text::Date> at, text::Date today, bool latest_by_default) {
  if (!at && latest_by_default) return {latest(), "读取最新版本：" + version_label(latest())};
  text::Date date = at.value_or(today);
  if (auto i = in_force(date))
    return {*i, "读取 " + version_label(*i) + "（" + text::format_iso(date) + " 有效）"};
  if (at)
    throw Error(ErrorCode::NotFound, "document '" + revisions_.front().doc + "' is not in force on " + text::format_iso(date) +
                                         ": " + why_not_in_force(revisions_, date).en);
  std::size_t i = latest();
  return {i, "读取 " + version_label(i) + "（" + text::format_iso(date) + " 尚无有效版本，读取最新版本）"};
}

const std::vector<std::pair<std::string, std::string>>& Lineage::step(std::size_t i) {
  if (steps_[i]) return *steps_[i];
  const Revision& a = revisions_[i];
  const Revision& b = revisions_[i + 1];
  cache::Cache* cache = set_.in_git() && !a.blob.empty() && !b.blob.empty() ? set_.repository().cache() : nullptr;
  std::string key = (a.removed ? "-" : a.blob) + ":" + (b.removed ? "-" : b.blob);
  if (cache) {
    if (auto hit = cache->value("lineage", key, kLineageFormat)) {
      if (auto decoded = decode(*hit)) return *(steps_[i] = std::move(*decoded));
    }
  }
  text::Segmenter segmenter;
  diff::DocumentDiff d = diff::compare(document(i), document(i + 1), segmenter);
  steps_[i] = std::move(d.matches);
  if (cache) cache->put_value("lineage", key, kLineageFormat, encode(*steps_[i]));
  return *steps_[i];
}

std::optional<std::string> Lineage::follow(const std::string& id, std::size_t from, std::size_t to) {
  std::string current = id;
  for (std::size_t i = from; i < to; ++i) {  // forward: old → new
    const auto& links = step(i);
    auto it = std::find_if(links.begin(), links.end(), [&](const auto& l) { return l.first == current; });
    if (it == links.end()) return std::nullopt;
    current = it->second;
  }
  for (std::size_t i = from; i > to; --i) {  // backward: new → old
    const auto& links = step(i - 1);
    auto it = std::find_if(links.begin(), links.end(), [&](const auto& l) { return l.second == current; });
    if (it == links.end()) return std::nullopt;
    current = it->first;
  }
  return current;
}

Located Lineage::locate(std::string_view id_or_citation, std::size_t read) {
  const std::string& doc_id = revisions_[read].doc;
  std::size_t newest = latest();
  const Document& latest_doc = document(newest);
  if (auto id = clause_id(latest_doc, id_or_citation)) {
    if (read == newest) return {*id, {}};
    auto there = follow(*id, newest, read);
    std::string cited = cite(latest_doc, *id);
    if (!there) {
      std::string message = doc_id + "#" + *id + "（" + cited + "）in the latest version is not in the " +
                            text::format_iso(revisions_[read].meta.effective) + " version: it came later";
      // The id as that version numbered it names another clause: say where that one is now.
      if (document(read).find(*id)) {
        auto now = follow(*id, read, newest);
        message += now ? "; that version's own " + *id + " is " + *now + "（" + cite(latest_doc, *now) + "）in the latest version"
                       : "; that version's own " + *id + " is no longer in the latest version";
      }
      throw Error(ErrorCode::NotFound, message);
    }
    Located found{*there, {}};
    std::string cited_there = cite(document(read), *there);
    if (*there != *id || cited_there != cited)
      found.notes.push_back("最新版本的" + cited + "（" + *id + "）在" + version_label(read) + "中为" + cited_there + "（" + *there + "）");
    return found;
  }
  if (auto id = clause_id(document(read), id_or_citation)) {
    Located found{*id, {}};
    auto now = follow(*id, read, newest);
    found.notes.push_back(now ? "该条款在最新版本中为" + cite(latest_doc, *now) + "（" + *now + "）"
                              : "该条款在最新版本中已不存在");
    return found;
  }
  throw no_clause(latest_doc, id_or_citation);
}

}  // namespace lexgit
