// The agreement with only some of a revision's changes applied: what is in
// force between the notice date (security changes) and the end of the notice
// period (everything else).
#include <algorithm>
#include <map>

#include "lexgit/publish.hpp"

namespace lexgit::publish {
namespace {

std::vector<std::string> lines_of(const std::string& source) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < source.size()) {
    std::size_t end = source.find('\n', start);
    end = end == std::string::npos ? source.size() : end + 1;
    out.push_back(source.substr(start, end - start));
    start = end;
  }
  if (!out.empty() && !out.back().ends_with("\n")) out.back() += "\n";
  return out;
}

bool blank(const std::string& line) { return line.find_first_not_of(" \t\r\n") == std::string::npos; }

// Lines [first, last] (1-based, inclusive) of `lines`.
std::vector<std::string> slice(const std::vector<std::string>& lines, int first, int last) {
  first = std::max(first, 1);
  last = std::min<int>(last, static_cast<int>(lines.size()));
  if (last < first) return {};
  return {lines.begin() + first - 1, lines.begin() + last};
}

// The last line of a clause's own text, before its first child.
int own_last_line(const Clause& c) { return c.children.empty() ? c.last_line : c.children.front().first_line - 1; }

struct Place {
  const std::vector<Clause>* siblings = nullptr;
  std::size_t index = 0;
  const Clause* parent = nullptr;
};

std::optional<Place> place_of(const std::vector<Clause>& units, const std::string& id, const Clause* parent) {
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (units[i].id == id) return Place{&units, i, parent};
    if (auto p = place_of(units[i].children, id, &units[i])) return p;
  }
  return std::nullopt;
}

bool under(const std::string& id, const std::string& ancestor) { return id.size() > ancestor.size() && id.starts_with(ancestor + "."); }

// A replacement of lines [start, start + count) of the old text; count 0 inserts.
struct Edit {
  int start = 0;
  int count = 0;
  std::vector<std::string> lines;
  int sequence = 0;
};

class Splicer {
 public:
  Splicer(const std::string& before_source, const Document& before, const std::string& after_source, const Document& after,
          const std::vector<std::pair<std::string, std::string>>& matches)
      : old_(lines_of(before_source)), new_(lines_of(after_source)), before_(before), after_(after) {
    for (const auto& [o, n] : matches) old_of_.emplace(n, o);
  }

  void apply(const diff::Change& c) {
    switch (c.kind) {
      case diff::ChangeKind::Added: insert(c.after->id); break;
      case diff::ChangeKind::Removed: remove(c.before->id); break;
      case diff::ChangeKind::Moved:
        remove(c.before->id);
        insert(c.after->id);
        break;
      case diff::ChangeKind::Split: replace_whole(c.before->first_line, c.before->last_line, c.parts); break;
      case diff::ChangeKind::Merged: merge(c); break;
      case diff::ChangeKind::Modified:
      case diff::ChangeKind::Renumbered: replace_own(c.before->id, c.after->id); break;
    }
  }

  // The unit's first line with the new version's number in place of the old one.
  void renumber(const diff::Change& c) {
    if (!c.before || !c.after || c.before->number.empty() || c.before->number == c.after->number) return;
    const Clause* o = before_.find(c.before->id);
    if (!o || within_removed(o->first_line, o->first_line)) return;
    std::string line = old_[o->first_line - 1];
    std::size_t at = line.find(c.before->number);
    if (at == std::string::npos) return;
    line.replace(at, c.before->number.size(), c.after->number);
    add(o->first_line, 1, {line});
  }

  std::string text() {
    std::sort(edits_.begin(), edits_.end(), [](const Edit& a, const Edit& b) {
      return a.start != b.start ? a.start > b.start : a.sequence > b.sequence;
    });
    std::vector<std::string> lines = old_;
    for (const Edit& e : edits_) {
      auto at = lines.begin() + std::min<int>(e.start - 1, static_cast<int>(lines.size()));
      at = lines.erase(at, at + std::min<int>(e.count, static_cast<int>(lines.end() - at)));
      lines.insert(at, e.lines.begin(), e.lines.end());
    }
    std::string out;
    for (const std::string& l : lines) out += l;
    return out;
  }

 private:
  std::vector<std::string> old_, new_;
  const Document& before_;
  const Document& after_;
  std::multimap<std::string, std::string> old_of_;  // new id → old id
  std::vector<Edit> edits_;
  std::vector<std::pair<int, int>> removed_;  // old line ranges already taken out
  std::vector<std::string> inserted_;         // new ids already inserted, with their children

