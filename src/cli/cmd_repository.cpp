// Commands over the git store: init, ls, log, commit, cache.
#include <cstdio>
#include <ctime>
#include <iomanip>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cache/cache.hpp"
#include "cli/commands.hpp"
#include "lexgit/check.hpp"
#include "lexgit/config.hpp"
#include "lexgit/diff.hpp"
#include "lexgit/redline.hpp"

namespace lexgit::cli {
namespace {

// A commit time in the committer's own zone: 2026-01-15 10:00:00 +0800.
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

std::string padded(const std::string& s, int columns) {
  int width = text::display_width(s);
  return s + std::string(static_cast<std::size_t>(std::max(1, columns - width)), ' ');
}

}  // namespace

Action add_init(CLI::App& app, Globals&) {
  auto dir = std::make_shared<std::string>(".");
  CLI::App* cmd = app.add_subcommand("init", "Create a document repository (git) with a commented .lexgit.yaml");
  cmd->add_option("DIR", *dir, "Where (default: the current directory)");
  return [dir] {
    Repository repo = Repository::init(*dir);
    std::cout << "Initialised a lexgit document repository in " << std::filesystem::absolute(*dir).lexically_normal().string() << "\n";
    return 0;
  };
}

Action add_ls(CLI::App& app, Globals&) {
  auto format = std::make_shared<std::string>("text");
  auto selection = std::make_shared<SelectionArgs>();
  CLI::App* cmd = app.add_subcommand(
      "ls", "List the documents: in a git repository, the versions in force today (or --at a date) and those pending; at --rev, the latest");
  cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  selection->add_to(cmd);
  return [format, selection] {
    Selection sel = selection->get();
    bool by_date = !sel.rev;
    text::Date date = sel.at.value_or(today());
    if (by_date) sel.at = date;
    DocumentSet set = DocumentSet::open(".", sel);
    std::vector<Revision> entries = set.entries();
    std::vector<Revision> pending;
    if (by_date && set.in_git() && !set.tip().empty()) pending = set.versions().pending(set.tip(), date);
    std::vector<std::pair<Revision, bool>> rows;  // (version, pending)
    for (Revision& r : entries) rows.emplace_back(std::move(r), false);
    for (Revision& r : pending) rows.emplace_back(std::move(r), true);
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first.doc < b.first.doc; });
    print_warnings(set);
    if (*format == "json") {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& [r, is_pending] : rows) {
        nlohmann::json j = to_json(r);
        j["pending"] = is_pending;
        out.push_back(std::move(j));
      }
      std::cout << out.dump(2) << "\n";
      return 0;
    }
    std::cout << padded("ID", 28) << padded("KIND", 16) << padded("MEDIUM", 8) << padded("PUBLISHED", 12)
              << padded("EFFECTIVE", 12) << padded("STATUS", 10) << padded("COMMIT", 14) << "TITLE\n";
    for (const auto& [r, is_pending] : rows) {
      std::string status = is_pending ? "pending" : std::string(to_string(r.meta.status));
      std::cout << padded(r.doc, 28) << padded(std::string(to_string(r.meta.kind)), 16)
                << padded(std::string(to_string(r.meta.medium)), 8) << padded(text::format_iso(r.meta.published), 12)
                << padded(text::format_iso(r.meta.effective), 12) << padded(status, 10)
                << padded(r.commit.empty() ? "-" : r.commit.substr(0, 12), 14) << r.meta.title << "\n";
    }
    return 0;
  };
}

