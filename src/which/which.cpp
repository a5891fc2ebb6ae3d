#include "lexgit/which.hpp"

#include <algorithm>
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
constexpr long long kFullRankingBudget = 20000;
constexpr double kCommonTerm = 0.2;

// How index rows are made; bump it when clause_terms() or add_rows() change.
constexpr int kIndexFormat = 3;

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

std::string clause_text(const Clause& c) {
  return c.heading.empty() ? c.text : (c.text.empty() ? c.heading : c.heading + "\n" + c.text);
}

// A heading with no text of its own is not a candidate: its words and its
// subject tags pass to the clauses under it. Every clause is searched with the
// headings of the sections it is in.
void add_rows(const text::Segmenter& segmenter, const Clause& c, const std::string& context,
              const std::vector<std::string>& subjects, std::vector<cache::IndexedClause>& rows) {
  const std::vector<std::string> own = c.subjects.empty() ? subjects : c.subjects;
  std::string inner = c.heading.empty() || c.is_group() ? context : context + "\n" + c.heading;
  bool heading_only = !c.heading.empty() && c.text.empty() && !c.children.empty();
  if (!c.is_group() && !heading_only) {
    std::string text = clause_text(c);
    std::string terms;
    for (const std::string& t : clause_terms(segmenter, context + "\n" + text)) {
      if (!terms.empty()) terms += ' ';
      terms += t;
    }
    rows.push_back({c.id, std::move(terms), std::move(text), own});
  }
  std::vector<std::string> inherited = c.is_group() || heading_only ? own : std::vector<std::string>{};
  for (const Clause& child : c.children) add_rows(segmenter, child, inner, inherited, rows);
}

std::vector<cache::IndexedClause> index_rows(const text::Segmenter& segmenter, const Document& doc) {
  std::vector<cache::IndexedClause> rows;
  for (const Clause& c : doc.clauses) add_rows(segmenter, c, "", {}, rows);
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

// An FTS5 query: every term as a quoted string, joined by AND or OR.
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
  }
  return out;
}

Hit make_hit(cache::IndexHit&& h, const Revision& r) {
  return Hit{precedence::Candidate{r.doc + "#" + h.clause, r, std::move(h.text)}, std::move(h.subjects), h.score};
}

bool is_single_han(std::string_view term) {
  std::size_t pos = 0;
  return is_han(text::next_code_point(term, pos)) && pos == term.size();
}

// The terms to search for: those found in the index. When together they occur
// in more than kFullRankingBudget clauses, ranking all of those would be slow,
// and the plan changes: terms found in more than kCommonTerm of the clauses
// (they tell little) and single characters a bigram covers are left out (the
// two rarest terms stay if nothing else does), and the clauses with all the
// terms are ranked first.
struct Plan {
  std::vector<std::string> terms;
  bool all_first = false;
};

Plan plan_query(cache::ClauseIndex& index, const std::vector<std::string>& terms) {
  std::unordered_map<std::string, long long> df = index.document_frequency(terms);
  std::vector<std::string> present;
  long long postings = 0;
  for (const std::string& t : terms)
    if (df[t] > 0) present.push_back(t), postings += df[t];
  if (postings <= kFullRankingBudget) return {present, false};
  double common = kCommonTerm * static_cast<double>(index.clause_count());
  std::vector<std::string> kept;
  for (const std::string& t : present)
    if (static_cast<double>(df[t]) <= common) kept.push_back(t);
  if (kept.empty()) {
    std::sort(present.begin(), present.end(), [&](const auto& a, const auto& b) { return df[a] < df[b]; });
    kept.assign(present.begin(), present.begin() + std::min<std::size_t>(2, present.size()));
  }
  Plan plan{{}, true};
  for (const std::string& t : kept) {
    auto covers = [&](const std::string& other) { return other.size() > t.size() && other.find(t) != std::string::npos; };
    if (!is_single_han(t) || std::none_of(kept.begin(), kept.end(), covers)) plan.terms.push_back(t);
  }
  return plan;
}

