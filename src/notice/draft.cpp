// Drafting a notice in a repository: the two versions, the period that governs
// the notice, and the notice itself; nothing is written.
#include "lexgit/notice.hpp"

namespace lexgit::notice {
namespace {

Document agreement_on(Side& side, const std::string& agreement) {
  if (side.is_file() && side.file().meta.id != agreement)
    throw Error(ErrorCode::BadInput, "notices are for the agreement '" + agreement + "', and " + side.label() + " is '" + side.file().meta.id + "'",
                {side.label(), 0});
  if (!side.has(agreement)) throw Error(ErrorCode::NotFound, "the agreement '" + agreement + "' is not in " + side.label());
  return side.load(agreement);
}

Settings settings_of(DocumentSet& set) {
  auto config = set.config();
  return config ? load_settings(config->yaml, config->file) : Settings{};
}

}  // namespace

Draft draft(DocumentSet& head, Side& before_side, Side& after_side, text::Date date, const Overrides& overrides,
            const text::Segmenter& segmenter) {
  Versions& versions = head.versions();  // notices need the history: Error(Usage) outside git
  if (head.tip().empty()) throw Error(ErrorCode::NotFound, "the repository has no commits yet: commit the agreement first");
  precedence::Policy policy = precedence::policy_for(head);
  Document before = agreement_on(before_side, policy.agreement);
  Document after = agreement_on(after_side, policy.agreement);
  std::optional<Revision> before_revision = before_side.revision(policy.agreement);
  std::optional<Revision> after_revision = after_side.revision(policy.agreement);

  Inputs in;
  in.before = &before;
  in.after = &after;
  in.date = date;
  in.period = notice_period_on(versions, versions.revisions(head.tip(), policy.agreement), date, after_revision);
  in.policy = policy;
  in.overrides = overrides;
  // The rest days as the repository records them where the revision was read.
  period::Calendar calendar = period::calendar_for(after_side.set() ? *after_side.set() : head);
  in.calendar = &calendar;
  in.from_label = before_side.label();
  in.to_label = after_side.label();
  if (before_revision) in.from_commit = before_revision->commit;
  if (after_revision) in.to_commit = after_revision->commit;

  Draft out{prepare(in, segmenter), settings_of(head), {}};
  if (out.settings.signatory) out.notice.signatory = *out.settings.signatory;
  for (auto* side : {&before_side, &after_side})
    for (std::string& w : side->take_warnings()) out.warnings.push_back(std::move(w));
  for (std::string& w : head.take_warnings()) out.warnings.push_back(std::move(w));
  for (const period::Step& w : out.notice.computed.warnings) out.warnings.push_back(w.en);
  return out;
}

Draft draft(const std::filesystem::path& dir, const Request& request, const text::Segmenter& segmenter) {
  DocumentSet head = DocumentSet::open(dir, {});
  Side before = Side::open(dir, request.from);
  Side after = Side::open(dir, request.to);
  return draft(head, before, after, request.date, request.overrides, segmenter);
}

}  // namespace lexgit::notice
