// lexgit notice and lexgit publish: the change notice part 七 requires, and
// recording a new version of the agreement together with its notice.
#include <ctime>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/notice_delivery.hpp"
#include "lexgit/check.hpp"
#include "lexgit/delivery.hpp"
#include "lexgit/notice.hpp"

namespace lexgit::cli {
namespace {
namespace fs = std::filesystem;

// A version of the agreement: at a revision, or in force on a date.
struct Version {
  Document doc;
  std::string label;
  std::string commit;
};

DocumentSet open_side(const std::string& arg) {
  if (!looks_like_date(arg)) return DocumentSet::open(".", Selection{.rev = arg, .at = std::nullopt});
  auto date = parse_iso_date(arg);
  if (!date) throw Error(ErrorCode::Usage, "'" + arg + "' is not a calendar day");
  return DocumentSet::open(".", Selection{.rev = std::nullopt, .at = date});
}

Version version_of(DocumentSet& set, const std::string& arg, const std::string& agreement) {
  set.versions();  // notices need the history: Error(Usage) outside git
  std::string label = set.selection().at ? "in force on " + arg : arg + " (" + set.tip().substr(0, 12) + ")";
  for (const Revision& r : set.entries())
    if (r.doc == agreement) return {set.load(r), label, r.commit};
  Document d = set.load(agreement);  // throws NotFound with the reason
  return {std::move(d), label, ""};
}

notice::Settings settings_of(DocumentSet& set) {
  auto config = set.config();
  return config ? notice::load_settings(config->yaml, config->file) : notice::Settings{};
}

void print_period_warnings(const notice::Notice& n) {
  for (const std::string& w : n.computed.warnings) std::cerr << "lexgit: warning: " << w << "\n";
}

std::string render(const notice::Notice& n, const std::string& format, const notice::Settings& settings) {
  if (format == "json") return notice::to_json(n).dump(2) + "\n";
  if (format == "html") return notice::render_html(n);
  if (format == "eml") return notice::render_eml(n, settings, static_cast<long long>(std::time(nullptr)));
  return notice::render_markdown(n);
}

struct OverrideArgs {
  std::vector<std::string> security, ordinary;
  void add_to(CLI::App* cmd) {
    cmd->add_option("--security", security, "Treat the change to this clause (new or old ref, DOC#ID or ID) as security-related");
    cmd->add_option("--not-security", ordinary, "Treat the change to this clause as not security-related");
  }
  notice::Overrides get() const { return {security, ordinary}; }
};

}  // namespace

Action add_notice(CLI::App& app, Globals&) {
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  auto date = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("md");
  auto overrides = std::make_shared<OverrideArgs>();
  CLI::App* cmd = app.add_subcommand("notice", "The change notice for the agreement's changes between two revisions or dates (part 七)");
  cmd->add_option("--from", *from, "The version before: a git revision, or a date (the version in force then)")->required();
  cmd->add_option("--to", *to, "The version after: a git revision, or a date")->required();
  cmd->add_option("--date", *date, "The notice date, YYYY-MM-DD")->required();
  cmd->add_option("--format", *format, "md, html, json or eml")->check(CLI::IsMember({"md", "html", "json", "eml"}));
  overrides->add_to(cmd);
  auto delivery = std::make_shared<DeliveryArgs>();
  delivery->add_to(cmd);
  return [from, to, date, format, overrides, delivery] {
    text::Date notice_date = date_option(*date, "--date");
    DocumentSet before_set = open_side(*from);
    DocumentSet after_set = open_side(*to);
    precedence::Policy policy = precedence::policy_for(after_set);
    Version before = version_of(before_set, *from, policy.agreement);
    Version after = version_of(after_set, *to, policy.agreement);
    notice::Settings settings = settings_of(after_set);

    notice::Inputs in;
    in.before = &before.doc;
    in.after = &after.doc;
    in.date = notice_date;
    in.period = notice::notice_period_on(after_set.versions(), after_set.versions().revisions(after_set.tip(), policy.agreement), notice_date);
    in.policy = policy;
    in.overrides = overrides->get();
    in.from_label = before.label;
    in.to_label = after.label;
    in.from_commit = before.commit;
    in.to_commit = after.commit;
    text::Segmenter segmenter;
    notice::Notice n = notice::prepare(in, segmenter);
    if (settings.signatory) n.signatory = *settings.signatory;
    if (delivery->requested()) {
      print_period_warnings(n);
      return delivery->run(after_set.repository(), n, settings, *format);
    }
    std::string out = *format == "json" ? delivery::notice_json(after_set.repository(), n, settings).dump(2) + "\n" : render(n, *format, settings);
    print_warnings(before_set);
    print_warnings(after_set);
    print_period_warnings(n);
    std::cout << out;
    return 0;
  };
}

namespace {

// FILE as a path in the work tree, or Error(Usage).
std::string path_in_worktree(Repository& repo, const std::string& file) {
  if (repo.is_bare()) throw Error(ErrorCode::Usage, "publish needs a work tree; this repository is bare");
  fs::path rel = fs::absolute(file).lexically_normal().lexically_relative(fs::weakly_canonical(repo.workdir()));
  if (rel.empty() || *rel.begin() == "..") throw Error(ErrorCode::Usage, file + " is not in the repository's work tree " + repo.workdir().string());
  return rel.generic_string();
}

// The file with its front matter's dates set: published D, effective E.
std::string with_dates(const std::string& source, FrontMatter meta, text::Date published, text::Date effective) {
  meta.published = published;
  meta.effective = effective;
  std::string_view body(source);
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  std::size_t close = body.find("\n---", 3);
  std::size_t end = close == std::string_view::npos ? std::string_view::npos : body.find('\n', close + 4);
  if (end == std::string_view::npos) throw Error(ErrorCode::BadInput, "no front matter", {});
  return render_front_matter(meta) + std::string(body.substr(end + 1));
}

void validate(const Document& doc) {
  int errors = 0;
  for (const Diagnostic& d : check_documents({doc})) {
    std::cerr << d.describe() << "\n";
    errors += d.severity == Severity::Error;
  }
  if (errors > 0) throw Error(ErrorCode::BadInput, std::to_string(errors) + (errors == 1 ? " error" : " errors") + ": nothing was published");
}

}  // namespace

Action add_publish(CLI::App& app, Globals&) {
  auto file = std::make_shared<std::string>();
  auto date = std::make_shared<std::string>();
  auto message = std::make_shared<std::string>();
  auto author = std::make_shared<std::string>();
  auto overrides = std::make_shared<OverrideArgs>();
  CLI::App* cmd = app.add_subcommand("publish", "Record a new version of the agreement, dated by its notice, with the notice (one commit)");
  cmd->add_option("FILE", *file, "The new version of the agreement, in the work tree")->required();
  cmd->add_option("--notice-date", *date, "The day the notice goes out, YYYY-MM-DD")->required();
  cmd->add_option("-m,--message", *message, "Commit message (default: one naming the notice)");
  cmd->add_option("--author", *author, "\"Name <email>\" (default: git's user.name and user.email)");
  overrides->add_to(cmd);
  return [file, date, message, author, overrides] {
    text::Date notice_date = date_option(*date, "--notice-date");
    DocumentSet set = DocumentSet::open(".", {});
    Repository& repo = set.repository();
    if (set.tip().empty()) throw Error(ErrorCode::NotFound, "the repository has no commits yet: commit the agreement first");
    precedence::Policy policy = precedence::policy_for(set);

    std::string source = read_file(*file);
    Document draft = parse_document(source, *file);
    draft.require_valid();
    if (draft.meta.id != policy.agreement)
      throw Error(ErrorCode::BadInput, "publish records a new version of the agreement '" + policy.agreement + "', and " + *file + " is '" + draft.meta.id + "'", {*file, 0});
    std::string path = path_in_worktree(repo, *file);
    std::vector<Revision> revisions = set.versions().revisions(set.tip(), policy.agreement);
    const Revision& current = latest_revision(revisions);
    if (current.removed) throw Error(ErrorCode::NotFound, "'" + policy.agreement + "' was removed by commit " + current.commit.substr(0, 12));
    if (current.path != path)
      throw Error(ErrorCode::BadInput, "'" + policy.agreement + "' is kept at " + current.path + ", not " + path + ": publish the file there", {*file, 0});
    Document before = set.load(current);

    notice::Inputs in;
    in.before = &before;
    in.after = &draft;
    in.date = notice_date;
    in.period = notice::notice_period_on(set.versions(), revisions, notice_date);
    in.policy = policy;
    in.overrides = overrides->get();
    in.from_label = "HEAD (" + set.tip().substr(0, 12) + ")";
    in.to_label = path;
    in.from_commit = current.commit;
    text::Segmenter segmenter;
    notice::Notice n = notice::prepare(in, segmenter);
    notice::Settings settings = settings_of(set);
    if (settings.signatory) n.signatory = *settings.signatory;

    std::string contents = with_dates(source, draft.meta, notice_date, n.effective());
    validate(parse_document(contents, *file));
    std::string notice_path = "notices/" + text::format_iso(notice_date) + "-" + policy.agreement + ".md";
    if (repo.file_at(set.tip(), notice_path)) throw Error(ErrorCode::BadInput, notice_path + " already exists: one notice per document and day");

    Repository::CommitRequest request;
    request.files[path] = contents;
    request.files[notice_path] = notice::render_markdown(n);
    request.names[path] = policy.agreement;
    request.message = !message->empty() ? *message
                                        : "发布" + notice::title_of(n) + "\n\nNotice dated " + text::format_iso(notice_date) +
                                              "; the revision takes effect on " + text::format_iso(n.effective()) + ".";
    request.author = *author;
    request.base = set.tip();
    auto id = repo.commit(request);
    if (!id) throw Error(ErrorCode::BadInput, "nothing to publish: " + *file + " is unchanged");
    repo.pack_if_needed();
    write_file_atomically(repo.workdir() / path, contents);
    fs::create_directories(repo.workdir() / "notices");
    write_file_atomically(repo.workdir() / notice_path, request.files[notice_path]);
    print_warnings(set);
    print_period_warnings(n);
    std::cout << "[" << id->substr(0, 12) << "] " << request.message.substr(0, request.message.find('\n')) << "\n"
              << "  " << policy.agreement << "  " << path << "  published " << text::format_iso(notice_date) << ", effective "
              << text::format_iso(n.effective()) << "\n"
              << "  notice  " << notice_path << "\n";
    return 0;
  };
}

}  // namespace lexgit::cli