namespace {

// A document's versions, oldest first, each parsed; a version that removed the
// document is an empty one.
std::vector<Document> load_versions(Versions& versions, const std::vector<Revision>& revisions) {
  std::vector<Document> docs;
  for (const Revision& r : revisions) {
    if (!r.removed) {
      docs.push_back(versions.load(r));
      continue;
    }
    Document absent;
    absent.meta = r.meta;
    absent.meta.id = r.doc;
    docs.push_back(std::move(absent));
  }
  return docs;
}

// What each version did to the clauses of the one before it (the first
// version: of nothing), as lexgit diff counts changes. The counts depend only
// on the two blobs, so the cache keeps them: a long history is compared once.
std::vector<diff::Stat> clause_counts(DocumentSet& set, const std::vector<Revision>& revisions,
                                      const text::Segmenter& segmenter) {
  cache::Cache* cache = set.repository().cache();
  auto blob_of = [&](std::size_t i) { return revisions[i].removed ? std::string("-") : revisions[i].blob; };
  std::map<std::size_t, Document> loaded;
  auto version = [&](std::size_t i) -> const Document& {
    auto it = loaded.find(i);
    if (it == loaded.end()) it = loaded.emplace(i, load_versions(set.versions(), {revisions[i]}).front()).first;
    return it->second;
  };
  std::vector<diff::Stat> out;
  for (std::size_t i = 0; i < revisions.size(); ++i) {
    std::string key = (i > 0 ? blob_of(i - 1) : std::string("-")) + ":" + blob_of(i);
    diff::Stat s;
    if (auto cached = cache ? cache->value("clause-counts", key) : std::nullopt;
        cached && std::sscanf(cached->c_str(), "%d %d %d %d %d %d %d", &s.added, &s.modified, &s.removed, &s.moved, &s.renumbered,
                             &s.split, &s.merged) == 7) {
      out.push_back(s);
      continue;
    }
    Document none;
    none.meta = version(i).meta;
    s = diff::compare(i > 0 ? version(i - 1) : none, version(i), segmenter).stat();
    if (cache)
      cache->put_value("clause-counts", key, std::to_string(s.added) + " " + std::to_string(s.modified) + " " +
                                                 std::to_string(s.removed) + " " + std::to_string(s.moved) + " " +
                                                 std::to_string(s.renumbered) + " " + std::to_string(s.split) + " " +
                                                 std::to_string(s.merged));
    out.push_back(s);
  }
  return out;
}

int changed(const diff::Stat& s) { return s.modified + s.moved + s.renumbered + s.split + s.merged; }

nlohmann::json revision_json(const CommitInfo& c, const Revision& r) {
  return {{"commit", c.id}, {"author", c.author}, {"time", commit_time(c)}, {"message", c.message},
          {"published", text::format_iso(r.meta.published)}, {"effective", text::format_iso(r.meta.effective)},
          {"status", r.removed ? "removed" : std::string(to_string(r.meta.status))}, {"path", r.path}};
}

void print_revision_text(const CommitInfo& c, const Revision& r, std::ostream& out) {
  out << "commit " << c.id << "\n"
      << "Author: " << c.author << "\n"
      << "Date:   " << commit_time(c) << "\n";
  if (r.removed) out << "        removed from " << r.path << "\n";
  else
    out << "        published " << text::format_iso(r.meta.published) << ", effective " << text::format_iso(r.meta.effective) << ", "
        << to_string(r.meta.status) << " (" << r.path << ")\n";
}

void print_message(const CommitInfo& c, std::ostream& out) {
  std::istringstream lines(c.message);
  std::string line;
  out << "\n";
  while (std::getline(lines, line)) out << "    " << line << "\n";
  out << "\n";
}

// lexgit log DOC: each revision, newest version first, with its clause counts.
void log_document(DocumentSet& set, std::vector<Revision> revisions, bool json) {
  text::Segmenter segmenter;
  std::vector<diff::Stat> counts = clause_counts(set, revisions, segmenter);
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = revisions.size(); i-- > 0;) {
    const Revision& r = revisions[i];
    const diff::Stat& s = counts[i];
    CommitInfo c = set.repository().commit_info(r.commit);
    if (json) {
      nlohmann::json j = revision_json(c, r);
      j["clauses"] = {{"added", s.added}, {"changed", changed(s)}, {"removed", s.removed}};
      out.push_back(std::move(j));
      continue;
    }
    print_revision_text(c, r, std::cout);
    std::cout << "        clauses: +" << s.added << " ~" << changed(s) << " -" << s.removed << "\n";
    print_message(c, std::cout);
  }
  if (json) std::cout << out.dump(2) << "\n";
}

// lexgit log DOC#ID: the revisions that changed one clause, each with its
// redline. The REF is read in the version show reads and followed through the
// document's versions by its lineage, never by its place.
void log_clause(DocumentSet& set, const std::vector<Revision>& revisions, const std::string& id, std::optional<text::Date> at,
                bool json, const redline::TextOptions& text_options) {
  text::Segmenter segmenter;
  Lineage lineage(set, revisions.front().doc);
  Reading reading = lineage.reading(at, today(), set.selection().rev.has_value() && !at);
  Located located = lineage.locate(id, reading.index);
  if (!json) std::cout << reading.description << "\n";
  for (const std::string& note : located.notes) (json ? std::cerr : std::cout) << "注：" << note << "\n";
  if (!json) std::cout << "\n";
  std::vector<redline::ClauseStep> steps = redline::clause_history(lineage, reading.index, located.id, segmenter);
  nlohmann::json out = nlohmann::json::array();
  for (const redline::ClauseStep& step : steps) {
    const Revision& r = lineage.revision(step.version);
    CommitInfo c = set.repository().commit_info(r.commit);
    if (json) {
      nlohmann::json j = revision_json(c, r);
      j["ref"] = step.ref;
      j["change"] = diff::to_json(step.change);
      out.push_back(std::move(j));
      continue;
    }
    print_revision_text(c, r, std::cout);
    print_message(c, std::cout);
    std::cout << redline::render_change_text(step.change, text_options) << "\n";
  }
  if (json) std::cout << out.dump(2) << "\n";
}

}  // namespace

