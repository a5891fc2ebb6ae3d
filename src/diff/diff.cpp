// Aligning the clauses of two versions of a document.
//
// 1. Clauses with identical content (heading and text; numbers aside) are
//    aligned in order: first on content that occurs once on each side (as
//    patience diff does), then between those anchors. Aligned clauses whose
//    ids differ are renumbered — unless only an ancestor's number changed, or
//    only the place of an unnumbered paragraph (its pN).
// 2. Identical content out of that order is moved.
// 3. Between the anchors, left-over clauses that read alike are one clause
//    modified; left-overs elsewhere that read nearly alike are moved with edits.
// 4. The rest is added or removed, a whole unit at a time.
#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "diff/sequence.hpp"
#include "diff/words.hpp"
#include "document/numbering.hpp"
#include "lexgit/diff.hpp"

namespace lexgit::diff {
namespace {

struct Flat {
  const Clause* clause;
  int parent;  // index of the parent clause in the same list, -1 at the top
  std::string content;
  std::uint64_t hash;
};

void flatten(const std::vector<Clause>& units, int parent, std::vector<Flat>& out) {
  for (const Clause& c : units) {
    if (c.is_group()) {
      flatten(c.children, parent, out);
      continue;
    }
    std::string content = c.heading + "\x1f" + c.text;
    std::uint64_t hash = std::hash<std::string>{}(content);
    out.push_back({&c, parent, std::move(content), hash});
    flatten(c.children, static_cast<int>(out.size()) - 1, out);
  }
}

std::string local_id(const std::string& id) {
  auto dot = id.rfind('.');
  return dot == std::string::npos ? id : id.substr(dot + 1);
}

// The clause's text with its descendants', for a unit added or removed whole.
std::string subtree_text(const Clause& c) {
  std::string s = c.number.empty() ? "" : c.number + " ";
  s += c.own_text();
  for (const Clause& child : c.children) s += "\n" + subtree_text(child);
  return s;
}

Side side_of(const std::string& doc, const Clause& c, bool whole) {
  Side s;
  s.ref = doc + "#" + c.id;
  s.id = c.id;
  s.number = c.number;
  s.heading = c.heading;
  s.text = whole ? subtree_text(c) : c.own_text();
  s.first_line = c.first_line;
  s.last_line = c.last_line;
  return s;
}

// Character bigrams, for a quick estimate of how alike two texts are before
// the word diff decides.
std::vector<std::uint32_t> bigrams(std::string_view s) {
  std::vector<char32_t> cps;
  std::size_t pos = 0;
  while (pos < s.size()) cps.push_back(text::next_code_point(s, pos));
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i + 1 < cps.size(); ++i) out.push_back(static_cast<std::uint32_t>(cps[i] * 2654435761u) ^ static_cast<std::uint32_t>(cps[i + 1]));
  std::sort(out.begin(), out.end());
  return out;
}

double dice(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  if (a.empty() && b.empty()) return 1.0;
  std::size_t common = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) ++common, ++i, ++j;
    else if (a[i] < b[j]) ++i;
    else ++j;
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
}

class Aligner {
 public:
  Aligner(const Document& before, const Document& after, const text::Segmenter& segmenter, const Options& options)
      : before_doc_(before), after_doc_(after), segmenter_(segmenter), options_(options) {
    flatten(before.clauses, -1, old_);
    flatten(after.clauses, -1, new_);
    old_match_.assign(old_.size(), -1);
    new_match_.assign(new_.size(), -1);
    for (const Clause* c : before.all_clauses()) terms_text_ += c->text;
    for (const Clause* c : after.all_clauses()) terms_text_ += c->text;
    terms_ = text::defined_terms(terms_text_);
  }

  DocumentDiff run() {
    align_identical();
    pair_similar_in_gaps();
    pair_moved();
    return collect();
  }

 private:
  const Document& before_doc_;
  const Document& after_doc_;
  const text::Segmenter& segmenter_;
  const Options& options_;
  std::vector<Flat> old_, new_;
  std::vector<int> old_match_, new_match_;
  std::map<int, Change> changes_;  // by new index (or removal key)
  std::string terms_text_;
  std::vector<std::string> terms_;
  std::set<int> in_order_;  // new indices aligned in order (anchors and gap matches)

  void link(int o, int n, bool in_order) {
    old_match_[static_cast<std::size_t>(o)] = n;
    new_match_[static_cast<std::size_t>(n)] = o;
    if (in_order) in_order_.insert(n);
  }

  std::vector<std::uint64_t> hashes(const std::vector<Flat>& v, int from, int to) {
    std::vector<std::uint64_t> out;
    for (int i = from; i < to; ++i) out.push_back(v[static_cast<std::size_t>(i)].hash);
    return out;
  }

