// Aligning the clauses of two versions of a document.
//
// Clauses are matched by a Matcher, on two lists of comparable units:
// 1. Units with identical content (heading and text; numbers aside, and
//    whitespace in headings) are aligned in order: first on content that occurs
//    once on each side (as patience diff does), then between those anchors.
// 2. Identical content out of that order is moved.
// 3. Left-overs in different gaps that are each other's closest and nearly
//    identical are moved first; then, in each gap between the anchors, the
//    left-overs that read alike are paired as the in-order set with the most
//    likeness (a same id breaks ties only), each one unit modified; left-overs
//    elsewhere that read nearly alike are moved with edits.
//
// A contract is matched clause by clause, all its clauses in one list. A
// statute (articles, 第N条, on both sides) is matched the way it is amended:
// - articles first, each with its 款 and 项 as one unit, so that an article is
//   paired with the article that carries its rule on, whatever became of its
//   paragraphs;
// - then continuations (an unpaired new article holding, or made of, one
//   unpaired old article, or one clearly ahead of the others), splits (one
//   old article whose parts went to several new ones) and merges (several old
//   articles in one new one), from where their paragraphs went (mutually
//   closest paragraphs across the document, diff/paragraphs.hpp), else where
//   their sentences went (the same links between sentences), or else how
//   much of each new (old) article is made of the other's words, citation
//   numbers aside — not from a copy of a paragraph that went to a third
//   article; then articles rewritten in
//   place or rewritten and moved (mutually closest among the unpaired);
// - then groupings (编, 章, 节) by their contents: a chapter is paired with the
//   chapter that holds most of its articles, so a renamed chapter is a changed
//   heading, not a removed and an added chapter;
// - then the 款 and 项 inside each pair of articles; an unchanged paragraph that
//   went to another article is moved.
// What is left is added or removed, a whole unit at a time, without the parts
// of it that are reported elsewhere. Aligned clauses whose ids differ are
// renumbered — unless only an ancestor's number changed (6.p1 → 7.p1 because
// 6 became 7); a paragraph whose place changed (p3 → p2, a paragraph before
// it was removed) is renumbered too: its id, which references use, changed.
#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "diff/grams.hpp"
#include "diff/paragraphs.hpp"
#include "diff/sequence.hpp"
#include "diff/words.hpp"
#include "document/numbering.hpp"
#include "lexgit/diff.hpp"

