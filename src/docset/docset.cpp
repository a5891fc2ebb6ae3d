#include "lexgit/docset.hpp"

#include <algorithm>

#include "lexgit/corpus.hpp"
#include "lexgit/suggest.hpp"

namespace lexgit {
namespace fs = std::filesystem;

struct DocumentSet::Impl {
  fs::path dir;
  Selection selection;
  std::optional<Repository> repo;
  std::unique_ptr<Versions> versions;
  std::string tip;
  std::optional<Corpus> scanned;  // outside git, once a document is asked for
  std::vector<std::string> warnings;
  bool caller_reports_errors = false;  // all_documents() was asked for: no skip warnings
  std::set<std::string> skipped;       // the files named in a warning: each once
  bool config_compared = false;
  // The selected documents, once read: a question asks for them more than
  // once (which searches among them, then the precedence policy finds the
  // agreement), and decoding 3,000 revisions is a fifth of a warm question.
  std::optional<std::vector<Revision>> entries;

  // Outside git, the documents below the directory: scanned on first use, so
  // that a command reading no document (lexgit period) does not read them all.
  Corpus& files() {
    if (!scanned) scanned = Corpus::scan(dir);
    return *scanned;
  }
  // A file that cannot be read as a document (not UTF-8, broken front matter,
  // unreadable) is not listed — it may have no id to list it under — and is
  // named in a warning, unless the caller reports every document's errors.
  bool listable(const Document& d) {
    auto error = std::find_if(d.diagnostics.begin(), d.diagnostics.end(),
                              [](const Diagnostic& x) { return x.severity == Severity::Error; });
    if (error == d.diagnostics.end()) return true;
    if (!caller_reports_errors && skipped.insert(d.path).second)
      warnings.push_back("skipped " + error->where.file + (error->where.line > 0 ? ":" + std::to_string(error->where.line) : "") +
                         ": " + error->message);
    return false;
  }

  std::string where() const { return selection.rev ? *selection.rev : std::string("HEAD"); }