  const Clause* old_clause(const std::string& new_id) const {
    for (auto [it, end] = old_of_.equal_range(new_id); it != end; ++it)
      if (const Clause* c = before_.find(it->second)) return c;
    return nullptr;
  }

  bool within_removed(int first, int last) const {
    return std::any_of(removed_.begin(), removed_.end(), [&](auto r) { return first >= r.first && last <= r.second; });
  }

  void add(int start, int count, std::vector<std::string> lines) {
    edits_.push_back({start, count, std::move(lines), static_cast<int>(edits_.size())});
  }

  // A block inserted between others, set apart by blank lines as Markdown needs.
  std::vector<std::string> block(std::vector<std::string> lines, int at) const {
    if (at > 1 && at - 2 < static_cast<int>(old_.size()) && !blank(old_[at - 2])) lines.insert(lines.begin(), "\n");
    if (lines.empty() || !blank(lines.back())) lines.push_back("\n");
    return lines;
  }

  // Where, in the old text, an added clause of the new version goes: after the
  // old counterpart of the nearest earlier sibling, else after its parent's own
  // text, else before the nearest later sibling, else at the end.
  int insertion_line(const std::string& new_id) const {
    auto place = place_of(after_.clauses, new_id, nullptr);
    if (!place) return static_cast<int>(old_.size()) + 1;
    for (std::size_t j = place->index; j-- > 0;)
      if (const Clause* c = old_clause((*place->siblings)[j].id)) return c->last_line + 1;
    if (place->parent && !place->parent->id.empty())
      if (const Clause* c = old_clause(place->parent->id)) return own_last_line(*c) + 1;
    for (std::size_t j = place->index + 1; j < place->siblings->size(); ++j)
      if (const Clause* c = old_clause((*place->siblings)[j].id)) return c->first_line;
    return static_cast<int>(old_.size()) + 1;
  }

  void insert(const std::string& new_id) {
    if (std::any_of(inserted_.begin(), inserted_.end(), [&](const std::string& a) { return under(new_id, a); })) return;
    const Clause* c = after_.find(new_id);
    if (!c) return;
    inserted_.push_back(new_id);
    int at = insertion_line(new_id);
    add(at, 0, block(slice(new_, c->first_line, c->last_line), at));
  }

  void remove(const std::string& old_id) {
    const Clause* c = before_.find(old_id);
    if (!c || within_removed(c->first_line, c->last_line)) return;
    removed_.emplace_back(c->first_line, c->last_line);
    add(c->first_line, c->last_line - c->first_line + 1, {});
  }

  void replace_own(const std::string& old_id, const std::string& new_id) {
    const Clause* o = before_.find(old_id);
    const Clause* n = after_.find(new_id);
    if (!o || !n || within_removed(o->first_line, own_last_line(*o))) return;
    add(o->first_line, own_last_line(*o) - o->first_line + 1, slice(new_, n->first_line, own_last_line(*n)));
  }

  std::vector<std::string> whole(const std::vector<diff::Side>& parts) const {
    std::vector<std::string> out;
    for (const diff::Side& p : parts) {
      std::vector<std::string> lines = slice(new_, p.first_line, p.last_line);
      if (!out.empty() && !blank(out.back())) out.push_back("\n");
      out.insert(out.end(), lines.begin(), lines.end());
    }
    return out;
  }

  void replace_whole(int first, int last, const std::vector<diff::Side>& parts) {
    if (within_removed(first, last)) return;
    removed_.emplace_back(first, last);
    add(first, last - first + 1, whole(parts));
  }

  void merge(const diff::Change& c) {
    for (std::size_t i = 0; i < c.parts.size(); ++i) {
      const diff::Side& old_part = c.parts[i];
      if (i == 0) replace_whole(old_part.first_line, old_part.last_line, {*c.after});
      else if (!within_removed(old_part.first_line, old_part.last_line)) {
        removed_.emplace_back(old_part.first_line, old_part.last_line);
        add(old_part.first_line, old_part.last_line - old_part.first_line + 1, {});
      }
    }
  }
};

}  // namespace

std::string apply_changes(const std::string& before_source, const Document& before, const std::string& after_source,
                          const Document& after, const std::vector<const diff::Change*>& changes,
                          const std::vector<const diff::Change*>& numbers_only,
                          const std::vector<std::pair<std::string, std::string>>& matches) {
  Splicer splicer(before_source, before, after_source, after, matches);
  for (const diff::Change* c : changes) splicer.apply(*c);
  for (const diff::Change* c : numbers_only) splicer.renumber(*c);
  return splicer.text();
}

}  // namespace lexgit::publish