namespace lexgit::diff {
namespace {

using grams::bigrams;
using grams::common_count;
using grams::dice;
using grams::gram_set;
using grams::Grams;
using grams::intersect;
using grams::minus;
using grams::share_in;
using grams::without_citation_numbers;

bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Whitespace is no change in a heading: 总　则 and 总则 are one heading.
std::string without_whitespace(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (is_space_byte(s[i])) continue;
    if (s.compare(i, 3, "\u3000") == 0) {
      i += 2;
      continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

// The clause's text with its descendants', for a unit added or removed whole
// or an article split or merged; descendants for which `skip` holds (reported
// elsewhere) are left out.
std::string subtree_text(const Clause& c, const std::function<bool(const Clause&)>& skip = {}) {
  std::string s = c.number.empty() ? "" : c.number + " ";
  s += c.own_text();
  for (const Clause& child : c.children)
    if (!skip || !skip(child)) s += "\n" + subtree_text(child, skip);
  return s;
}

// An article as one unit: its own text and its 款 and 项 with their numbers,
// but not its own number (a renumbered article reads the same).
std::string article_unit_text(const Clause& c) {
  std::string s = c.own_text();
  for (const Clause& child : c.children) s += "\n" + subtree_text(child);
  return s;
}

struct Flat {
  const Clause* clause;
  int parent;        // index of the parent clause in the same list, -1 at the top
  std::string text;  // what is compared: the clause's own text, or an article's whole text
  std::uint64_t hash;
};

Flat flat_of(const Clause& c, int parent, std::string text) {
  std::uint64_t hash = std::hash<std::string>{}(without_whitespace(c.heading) + "\x1f" + (c.heading.empty() ? text : c.text));
  if (!c.heading.empty() && text != c.own_text()) hash ^= std::hash<std::string>{}(text) * 31;
  return {&c, parent, std::move(text), hash};
}

void flatten(const std::vector<Clause>& units, int parent, std::vector<Flat>& out) {
  for (const Clause& c : units) {
    if (c.is_group()) {
      flatten(c.children, parent, out);
      continue;
    }
    out.push_back(flat_of(c, parent, c.own_text()));
    flatten(c.children, static_cast<int>(out.size()) - 1, out);
  }
}

std::string local_id(const std::string& id) {
  auto dot = id.rfind('.');
  return dot == std::string::npos ? id : id.substr(dot + 1);
}

Side side_of(const std::string& doc, const Clause& c, const std::string& text) {
  Side s;
  s.ref = doc + "#" + c.id;
  s.id = c.id;
  s.number = c.number;
  s.heading = c.heading;
  s.text = text;
  s.first_line = c.first_line;
  s.last_line = c.last_line;
  return s;
}


std::size_t at(int i) { return static_cast<std::size_t>(i); }

// Word-level edits between two texts, before clean-up.
std::vector<Edit> raw_edits(const std::string& a, const std::string& b, const text::Segmenter& segmenter,
                            const std::vector<std::string>& terms) {
  return words::align(words::units(a, segmenter, terms), words::units(b, segmenter, terms));
}

// Left-overs at least this alike (bigram Dice) and each other's closest are
// moved before the gaps are paired (Matcher::pair_clear_moves).
constexpr double kClearMove = 0.9;

// Pairs the units of two lists (the steps 1–3 of the header comment).
class Matcher {
 public:
  Matcher(const std::vector<Flat>& old_units, const std::vector<Flat>& new_units, const text::Segmenter& segmenter,
          const std::vector<std::string>& terms, const Options& options)
      : old_(old_units), new_(new_units), segmenter_(segmenter), terms_(terms), options_(options),
        old_match(old_units.size(), -1), new_match(new_units.size(), -1) {}

  void run() {
    align_identical();
    pair_clear_moves();
    pair_similar_in_gaps();
    pair_moved();
  }

  void link(int o, int n, bool ordered) {
    old_match[at(o)] = n;
    new_match[at(n)] = o;
    if (ordered) in_order.insert(n);
  }

  const std::vector<Flat>& old_;
  const std::vector<Flat>& new_;
  const text::Segmenter& segmenter_;
  const std::vector<std::string>& terms_;
  const Options& options_;
  std::vector<int> old_match, new_match;
  std::set<int> in_order;  // new indices aligned in order (anchors and gap matches)

 private:
  std::vector<std::uint64_t> hashes(const std::vector<Flat>& v, int from, int to) {
    std::vector<std::uint64_t> out;
    for (int i = from; i < to; ++i) out.push_back(v[at(i)].hash);
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

  // The stretches between units aligned in order, where left-overs face each other.
  template <typename F>
  void for_each_gap(F&& f) {
    int po = 0, pn = 0;
    std::vector<std::pair<int, int>> ordered;
    for (int n : in_order) ordered.emplace_back(new_match[at(n)], n);
    ordered.emplace_back(static_cast<int>(old_.size()), static_cast<int>(new_.size()));
    for (auto [o, n] : ordered) {
      if (o >= po && n >= pn) {
        f(po, o, pn, n);
        po = o + 1, pn = n + 1;
      }
    }
  }

  // Each unit's words, computed once: a unit may be measured against several
  // others before it is paired.
  std::map<int, std::vector<std::string_view>> old_words_, new_words_;

  const std::vector<std::string_view>& words_of(std::map<int, std::vector<std::string_view>>& cache,
                                                const std::vector<Flat>& side, int i) {
    auto it = cache.find(i);
    if (it == cache.end()) it = cache.emplace(i, words::units(side[at(i)].text, segmenter_, terms_)).first;
    return it->second;
  }

  double similarity_between(int o, int n) {
    return similarity(words::align(words_of(old_words_, old_, o), words_of(new_words_, new_, n)));
  }

  // Before the gaps are paired: left-overs in different gaps that are each
  // other's closest anywhere and nearly alike (bigram Dice >= kClearMove, word
  // similarity >= moved_threshold) are one unit moved, so that neither is
  // paired in its gap with a unit it merely resembles (an article moved to
  // another chapter leaves a neighbour behind that shares its frame).
  void pair_clear_moves() {
    std::vector<int> old_gap(old_.size(), -1), new_gap(new_.size(), -1);
    int gap = 0;
    for_each_gap([&](int o_from, int o_to, int n_from, int n_to) {
      for (int o = o_from; o < o_to; ++o) old_gap[at(o)] = gap;
      for (int n = n_from; n < n_to; ++n) new_gap[at(n)] = gap;
      ++gap;
    });
    std::vector<int> olds, news;
    for (int o = 0; o < static_cast<int>(old_.size()); ++o)
      if (old_match[at(o)] < 0) olds.push_back(o);
    for (int n = 0; n < static_cast<int>(new_.size()); ++n)
      if (new_match[at(n)] < 0) news.push_back(n);
    if (olds.empty() || news.empty()) return;
    std::vector<std::vector<std::uint32_t>> old_grams, new_grams;
    for (int o : olds) old_grams.push_back(bigrams(old_[at(o)].text));
    for (int n : news) new_grams.push_back(bigrams(new_[at(n)].text));
    std::vector<double> score(olds.size() * news.size());
    std::vector<std::size_t> best_new(olds.size(), 0), best_old(news.size(), 0);
    for (std::size_t k = 0; k < olds.size(); ++k)
      for (std::size_t j = 0; j < news.size(); ++j) {
        double d = dice(old_grams[k], new_grams[j]);
        score[k * news.size() + j] = d;
        if (d > score[k * news.size() + best_new[k]]) best_new[k] = j;
        if (d > score[best_old[j] * news.size() + j]) best_old[j] = k;
      }
    for (std::size_t k = 0; k < olds.size(); ++k) {
      std::size_t j = best_new[k];
      int o = olds[k], n = news[j];
      if (best_old[j] != k || score[k * news.size() + j] < kClearMove) continue;
      if (old_gap[at(o)] == new_gap[at(n)] || new_match[at(n)] >= 0) continue;
      if (similarity_between(o, n) < options_.moved_threshold) continue;
      link(o, n, false);
    }
  }

  // In each gap, left-over units that read alike are one unit modified. The
  // pairs are chosen over the whole gap: first the set of pairs in order with
  // the largest total likeness (bigram Dice; a weighted common subsequence),
  // each confirmed by the word diff; then, best first, the remaining pairs
  // that keep the order of those taken. So a unit goes to the one it reads
  // most like, not to the first that will do, and two units that each took a
  // part of another are not pulled across each other; a unit that keeps its
  // id is preferred only between equally good candidates. Units with the same
  // id still unpaired after that, and alike enough, are one unit rewritten in
  // its place.
  void pair_similar_in_gaps() {
    for_each_gap([&](int o_from, int o_to, int n_from, int n_to) {
      std::vector<int> olds, news;
      for (int o = o_from; o < o_to; ++o)
        if (old_match[at(o)] < 0) olds.push_back(o);
      for (int n = n_from; n < n_to; ++n)
        if (new_match[at(n)] < 0) news.push_back(n);
      if (olds.empty() || news.empty()) return;
      std::vector<std::vector<std::uint32_t>> old_grams;
      for (int o : olds) old_grams.push_back(bigrams(old_[at(o)].text));
      struct Candidate {
        double score;
        bool same_id;
        int o, n;
      };
      std::vector<Candidate> candidates;
      for (int n : news) {
        auto nb = bigrams(new_[at(n)].text);
        for (std::size_t k = 0; k < olds.size(); ++k) {
          double score = dice(old_grams[k], nb);
          if (score >= options_.modified_threshold * 0.6)
            candidates.push_back({score, old_[at(olds[k])].clause->id == new_[at(n)].clause->id, olds[k], n});
        }
      }
      std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        if (a.score != b.score) return a.score > b.score;
        if (a.same_id != b.same_id) return a.same_id;
        return a.n != b.n ? a.n < b.n : a.o < b.o;
      });
      std::vector<std::pair<int, int>> taken;
      auto keeps_order = [&](int o, int n) {
        return std::all_of(taken.begin(), taken.end(), [&](auto& t) { return (t.first < o) == (t.second < n); });
      };
      {
        // Weighted common subsequence over (olds × news); a same id adds a hair.
        std::size_t rows = olds.size(), cols = news.size();
        std::vector<double> weight(rows * cols, 0.0), best((rows + 1) * (cols + 1), 0.0);
        std::map<int, std::size_t> old_pos, new_pos;
        for (std::size_t k = 0; k < rows; ++k) old_pos[olds[k]] = k;
        for (std::size_t j = 0; j < cols; ++j) new_pos[news[j]] = j;
        for (const Candidate& c : candidates) weight[old_pos[c.o] * cols + new_pos[c.n]] = c.score + (c.same_id ? 1e-3 : 0.0);
        auto cell = [&](std::size_t i, std::size_t j) -> double& { return best[i * (cols + 1) + j]; };
        for (std::size_t i = 1; i <= rows; ++i)
          for (std::size_t j = 1; j <= cols; ++j) {
            double w = weight[(i - 1) * cols + (j - 1)];
            cell(i, j) = std::max({cell(i - 1, j), cell(i, j - 1), w > 0 ? cell(i - 1, j - 1) + w : 0.0});
          }
        std::vector<std::pair<int, int>> chosen;
        for (std::size_t i = rows, j = cols; i > 0 && j > 0;) {
          double w = weight[(i - 1) * cols + (j - 1)];
          if (w > 0 && cell(i, j) == cell(i - 1, j - 1) + w) chosen.emplace_back(olds[i - 1], news[j - 1]), --i, --j;
          else if (cell(i, j) == cell(i - 1, j)) --i;
          else --j;
        }
        for (auto [o, n] : chosen)
          if (similarity_between(o, n) >= options_.modified_threshold) {
            link(o, n, true);
            taken.emplace_back(o, n);
          }
      }
      for (const Candidate& c : candidates) {
        if (old_match[at(c.o)] >= 0 || new_match[at(c.n)] >= 0 || !keeps_order(c.o, c.n)) continue;
        if (similarity_between(c.o, c.n) < options_.modified_threshold) continue;
        link(c.o, c.n, true);
        taken.emplace_back(c.o, c.n);
      }
      for (int n : news) {
        if (new_match[at(n)] >= 0) continue;
        for (int o : olds) {
          if (old_match[at(o)] >= 0 || old_[at(o)].clause->id != new_[at(n)].clause->id || !keeps_order(o, n)) continue;
          if (similarity_between(o, n) < options_.rewritten_threshold) continue;
          link(o, n, true);
          taken.emplace_back(o, n);
          break;
        }
      }
    });
  }

  // Left-overs anywhere that are identical or nearly so: moved.
  void pair_moved() {
    std::vector<int> olds;
    for (int o = 0; o < static_cast<int>(old_.size()); ++o)
      if (old_match[at(o)] < 0) olds.push_back(o);
    if (olds.empty()) return;
    std::vector<std::vector<std::uint32_t>> old_grams;
    for (int o : olds) old_grams.push_back(bigrams(old_[at(o)].text));
    for (int n = 0; n < static_cast<int>(new_.size()); ++n) {
      if (new_match[at(n)] >= 0) continue;
      auto nb = bigrams(new_[at(n)].text);
      int best = -1;
      double best_score = 0;
      for (std::size_t k = 0; k < olds.size(); ++k) {
        if (old_match[at(olds[k])] >= 0) continue;
        if (old_[at(olds[k])].hash == new_[at(n)].hash) {
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
};

// A split or a merge: one old article and several new ones, or the reverse.
struct Group {
  ChangeKind kind = ChangeKind::Split;
  std::vector<int> olds, news;  // global indices, in document order
};

// Whether the clause is a statute's article.
bool is_article(const Clause& c) { return c.style == NumberStyle::Tiao; }

bool has_article(const std::vector<Flat>& flats) {
  return std::any_of(flats.begin(), flats.end(), [](const Flat& f) { return is_article(*f.clause); });
}


// A new article is a part of a split (an old article a part of a merge) when
// at least this share of it is made of the one article's words…
constexpr double kPartShare = 0.5;
// …and at least this share of what it takes from it is not already in the
// article paired with that one: a part carries away a piece of the rule, it
// does not copy it for another subject (the Company Law's JSC articles copy
// LLC articles that stay where they were).
constexpr double kPartNovelty = 0.5;
// Too short to tell: fewer common bigrams than this are no evidence.
constexpr std::size_t kPartMinCommon = 12;
// A continuation pairs one unpaired article with one unpaired article, the
// only one it holds (or is made of): less evidence is needed than for a part
// of a split, and short articles (股份可以依法转让) must not be left out.
constexpr std::size_t kContinuationMinCommon = 8;
// Of several unpaired old articles a new article holds, it continues the one
// whose share is ahead of every other's by at least this much.
constexpr double kContinuationLead = 0.1;
// A new article whose paragraphs are linked with an old article's
// (paragraphs::Links) is a part of its split only when at least this share of
// it is made of that article's words, each weighted by its rarity across the
// law's paragraphs: mainly made of it, not one paragraph of it among new ones
// (the Company Law's new 142 on 面额股 opens with old 125's first sentence).
constexpr double kLinkedPartShare = 0.35;

// Unpaired articles between the same paired neighbours, mutually closest
// and at least this alike (bigram Dice), are one article rewritten.
constexpr double kRewrittenInPlace = 0.35;

// Whether `part` carries away a piece of `source` that `kept` (the article
// paired with source) lacks: most of what part takes from source is not in
// kept, or part holds most of what kept dropped (a sentence moved out, its
// frame repeated: 对…知悉的商业秘密和客户个人信息负有保密义务 → two articles).
bool carries_away(const std::vector<std::uint32_t>& part, const std::vector<std::uint32_t>& source,
                  const std::vector<std::uint32_t>& kept) {
  auto taken = intersect(part, source);
  auto novel = minus(taken, kept);
  if (static_cast<double>(novel.size()) >= kPartNovelty * static_cast<double>(taken.size())) return true;
  auto dropped = minus(source, kept);
  return novel.size() >= 4 && static_cast<double>(novel.size()) >= kPartNovelty * static_cast<double>(dropped.size());
}

class Aligner {
 public:
  Aligner(const Document& before, const Document& after, const text::Segmenter& segmenter, const Options& options)
      : before_doc_(before), after_doc_(after), segmenter_(segmenter), options_(options) {
    flatten(before.clauses, -1, old_);
    flatten(after.clauses, -1, new_);
    old_match_.assign(old_.size(), -1);
    new_match_.assign(new_.size(), -1);
    old_covered_.assign(old_.size(), false);
    new_covered_.assign(new_.size(), false);
    std::string terms_text;
    for (const Clause* c : before.all_clauses()) terms_text += c->text;
    for (const Clause* c : after.all_clauses()) terms_text += c->text;
    terms_ = text::defined_terms(terms_text);
    for (int i = 0; i < static_cast<int>(old_.size()); ++i) old_index_[old_[at(i)].clause] = i;
    for (int i = 0; i < static_cast<int>(new_.size()); ++i) new_index_[new_[at(i)].clause] = i;
  }

  DocumentDiff run() {
    if (has_article(old_) && has_article(new_)) align_statute();
    else adopt(match(old_, new_, options_), identity(old_.size()), identity(new_.size()));
    return collect();
  }

 private:
  const Document& before_doc_;
  const Document& after_doc_;
  const text::Segmenter& segmenter_;
  const Options& options_;
  std::vector<Flat> old_, new_;
  std::vector<int> old_match_, new_match_;
  std::vector<bool> old_covered_, new_covered_;  // shown by a split or merge change
  std::vector<std::string> terms_;
  std::set<int> in_order_;  // new indices aligned in order
  std::vector<Group> groups_;
  std::unordered_map<const Clause*, int> old_index_, new_index_;
  paragraphs::Links links_;  // between the articles' paragraphs, by article unit index
  paragraphs::Links sentence_links_{paragraphs::Unit::Sentence};  // between their sentences

  static std::vector<int> identity(std::size_t n) {
    std::vector<int> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<int>(i);
    return v;
  }

  Matcher match(const std::vector<Flat>& a, const std::vector<Flat>& b, const Options& options) {
    Matcher m(a, b, segmenter_, terms_, options);
    m.run();
    return m;
  }

  void link(int o, int n, bool ordered) {
    old_match_[at(o)] = n;
    new_match_[at(n)] = o;
    if (ordered) in_order_.insert(n);
  }

  // Takes a Matcher's pairs over sub-lists given by their global indices.
  void adopt(const Matcher& m, const std::vector<int>& olds, const std::vector<int>& news) {
    for (std::size_t n = 0; n < news.size(); ++n)
      if (int o = m.new_match[n]; o >= 0) link(olds[at(o)], news[n], m.in_order.count(static_cast<int>(n)) > 0);
  }

  // ---- statutes ----

  bool article_descendant(const std::vector<Flat>& side, int i) const {
    for (int p = side[at(i)].parent; p >= 0; p = side[at(p)].parent)
      if (is_article(*side[at(p)].clause)) return true;
    return false;
  }
  bool is_grouping(const std::vector<Flat>& side, int i) const {
    const Clause& c = *side[at(i)].clause;
    if (is_article(c) || article_descendant(side, i)) return false;
    std::function<bool(const Clause&)> holds_article = [&](const Clause& x) {
      return std::any_of(x.children.begin(), x.children.end(), [&](const Clause& k) { return is_article(k) || holds_article(k); });
    };
    return numbering::is_grouping(c.style) || holds_article(c);
  }

  // The units articles are paired as: articles whole, and what stands outside
  // articles and groupings (a preamble); groupings are paired afterwards.
  std::pair<std::vector<Flat>, std::vector<int>> top_units(const std::vector<Flat>& side) const {
    std::vector<Flat> units;
    std::vector<int> index;
    for (int i = 0; i < static_cast<int>(side.size()); ++i) {
      const Flat& f = side[at(i)];
      if (is_grouping(side, i) || article_descendant(side, i)) continue;
      units.push_back(is_article(*f.clause) ? flat_of(*f.clause, -1, article_unit_text(*f.clause)) : f);
      index.push_back(i);
    }
    return {std::move(units), std::move(index)};
  }

  void align_statute() {
    auto [old_units, old_index] = top_units(old_);
    auto [new_units, new_index] = top_units(new_);
    adopt(match(old_units, new_units, options_), old_index, new_index);
    find_splits_and_merges(old_units, old_index, new_units, new_index);
    align_groupings();
    align_inside_articles();
    pair_paragraphs_moved_between_articles();
  }

  // Whether pairing old o with new n keeps the order of the articles paired in order around them.
  bool fits_order(int o, int n) const {
    int before = -1, after = static_cast<int>(new_.size());
    for (int p = o - 1; p >= 0; --p)
      if (old_match_[at(p)] >= 0 && in_order_.count(old_match_[at(p)])) { before = old_match_[at(p)]; break; }
    for (int p = o + 1; p < static_cast<int>(old_.size()); ++p)
      if (old_match_[at(p)] >= 0 && in_order_.count(old_match_[at(p)])) { after = old_match_[at(p)]; break; }
    return before < n && n < after;
  }

  // An unpaired new article that holds one unpaired old article (and perhaps
  // a paragraph from elsewhere), or is mostly made of it (the rule narrowed),
  // continues it: the two are one article modified, not a part of a split of
  // another article. Where it holds several, it continues the one clearly
  // ahead by share, if any; that article is then out of the running for the
  // new articles after it.
  void pair_continuations(const std::vector<int>& olds, const std::vector<int>& news,
                          std::map<int, std::vector<std::uint32_t>>& old_grams, std::map<int, std::vector<std::uint32_t>>& new_grams,
                          const std::vector<int>& old_index, const std::vector<int>& new_index) {
    for (int n : news) {
      int ng = new_index[at(n)];
      if (new_match_[at(ng)] >= 0) continue;
      std::vector<std::pair<double, int>> held;  // (−share, old unit)
      for (int o : olds) {
        if (old_match_[at(old_index[at(o)])] >= 0) continue;
        double share = std::max(share_in(old_grams[o], new_grams[n]), share_in(new_grams[n], old_grams[o]));
        if (share < kPartShare || common_count(old_grams[o], new_grams[n]) < kContinuationMinCommon) continue;
        held.emplace_back(-share, o);
      }
      std::sort(held.begin(), held.end());
      if (held.empty() || (held.size() > 1 && held[1].first - held[0].first < kContinuationLead)) continue;
      int og = old_index[at(held[0].second)];
      link(og, ng, fits_order(og, ng));
    }
  }

  void find_splits_and_merges(const std::vector<Flat>& old_units, const std::vector<int>& old_index,
                              const std::vector<Flat>& new_units, const std::vector<int>& new_index) {
    std::vector<int> olds, news;  // unit indices of articles
    for (int i = 0; i < static_cast<int>(old_units.size()); ++i)
      if (is_article(*old_units[at(i)].clause)) olds.push_back(i);
    for (int i = 0; i < static_cast<int>(new_units.size()); ++i)
      if (is_article(*new_units[at(i)].clause)) news.push_back(i);
    std::map<int, std::vector<std::uint32_t>> old_grams, new_grams;
    for (int i : olds) old_grams[i] = gram_set(without_citation_numbers(old_units[at(i)].text));
    for (int i : news) new_grams[i] = gram_set(without_citation_numbers(new_units[at(i)].text));
    auto matched_old = [&](int u) { return old_match_[at(old_index[at(u)])] >= 0; };
    auto matched_new = [&](int u) { return new_match_[at(new_index[at(u)])] >= 0; };
    auto unit_of_new = [&](int global) { return int(std::find(new_index.begin(), new_index.end(), global) - new_index.begin()); };
    auto unit_of_old = [&](int global) { return int(std::find(old_index.begin(), old_index.end(), global) - old_index.begin()); };
    add_paragraphs(olds, old_index, old_, paragraphs::Version::Old);
    add_paragraphs(news, new_index, new_, paragraphs::Version::New);

    pair_continuations(olds, news, old_grams, new_grams, old_index, new_index);

    // Splits: unpaired new articles, each made of paragraphs of one old
    // article, or mostly of its words.
    std::map<int, std::vector<int>> parts_of_old;  // old unit → new units
    for (int n : news) {
      if (matched_new(n)) continue;
      auto [best, by_links] = piece_of(paragraphs::Version::New, n, new_grams[n], olds, old_grams);
      if (best < 0 || (by_links && links_.weighted_share(new_grams[n], old_grams[best]) < kLinkedPartShare)) continue;
      if (int m = old_match_[at(old_index[at(best)])]; m >= 0 && !by_links &&
          !carries_away(new_grams[n], old_grams[best], new_grams[unit_of_new(m)]))
        continue;
      parts_of_old[best].push_back(n);
    }
    for (auto& [o, parts] : parts_of_old) {
      int og = old_index[at(o)];
      if (matched_old(o)) parts.push_back(unit_of_new(old_match_[at(og)]));
      std::sort(parts.begin(), parts.end());
      if (parts.size() == 1) {  // a rewritten article, found by what it kept
        int ng = new_index[at(parts[0])];
        link(og, ng, fits_order(og, ng));
        continue;
      }
      Group g{ChangeKind::Split, {og}, {}};
      for (int p : parts) g.news.push_back(new_index[at(p)]);
      add_group(std::move(g));
    }

    // Merges: unpaired old articles, each with its paragraphs in one new
    // article, or mostly found in it.
    std::map<int, std::vector<int>> parts_of_new;  // new unit → old units
    for (int o : olds) {
      if (matched_old(o)) continue;
      auto [best, by_links] = piece_of(paragraphs::Version::Old, o, old_grams[o], news, new_grams);
      if (best < 0) continue;
      int ng = new_index[at(best)];
      if (new_covered_[at(ng)]) continue;  // already part of a split
      if (int m = new_match_[at(ng)]; m >= 0 && !by_links &&
          !carries_away(old_grams[o], new_grams[best], old_grams[unit_of_old(m)]))
        continue;
      parts_of_new[best].push_back(o);
    }
    for (auto& [n, parts] : parts_of_new) {
      int ng = new_index[at(n)];
      if (matched_new(n)) parts.push_back(unit_of_old(new_match_[at(ng)]));
      std::sort(parts.begin(), parts.end());
      if (parts.size() == 1) {
        int og = old_index[at(parts[0])];
        link(og, ng, fits_order(og, ng));
        continue;
      }
      Group g{ChangeKind::Merged, {}, {ng}};
      for (int p : parts) g.olds.push_back(old_index[at(p)]);
      add_group(std::move(g));
    }
    pair_rewritten_in_place(olds, news, old_grams, new_grams, old_index, new_index);
    pair_rewritten_and_moved(olds, news, old_grams, new_grams, old_index, new_index);
  }

  // Every paragraph of the articles (their own text, their 款 and 项) in the
  // paragraph links, and each of its sentences in the sentence links, by
  // article unit index.
  void add_paragraphs(const std::vector<int>& units, const std::vector<int>& index, const std::vector<Flat>& side,
                      paragraphs::Version version) {
    auto add = [&](int unit, std::string_view paragraph) {
      links_.add(version, unit, paragraph);
      for (std::string_view sentence : paragraphs::sentences(paragraph)) sentence_links_.add(version, unit, sentence);
    };
    for (int u : units) {
      int g = index[at(u)];
      add(u, side[at(g)].clause->own_text());
      for (int k = g + 1; k < static_cast<int>(side.size()) && is_descendant(side, k, g); ++k) add(u, side[at(k)].text);
    }
  }

  // The article among `hosts` (of the other version) that the article `unit`
  // is a piece of — a split's part, a merge's source — and whether the
  // links say so: the article its paragraphs are linked with, else the one
  // its sentences are linked with (a sentence moved out of a paragraph),
  // else the one holding most of its words (host_of), unless the paragraph it
  // resembles there went to another article (a copy of that paragraph for
  // another subject, as the Company Law's JSC articles copy LLC ones). -1 if none.
  std::pair<int, bool> piece_of(paragraphs::Version version, int unit, const Grams& unit_grams, const std::vector<int>& hosts,
                                std::map<int, Grams>& host_grams) {
    if (int h = links_.host(version, unit); h >= 0) return {h, true};
    if (int h = sentence_links_.host(version, unit); h >= 0) return {h, true};
    int h = host_of(unit_grams, hosts, host_grams);
    if (h < 0 || copies_linked_paragraph(version, unit, unit_grams, h)) return {-1, false};
    return {h, false};
  }

  // Whether the paragraph of `source` that `unit` resembles most went, by
  // the paragraph links, to a third article, and `unit` only copies what that
  // article took (it carries none of the paragraph away itself).
  bool copies_linked_paragraph(paragraphs::Version version, int unit, const Grams& unit_grams, int source) {
    auto source_version = version == paragraphs::Version::Old ? paragraphs::Version::New : paragraphs::Version::Old;
    int p = links_.resembled(source_version, source, unit_grams);
    if (p < 0) return false;
    int q = links_.partner(source_version, p);
    if (q < 0 || links_.article_of(version, q) == unit) return false;
    return !carries_away(unit_grams, links_.grams_of(source_version, p), links_.grams_of(version, q));
  }

  // The article among `hosts` that holds the largest share of `part`'s
  // character pairs, when that share makes `part` a piece of it (a split's
  // part, a merge's source: kPartShare, at least kPartMinCommon pairs); -1 otherwise.
  static int host_of(const std::vector<std::uint32_t>& part, const std::vector<int>& hosts,
                     std::map<int, std::vector<std::uint32_t>>& host_grams) {
    int best = -1;
    double best_share = 0;
    for (int h : hosts) {
      double s = share_in(part, host_grams[h]);
      if (s > best_share) best_share = s, best = h;
    }
    if (best < 0 || best_share < kPartShare) return -1;
    return intersect(part, host_grams[best]).size() < kPartMinCommon ? -1 : best;
  }

  // The unpaired article among `candidates` closest to `from`, at least
  // kRewrittenInPlace alike, or -1.
  int closest_unpaired(int from, const std::vector<int>& candidates, std::map<int, std::vector<std::uint32_t>>& from_grams,
                       std::map<int, std::vector<std::uint32_t>>& to_grams, const std::vector<int>& to_index,
                       const std::vector<int>& to_match) {
    int best = -1;
    double best_score = kRewrittenInPlace;
    for (int c : candidates) {
      if (to_match[at(to_index[at(c)])] >= 0) continue;
      double score = dice(from_grams[from], to_grams[c]);
      if (score >= best_score) best_score = score, best = c;
    }
    return best;
  }

  // The new article that the old article `o` and it are each the other's
  // closest unpaired article, or -1.
  int mutual_partner(int o, const std::vector<int>& olds, const std::vector<int>& news,
                     std::map<int, std::vector<std::uint32_t>>& old_grams, std::map<int, std::vector<std::uint32_t>>& new_grams,
                     const std::vector<int>& old_index, const std::vector<int>& new_index) {
    int n = closest_unpaired(o, news, old_grams, new_grams, new_index, new_match_);
    if (n < 0 || closest_unpaired(n, olds, new_grams, old_grams, old_index, old_match_) != o) return -1;
    return n;
  }

  // Each old article still unpaired whose mutual closest unpaired new article
  // `accept` takes (returning whether the pair keeps the order) is linked to it.
  template <class Accept>
  void pair_mutual_unpaired(const std::vector<int>& olds, const std::vector<int>& news,
                            std::map<int, std::vector<std::uint32_t>>& old_grams, std::map<int, std::vector<std::uint32_t>>& new_grams,
                            const std::vector<int>& old_index, const std::vector<int>& new_index, Accept accept) {
    for (int o : olds) {
      int og = old_index[at(o)];
      if (old_match_[at(og)] >= 0) continue;
      int n = mutual_partner(o, olds, news, old_grams, new_grams, old_index, new_index);
      if (n < 0) continue;
      int ng = new_index[at(n)];
      if (std::optional<bool> in_order = accept(og, ng)) link(og, ng, *in_order);
    }
  }

  // Articles still unpaired anywhere, each the other's closest among the
  // unpaired, at least kRewrittenInPlace alike and confirmed by the word diff,
  // are one article rewritten and moved (the Company Law's 法定代表人 article
  // went from 第十三条 to the new general provisions as 第十条).
  void pair_rewritten_and_moved(const std::vector<int>& olds, const std::vector<int>& news,
                                std::map<int, std::vector<std::uint32_t>>& old_grams, std::map<int, std::vector<std::uint32_t>>& new_grams,
                                const std::vector<int>& old_index, const std::vector<int>& new_index) {
    pair_mutual_unpaired(olds, news, old_grams, new_grams, old_index, new_index, [&](int og, int ng) -> std::optional<bool> {
      if (text_similarity(article_unit_text(*old_[at(og)].clause), article_unit_text(*new_[at(ng)].clause), segmenter_, terms_) <
          options_.rewritten_threshold)
        return std::nullopt;
      return fits_order(og, ng);
    });
  }

  // Articles still unpaired that face each other between paired ones, each
  // the other's closest, are one article rewritten (本法自…起施行, reworded).
  void pair_rewritten_in_place(const std::vector<int>& olds, const std::vector<int>& news,
                               std::map<int, std::vector<std::uint32_t>>& old_grams, std::map<int, std::vector<std::uint32_t>>& new_grams,
                               const std::vector<int>& old_index, const std::vector<int>& new_index) {
    pair_mutual_unpaired(olds, news, old_grams, new_grams, old_index, new_index, [&](int og, int ng) -> std::optional<bool> {
      if (!fits_order(og, ng)) return std::nullopt;
      return true;
    });
    // The only unpaired articles between the same paired neighbours, with the
    // same number and some wording in common, are one article whose text was
    // replaced (劳务派遣单位应当依照公司法的有关规定设立… → 经营劳务派遣业务应当具备下列条件…).
    for (int o : olds) {
      int og = old_index[at(o)];
      if (old_match_[at(og)] >= 0) continue;
      auto [old_from, old_to, new_from, new_to] = gap_around(og);
      std::vector<int> lone_old, lone_new;
      for (int u : olds)
        if (int g = old_index[at(u)]; g > old_from && g < old_to && old_match_[at(g)] < 0) lone_old.push_back(u);
      for (int u : news)
        if (int g = new_index[at(u)]; g > new_from && g < new_to && new_match_[at(g)] < 0) lone_new.push_back(u);
      if (lone_old.size() != 1 || lone_new.size() != 1) continue;
      int ng = new_index[at(lone_new[0])];
      if (old_[at(og)].clause->id != new_[at(ng)].clause->id) continue;
      if (common_count(old_grams[o], new_grams[lone_new[0]]) < kPartMinCommon) continue;
      link(og, ng, true);
    }
  }

  // The old and new indices of the nearest articles paired in order before
  // and after old index o (-1 and the list sizes where there are none).
  std::tuple<int, int, int, int> gap_around(int o) const {
    int old_from = -1, old_to = static_cast<int>(old_.size());
    int new_from = -1, new_to = static_cast<int>(new_.size());
    for (int p = o - 1; p >= 0; --p)
      if (old_match_[at(p)] >= 0 && in_order_.count(old_match_[at(p)])) { old_from = p, new_from = old_match_[at(p)]; break; }
    for (int p = o + 1; p < static_cast<int>(old_.size()); ++p)
      if (old_match_[at(p)] >= 0 && in_order_.count(old_match_[at(p)])) { old_to = p, new_to = old_match_[at(p)]; break; }
    return {old_from, old_to, new_from, new_to};
  }

  // Records a split or merge: every article in it is linked (the one article
  // to the first of the several; each of the several to the one), and every
  // clause in it is shown by the group's change.
  void add_group(Group g) {
    for (int o : g.olds) {
      old_match_[at(o)] = g.news.front();
      cover(old_, old_covered_, o);
    }
    for (int n : g.news) {
      new_match_[at(n)] = g.olds.front();
      in_order_.erase(n);
      cover(new_, new_covered_, n);
    }
    groups_.push_back(std::move(g));
  }

  void cover(const std::vector<Flat>& side, std::vector<bool>& covered, int i) {
    covered[at(i)] = true;
    for (int k = i + 1; k < static_cast<int>(side.size()) && is_descendant(side, k, i); ++k) covered[at(k)] = true;
  }

  static bool is_descendant(const std::vector<Flat>& side, int k, int ancestor) {
    for (int p = side[at(k)].parent; p >= 0; p = side[at(p)].parent)
      if (p == ancestor) return true;
    return false;
  }

  // The nearest ancestor of an article that is a grouping of the given style, or -1.
  int enclosing(const std::vector<Flat>& side, int i, NumberStyle style, int depth) const {
    std::vector<int> chain;
    for (int p = side[at(i)].parent; p >= 0; p = side[at(p)].parent) chain.push_back(p);
    std::reverse(chain.begin(), chain.end());  // outermost first
    if (depth >= static_cast<int>(chain.size())) return -1;
    int g = chain[at(depth)];
    return side[at(g)].clause->style == style ? g : -1;
  }

  int depth_of(const std::vector<Flat>& side, int i) const {
    int d = 0;
    for (int p = side[at(i)].parent; p >= 0; p = side[at(p)].parent) ++d;
    return d;
  }

  // Groupings by content: each old grouping with the new one of the same kind
  // and depth that received most of its articles; groupings without paired
  // articles by an identical heading.
  void align_groupings() {
    std::vector<int> old_groupings, new_groupings;
    for (int i = 0; i < static_cast<int>(old_.size()); ++i)
      if (is_grouping(old_, i)) old_groupings.push_back(i);
    for (int i = 0; i < static_cast<int>(new_.size()); ++i)
      if (is_grouping(new_, i)) new_groupings.push_back(i);
    std::map<std::pair<int, int>, int> votes;
    for (int g : old_groupings) {
      int depth = depth_of(old_, g);
      NumberStyle style = old_[at(g)].clause->style;
      for (int a = g + 1; a < static_cast<int>(old_.size()) && is_descendant(old_, a, g); ++a) {
        if (!is_article(*old_[at(a)].clause) || old_match_[at(a)] < 0) continue;
        if (int h = enclosing(new_, old_match_[at(a)], style, depth); h >= 0) ++votes[{g, h}];
      }
    }
    std::vector<std::pair<int, std::pair<int, int>>> ranked;
    for (auto& [pair, count] : votes) ranked.push_back({-count, pair});
    std::sort(ranked.begin(), ranked.end());
    for (auto& [count, pair] : ranked)
      if (old_match_[at(pair.first)] < 0 && new_match_[at(pair.second)] < 0) link(pair.first, pair.second, true);
    for (int g : old_groupings) {
      if (old_match_[at(g)] >= 0) continue;
      for (int h : new_groupings)
        if (new_match_[at(h)] < 0 && new_[at(h)].hash == old_[at(g)].hash) {
          link(g, h, true);
          break;
        }
    }
  }

  // The descendants of a clause, as Flats, with their global indices.
  std::pair<std::vector<Flat>, std::vector<int>> descendants(const std::vector<Flat>& side, const std::vector<int>& roots) const {
    std::vector<Flat> units;
    std::vector<int> index;
    for (int r : roots)
      for (int k = r + 1; k < static_cast<int>(side.size()) && is_descendant(side, k, r); ++k) {
        units.push_back(side[at(k)]);
        index.push_back(k);
      }
    return {std::move(units), std::move(index)};
  }

  // The 款 and 项 of each pair of articles, and of each split or merge (for
  // the lineage of its paragraphs; the group's change shows them).
  void align_inside_articles() {
    for (int o = 0; o < static_cast<int>(old_.size()); ++o) {
      int n = old_match_[at(o)];
      if (n < 0 || !is_article(*old_[at(o)].clause) || old_covered_[at(o)]) continue;
      align_children({o}, {n});
    }
    for (const Group& g : groups_) align_children(g.olds, g.news);
  }

  void align_children(const std::vector<int>& old_roots, const std::vector<int>& new_roots) {
    auto [olds, old_index] = descendants(old_, old_roots);
    auto [news, new_index] = descendants(new_, new_roots);
    if (olds.empty() || news.empty()) return;
    adopt(match(olds, news, options_), old_index, new_index);
  }

  // An unchanged 款 or 项 found in another article than its own: moved.
  void pair_paragraphs_moved_between_articles() {
    std::unordered_map<std::uint64_t, std::vector<int>> left_over;
    for (int o = 0; o < static_cast<int>(old_.size()); ++o)
      if (old_match_[at(o)] < 0 && !old_covered_[at(o)] && article_descendant(old_, o) && old_[at(o)].text.size() >= 12)
        left_over[old_[at(o)].hash].push_back(o);
    for (int n = 0; n < static_cast<int>(new_.size()); ++n) {
      if (new_match_[at(n)] >= 0 || new_covered_[at(n)] || !article_descendant(new_, n)) continue;
      auto it = left_over.find(new_[at(n)].hash);
      if (it == left_over.end() || it->second.empty()) continue;
      link(it->second.front(), n, false);
      it->second.erase(it->second.begin());
    }
  }

  // ---- reporting ----

  bool parents_aligned(int o, int n) const {
    int po = old_[at(o)].parent, pn = new_[at(n)].parent;
    if (po < 0 || pn < 0) return po < 0 && pn < 0;
    return old_match_[at(po)] == pn;
  }

  // Renumbering of numbered units, old value → new value, for cross-references.
  std::map<long long, long long> renumbered_values() const {
    std::map<long long, long long> map;
    for (int n = 0; n < static_cast<int>(new_.size()); ++n) {
      int o = new_match_[at(n)];
      if (o < 0) continue;
      const Clause& a = *old_[at(o)].clause;
      const Clause& b = *new_[at(n)].clause;
      bool top = old_[at(o)].parent < 0 || is_article(a);
      if (top && a.value != b.value && a.value > 0 && b.value > 0 && a.style == b.style) map[a.value] = b.value;
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
    for (int p = new_[at(n)].parent; p >= 0; p = new_[at(p)].parent)
      if (new_match_[at(p)] < 0) return true;
    return false;
  }
  bool ancestor_removed(int o) const {
    for (int p = old_[at(o)].parent; p >= 0; p = old_[at(p)].parent)
      if (old_match_[at(p)] < 0) return true;
    return false;
  }

  // A whole unit's text without the descendants that are paired (reported, or
  // silently kept, elsewhere).
  std::string unpaired_text(const Clause& c, bool old_side) const {
    return subtree_text(c, [&](const Clause& child) {
      const auto& index = old_side ? old_index_ : new_index_;
      auto it = index.find(&child);
      if (it == index.end()) return false;
      return (old_side ? old_match_ : new_match_)[at(it->second)] >= 0;
    });
  }

  void fill_edits(Change& c, const std::map<long long, long long>& renumbered) {
    std::vector<Edit> raw = raw_edits(c.before->text, c.after->text, segmenter_, terms_);
    c.similarity = similarity(raw);
    c.edits = words::clean_up(std::move(raw));
    c.consequential = only_references(c.edits, renumbered);
  }

  // A split's or a merge's change: the one article whole against its several,
  // each whole with its number, one per line.
  Change group_change(const Group& g, const std::map<long long, long long>& renumbered) const {
    const std::string& old_doc = before_doc_.meta.id;
    const std::string& new_doc = after_doc_.meta.id;
    auto whole = [&](const std::vector<Flat>& side, const std::vector<int>& ids, const std::string& doc, std::vector<Side>* parts) {
      Side s = side_of(doc, *side[at(ids.front())].clause, "");
      s.number.clear();  // the numbers are in the text, one for each part
      for (int i : ids) {
        std::string t = subtree_text(*side[at(i)].clause);
        if (parts) parts->push_back(side_of(doc, *side[at(i)].clause, t));
        s.text += (s.text.empty() ? "" : "\n") + t;
      }
      s.last_line = side[at(ids.back())].clause->last_line;
      return s;
    };
    Change c;
    c.kind = g.kind;
    bool split = g.kind == ChangeKind::Split;
    c.before = whole(old_, g.olds, old_doc, split ? nullptr : &c.parts);
    c.after = whole(new_, g.news, new_doc, split ? &c.parts : nullptr);
    (void)renumbered;
    return c;
  }

  DocumentDiff collect() {
    const std::string& old_doc = before_doc_.meta.id;
    const std::string& new_doc = after_doc_.meta.id;
    auto renumbered = renumbered_values();
    std::vector<std::pair<std::pair<int, int>, Change>> ordered;  // (position, removal order) → change

    for (const Group& g : groups_) {
      Change c = group_change(g, renumbered);
      fill_edits(c, renumbered);
      ordered.push_back({{g.news.front(), 0}, std::move(c)});
    }

    for (int n = 0; n < static_cast<int>(new_.size()); ++n) {
      if (new_covered_[at(n)]) continue;  // shown by its split or merge
      const Clause& b = *new_[at(n)].clause;
      int o = new_match_[at(n)];
      if (o < 0) {
        if (ancestor_added(n)) continue;  // shown with the unit that was added
        Change c;
        c.kind = ChangeKind::Added;
        c.after = side_of(new_doc, b, unpaired_text(b, false));
        c.similarity = 0;
        ordered.push_back({{n, 0}, std::move(c)});
        continue;
      }
      const Clause& a = *old_[at(o)].clause;
      bool same_text = old_[at(o)].hash == new_[at(n)].hash;
      bool in_order = in_order_.count(n) > 0;
      bool renumber_explained = a.id != b.id && local_id(a.id) == local_id(b.id) && parents_aligned(o, n);
      if (same_text && in_order && (a.id == b.id || renumber_explained)) continue;
      Change c;
      c.before = side_of(old_doc, a, a.own_text());
      c.after = side_of(new_doc, b, b.own_text());
      if (!same_text) fill_edits(c, renumbered);
      if (!in_order) c.kind = ChangeKind::Moved;
      else if (!same_text) c.kind = ChangeKind::Modified;
      else c.kind = ChangeKind::Renumbered;
      ordered.push_back({{n, 0}, std::move(c)});
    }

    // Removals stand after the new position of the last surviving clause before them.
    int anchor = -1;
    for (int o = 0; o < static_cast<int>(old_.size()); ++o) {
      if (old_match_[at(o)] >= 0) {
        anchor = std::max(anchor, old_match_[at(o)]);
        continue;
      }
      if (old_covered_[at(o)] || ancestor_removed(o)) continue;
      Change c;
      c.kind = ChangeKind::Removed;
      c.before = side_of(old_doc, *old_[at(o)].clause, unpaired_text(*old_[at(o)].clause, true));
      c.similarity = 0;
      ordered.push_back({{anchor, 1 + o}, std::move(c)});
    }
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& x, const auto& y) { return x.first < y.first; });

    DocumentDiff d;
    d.doc = new_doc.empty() ? old_doc : new_doc;
    for (auto& [key, change] : ordered) d.changes.push_back(std::move(change));
    d.matches = matches();
    return d;
  }

  // Every aligned pair in the new version's order; a merge gives one pair per old article.
  std::vector<std::pair<std::string, std::string>> matches() const {
    std::map<int, std::vector<int>> merged_olds;  // new index → its old articles
    for (const Group& g : groups_)
      if (g.kind == ChangeKind::Merged) merged_olds[g.news.front()] = g.olds;
    std::vector<std::pair<std::string, std::string>> out;
    for (int n = 0; n < static_cast<int>(new_.size()); ++n) {
      int o = new_match_[at(n)];
      if (o < 0) continue;
      auto it = merged_olds.find(n);
      if (it == merged_olds.end()) out.emplace_back(old_[at(o)].clause->id, new_[at(n)].clause->id);
      else
        for (int part : it->second) out.emplace_back(old_[at(part)].clause->id, new_[at(n)].clause->id);
    }
    return out;
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
