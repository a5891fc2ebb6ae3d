#include "lexgit/which.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "cache/cache.hpp"
#include "cache/clause_index.hpp"
#include "lexgit/error.hpp"

namespace lexgit::which {
namespace {

// Above this many clauses containing a term of the question, the query is
// planned for speed (see plan_query).
constexpr long long kFullRankingBudget = 8000;
// Candidates ranked for the answer, whatever -k reports.
constexpr std::size_t kPool = 30;

// How index rows are made; bump it when clause_terms() or add_rows() change.
constexpr int kIndexFormat = 6;

// BM25's weight of a question's term found in a clause's own words, in the
// headings and lead-in it stands under, and in the list it leads in to: its
// own words say most of what it is about.
constexpr cache::Weights kFieldWeights{1.0, 0.5, 0.3};

bool is_han(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x2FFFF) || cp == 0x3007;
}

// A term as the index stores it: no whitespace inside (10 万人民币 → 10万人民币).
std::string compact(std::string_view word) {
  std::string out;
  for (char c : word)
    if (c != ' ' && c != '\t' && c != '\n') out.push_back(c);
  return out;
}

// True when unicode61 finds a token in the term: a letter, digit or any non-ASCII character.
bool searchable(std::string_view term) {
  return std::any_of(term.begin(), term.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || std::isalnum(u);
  });
}

// Appends the bigrams of consecutive Han characters in `text`.
void add_bigrams(std::string_view text, std::vector<std::string>& out) {
  std::size_t pos = 0, previous = std::string::npos;  // start of the previous Han character
  while (pos < text.size()) {
    std::size_t start = pos;
    char32_t cp = text::next_code_point(text, pos);
    if (!is_han(cp)) {
      previous = std::string::npos;
      continue;
    }
    if (previous != std::string::npos) out.emplace_back(text.substr(previous, pos - previous));
    previous = start;
  }
}

bool is_stop_word(std::string_view word) {
  static const std::unordered_set<std::string_view> words = [] {
    std::unordered_set<std::string_view> s;
    for (const std::string& w : stop_words()) s.insert(w);
    return s;
  }();
  return words.count(word) > 0;
}

// The document's key in the index: its blob, or outside git its id.
std::string index_key(const Revision& r) { return r.blob.empty() ? "doc:" + r.doc : r.blob; }

// The term marking an option the clause above it did not choose (A. when it
// says 第【 B】种方式): in force as text, but not what the parties agreed.
constexpr std::string_view kUnchosen = "lexgitunchosen";

// The option letter a clause chooses among its children (第【 B】种, 第 B 种); 0 when none.
char chosen_option(std::string_view text) {
  for (std::size_t at = text.find("第"); at != std::string_view::npos; at = text.find("第", at + 1)) {
    std::size_t pos = at + std::string_view("第").size();
    auto skip = [&](std::string_view mark) {
      if (text.substr(pos, mark.size()) == mark) pos += mark.size();
    };
    while (pos < text.size() && text[pos] == ' ') ++pos;
    skip("【"), skip("["), skip("（");
    while (pos < text.size() && text[pos] == ' ') ++pos;
    if (pos >= text.size() || text[pos] < 'A' || text[pos] > 'Z') continue;
    char letter = text[pos++];
    while (pos < text.size() && text[pos] == ' ') ++pos;
    skip("】"), skip("]"), skip("）");
    while (pos < text.size() && text[pos] == ' ') ++pos;
    if (text.substr(pos, std::string_view("种").size()) == "种") return letter;
  }
  return 0;
}

// The option letter of a clause id's last part (11.2.A → A); 0 when it is no option.
char option_letter(std::string_view id) {
  std::size_t dot = id.rfind('.');
  std::string_view last = dot == std::string_view::npos ? id : id.substr(dot + 1);
  return last.size() == 1 && last[0] >= 'A' && last[0] <= 'Z' ? last[0] : 0;
}