Action add_log(CLI::App& app, Globals& globals) {
  auto target = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto rev = std::make_shared<std::string>();
  auto color = std::make_shared<std::string>("auto");
  auto at = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("log", "A document's revisions, newest version first; or one clause's history (DOC#ID)");
  cmd->add_option("DOC", *target, "Document id, or DOC#ID for the revisions that changed one clause")->required();
  cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--rev", *rev, "History up to this git revision (default: HEAD)");
  cmd->add_option("--at", *at, "Read DOC#ID in the version in force on this date (default: today), as show does");
  add_color_option(cmd, *color);
  return [target, format, rev, color, at, &globals] {
    Reference ref = parse_reference(*target);
    Selection sel;
    if (!rev->empty()) sel.rev = *rev;
    DocumentSet set = DocumentSet::open(".", sel);
    Versions& versions = set.versions();
    if (set.tip().empty()) throw Error(ErrorCode::NotFound, "the repository has no commits yet");
    std::vector<Revision> revisions = versions.revisions(set.tip(), ref.doc);
    if (revisions.empty()) throw set.no_document(ref.doc);
    sort_as_versions(revisions);
    print_warnings(set);
    if (ref.id.empty()) log_document(set, std::move(revisions), *format == "json");
    else log_clause(set, revisions, ref.id, at->empty() ? std::nullopt : std::optional<text::Date>(date_option(*at, "--at")),
                    *format == "json", {use_color(*color), globals.language});
    return 0;
  };
}

Action add_commit(CLI::App& app, Globals&) {
  auto paths = std::make_shared<std::vector<std::string>>();
  auto message = std::make_shared<std::string>();
  auto author = std::make_shared<std::string>();
  auto base = std::make_shared<std::string>();
  auto strict = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("commit", "Validate documents and record them as one commit on the current branch");
  cmd->add_option("PATH", *paths, "Documents to commit (default: every changed document in the work tree)");
  cmd->add_option("-m,--message", *message, "Commit message")->required();
  cmd->add_option("--author", *author, "\"Name <email>\" (default: git's user.name and user.email)");
  cmd->add_option("--base", *base,
                  "The commit your edit started from: refuse (exit 4) if the branch has changed these documents since");
  cmd->add_flag("--strict", *strict, "Refuse drafting defects too (numbering gaps and repeats, dangling references)");
  return [paths, message, author, base, strict] {
    DocumentSet set = DocumentSet::open(".", {});
    Versions& versions = set.versions();
    std::vector<std::filesystem::path> files(paths->begin(), paths->end());
    if (files.empty()) files = versions.changed_files();
    if (files.empty()) {
      std::cout << "nothing to commit: no document differs from HEAD\n";
      return 0;
    }
    // Validated as check validates: an error refuses the commit and changes nothing.
    auto outcome = config::commit(set, files, *message, *author, base->empty() ? std::nullopt : std::optional<std::string>(*base),
                                  CheckOptions{*strict});
    for (const Diagnostic& d : outcome.diagnostics) std::cerr << d.describe() << "\n";
    if (int errors = outcome.errors(); errors > 0)
      throw Error(ErrorCode::BadInput, std::to_string(errors) + (errors == 1 ? " error" : " errors") + ": nothing was committed");
    print_warnings(set);
    const auto& id = outcome.commit;
    if (!id) {
      std::cout << "nothing to commit: the documents are unchanged\n";
      return 0;
    }
    std::cout << "[" << id->substr(0, 12) << "] " << message->substr(0, message->find('\n')) << "\n";
    for (const auto& [doc, path] : outcome.documents)  // the settings file has no id
      std::cout << "  " << (doc.empty() ? "" : doc + "  ") << std::filesystem::path(path).lexically_proximate(std::filesystem::current_path()).string() << "\n";
    return 0;
  };
}

Action add_cache(CLI::App& app, Globals&) {
  auto stats = std::make_shared<bool>(false);
  auto clear = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("cache", "Show or clear the embedded cache (it only ever speeds things up)");
  auto* s = cmd->add_flag("--stats", *stats, "Show what the cache holds");
  auto* c = cmd->add_flag("--clear", *clear, "Empty the cache");
  s->excludes(c);
  return [stats, clear] {
    DocumentSet set = DocumentSet::open(".", {});
    Repository& repo = set.repository();
    if (*clear) {
      repo.clear_cache();
      std::cout << "cache cleared\n";
    } else {
      CacheStats st = repo.cache_stats();
      std::cout << "cache:      " << st.path << "\n"
                << "blobs:      " << st.blobs << "\n"
                << "documents:  " << st.documents << "\n"
                << "histories:  " << st.histories << "\n"
                << "fts:        " << st.fts << " clauses indexed\n"
                << "size:       " << st.bytes << " bytes\n";
    }
    print_warnings(set);
    return 0;
  };
}

}  // namespace lexgit::cli
