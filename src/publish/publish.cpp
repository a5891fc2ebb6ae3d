// lexgit publish: a revision of the agreement recorded with the dates its notice
// gives it, and the notice, as one update of the branch.
#include "lexgit/publish.hpp"

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "lexgit/check.hpp"

namespace lexgit::publish {
namespace fs = std::filesystem;
namespace {

// FILE as a path in the work tree, or Error(Usage).
std::string path_in_worktree(Repository& repo, const fs::path& file) {
  if (repo.is_bare()) throw Error(ErrorCode::Usage, "publish needs a work tree; this repository is bare");
  fs::path rel = fs::absolute(file).lexically_normal().lexically_relative(fs::weakly_canonical(repo.workdir()));
  if (rel.empty() || *rel.begin() == "..")
    throw Error(ErrorCode::Usage, file.string() + " is not in the repository's work tree " + repo.workdir().string());
  return rel.generic_string();
}

// The file with its front matter's dates set.
std::string with_dates(const std::string& source, FrontMatter meta, text::Date published, text::Date effective, const std::string& file) {
  meta.published = published;
  meta.effective = effective;
  std::string_view body(source);
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  std::size_t close = body.find("\n---", 3);
  std::size_t end = close == std::string_view::npos ? std::string_view::npos : body.find('\n', close + 4);
  if (end == std::string_view::npos) throw Error(ErrorCode::BadInput, "no front matter", {file, 1});
  return render_front_matter(meta) + std::string(body.substr(end + 1));
}

// The version as it would be recorded passes check, or nothing is published.
void validate(const std::string& contents, const std::string& file, const std::string& what, std::vector<std::string>& warnings) {
  int errors = 0;
  std::string first;
  for (const Diagnostic& d : check_documents({parse_document(contents, file)})) {
    if (d.severity == Severity::Error && errors++ == 0) first = d.describe();
    else if (d.severity != Severity::Error) warnings.push_back(what + ": " + d.describe());
  }
  if (errors > 0)
    throw Error(ErrorCode::BadInput, what + " does not pass check (" + first + (errors > 1 ? ", and " + std::to_string(errors - 1) + " more" : "") +
                                         "): nothing was published");
}

std::vector<const diff::Change*> security_changes(const notice::Notice& n) {
  std::vector<const diff::Change*> out;
  for (const notice::NoticeChange* c : n.changes())
    if (c->classification.security) out.push_back(&c->change);
  return out;
}

bool same_change(const diff::Change& a, const diff::Change& b) {
  auto id = [](const std::optional<diff::Side>& s) { return s ? s->id : std::string(); };
  return a.kind == b.kind && id(a.before) == id(b.before) && id(a.after) == id(b.after);
}

// What the version in force from the notice date takes of the revision: its
// security changes whole, units only renumbered whole (their text is the
// same, or only their references to renumbered units changed), and the new
// numbers of units whose text changes at the end of the period.
struct Interim {
  std::vector<const diff::Change*> whole, numbers_only;
};

Interim interim_changes(const diff::DocumentDiff& d, const std::vector<const diff::Change*>& security) {
  Interim out;
  for (const diff::Change& c : d.changes) {
    bool is_security = std::any_of(security.begin(), security.end(), [&](const diff::Change* s) { return same_change(*s, c); });
    if (is_security) out.whole.push_back(&c);
    else if (c.kind == diff::ChangeKind::Renumbered && (c.edits.empty() || c.consequential)) out.whole.push_back(&c);
    else if (c.before && c.after && c.before->number != c.after->number) out.numbers_only.push_back(&c);
  }
  return out;
}

std::string default_message(const notice::Notice& n) {
  return "发布" + notice::title_of(n) + "\n\n通知日期 " + text::format_iso(n.date) + "；修订自 " + text::format_iso(n.effective()) + " 起生效。";
}

}  // namespace

Publication publish(const fs::path& dir, const Request& request, const text::Segmenter& segmenter) {
  DocumentSet head = DocumentSet::open(dir, {});
  Repository& repo = head.repository();
  if (head.tip().empty()) throw Error(ErrorCode::NotFound, "the repository has no commits yet: commit the agreement first");
  precedence::Policy policy = precedence::policy_for(head);

  if (repo.is_bare())
    throw Error(ErrorCode::Usage, "publish records a new version in a work tree, and " + repo.gitdir().string() +
                                      " is bare: publish from a clone and push");
  std::vector<Revision> revisions = head.versions().revisions(head.tip(), policy.agreement);
  if (revisions.empty()) throw Error(ErrorCode::NotFound, "the agreement '" + policy.agreement + "' is not in the repository: commit it first");
  const Revision current = latest_revision(revisions);
  if (current.removed) throw Error(ErrorCode::NotFound, "'" + policy.agreement + "' was removed by commit " + current.commit.substr(0, 12));

  // A draft given as text is recorded where the agreement is kept.
  const std::string file = request.contents ? current.path : request.file.string();
  std::string source = request.contents ? *request.contents : read_file(request.file);
  Side after = request.contents ? Side::of_document(parse_document(source, file), file) : Side::open(dir, file);
  if (after.file().meta.id != policy.agreement)
    throw Error(ErrorCode::BadInput, "publish records a new version of the agreement '" + policy.agreement + "', and " + file + " is '" +
                                         after.file().meta.id + "'",
                {file, 0});
  std::string path = request.contents ? current.path : path_in_worktree(repo, request.file);
  if (current.path != path)
    throw Error(ErrorCode::BadInput, "'" + policy.agreement + "' is kept at " + current.path + ", not " + path + ": publish the file there", {file, 0});

  Side before = Side::open(dir, head.tip());
  notice::Draft draft = notice::draft(head, before, after, request.notice_date, request.overrides, segmenter);
  Publication out;
  out.notice = std::move(draft.notice);
  out.warnings = std::move(draft.warnings);
  out.path = path;
  out.notice_path = "notices/" + text::format_iso(request.notice_date) + "-" + policy.agreement + ".md";
  out.notice_text = notice::render_markdown(out.notice);
  if (repo.file_at(head.tip(), out.notice_path))
    throw Error(ErrorCode::BadInput, out.notice_path + " already exists: one notice per document and day");

  const notice::Notice& n = out.notice;
  std::vector<const diff::Change*> security = security_changes(n);
  if (!security.empty() && n.effective() != n.date) {
    Document old_version = before.load(policy.agreement);
    std::string old_source = repo.read_blob(current.blob);
    diff::DocumentDiff d = diff::compare(old_version, after.file(), segmenter);
    Interim take = interim_changes(d, security);
    std::string interim = apply_changes(old_source, old_version, source, after.file(), take.whole, take.numbers_only, d.matches);
    out.versions.push_back({"与安全和保障相关的修订", n.date, n.date, with_dates(interim, after.file().meta, n.date, n.date, file)});
  }
  out.versions.push_back({"全部修订", n.date, n.effective(), with_dates(source, after.file().meta, n.date, n.effective(), file)});
  for (const Version& v : out.versions) validate(v.contents, file, "the version of " + text::format_iso(v.effective), out.warnings);
  out.message = request.message.empty() ? default_message(n) : request.message;
  if (request.dry_run) return out;

  Repository::CommitRequest commit;
  if (out.versions.size() > 1) {
    const Version& interim = out.versions.front();
    commit.stages.push_back({{{path, interim.contents}, {out.notice_path, out.notice_text}},
                             "发布" + notice::title_of(n) + "：与安全和保障相关的条款\n\n通知日期 " + text::format_iso(n.date) +
                                 "；与安全和保障相关的条款自通知之日起生效，其余修订自 " + text::format_iso(n.effective()) + " 起生效。"});
  }
  commit.files[path] = out.versions.back().contents;
  commit.files[out.notice_path] = out.notice_text;
  commit.names[path] = policy.agreement;
  commit.message = out.message;
  commit.author = request.author;
  commit.base = head.tip();
  // A draft sent as text (from the web) leaves alone a work tree whose
  // agreement holds edits of its own: the commit is made, the edits stay for
  // their author.
  if (request.contents) {
    fs::path worktree_file = repo.workdir() / path;
    if (!fs::exists(worktree_file) || read_file(worktree_file) != repo.read_blob(current.blob)) {
      commit.leave_in_work_tree.insert(path);
      out.warnings.push_back(path + " in the work tree has edits of its own: left as it is (the publication is committed)");
    }
  }
  out.commit = repo.commit(commit);
  if (!out.commit) throw Error(ErrorCode::BadInput, "nothing to publish: " + file + " is unchanged");
  // Repository::commit wrote the work tree's files too: the published version
  // and the notice are there, or (killed before the branch moved) neither.
  repo.pack_if_needed();
  for (std::string& w : head.take_warnings()) out.warnings.push_back(std::move(w));
  return out;
}

nlohmann::json to_json(const Publication& p) {
  nlohmann::json versions = nlohmann::json::array();
  for (const Version& v : p.versions)
    versions.push_back({{"what", v.what}, {"published", text::format_iso(v.published)}, {"effective", text::format_iso(v.effective)}});
  return {{"commit", p.commit ? nlohmann::json(*p.commit) : nlohmann::json(nullptr)},
          {"message", p.message},
          {"path", p.path},
          {"notice_path", p.notice_path},
          {"versions", std::move(versions)},
          {"notice", notice::to_json(p.notice)},
          {"notice_text", p.notice_text},
          {"warnings", p.warnings}};
}

}  // namespace lexgit::publish