std::string joined_terms(const text::Segmenter& segmenter, std::string_view text) {
  std::string out;
  for (const std::string& t : clause_terms(segmenter, text)) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

// A clause that introduces a list (……包括：, 有下列情形之一的，……：): its
// items are read under it, and it answers a question about the whole list.
bool is_lead_in(const Clause& c) {
  std::string_view t = text::trim_blank(c.text);
  return !c.children.empty() && (t.ends_with("：") || t.ends_with(":"));
}

// The text of every clause below `c`, each on its own line.
void append_below(const Clause& c, std::string& out) {
  for (const Clause& child : c.children) {
    std::string own = child.own_text();
    if (!own.empty()) out += (out.empty() ? "" : "\n") + own;
    append_below(child, out);
  }
}

// A heading with no text of its own is not a candidate: its words and its
// subject tags pass to the clauses under it. Every clause is searched with
// its own words, those of the headings and lead-ins it stands under, and
// (a clause with a list under it) those of the list.
void add_rows(const text::Segmenter& segmenter, const Clause& c, const std::string& context,
              const std::vector<std::string>& subjects, bool unchosen, std::vector<cache::IndexedClause>& rows) {
  const std::vector<std::string> own = c.subjects.empty() ? subjects : c.subjects;
  // Unnumbered headings (the title, 基金用途) are context as numbered ones are.
  std::string inner = c.heading.empty() ? context : context + "\n" + c.heading;
  if (is_lead_in(c)) inner += "\n" + c.text;
  bool heading_only = !c.heading.empty() && c.text.empty() && !c.children.empty();
  if (!c.is_group() && !heading_only) {
    cache::IndexedClause row{c.id, {}, c.own_text(), {}, own};
    row.fields.terms = joined_terms(segmenter, row.text);
    if (unchosen) row.fields.terms += " " + std::string(kUnchosen);
    row.fields.context = joined_terms(segmenter, context);
    append_below(c, row.below);
    row.fields.list = joined_terms(segmenter, row.below);
    rows.push_back(std::move(row));
  }
  std::vector<std::string> inherited = c.is_group() || heading_only ? own : std::vector<std::string>{};
  char chosen = chosen_option(c.text);
  for (const Clause& child : c.children) {
    char letter = option_letter(child.id);
    add_rows(segmenter, child, inner, inherited, chosen != 0 && letter != 0 && letter != chosen, rows);
  }
}

std::vector<cache::IndexedClause> index_rows(const text::Segmenter& segmenter, const Document& doc) {
  std::vector<cache::IndexedClause> rows;
  for (const Clause& c : doc.clauses) add_rows(segmenter, c, "", {}, false, rows);
  return rows;
}

// The index to search: the cache's, or one in memory for this run.
struct IndexHandle {
  cache::ClauseIndex* index = nullptr;
  std::unique_ptr<cache::ClauseIndex> owned;
};

IndexHandle open_index(DocumentSet& set) {
  IndexHandle h;
  if (set.in_git())
    if (cache::Cache* c = set.repository().cache()) h.index = c->clauses(kIndexFormat);
  if (!h.index) {
    h.owned = cache::ClauseIndex::in_memory(kIndexFormat);
    h.index = h.owned.get();
  }
  return h;
}

// Indexes every document version among `entries` that the index lacks.
void bring_up_to_date(DocumentSet& set, cache::ClauseIndex& index, const std::vector<Revision>& entries) {
  std::unordered_set<std::string> known = index.blobs();
  std::optional<text::Segmenter> segmenter;
  std::unordered_map<std::string, std::vector<cache::IndexedClause>> batch;
  for (const Revision& r : entries) {
    std::string key = index_key(r);
    if (known.count(key) || batch.count(key)) continue;
    if (!segmenter) segmenter.emplace();
    batch.emplace(key, index_rows(*segmenter, set.load(r)));
    if (batch.size() >= 256) {
      index.add(batch);
      batch.clear();
    }
  }
  index.add(batch);
}

bool is_single_han(std::string_view term) {
  std::size_t pos = 0;
  return is_han(text::next_code_point(term, pos)) && pos == term.size();
}

// An FTS5 query: every term as a quoted string, joined by AND or OR. A single
// character also matches the words it begins (转 → 转让 转包): a question's
// one-character verb is how a clause's two-character one is asked about.
std::string join_terms(const std::vector<std::string>& terms, const char* op) {
  std::string out;
  for (const std::string& t : terms) {
    if (!out.empty()) out += op;
    out += '"';
    for (char c : t) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
    if (is_single_han(t)) out += '*';
  }
  return out;
}

struct Pooled {
  Hit hit;
  cache::Fields fields;  // the clause's search terms
  std::string below;     // the text of the list it leads in to
};

Pooled make_hit(cache::IndexHit&& h, const Revision& r) {
  return {Hit{precedence::Candidate{r.doc + "#" + h.clause, r, std::move(h.text)}, std::move(h.subjects), h.score, 0},
          std::move(h.fields), std::move(h.below)};
}

// How many clauses hold each term; for a single character, searched as a
// prefix (join_terms), the words it begins, counted together.
std::unordered_map<std::string, long long> frequencies(cache::ClauseIndex& index, const std::vector<std::string>& terms) {
  std::unordered_map<std::string, long long> df = index.document_frequency(terms);
  for (const std::string& t : terms)
    if (is_single_han(t)) df[t] = std::min(index.prefix_frequency(t), std::max(index.clause_count(), 1LL));
  return df;
}

// The terms to search for: those found in the index. When together they occur
// in more than kFullRankingBudget clauses, ranking all of those would be slow,
// and the plan changes: a term inside another (a bigram of a word, a single
// character) is left out; the question's own terms come before its synonyms',
// the rarer first, as long as their clauses stay within the budget (the first
// two always); and the clauses with all of them are ranked first.
struct Plan {
  std::vector<std::string> terms;
  bool all_first = false;
};

Plan plan_query(cache::ClauseIndex& index, const std::vector<std::string>& terms, std::size_t asked) {
  std::unordered_map<std::string, long long> df = frequencies(index, terms);
  std::vector<std::string> present;
  long long postings = 0;
  for (const std::string& t : terms)
    if (df[t] > 0) present.push_back(t), postings += df[t];
  if (postings <= kFullRankingBudget) return {present, false};
  std::unordered_map<std::string, bool> synonym;
  for (std::size_t i = 0; i < terms.size(); ++i) synonym[terms[i]] = i >= asked;
  std::vector<std::string> distinct;
  for (const std::string& t : present) {
    auto covers = [&](const std::string& other) { return other.size() > t.size() && other.find(t) != std::string::npos; };
    if (std::none_of(present.begin(), present.end(), covers)) distinct.push_back(t);
  }
  std::stable_sort(distinct.begin(), distinct.end(), [&](const std::string& a, const std::string& b) {
    return std::pair(synonym[a], df[a]) < std::pair(synonym[b], df[b]);
  });
  Plan plan{{}, true};
  long long kept = 0;
  for (const std::string& t : distinct) {
    if (plan.terms.size() >= 2 && kept + df[t] > kFullRankingBudget) continue;
    plan.terms.push_back(t);
    kept += df[t];
  }
  return plan;
}

// The best `k` clauses in force matching `match`, best first.
std::vector<Pooled> search(cache::ClauseIndex& index, const std::string& match,
                           const std::unordered_map<std::string, const Revision*>& in_force, std::size_t k) {
  long long limit = static_cast<long long>(k) * 4 + 16;
  for (;;) {
    std::vector<Pooled> hits;
    auto rows = index.search(match, limit, kFieldWeights);
    for (cache::IndexHit& h : rows) {
      auto it = in_force.find(h.blob);
      if (it == in_force.end()) continue;
      hits.push_back(make_hit(std::move(h), *it->second));
      if (hits.size() == k) return hits;
    }
    if (static_cast<long long>(rows.size()) < limit) return hits;
    limit *= 8;  // most of the best were versions not in force: look further
  }
}

// ---- ranking: what the question asks for ------------------------------------

// A word of the question with its synonyms, and how much it tells (its
// inverse document frequency in the index).
struct Concept {
  std::string word;
  std::vector<std::string> variants;
  double weight = 1;
};

using TermSet = std::unordered_set<std::string_view>;

void add_terms(std::string_view terms, TermSet& out) {
  while (!terms.empty()) {
    std::size_t end = terms.find(' ');
    if (end != 0) out.insert(terms.substr(0, end));
    if (end == std::string_view::npos) break;
    terms.remove_prefix(end + 1);
  }
}

TermSet term_set(std::string_view terms) {
  TermSet out;
  add_terms(terms, out);
  return out;
}

// A clause's terms with those of the headings and lead-ins it stands under.
TermSet terms_in_context(const cache::Fields& f) {
  TermSet out = term_set(f.terms);
  add_terms(f.context, out);
  return out;
}

// True when a clause's terms hold `word`: the word itself, or every bigram of
// its Han characters (a word the clause's segmentation cut differently).
bool has_word(const TermSet& terms, std::string_view word) {
  if (terms.count(word)) return true;
  if (is_single_han(word))
    return std::any_of(terms.begin(), terms.end(), [&](std::string_view t) { return t.starts_with(word); });
  std::vector<std::string> bigrams;
  add_bigrams(word, bigrams);
  return !bigrams.empty() && std::all_of(bigrams.begin(), bigrams.end(), [&](const std::string& b) { return terms.count(b) > 0; });
}

// The words of a text that can carry its subject: no punctuation, no stop words.
std::vector<std::string> content_words(const text::Segmenter& segmenter, std::string_view text) {
  std::vector<std::string> out;
  std::string normalised = text::nfc(text);
  for (const text::Token& t : segmenter.words(normalised)) {
    std::string w = compact(t.text);
    if (t.kind == text::TokenKind::Punct || is_stop_word(w) || !searchable(w)) continue;
    if (std::find(out.begin(), out.end(), w) == out.end()) out.push_back(std::move(w));
  }
  return out;
}

// The variants of a question word: its synonyms, and those of the synonym
// words inside it (保密义务 is about 保密, so 机密 counts too).
std::vector<std::string> variants_of(const std::string& word) {
  std::vector<std::string> out = synonym_group(word);
  for (const std::string& synonym : synonyms_in(word))
    if (std::find(out.begin(), out.end(), synonym) == out.end()) out.push_back(synonym);
  return out;
}

// The question's words as concepts; a word no clause contains, in none of its
// variants, tells nothing and is left out.
std::vector<Concept> concepts(const text::Segmenter& segmenter, std::string_view question, cache::ClauseIndex& index) {
  std::vector<Concept> out;
  double clauses = static_cast<double>(std::max<long long>(index.clause_count(), 1));
  for (const std::string& w : content_words(segmenter, without_asking(text::nfc(question)))) {
    std::vector<std::string> variants = variants_of(w);
    // A word the index holds only as bigrams (技术认证 → 技术 术认 认证) is as rare as its rarest bigram.
    std::vector<std::string> looked_up = variants;
    add_bigrams(w, looked_up);
    std::unordered_map<std::string, long long> df = frequencies(index, looked_up);
    long long frequency = df[w];
    if (frequency == 0)
      for (const auto& [term, n] : df)
        if (n > 0 && (frequency == 0 || n < frequency)) frequency = n;
    if (frequency == 0) continue;
    out.push_back({w, std::move(variants), std::log(1.0 + clauses / static_cast<double>(std::max<long long>(frequency, 1)))});
  }
  return out;
}

// A candidate with what it covers of the question and whether it states what
// the question asks for.
struct Ranked {
  Pooled pooled;
  std::vector<bool> covers;  // per concept
  double coverage = 0;       // the covered share of the concepts' weight
  bool states_fact = true;
};

// What a candidate's rank is multiplied by when it does not state what the
// question asks for; for a permission less: a clause grants or denies one in
// too many ways (并不妨碍, 均不代表) for its words to tell.
constexpr double kFactMissing = 0.3;
constexpr double kPermissionMissing = 0.6;
// rank = relevance^kRelevanceExponent × (kCoverageFloor + (1 − kCoverageFloor) × coverage) × fact:
// what the clause covers of the question's words, weighed by how rare they
// are, counts as much as how similar BM25 finds it (measured on the eval set).
constexpr double kRelevanceExponent = 0.7;
constexpr double kCoverageFloor = 0.2;
// A question asking 哪些 is answered by a list: a lead-in rises above its items.
constexpr double kListAsked = 1.3;

// How much a question's word found only in the headings and lead-ins above a
// clause, or only in the list below it, counts towards the clause's coverage.
constexpr double kContextCover = 0.6;
constexpr double kListCover = 0.5;

// True when the clause defines one of the question's words (in any variant).
bool defines_any(std::string_view text, const std::vector<Concept>& question, bool labels) {
  return std::any_of(question.begin(), question.end(), [&](const Concept& c) {
    return std::any_of(c.variants.begin(), c.variants.end(), [&](const std::string& v) { return defines(text, v, labels); });
  });
}

// How a definition is recognised among the candidates: by its words (是指,
// 所称); when no candidate has them, a label and its value (最终用户：…) will
// do; none when neither is found.
enum class DefinedBy { None, Words, Label };

// `by_definition`: some candidate defines a word of the question, and only
// such a clause states the definition asked for.
Ranked rank_one(Pooled&& p, const std::vector<Concept>& question, Intent intent, double best_score, DefinedBy by_definition,
                bool asks_list) {
  // A lead-in states what its list does (下列情形之一的 … 可以撤销).
  bool states_fact = by_definition != DefinedBy::None ? defines_any(p.hit.clause.text, question, by_definition == DefinedBy::Label)
                                   : states(intent, p.hit.clause.text) || (!p.below.empty() && states(intent, p.below));
  Ranked r{std::move(p), {}, 0, states_fact};
  const cache::Fields& f = r.pooled.fields;
  TermSet own = term_set(f.terms), context = term_set(f.context), list = term_set(f.list);
  double total = 0, covered = 0;
  for (const Concept& c : question) {
    auto found_in = [&](const TermSet& terms) {
      return std::any_of(c.variants.begin(), c.variants.end(), [&](const std::string& v) { return has_word(terms, v); });
    };
    double share = found_in(own) ? 1.0 : found_in(context) ? kContextCover : found_in(list) ? kListCover : 0.0;
    r.covers.push_back(share > 0);
    total += c.weight;
    covered += share * c.weight;
  }
  r.coverage = total > 0 ? covered / total : 0;
  double relevance = best_score > 0 ? r.pooled.hit.score / best_score : 0;
  // Relevance first; a clause that covers more of the question, and one that
  // states what is asked (a duration for 多久), rises above one merely similar.
  r.pooled.hit.rank = std::pow(relevance, kRelevanceExponent) * (kCoverageFloor + (1 - kCoverageFloor) * r.coverage) *
                      (r.states_fact ? 1.0 : intent == Intent::Permission ? kPermissionMissing : kFactMissing);
  if (asks_list && !r.pooled.below.empty()) r.pooled.hit.rank *= kListAsked;
  if (own.count(kUnchosen)) r.pooled.hit.rank *= kFactMissing;  // an option the parties did not choose
  return r;
}

// ---- the competing set: every clause on the answer's subject ------------------

const std::string& doc_of(const Hit& h) { return h.clause.revision.doc; }

// The anchor: the best-ranked candidate that could govern. Terms in the
// partner's correspondence are void (part 七), so it never anchors, but joins below.
std::size_t anchor_of(const std::vector<Ranked>& pool) {
  for (std::size_t i = 0; i < pool.size(); ++i)
    if (pool[i].pooled.hit.clause.revision.meta.kind != DocKind::Correspondence) return i;
  return 0;
}

std::string joined(const std::vector<std::string>& words, const char* separator = "、") {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : separator) + w;
  return out;
}

