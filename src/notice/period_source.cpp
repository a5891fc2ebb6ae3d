// The notice period, read from the agreement's own change clause: never a
// constant in lexgit, so that a revision of part 七 changes the period for the
// notices dated after it takes effect.
#include <string_view>

#include "lexgit/notice.hpp"

namespace lexgit::notice {
namespace {

constexpr std::string_view kChangeHeading = "变更";
constexpr std::string_view kAdvance = "提前";

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The duration written right after 提前 in `text`, if any.
std::optional<text::DurationMatch> advance_duration(std::string_view text) {
  for (const text::DurationMatch& m : text::find_durations(text))
    if (trim_right(text.substr(0, m.offset)).ends_with(kAdvance)) return m;
  return std::nullopt;
}

// The first clause under `unit` (itself included) that states an advance period.
const Clause* stating_clause(const Clause& unit, std::optional<text::DurationMatch>& match) {
  if (!unit.is_group() && (match = advance_duration(unit.text))) return &unit;
  for (const Clause& child : unit.children)
    if (const Clause* c = stating_clause(child, match)) return c;
  return nullptr;
}

struct Found {
  const Clause* part = nullptr;
  const Clause* clause = nullptr;
  std::optional<text::DurationMatch> match;
};

// The first unit (a part, or any heading) whose heading contains 变更, in document order,
// that states an advance period.
bool search(const std::vector<Clause>& units, Found& found) {
  for (const Clause& unit : units) {
    if (unit.heading.find(kChangeHeading) != std::string::npos && (found.clause = stating_clause(unit, found.match))) {
      found.part = &unit;
      return true;
    }
    if (search(unit.children, found)) return true;
  }
  return false;
}

// 七． → 第七部分“协议条款的变更”; an unnumbered heading is quoted alone.
std::string part_name(const Clause& part) {
  std::string number = part.number;
  for (std::string_view dot : {"．", ".", "、"})
    if (number.ends_with(dot)) number.resize(number.size() - dot.size());
  std::string quoted = "“" + part.heading + "”";
  return number.empty() ? quoted : "第" + number + "部分" + quoted;
}

}  // namespace

NoticePeriod find_notice_period(const Document& agreement) {
  Found found;
  if (!search(agreement.clauses, found))
    throw Error(ErrorCode::BadInput,
                "the agreement '" + agreement.meta.id + "' (" + agreement.meta.title + ", effective " +
                    text::format_iso(agreement.meta.effective) +
                    ") states no notice period: lexgit looked for a clause under a heading containing 变更 "
                    "that says 提前 followed by a period (提前一个月通知)",
                {agreement.path, 0});
  NoticePeriod p;
  p.duration = found.match->duration;
  p.text = found.clause->text.substr(found.match->offset, found.match->length);
  p.basis = agreement.meta.id + "#" + found.clause->id;
  p.citation = cite(agreement, found.clause->id);
  p.part = part_name(*found.part);
  p.clause_text = found.clause->text;
  p.effective = agreement.meta.effective;
  return p;
}

NoticePeriod notice_period_on(Versions& versions, const std::vector<Revision>& all, text::Date date,
                              const std::optional<Revision>& notified) {
  std::vector<Revision> revisions;
  for (const Revision& r : all)
    if (!notified || r.sequence < notified->sequence) revisions.push_back(r);
  std::optional<Revision> version = version_in_force(revisions, date);
  if (!version) {
    if (revisions.empty())
      throw Error(ErrorCode::NotFound, notified ? "the agreement has no version before the one notified: the notice period is read from the change clause of the version in force before it"
                                                : "the agreement has no revisions: the notice period is read from its change clause");
    throw Error(ErrorCode::NotFound, "the agreement '" + revisions.front().doc + "' is not in force on " + text::format_iso(date) + ": " +
                                         why_not_in_force(revisions, date).en +
                                         "; the notice period is read from the change clause in force on the notice date");
  }
  NoticePeriod p = find_notice_period(versions.load(*version));
  p.commit = version->commit;
  return p;
}

}  // namespace lexgit::notice