  // When the work tree's .lexgit.yaml is not the one read, says so once.
  void compare_config(const std::optional<std::string>& committed);
};

namespace {

bool names_a_file(std::string_view s) {
  Reference r{std::string(s), {}};
  return r.is_path() || fs::is_regular_file(fs::path(r.doc));
}

}  // namespace

DocumentSet::DocumentSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DocumentSet::DocumentSet(DocumentSet&&) noexcept = default;
DocumentSet::~DocumentSet() = default;

DocumentSet DocumentSet::open(const fs::path& dir, Selection selection) {
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  impl->selection = selection;
  // A date given as --rev: the user wants the versions in force then.
  if (selection.rev && date_argument(*selection.rev))
    throw Error(ErrorCode::Usage, "--rev takes a git revision, and '" + *selection.rev + "' is a date: use --at " + *selection.rev +
                                      " for the versions in force on that day");
  impl->repo = Repository::discover(dir);
  if (impl->repo) {
    impl->versions = std::make_unique<Versions>(*impl->repo);
    if (selection.rev) impl->tip = impl->repo->resolve(*selection.rev);
    else if (auto head = impl->repo->head()) impl->tip = *head;
  } else {
    if (selection.rev) throw Error(ErrorCode::Usage, "--rev needs a git repository, and " + dir.string() + " is not in one");
  }
  return DocumentSet(std::move(impl));
}

bool DocumentSet::in_git() const { return impl_->repo.has_value(); }
const fs::path& DocumentSet::directory() const { return impl_->dir; }

Repository& DocumentSet::repository() {
  if (!impl_->repo) throw Error(ErrorCode::Usage, impl_->dir.string() + " is not in a git repository (see lexgit init)");
  return *impl_->repo;
}

Versions& DocumentSet::versions() {
  repository();
  return *impl_->versions;
}

const std::string& DocumentSet::tip() const { return impl_->tip; }
const Selection& DocumentSet::selection() const { return impl_->selection; }

const std::vector<Revision>& DocumentSet::entries() {
  if (!impl_->entries) impl_->entries = read_entries();
  return *impl_->entries;
}

std::vector<Revision> DocumentSet::read_entries() {
  const Selection& sel = impl_->selection;
  if (!impl_->repo) {
    std::vector<Revision> out;
    for (const Document& d : impl_->files().documents()) {
      if (!impl_->listable(d)) continue;
      Revision r{d.meta.id, d.path, "", "", d.meta, 0, false};
      if (!sel.at || version_in_force({r}, *sel.at)) out.push_back(std::move(r));
    }
    return out;
  }
  if (impl_->tip.empty()) return {};
  return sel.at ? impl_->versions->in_force(impl_->tip, *sel.at) : impl_->versions->documents_at(impl_->tip);
}

Document DocumentSet::load(const Revision& entry) {
  if (!impl_->repo) {
    const Document* d = impl_->files().find(entry.doc);
    if (!d) throw no_document(entry.doc);
    return *d;
  }
  return impl_->versions->load(entry);
}

Document DocumentSet::load(std::string_view doc_or_file) {
  if (names_a_file(doc_or_file)) return load_document(fs::path(doc_or_file));
  std::string id(doc_or_file);
  if (!impl_->repo) {
    const Document* d = impl_->files().find(id);
    if (!d) throw no_document(id);
    return *d;
  }
  if (impl_->tip.empty()) throw Error(ErrorCode::NotFound, "the repository has no commits yet");
  std::vector<Revision> revisions = impl_->versions->revisions(impl_->tip, id);
  if (revisions.empty()) throw no_document(id);
  if (impl_->selection.at) {
    auto version = version_in_force(revisions, *impl_->selection.at);
    if (!version)
      throw Error(ErrorCode::NotFound, "document '" + id + "' is not in force on " + text::format_iso(*impl_->selection.at) + ": " +
                                           why_not_in_force(revisions, *impl_->selection.at).en);
    return impl_->versions->load(*version);
  }
  const Revision& latest = latest_revision(revisions);
  if (latest.removed) throw Error(ErrorCode::NotFound, "document '" + id + "' was removed by commit " + latest.commit.substr(0, 12));
  return impl_->versions->load(latest);
}

std::vector<Document> DocumentSet::all_documents() {
  impl_->caller_reports_errors = true;  // the files skipped elsewhere are among these, with their errors
  if (!impl_->repo) return impl_->files().documents();
  if (reads_work_tree()) {
    impl_->warnings.push_back("no document is committed at " + impl_->where() + " yet: reading the work tree's documents");
    return Corpus::scan(impl_->repo->workdir()).documents();
  }
  std::vector<Document> out;
  for (const Revision& r : entries()) out.push_back(load(r));
  return out;
}

bool DocumentSet::reads_work_tree() {
  const Selection& sel = impl_->selection;
  if (!impl_->repo || sel.rev || sel.at || impl_->repo->workdir().empty()) return false;
  return impl_->tip.empty() || impl_->versions->history(impl_->tip).empty();
}

Error DocumentSet::no_document(const std::string& id) {
  std::vector<std::string> ids;
  std::string message = "no document with id '" + id + "'";
  if (impl_->repo) {
    if (!impl_->tip.empty())
      for (const auto& [doc, revisions] : impl_->versions->history(impl_->tip)) ids.push_back(doc);
    message += " at " + impl_->where();
  } else {
    for (const Document& d : impl_->files().documents())
      if (!d.meta.id.empty()) ids.push_back(d.meta.id);
    message += " under " + impl_->dir.string();
  }
  return Error(ErrorCode::NotFound, message + text::did_you_mean(id, ids));
}

namespace {
const std::string kConfigName = ".lexgit.yaml";
}

void DocumentSet::Impl::compare_config(const std::optional<std::string>& committed) {
  if (config_compared || repo->workdir().empty()) return;
  config_compared = true;
  fs::path file = repo->workdir() / kConfigName;
  std::optional<std::string> worktree;
  if (fs::is_regular_file(file)) worktree = read_file(file);
  if (worktree == committed) return;
  std::string at = where() + (tip.empty() ? "" : " (" + tip.substr(0, 12) + ")");
  std::string commit_it = "; to use the work tree's, commit it: lexgit commit .lexgit.yaml -m '…'";
  if (!worktree) warnings.push_back(".lexgit.yaml is committed at " + at + " but not in the work tree: lexgit reads the committed one");
  else if (!committed) warnings.push_back(".lexgit.yaml in the work tree is not committed at " + at + ": lexgit reads none (the defaults)" + commit_it);
  else warnings.push_back(".lexgit.yaml in the work tree differs from the one committed at " + at + ": lexgit reads the committed one" + commit_it);
}

std::optional<DocumentSet::Config> DocumentSet::config() {
  const std::string& name = kConfigName;
  if (impl_->repo) {
    std::optional<std::string> yaml = impl_->tip.empty() ? std::nullopt : impl_->repo->file_at(impl_->tip, name);
    impl_->compare_config(yaml);
    if (!yaml) return std::nullopt;
    return Config{std::move(*yaml), name};
  }
  fs::path file = impl_->dir / name;
  if (!fs::exists(file)) return std::nullopt;
  return Config{read_file(file), file.string()};
}

std::vector<DocumentSet::Config> DocumentSet::yaml_files(const std::string& folder) {
  std::vector<Config> out;
  if (impl_->repo) {
    if (impl_->tip.empty()) return out;
    for (auto& [path, contents] : impl_->repo->files_in(impl_->tip, folder, ".yaml")) out.push_back({std::move(contents), path});
    return out;
  }
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(impl_->dir / folder, ec))
    if (e.is_regular_file() && e.path().extension() == ".yaml") out.push_back({read_file(e.path()), e.path().lexically_normal().string()});
  std::sort(out.begin(), out.end(), [](const Config& a, const Config& b) { return a.file < b.file; });
  return out;
}