std::string fact_phrase(Intent intent) {
  switch (intent) {
    case Intent::Duration: return "a duration or date";
    case Intent::Amount: return "an amount, rate or count";
    case Intent::Forum: return "a forum or governing law";
    case Intent::Permission: return "a permission or prohibition";
    case Intent::Definition: return "a definition";
    case Intent::Conditions: return "conditions";
    case Intent::None: break;
  }
  return "";
}

class Competition {
 public:
  Competition(const std::vector<Ranked>& pool, const std::vector<Concept>& question, Intent intent,
              const text::Segmenter& segmenter)
      : pool_(pool), question_(question), intent_(intent), segmenter_(segmenter) {}

  std::vector<std::pair<Hit, std::string>> run(cache::ClauseIndex& index,
                                               const std::unordered_map<std::string, const Revision*>& in_force) {
    const Ranked& anchor = pool_[anchor_of(pool_)];
    add(anchor.pooled.hit, "best answer" + anchor_detail(anchor));
    add_same_question(anchor);
    for (std::size_t i = 0; i < subjects_.size(); ++i) {  // subjects_ grows as clauses join
      std::string subject = subjects_[i];
      add_tagged(subject, index, in_force);
      add_stating(subject);
    }
    return std::move(members_);
  }

 private:
  std::string anchor_detail(const Ranked& r) const {
    std::string out = intent_ != Intent::None && r.states_fact ? ": states " + fact_phrase(intent_) : "";
    return out;
  }

