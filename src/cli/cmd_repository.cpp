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
#include "lexgit/history.hpp"
#include "lexgit/redline.hpp"

namespace lexgit::cli {
namespace {

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
    std::vector<Listed> rows = list_documents(set, by_date ? sel.at : std::nullopt);
    print_warnings(set);
    if (*format == "json") {
      std::cout << to_json(rows).dump(2) << "\n";
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

void print_revision_text(const CommitInfo& c, const Revision& r, std::ostream& out) {
  out << "commit " << c.id << "\n"
      << "Author: " << c.author << "\n"
      << "Date:   " << history::commit_time(c) << "\n";
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

// lexgit log DOC: each revision, newest version first, with its clause counts;
// lexgit log DOC#ID: the revisions that changed one clause, each with its redline.
void print_log(const history::Log& log, const redline::TextOptions& text_options, std::ostream& out) {
  if (log.clause) {
    out << log.reading->description << "\n";
    for (const std::string& note : log.notes) out << "注：" << note << "\n";
    out << "\n";
  }
  for (const history::Entry& e : log.entries) {
    print_revision_text(e.commit, e.revision, out);
    if (log.clause) {
      print_message(e.commit, out);
      out << redline::render_change_text(*e.change, text_options) << "\n";
      continue;
    }
    out << "        clauses: +" << e.counts.added << " ~" << history::changed(e.counts) << " -" << e.counts.removed << "\n";
    print_message(e.commit, out);
  }
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
    Selection sel;
    if (!rev->empty()) sel.rev = *rev;
    DocumentSet set = DocumentSet::open(".", sel);
    std::optional<text::Date> date;
    if (!at->empty()) date = date_option(*at, "--at");
    history::Log log = history::read(set, *target, date, today());
    print_warnings(set);
    if (*format == "json") {
      for (const std::string& note : log.notes) std::cerr << "注：" << note << "\n";
      std::cout << to_json(log).dump(2) << "\n";
    } else {
      print_log(log, {use_color(*color), globals.language}, std::cout);
    }
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