std::vector<std::string> DocumentSet::take_warnings() {
  std::vector<std::string> out = std::move(impl_->warnings);
  impl_->warnings.clear();
  if (impl_->repo)
    for (std::string& w : impl_->repo->take_warnings()) out.push_back(std::move(w));
  return out;
}

namespace {

// Numerals as digits (第十部分第三十项 → 第10部分第30项), so that citations are
// compared by their numbers, not by how many characters a numeral takes.
std::string numerals_as_digits(std::string_view s) {
  std::string out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    if (auto n = text::read_numeral(s.substr(pos)); n && n->length > 0) {
      out += std::to_string(n->value);
      pos += n->length;
      continue;
    }
    std::size_t start = pos;
    text::next_code_point(s, pos);
    out.append(s.substr(start, pos - start));
  }
  return out;
}

}  // namespace

Error no_clause(const Document& doc, std::string_view id_or_citation) {
  // Each clause by its id and by its citation: a typo in either finds it.
  std::vector<std::string> names;
  std::map<std::string, std::string> id_of;
  for (const Clause* c : doc.all_clauses()) {
    if (c->id.empty()) continue;
    for (const std::string& name : {c->id, numerals_as_digits(cite(doc, c->id))}) {
      names.push_back(name);
      id_of.emplace(name, c->id);
    }
  }
  std::vector<std::string> ids;
  for (const std::string& name : text::closest(numerals_as_digits(id_or_citation), names))
    if (std::find(ids.begin(), ids.end(), id_of[name]) == ids.end()) ids.push_back(id_of[name]);
  std::string message = "no clause '" + std::string(id_or_citation) + "' in document '" + doc.meta.id + "'";
  for (std::size_t i = 0; i < ids.size(); ++i)
    message += (i == 0 ? "; did you mean " : i + 1 == ids.size() ? " or " : ", ") + ("'" + ids[i] + "'（" + cite(doc, ids[i]) + "）");
  if (!ids.empty()) message += "?";
  return Error(ErrorCode::NotFound, message + " (see lexgit outline " + doc.meta.id + ")");
}

}  // namespace lexgit
