// Which clause answers a question: full-text retrieval over the clauses in
// force on a date (BM25 over lexgit's words and CJK character bigrams, in
// SQLite FTS5, the question expanded by legal synonyms), the candidates
// re-ranked by what the question asks for (a duration, an amount, a forum, a
// permission, a definition) and what each clause states, then every clause on
// the same subject — by subject tag, by the subject's words and the kind of
// fact it states, the framework agreement's included — resolved by the
// agreement's precedence rules, as `lexgit resolve` does.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "lexgit/docset.hpp"
#include "lexgit/precedence.hpp"
#include "lexgit/text.hpp"

namespace lexgit::which {

// Words a question is asked with and that say nothing about its subject:
// particles, question words and verbs of asking (的 是 多少 什么 吗 呢 如何 …).
const std::vector<std::string>& stop_words();

// The search terms of a clause: lexgit's words (punctuation left out) and
// every bigram of consecutive Han characters.
std::vector<std::string> clause_terms(const text::Segmenter& segmenter, std::string_view text);

// The search terms of a question: its words without punctuation and stop
// words, and the bigrams of the Han characters in each run of words left
// between them; each term once.
std::vector<std::string> question_terms(const text::Segmenter& segmenter, std::string_view question);

// What a question asks for, read from its wording (多久 → a duration, 多少钱 →
// an amount, 哪个法院 → a forum, 能否 → a permission, 是什么意思 → a definition).
// 什么情况下 / 哪些情形 ask for the conditions a clause sets (the cases of a
// list, an exception), whatever else they mention.
enum class Intent { None, Duration, Amount, Forum, Permission, Definition, Conditions };
std::string_view to_string(Intent intent);  // "none", "duration", "amount", …
Intent intent_of(std::string_view question);

// What a clause states, of the kinds a question can ask for: a duration or date
// (text::find_durations), an amount, rate or count with its unit, a court,
// arbitration or governing law, a permission or prohibition (可以 不得 禁止 有权 …),
// a definition (是指 所称 简称 …), or
// conditions (下列情形之一, 不适用于, 除非, a "……的，" condition).
bool states(Intent intent, std::string_view clause_text);

// True when the clause defines `word`: “最终用户”是指, 所称认证工程师, 不可抗力是指,
// “加盟方”是一个实体, 统称“本协议”; with `labels`, also a clause that is the
// word and its value (最终用户：杭州安康医疗科技有限公司).
bool defines(std::string_view clause_text, std::string_view word, bool labels = false);

// The question with the phrases that only say what is asked (百分之几, 什么时候,
// 什么情况下, 能不能 …) replaced by a comma: they are not its subject.
std::string without_asking(std::string_view question);

// The other words of each synonym group (corpus/lexicon/synonyms.txt) whose
// word the question contains, each once and not already in the question.
std::vector<std::string> synonyms_in(std::string_view question);
// The synonym group of a word, the word included; just the word when it has none.
std::vector<std::string> synonym_group(std::string_view word);

struct Options {
  std::size_t k = 10;  // candidates reported
  // Untagged candidates from other documents scoring at least this share of the
  // best one's score are taken to be on the same subject.
  double same_subject = 0.8;
  // When none of those is tagged, the best tagged candidate scoring at least
  // this share of the best one's score names the subject.
  double tagged_subject = 0.5;
  // Below this relevance (-bm25) the best candidate does not answer the question.
  double min_score = 2.0;
};

struct Hit {
  precedence::Candidate clause;  // ref, the version in force, text
  std::vector<std::string> subjects;
  double score = 0;  // relevance, -bm25(); 0 for a clause that joined by its subject
  double rank = 0;   // the score answers are ordered by: relevance, coverage of the question, intent
};

// A clause resolved against the others, and why it competes.
struct Competitor {
  std::string ref;
  std::string reason;  // "best answer", "same subject tag 重新认证期限", …
};

struct Answer {
  std::string question;
  std::vector<std::string> terms;  // what was searched for (the question's, then its synonyms')
  Intent intent = Intent::None;
  bool matched = false;            // false: no candidate reached Options::min_score
  std::vector<Hit> candidates;     // best first (by rank), at most Options::k
  std::vector<Competitor> competing;  // the clauses resolved against each other
  precedence::Resolution resolution;
};

// Answers `question` over the documents of `set` in force on `at`. The index
// is brought up to date first: each blob not yet in it is read and indexed
// once (in the repository's cache; outside git, in memory for this run).
Answer ask(DocumentSet& set, std::string_view question, text::Date at, const Options& options = {});

// precedence::to_json(resolution) plus "question", "terms", "intent",
// "competing": [{"ref", "reason"}] and "candidates": [{clause…, "score", "rank",
// "subjects"}]; "status" is "no-match" when nothing relevant was found.
nlohmann::json to_json(const Answer& answer);

}  // namespace lexgit::which