  bool has_doc(const std::string& doc) const {
    return std::any_of(members_.begin(), members_.end(), [&](const auto& m) { return doc_of(m.first) == doc; });
  }

  void add(const Hit& h, std::string reason) {
    members_.emplace_back(h, std::move(reason));
    for (const std::string& s : h.subjects)
      if (std::find(subjects_.begin(), subjects_.end(), s) == subjects_.end()) subjects_.push_back(s);
  }

  // Other documents' candidates that cover (by weight) most of what the answer
  // covers of the question, and state what is asked, are on its subject —
  // unless both are tagged with different subjects.
  void add_same_question(const Ranked& anchor) {
    double anchor_weight = 0;
    std::vector<std::string> shared;
    for (std::size_t c = 0; c < question_.size(); ++c)
      if (anchor.covers[c]) anchor_weight += question_[c].weight, shared.push_back(question_[c].word);
    if (anchor_weight <= 0) return;
    for (const Ranked& r : pool_) {
      const Hit& h = r.pooled.hit;
      if (has_doc(doc_of(h)) || !r.states_fact || h.rank < kLeastRank * anchor.pooled.hit.rank) continue;
      // Another version of the same class of document speaks to anything the
      // answer does; a document of another class conflicts with it on a value
      // (a duration, an amount, a forum), where a share of words is telling.
      bool same_class = h.clause.revision.meta.doc_class == anchor.pooled.hit.clause.revision.meta.doc_class;
      if (!same_class && intent_ != Intent::Duration && intent_ != Intent::Amount && intent_ != Intent::Forum) continue;
      if (!h.subjects.empty() && !anchor.pooled.hit.subjects.empty() && !shares_subject(h, anchor.pooled.hit)) continue;
      double weight = 0;
      for (std::size_t c = 0; c < question_.size(); ++c)
        if (anchor.covers[c] && r.covers[c]) weight += question_[c].weight;
      if (weight < kSameQuestion * anchor_weight) continue;
      std::string reason = "covers the question's words as the best answer does (" + joined(shared) + ")";
      if (intent_ != Intent::None) reason += " and states " + fact_phrase(intent_);
      add(h, reason);
    }
  }