  // Identical content in order: unique anchors, then the common run in each gap.
  void align_identical() {
    auto anchors = sequence::unique_anchors(hashes(old_, 0, static_cast<int>(old_.size())),
                                            hashes(new_, 0, static_cast<int>(new_.size())));
    anchors.emplace_back(static_cast<int>(old_.size()), static_cast<int>(new_.size()));
    int po = 0, pn = 0;
    for (auto [ao, an] : anchors) {
      for (auto [i, j] : sequence::common(hashes(old_, po, ao), hashes(new_, pn, an), 500)) link(po + i, pn + j, true);
      if (ao < static_cast<int>(old_.size())) link(ao, an, true);
      po = ao + 1, pn = an + 1;
    }
  }

  // The stretches between clauses aligned in order, where left-overs face each other.
  template <typename F>
  void for_each_gap(F&& f) {
    int po = 0, pn = 0;
    std::vector<std::pair<int, int>> ordered;
    for (int n : in_order_) ordered.emplace_back(new_match_[static_cast<std::size_t>(n)], n);
    ordered.emplace_back(static_cast<int>(old_.size()), static_cast<int>(new_.size()));
    for (auto [o, n] : ordered) {
      if (o >= po && n >= pn) {
        f(po, o, pn, n);
        po = o + 1, pn = n + 1;
      }
    }
  }

  // Each clause's text, and its words, computed once: a clause may be measured
  // against several others before it is paired.
  std::map<int, std::pair<std::string, std::vector<std::string_view>>> old_units_, new_units_;

  const std::vector<std::string_view>& units_of(std::map<int, std::pair<std::string, std::vector<std::string_view>>>& cache,
                                                const std::vector<Flat>& side, int i) {
    auto it = cache.find(i);
    if (it == cache.end()) {
      it = cache.emplace(i, std::make_pair(clause_text(side[static_cast<std::size_t>(i)]), std::vector<std::string_view>{})).first;
      it->second.second = words::units(it->second.first, segmenter_, terms_);
    }
    return it->second.second;
  }

  std::vector<Edit> aligned_units(int o, int n) { return words::align(units_of(old_units_, old_, o), units_of(new_units_, new_, n)); }
  double similarity_between(int o, int n) { return similarity(aligned_units(o, n)); }

  static std::string clause_text(const Flat& f) { return f.clause->own_text(); }

  // In each gap, left-over clauses that read alike are one clause modified.
  void pair_similar_in_gaps() {
    for_each_gap([&](int o_from, int o_to, int n_from, int n_to) {
      int next_old = o_from;
      for (int n = n_from; n < n_to; ++n) {
        if (new_match_[static_cast<std::size_t>(n)] >= 0) continue;
        auto nb = bigrams(clause_text(new_[static_cast<std::size_t>(n)]));
        int best = -1;
        double best_score = 0;
        for (int o = next_old; o < o_to; ++o) {
          if (old_match_[static_cast<std::size_t>(o)] >= 0) continue;
          double score = dice(bigrams(clause_text(old_[static_cast<std::size_t>(o)])), nb);
          if (score > best_score) best_score = score, best = o;
        }
        // The clause with the same id in this gap, if any: a rewrite keeps its place.
        int same_id = -1;
        for (int o = next_old; o < o_to; ++o)
          if (old_match_[static_cast<std::size_t>(o)] < 0 && old_[static_cast<std::size_t>(o)].clause->id == new_[static_cast<std::size_t>(n)].clause->id) same_id = o;
        if (same_id >= 0 && (best < 0 || best_score < options_.modified_threshold * 0.6 ||
                             similarity_between(best, n) < options_.modified_threshold)) {
          if (similarity_between(same_id, n) < options_.rewritten_threshold) continue;
          best = same_id;
        } else {
          if (best < 0 || best_score < options_.modified_threshold * 0.6) continue;
          if (similarity_between(best, n) < options_.modified_threshold) continue;
        }
        link(best, n, true);
        next_old = best + 1;  // keep the order within the gap
      }
    });
  }

