// A notice: the changes between two versions of the agreement, classified,
// dated and grouped by part.
#include <algorithm>
#include <map>

#include "lexgit/notice.hpp"

namespace lexgit::notice {
namespace {

// "九． 赔偿责任" for the part a clause id belongs to; "序言" before the first part.
std::string part_heading(const Document& doc, const std::string& id) {
  std::string top = id.substr(0, id.find('.'));
  const Clause* part = doc.find(top);
  if (!part || part->number.empty()) return "序言";
  std::string title = part->heading.empty() ? part->text : part->heading;
  return cite(doc, top) + "　" + title;
}

std::string part_of(const diff::Change& c, const Document& before, const Document& after) {
  return c.after ? part_heading(after, c.after->id) : part_heading(before, c.before->id);
}

// A REF as given (DOC#ID or a bare ID) → DOC#ID.
std::string qualified(const std::string& ref, const std::string& doc) {
  return ref.find('#') == std::string::npos ? doc + "#" + ref : ref;
}

bool names(const diff::Change& c, const std::string& ref) {
  return (c.after && c.after->ref == ref) || (c.before && c.before->ref == ref);
}

std::string refs_listed(const std::vector<diff::Change>& changes) {
  std::string out;
  for (const diff::Change& c : changes) {
    if (!out.empty()) out += ", ";
    out += c.after ? c.after->ref : c.before->ref;
  }
  return out;
}

// Which change each override names (by index), refusing one that names none or a
// change named both ways.
std::map<std::size_t, Basis> resolve_overrides(const Overrides& o, const std::vector<diff::Change>& changes, const std::string& doc) {
  std::map<std::size_t, Basis> out;
  auto apply = [&](const std::vector<std::string>& refs, Basis basis, const char* option) {
    for (const std::string& given : refs) {
      std::string ref = qualified(given, doc);
      auto it = std::find_if(changes.begin(), changes.end(), [&](const diff::Change& c) { return names(c, ref); });
      if (it == changes.end())
        throw Error(ErrorCode::Usage, std::string(option) + " " + given + " names no change; the changes are: " + refs_listed(changes));
      auto index = static_cast<std::size_t>(it - changes.begin());
      if (out.count(index) && out[index] != basis)
        throw Error(ErrorCode::Usage, given + " is named by both --security and --not-security");
      out[index] = basis;
    }
  };
  apply(o.security, Basis::OverrideSecurity, "--security");
  apply(o.ordinary, Basis::OverrideOrdinary, "--not-security");
  return out;
}

// A unit that only took a new number: its text is the same, or only its
// cross-references to renumbered units changed.
bool only_renumbered(const diff::Change& c) {
  return c.kind == diff::ChangeKind::Renumbered && (c.edits.empty() || c.consequential);
}

// "7.p2" is under "7" (and "7.p2.1" under both).
bool under(const std::string& id, const std::string& ancestor) { return id.size() > ancestor.size() && id.starts_with(ancestor + "."); }

// A policy's basis (DOC#ID) as the agreement cites it; other refs as given.
std::string cited_basis(const std::string& ref, const Document& agreement) {
  std::string prefix = agreement.meta.id + "#";
  if (!ref.starts_with(prefix)) return ref;
  return cite(agreement, ref.substr(prefix.size()));
}

// The renumbered units, each once: a part renumbered with its clauses is one row.
std::vector<Renumbering> renumbering_table(const std::vector<diff::Change>& renumbered, const Document& before, const Document& after) {
  std::vector<Renumbering> out;
  std::vector<const diff::Change*> listed;
  for (const diff::Change& c : renumbered) {
    bool inside = std::any_of(listed.begin(), listed.end(), [&](const diff::Change* p) {
      return under(c.before->id, p->before->id) && under(c.after->id, p->after->id);
    });
    if (inside) continue;
    listed.push_back(&c);
    out.push_back({cite(before, c.before->id), cite(after, c.after->id), !c.edits.empty()});
  }
  return out;
}

}  // namespace

std::vector<const NoticeChange*> Notice::changes() const {
  std::vector<const NoticeChange*> out;
  for (const Part& p : parts)
    for (const NoticeChange& c : p.changes) out.push_back(&c);
  return out;
}

text::Date Notice::effective() const {
  for (const NoticeChange* c : changes())
    if (!c->classification.security) return computed.effective;
  return date;
}

std::string title_of(const Notice& n) { return "关于修订《" + n.title + "》的通知"; }

Notice prepare(const Inputs& in, const text::Segmenter& segmenter) {
  diff::DocumentDiff d = diff::compare(*in.before, *in.after, segmenter);
  if (d.changes.empty())
    throw Error(ErrorCode::BadInput, "'" + in.after->meta.id + "' does not change between " + in.from_label + " and " + in.to_label +
                                         ": there is nothing to notify");
  std::map<std::size_t, Basis> overrides = resolve_overrides(in.overrides, d.changes, in.after->meta.id);

  Notice n;
  n.agreement = in.after->meta.id;
  n.title = in.after->meta.title;
  n.date = in.date;
  n.period = in.period;
  n.computed = period::compute(in.date, in.period.duration, *in.calendar);
  n.before_meta = in.before->meta;
  n.from_label = in.from_label;
  n.to_label = in.to_label;
  n.from_commit = in.from_commit;
  n.to_commit = in.to_commit;
  n.void_basis = cited_basis(in.policy.void_basis, *in.after);
  n.retroactivity_basis = cited_basis(in.policy.retroactivity_basis, *in.after);
  std::vector<diff::Change> renumbered;
  for (std::size_t i = 0; i < d.changes.size(); ++i) {
    if (only_renumbered(d.changes[i]) && !overrides.count(i)) {
      renumbered.push_back(std::move(d.changes[i]));
      continue;
    }
    NoticeChange c;
    c.change = std::move(d.changes[i]);
    if (c.change.before) c.old_citation = cite(*in.before, c.change.before->id);
    if (c.change.after) c.new_citation = cite(*in.after, c.change.after->id);
    c.classification = classify(c.change, segmenter);
    if (auto o = overrides.find(i); o != overrides.end()) c.classification = {o->second == Basis::OverrideSecurity, o->second, "", ""};
    c.effective = c.classification.security ? in.date : n.computed.effective;
    c.part = part_of(c.change, *in.before, *in.after);
    auto part = std::find_if(n.parts.begin(), n.parts.end(), [&](const Part& p) { return p.heading == c.part; });
    if (part == n.parts.end()) part = n.parts.insert(n.parts.end(), Part{c.part, {}});
    part->changes.push_back(std::move(c));
  }
  n.renumbered = renumbering_table(renumbered, *in.before, *in.after);
  return n;
}

}  // namespace lexgit::notice