// The best `k` clauses in force matching `match`, best first.
std::vector<Hit> rank(cache::ClauseIndex& index, const std::string& match,
                      const std::unordered_map<std::string, const Revision*>& in_force, std::size_t k) {
  long long limit = static_cast<long long>(k) * 4 + 16;
  for (;;) {
    std::vector<Hit> hits;
    auto rows = index.search(match, limit);
    for (const auto& [rowid, score] : rows) {
      cache::IndexHit h = index.row(rowid);
      auto it = in_force.find(h.blob);
      if (it == in_force.end()) continue;
      h.score = score;
      hits.push_back(make_hit(std::move(h), *it->second));
      if (hits.size() == k) return hits;
    }
    if (static_cast<long long>(rows.size()) < limit) return hits;
    limit *= 8;  // most of the best were versions not in force: look further
  }
}

bool shares_subject(const Hit& a, const Hit& b) {
  for (const std::string& s : a.subjects)
    if (std::find(b.subjects.begin(), b.subjects.end(), s) != b.subjects.end()) return true;
  return false;
}

void add_subjects(const Hit& h, std::vector<std::string>& subjects) {
  for (const std::string& s : h.subjects)
    if (std::find(subjects.begin(), subjects.end(), s) == subjects.end()) subjects.push_back(s);
}

// The anchor: the best candidate that could govern. Terms in the partner's
// correspondence are void (part 七), so it never anchors, but joins below.
const Hit& anchor(const std::vector<Hit>& candidates) {
  for (const Hit& c : candidates)
    if (c.clause.revision.meta.kind != DocKind::Correspondence) return c;
  return candidates.front();
}

// The anchor, and the candidates of other documents within `same_subject` of
// its score, unless both are tagged with different subjects.
std::vector<Hit> near_best(const std::vector<Hit>& candidates, double same_subject) {
  const Hit& best = anchor(candidates);
  std::vector<Hit> members{best};
  for (const Hit& c : candidates) {
    if (c.score < same_subject * best.score) continue;
    auto same_doc = [&](const Hit& m) { return m.clause.revision.doc == c.clause.revision.doc; };
    if (std::any_of(members.begin(), members.end(), same_doc)) continue;
    if (!c.subjects.empty() && !best.subjects.empty() && !shares_subject(c, best)) continue;
    members.push_back(c);
  }
  return members;
}

// The subjects the question is about: those of the clauses near the anchor, or
// when none is tagged, those of the best tagged candidate scoring at least
// `tagged_subject` of the anchor.
std::vector<std::string> question_subjects(const std::vector<Hit>& members, const std::vector<Hit>& candidates,
                                           double tagged_subject) {
  std::vector<std::string> subjects;
  for (const Hit& m : members) add_subjects(m, subjects);
  if (!subjects.empty()) return subjects;
  for (const Hit& c : candidates) {
    if (c.score < tagged_subject * members.front().score) break;
    if (!c.subjects.empty()) {
      add_subjects(c, subjects);
      break;
    }
  }
  return subjects;
}