  // Every clause in force tagged with the subject, one per document: the best ranked.
  void add_tagged(const std::string& subject, cache::ClauseIndex& index,
                  const std::unordered_map<std::string, const Revision*>& in_force) {
    std::vector<Hit> tagged;
    for (cache::IndexHit& h : index.with_subjects({subject})) {
      auto it = in_force.find(h.blob);
      if (it == in_force.end()) continue;
      Hit hit = make_hit(std::move(h), *it->second).hit;
      if (has_doc(doc_of(hit))) continue;
      for (const Ranked& r : pool_)
        if (r.pooled.hit.clause.ref == hit.clause.ref) hit = r.pooled.hit;
      auto same_doc = [&](const Hit& t) { return doc_of(t) == doc_of(hit); };
      auto at = std::find_if(tagged.begin(), tagged.end(), same_doc);
      if (at == tagged.end()) tagged.push_back(std::move(hit));
      else if (hit.rank > at->rank) *at = std::move(hit);
    }
    for (const Hit& h : tagged) add(h, "same subject tag 〔" + subject + "〕");
  }

  // Untagged candidates of other documents that state the subject: all its
  // words (期限, 人数, 比例 … name the kind of fact, not the subject) and a fact
  // of the kind the subject names. The framework agreement is never tagged,
  // yet its clause on the subject must compete.
  void add_stating(const std::string& subject) {
    Intent kind = intent_of(subject);
    std::vector<std::string> words;
    for (std::string& w : content_words(segmenter_, subject))
      if (intent_of(w) == Intent::None) words.push_back(std::move(w));
    if (words.empty()) return;
    for (const Ranked& r : pool_) {
      const Hit& h = r.pooled.hit;
      if (has_doc(doc_of(h)) || !h.subjects.empty()) continue;
      if (kind != Intent::None && !states(kind, h.clause.text)) continue;
      TermSet terms = terms_in_context(r.pooled.fields);
      if (!std::all_of(words.begin(), words.end(), [&](const std::string& w) { return has_word(terms, w); })) continue;
      std::string reason = "states the subject 〔" + subject + "〕: " + joined(words);
      if (kind != Intent::None) reason += " and " + fact_phrase(kind);
      add(h, reason);
    }
  }

