// Which clause answers a question: full-text retrieval over the clauses in
// force on a date (BM25 over lexgit's words and CJK character bigrams, in
// SQLite FTS5), then the clauses on the same subject resolved by the
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
};

struct Answer {
  std::string question;
  std::vector<std::string> terms;  // what was searched for
  bool matched = false;            // false: no candidate reached Options::min_score
  std::vector<Hit> candidates;     // best first, at most Options::k
  std::vector<std::string> competing;  // the refs resolved against each other
  precedence::Resolution resolution;
};

// Answers `question` over the documents of `set` in force on `at`. The index
// is brought up to date first: each blob not yet in it is read and indexed
// once (in the repository's cache; outside git, in memory for this run).
Answer ask(DocumentSet& set, std::string_view question, text::Date at, const Options& options = {});

// precedence::to_json(resolution) plus "question", "terms", "competing" and
// "candidates": [{clause…, "score", "subjects"}]; "status" is "no-match" when
// nothing relevant was found.
nlohmann::json to_json(const Answer& answer);

}  // namespace lexgit::which