  // Left-overs anywhere that are identical or nearly so: moved.
  void pair_moved() {
    std::vector<int> olds;
    for (int o = 0; o < static_cast<int>(old_.size()); ++o)
      if (old_match_[static_cast<std::size_t>(o)] < 0) olds.push_back(o);
    if (olds.empty()) return;
    std::vector<std::vector<std::uint32_t>> old_grams;
    for (int o : olds) old_grams.push_back(bigrams(clause_text(old_[static_cast<std::size_t>(o)])));
    for (int n = 0; n < static_cast<int>(new_.size()); ++n) {
      if (new_match_[static_cast<std::size_t>(n)] >= 0) continue;
      auto nb = bigrams(clause_text(new_[static_cast<std::size_t>(n)]));
      int best = -1;
      double best_score = 0;
      for (std::size_t k = 0; k < olds.size(); ++k) {
        if (old_match_[static_cast<std::size_t>(olds[k])] >= 0) continue;
        if (old_[static_cast<std::size_t>(olds[k])].hash == new_[static_cast<std::size_t>(n)].hash) {
          best = olds[k], best_score = 2;
          break;
        }
        double score = dice(old_grams[k], nb);
        if (score > best_score) best_score = score, best = olds[k];
      }
      if (best < 0 || best_score < options_.moved_threshold * 0.8) continue;
      if (best_score < 2 && similarity_between(best, n) < options_.moved_threshold) continue;
      link(best, n, false);
    }
  }

  bool parents_aligned(int o, int n) const {
    int po = old_[static_cast<std::size_t>(o)].parent, pn = new_[static_cast<std::size_t>(n)].parent;
    if (po < 0 || pn < 0) return po < 0 && pn < 0;
    return old_match_[static_cast<std::size_t>(po)] == pn;
  }

  // Renumbering of numbered units, old value → new value, for cross-references.
  std::map<long long, long long> renumbered_values() const {
    std::map<long long, long long> map;
    for (int n = 0; n < static_cast<int>(new_.size()); ++n) {
      int o = new_match_[static_cast<std::size_t>(n)];
      if (o < 0) continue;
      const Clause& a = *old_[static_cast<std::size_t>(o)].clause;
      const Clause& b = *new_[static_cast<std::size_t>(n)].clause;
      if (old_[static_cast<std::size_t>(o)].parent < 0 && a.value != b.value && a.value > 0 && b.value > 0) map[a.value] = b.value;
    }
    return map;
  }

  // True when every change in `edits` swaps a reference 第X… for 第Y… to a renumbered unit.
  static bool only_references(const std::vector<Edit>& edits, const std::map<long long, long long>& renumbered) {
    bool any = false;
    for (std::size_t i = 0; i < edits.size(); ++i) {
      if (edits[i].op == Op::Equal) continue;
      if (edits[i].op != Op::Delete || i + 1 >= edits.size() || edits[i + 1].op != Op::Insert) return false;
      auto from = numbering::read_mark(edits[i].text), to = numbering::read_mark(edits[i + 1].text);
      if (!from || !to || numbering::law_rank(from->style) == 0 || from->style != to->style) return false;
      if (from->length != edits[i].text.size() || to->length != edits[i + 1].text.size()) return false;
      auto it = renumbered.find(from->value);
      if (it == renumbered.end() || it->second != to->value) return false;
      any = true;
      ++i;
    }
    return any;
  }

  bool ancestor_added(int n) const {
    for (int p = new_[static_cast<std::size_t>(n)].parent; p >= 0; p = new_[static_cast<std::size_t>(p)].parent)
      if (new_match_[static_cast<std::size_t>(p)] < 0) return true;
    return false;
  }
  bool ancestor_removed(int o) const {
    for (int p = old_[static_cast<std::size_t>(o)].parent; p >= 0; p = old_[static_cast<std::size_t>(p)].parent)
      if (old_match_[static_cast<std::size_t>(p)] < 0) return true;
    return false;
  }