  bool shares_subject(const Hit& a, const Hit& b) const {
    for (const std::string& s : a.subjects)
      if (std::find(b.subjects.begin(), b.subjects.end(), s) != b.subjects.end()) return true;
    return false;
  }

  // A candidate ranked below this share of the answer is not taken to answer the same question.
  static constexpr double kLeastRank = 0.6;
  // The share of the answer's covered weight a candidate must cover too.
  static constexpr double kSameQuestion = 0.75;

  const std::vector<Ranked>& pool_;
  const std::vector<Concept>& question_;
  Intent intent_;
  const text::Segmenter& segmenter_;
  std::vector<std::pair<Hit, std::string>> members_;
  std::vector<std::string> subjects_;
};

}  // namespace

const std::vector<std::string>& stop_words() {
  static const std::vector<std::string> words = {
      "的", "了", "是", "吗", "呢", "吧", "啊", "么", "什么", "多少", "几", "如何", "怎么", "怎样", "怎么样",
      "需要", "多久", "多长", "多长时间", "哪", "哪些", "哪个", "是否", "请问", "要", "有", "在", "和", "与", "及",
      "或", "对", "为", "我", "我们", "你", "您", "这", "那", "其", "应", "应当", "可以", "能否", "能", "把",
      "给", "被", "会", "还", "将", "让", "都", "就", "也", "对方", "双方", "一方", "以", "不", "经", "由", "样"};
  return words;
}

