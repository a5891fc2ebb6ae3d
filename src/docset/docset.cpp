#include "lexgit/docset.hpp"

#include <algorithm>

#include "lexgit/corpus.hpp"

namespace lexgit {
namespace fs = std::filesystem;

struct DocumentSet::Impl {
  fs::path dir;
  Selection selection;
  std::optional<Repository> repo;
  std::unique_ptr<Versions> versions;
  std::string tip;
  std::optional<Corpus> scanned;  // outside git, once a document is asked for

  // Outside git, the documents below the directory: scanned on first use, so
  // that a command reading no document (lexgit period) does not read them all.
  Corpus& files() {
    if (!scanned) scanned = Corpus::scan(dir);
    return *scanned;
  }
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

std::vector<Revision> DocumentSet::entries() {
  const Selection& sel = impl_->selection;
  if (!impl_->repo) {
    std::vector<Revision> out;
    for (const Document& d : impl_->files().documents()) {
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
    if (!d) throw Error(ErrorCode::NotFound, "no document with id '" + entry.doc + "'");
    return *d;
  }
  return impl_->versions->load(entry);
}

Document DocumentSet::load(std::string_view doc_or_file) {
  if (names_a_file(doc_or_file)) return load_document(fs::path(doc_or_file));
  std::string id(doc_or_file);
  if (!impl_->repo) {
    const Document* d = impl_->files().find(id);
    if (!d) throw Error(ErrorCode::NotFound, "no document with id '" + id + "' under " + impl_->dir.string());
    return *d;
  }
  if (impl_->tip.empty()) throw Error(ErrorCode::NotFound, "the repository has no commits yet");
  std::vector<Revision> revisions = impl_->versions->revisions(impl_->tip, id);
  std::string where = impl_->selection.rev ? *impl_->selection.rev : std::string("HEAD");
  if (revisions.empty()) throw Error(ErrorCode::NotFound, "no document with id '" + id + "' at " + where);
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

std::optional<DocumentSet::Config> DocumentSet::config() {
  const std::string name = ".lexgit.yaml";
  if (impl_->repo) {
    if (impl_->tip.empty()) return std::nullopt;
    auto yaml = impl_->repo->file_at(impl_->tip, name);
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
  return impl_->repo ? impl_->repo->take_warnings() : std::vector<std::string>{};
}

}  // namespace lexgit