  DocumentDiff collect() {
    const std::string& old_doc = before_doc_.meta.id;
    const std::string& new_doc = after_doc_.meta.id;
    auto renumbered = renumbered_values();
    std::vector<std::pair<std::pair<int, int>, Change>> ordered;  // (position, removal order) → change

    for (int n = 0; n < static_cast<int>(new_.size()); ++n) {
      const Clause& b = *new_[static_cast<std::size_t>(n)].clause;
      int o = new_match_[static_cast<std::size_t>(n)];
      if (o < 0) {
        if (ancestor_added(n)) continue;  // shown with the unit that was added
        Change c;
        c.kind = ChangeKind::Added;
        c.after = side_of(new_doc, b, true);
        c.similarity = 0;
        ordered.push_back({{n, 0}, std::move(c)});
        continue;
      }
      const Clause& a = *old_[static_cast<std::size_t>(o)].clause;
      bool same_text = old_[static_cast<std::size_t>(o)].hash == new_[static_cast<std::size_t>(n)].hash;
      bool in_order = in_order_.count(n) > 0;
      bool renumber_explained = a.id != b.id && local_id(a.id) == local_id(b.id) && parents_aligned(o, n);
      // An unnumbered paragraph's id counts its place (p3 → p4); when a sibling
      // comes or goes it shifts, but no number a reader sees has changed.
      bool only_place_shifted = a.number.empty() && b.number.empty() && parents_aligned(o, n);
      if (same_text && in_order && (a.id == b.id || renumber_explained || only_place_shifted)) continue;
      Change c;
      c.before = side_of(old_doc, a, false);
      c.after = side_of(new_doc, b, false);
      if (!same_text) {
        std::vector<Edit> raw = aligned_units(o, n);
        c.similarity = similarity(raw);
        c.edits = words::clean_up(std::move(raw));
        c.consequential = only_references(c.edits, renumbered);
      }
      if (!in_order) c.kind = ChangeKind::Moved;
      else if (!same_text) c.kind = ChangeKind::Modified;
      else c.kind = ChangeKind::Renumbered;
      ordered.push_back({{n, 0}, std::move(c)});
    }

    // Removals stand after the new position of the last surviving clause before them.
    int anchor = -1;
    for (int o = 0; o < static_cast<int>(old_.size()); ++o) {
      if (old_match_[static_cast<std::size_t>(o)] >= 0) {
        anchor = std::max(anchor, old_match_[static_cast<std::size_t>(o)]);
        continue;
      }
      if (ancestor_removed(o)) continue;
      Change c;
      c.kind = ChangeKind::Removed;
      c.before = side_of(old_doc, *old_[static_cast<std::size_t>(o)].clause, true);
      c.similarity = 0;
      ordered.push_back({{anchor, 1 + o}, std::move(c)});
    }
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& x, const auto& y) { return x.first < y.first; });

    DocumentDiff d;
    d.doc = new_doc.empty() ? old_doc : new_doc;
    for (auto& [key, change] : ordered) d.changes.push_back(std::move(change));
    for (int n = 0; n < static_cast<int>(new_.size()); ++n)
      if (int o = new_match_[static_cast<std::size_t>(n)]; o >= 0)
        d.matches.emplace_back(old_[static_cast<std::size_t>(o)].clause->id, new_[static_cast<std::size_t>(n)].clause->id);
    return d;
  }
};

}  // namespace

std::string_view to_string(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::Modified: return "modified";
    case ChangeKind::Added: return "added";
    case ChangeKind::Removed: return "removed";
    case ChangeKind::Moved: return "moved";
    case ChangeKind::Renumbered: return "renumbered";
    case ChangeKind::Split: return "split";
    case ChangeKind::Merged: return "merged";
  }
  return "?";
}

std::string_view to_string(Op op) {
  switch (op) {
    case Op::Equal: return "equal";
    case Op::Delete: return "delete";
    case Op::Insert: return "insert";
  }
  return "?";
}

Stat DocumentDiff::stat() const {
  Stat s;
  for (const Change& c : changes) {
    switch (c.kind) {
      case ChangeKind::Modified: ++s.modified; break;
      case ChangeKind::Added: ++s.added; break;
      case ChangeKind::Removed: ++s.removed; break;
      case ChangeKind::Moved: ++s.moved; break;
      case ChangeKind::Renumbered: ++s.renumbered; break;
      case ChangeKind::Split: ++s.split; break;
      case ChangeKind::Merged: ++s.merged; break;
    }
  }
  return s;
}

DocumentDiff compare(const Document& before, const Document& after, const text::Segmenter& segmenter,
                     const Options& options) {
  return Aligner(before, after, segmenter, options).run();
}

nlohmann::json to_json(const Change& c) {
  auto side = [](const std::optional<Side>& s) {
    return s ? nlohmann::json{{"ref", s->ref}, {"text", s->text}} : nlohmann::json(nullptr);
  };
  nlohmann::json edits = nlohmann::json::array();
  for (const Edit& e : c.edits) edits.push_back({{"op", to_string(e.op)}, {"text", e.text}});
  nlohmann::json out = {{"kind", to_string(c.kind)}, {"old", side(c.before)}, {"new", side(c.after)},
                        {"similarity", c.similarity}, {"consequential", c.consequential}, {"edits", std::move(edits)}};
  if (!c.parts.empty()) {
    nlohmann::json parts = nlohmann::json::array();
    for (const Side& p : c.parts) parts.push_back(side(p));
    out["parts"] = std::move(parts);
  }
  return out;
}

nlohmann::json to_json(const DocumentDiff& d) {
  nlohmann::json changes = nlohmann::json::array();
  for (const Change& c : d.changes) changes.push_back(to_json(c));
  return {{"doc", d.doc}, {"changes", std::move(changes)}};
}

nlohmann::json to_json(const Stat& s) {
  return {{"modified", s.modified}, {"added", s.added}, {"removed", s.removed}, {"moved", s.moved},
          {"renumbered", s.renumbered}, {"split", s.split}, {"merged", s.merged}, {"total", s.total()}};
}

}  // namespace lexgit::diff