std::vector<std::string> clause_terms(const text::Segmenter& segmenter, std::string_view text) {
  std::vector<std::string> out;
  for (const text::Token& t : segmenter.words(text)) {
    if (t.kind == text::TokenKind::Punct) continue;
    std::string term = compact(t.text);
    if (searchable(term)) out.push_back(std::move(term));
  }
  add_bigrams(text, out);
  return out;
}

std::vector<std::string> question_terms(const text::Segmenter& segmenter, std::string_view question) {
  std::string normalised = without_asking(text::nfc(question));
  std::vector<std::string> terms;
  std::string run;  // consecutive words kept, for their bigrams
  auto end_run = [&] {
    add_bigrams(run, terms);
    run.clear();
  };
  for (const text::Token& t : segmenter.words(normalised)) {
    std::string term = compact(t.text);
    if (t.kind == text::TokenKind::Punct || is_stop_word(term) || !searchable(term)) {
      end_run();
      continue;
    }
    run += term;
    terms.push_back(std::move(term));
  }
  end_run();
  std::vector<std::string> unique;
  for (std::string& t : terms)
    if (std::find(unique.begin(), unique.end(), t) == unique.end()) unique.push_back(std::move(t));
  return unique;
}

namespace {

Answer ask_with(DocumentSet& set, cache::ClauseIndex& index, std::string_view question, text::Date at, const Options& options);

}  // namespace

// The cache's index found damaged (or unwritable) is a miss: the question is
// asked again of an index built anew, in the cache or, when the cache cannot
// hold it, in memory.
Answer ask(DocumentSet& set, std::string_view question, text::Date at, const Options& options) {
  IndexHandle handle = open_index(set);
  try {
    return ask_with(set, *handle.index, question, at, options);
  } catch (const Error&) {
    if (handle.owned || !handle.index->damaged()) throw;
  }
  handle.index = set.repository().cache()->rebuild_clauses(kIndexFormat);
  if (handle.index) {
    try {
      return ask_with(set, *handle.index, question, at, options);
    } catch (const Error&) {
      if (!handle.index->damaged()) throw;
    }
  }
  handle.owned = cache::ClauseIndex::in_memory(kIndexFormat);
  return ask_with(set, *handle.owned, question, at, options);
}