// The clauses competing on the question's subject, one per document: the
// clauses near the anchor, and every clause in force tagged with one of
// the subjects. A document that speaks to the subject in tagged clauses is
// represented by the best-ranked of them (in document order when none ranked).
std::vector<Hit> competing_set(const std::vector<Hit>& candidates, cache::ClauseIndex& index,
                               const std::unordered_map<std::string, const Revision*>& in_force,
                               const Options& options) {
  std::vector<Hit> members = near_best(candidates, options.same_subject);
  std::vector<std::string> subjects = question_subjects(members, candidates, options.tagged_subject);
  if (subjects.empty()) return members;

  std::vector<Hit> tagged;  // one per document
  for (cache::IndexHit& h : index.with_subjects(subjects)) {
    auto it = in_force.find(h.blob);
    if (it == in_force.end()) continue;
    Hit hit = make_hit(std::move(h), *it->second);
    for (const Hit& c : candidates)
      if (c.clause.ref == hit.clause.ref) hit.score = c.score;
    auto same_doc = [&](const Hit& t) { return t.clause.revision.doc == hit.clause.revision.doc; };
    auto it_doc = std::find_if(tagged.begin(), tagged.end(), same_doc);
    if (it_doc == tagged.end()) tagged.push_back(std::move(hit));
    else if (hit.score > it_doc->score) *it_doc = std::move(hit);
  }
  std::vector<Hit> out;
  for (Hit& m : members) {
    auto same_doc = [&](const Hit& t) { return t.clause.revision.doc == m.clause.revision.doc; };
    auto t = std::find_if(tagged.begin(), tagged.end(), same_doc);
    if (t == tagged.end()) {
      out.push_back(std::move(m));
    } else {
      out.push_back(std::move(*t));
      tagged.erase(t);
    }
  }
  for (Hit& t : tagged) out.push_back(std::move(t));
  return out;
}

}  // namespace

const std::vector<std::string>& stop_words() {
  static const std::vector<std::string> words = {
      "的", "了", "是", "吗", "呢", "吧", "啊", "么", "什么", "多少", "几", "如何", "怎么", "怎样", "怎么样",
      "需要", "多久", "多长", "多长时间", "哪", "哪些", "哪个", "是否", "请问", "要", "有", "在", "和", "与", "及",
      "或", "对", "为", "我", "我们", "你", "您", "这", "那", "其", "应", "应当", "可以", "能否"};
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
  std::string normalised = text::nfc(question);
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

Answer ask(DocumentSet& set, std::string_view question, text::Date at, const Options& options) {
  Answer answer;
  answer.question = std::string(question);
  answer.resolution.at = at;
  std::vector<Revision> entries = set.entries();
  std::unordered_map<std::string, const Revision*> in_force;
  for (const Revision& r : entries) in_force.emplace(index_key(r), &r);

  IndexHandle handle = open_index(set);
  bring_up_to_date(set, *handle.index, entries);

  text::Segmenter segmenter;
  answer.terms = question_terms(segmenter, question);
  if (answer.terms.empty()) return answer;
  Plan plan = plan_query(*handle.index, answer.terms);
  std::size_t k = std::max<std::size_t>(options.k, 1);
  // The clauses with all the terms score as in the full ranking.
  if (plan.all_first && plan.terms.size() > 1)
    answer.candidates = rank(*handle.index, join_terms(plan.terms, " AND "), in_force, k);
  if (answer.candidates.empty() && !plan.terms.empty())
    answer.candidates = rank(*handle.index, join_terms(plan.terms, " OR "), in_force, k);
  if (answer.candidates.empty() || answer.candidates.front().score < options.min_score) return answer;
  answer.matched = true;

  std::vector<Hit> competing = competing_set(answer.candidates, *handle.index, in_force, options);
  for (const Hit& h : competing) answer.competing.push_back(h.clause.ref);
  precedence::Policy policy = precedence::policy_for(set);
  precedence::Gathered g = precedence::gather(set, policy, answer.competing, at, /*ids_in_force=*/true);
  answer.resolution = precedence::resolve(policy, std::move(g.candidates), std::move(g.excluded), at);
  answer.resolution.notes = std::move(g.notes);
  return answer;
}

nlohmann::json to_json(const Answer& answer) {
  nlohmann::json out = precedence::to_json(answer.resolution);
  if (!answer.matched) out["status"] = "no-match";
  out["question"] = answer.question;
  out["terms"] = answer.terms;
  out["competing"] = answer.competing;
  nlohmann::json candidates = nlohmann::json::array();
  for (const Hit& h : answer.candidates) {
    nlohmann::json c = precedence::to_json(h.clause);
    c["score"] = h.score;
    c["subjects"] = h.subjects;
    candidates.push_back(std::move(c));
  }
  out["candidates"] = std::move(candidates);
  return out;
}

}  // namespace lexgit::which