namespace {

Answer ask_with(DocumentSet& set, cache::ClauseIndex& index, std::string_view question, text::Date at, const Options& options) {
  Answer answer;
  answer.question = std::string(question);
  answer.resolution.at = at;
  answer.intent = intent_of(question);
  const std::vector<Revision>& entries = set.entries();
  std::unordered_map<std::string, const Revision*> in_force;
  for (const Revision& r : entries) in_force.emplace(index_key(r), &r);

  bring_up_to_date(set, index, entries);

  text::Segmenter segmenter;
  answer.terms = question_terms(segmenter, question);
  if (answer.terms.empty()) return answer;
  std::size_t own_terms = answer.terms.size();  // the question's own terms; its synonyms' follow
  for (const std::string& synonym : synonyms_in(text::nfc(question)))
    for (std::string& t : question_terms(segmenter, synonym))
      if (std::find(answer.terms.begin(), answer.terms.end(), t) == answer.terms.end()) answer.terms.push_back(std::move(t));
  Plan plan = plan_query(index, answer.terms, own_terms);
  std::size_t k = std::max<std::size_t>(options.k, 1);
  // More candidates than reported are ranked: the answer is chosen among them.
  std::size_t pool_size = std::max<std::size_t>(k, kPool);
  std::vector<Pooled> found;
  // The clauses with all the terms score as in the full ranking.
  if (plan.all_first && plan.terms.size() > 1)
    found = search(index, join_terms(plan.terms, " AND "), in_force, pool_size);
  if (found.empty() && !plan.terms.empty()) found = search(index, join_terms(plan.terms, " OR "), in_force, pool_size);
  if (found.empty() || found.front().hit.score < options.min_score) {
    for (std::size_t i = 0; i < found.size() && i < k; ++i) answer.candidates.push_back(std::move(found[i].hit));
    return answer;
  }
  answer.matched = true;

  std::vector<Concept> asked = concepts(segmenter, question, index);
  double best = found.front().hit.score;
  std::vector<Ranked> pool;
  bool asks_list = question.find("哪些") != std::string_view::npos;
  auto any_defines = [&](bool labels) {
    return std::any_of(found.begin(), found.end(), [&](const Pooled& p) { return defines_any(p.hit.clause.text, asked, labels); });
  };
  DefinedBy by_definition = answer.intent != Intent::Definition ? DefinedBy::None
                            : any_defines(false)                ? DefinedBy::Words
                            : any_defines(true)                 ? DefinedBy::Label
                                                                : DefinedBy::None;
  for (Pooled& p : found) pool.push_back(rank_one(std::move(p), asked, answer.intent, best, by_definition, asks_list));
  std::stable_sort(pool.begin(), pool.end(), [](const Ranked& a, const Ranked& b) { return a.pooled.hit.rank > b.pooled.hit.rank; });
  for (std::size_t i = 0; i < pool.size() && i < k; ++i) answer.candidates.push_back(pool[i].pooled.hit);

  std::vector<std::string> refs;
  for (auto& [hit, reason] : Competition(pool, asked, answer.intent, segmenter).run(index, in_force)) {
    refs.push_back(hit.clause.ref);
    answer.competing.push_back({hit.clause.ref, std::move(reason)});
  }
  precedence::Policy policy = precedence::policy_for(set);
  precedence::Gathered g = precedence::gather(set, policy, refs, at, /*ids_in_force=*/true);
  answer.resolution = precedence::resolve(policy, std::move(g.candidates), std::move(g.excluded), at);
  answer.resolution.notes = std::move(g.notes);
  return answer;
}

}  // namespace

nlohmann::json to_json(const Answer& answer) {
  nlohmann::json out = precedence::to_json(answer.resolution);
  if (!answer.matched) out["status"] = "no-match";
  out["question"] = answer.question;
  out["terms"] = answer.terms;
  out["intent"] = to_string(answer.intent);
  nlohmann::json competing = nlohmann::json::array();
  for (const Competitor& c : answer.competing) competing.push_back({{"ref", c.ref}, {"reason", c.reason}});
  out["competing"] = std::move(competing);
  nlohmann::json candidates = nlohmann::json::array();
  for (const Hit& h : answer.candidates) {
    nlohmann::json c = precedence::to_json(h.clause);
    c["score"] = h.score;
    c["rank"] = h.rank;
    c["subjects"] = h.subjects;
    candidates.push_back(std::move(c));
  }
  out["candidates"] = std::move(candidates);
  return out;
}

}  // namespace lexgit::which
