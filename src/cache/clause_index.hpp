// The full-text index of clauses: an SQLite FTS5 table with one row per clause
// of a blob, keyed by blob id so that a blob is indexed once, whatever the
// commits and dates that select it. It lives in the cache database, or in
// memory for a run outside git. Like the rest of the cache it can be dropped
// at any time: it is rebuilt from the documents as questions are asked.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "cache/sqlite.hpp"

namespace lexgit::cache {

// A clause's search terms (space-separated) in three fields, weighed apart
// (see Weights): its own words, the words of what it stands under (headings,
// a list's lead-in) and those of the list it leads in to (its children).
struct Fields {
  std::string terms, context, list;
};

struct IndexedClause {
  std::string clause;                 // the clause id
  Fields fields;
  std::string text;                   // what a reader sees (heading and text)
  std::string below;                  // its children's text, for a lead-in (……下列情形之一：)
  std::vector<std::string> subjects;  // from <!-- subject: … -->
};

struct IndexHit {
  std::string blob, clause, text, below;
  Fields fields;
  std::vector<std::string> subjects;
  double score = 0;  // relevance: -bm25(), larger is better
};

// BM25's weight of a term found in each field.
struct Weights {
  double terms = 1, context = 1, list = 1;
};

class ClauseIndex {
 public:
  // `format` names how rows are made (terms, text): an index of another
  // format is dropped and rebuilt.
  // A fresh index in memory, for one run. Throws Error(Internal) when SQLite
  // lacks FTS5.
  static std::unique_ptr<ClauseIndex> in_memory(int format);
  // The index inside an open cache database (tables created on first use);
  // nullptr when they cannot be created.
  static std::unique_ptr<ClauseIndex> attach(sqlite3* db, int format);
  ~ClauseIndex();

  // The blobs already indexed.
  std::unordered_set<std::string> blobs();
  // Indexes the clauses of several blobs in one transaction; a blob indexed
  // meanwhile (by another process) is skipped. A blob with no clauses is
  // recorded too, so that it is not read again.
  void add(const std::unordered_map<std::string, std::vector<IndexedClause>>& batch);

  // The best `limit` clauses matching the FTS5 query `match`, with their
  // relevance (-bm25() with these field weights), best first.
  std::vector<IndexHit> search(const std::string& match, long long limit, const Weights& weights);
  // The clauses carrying any of these subjects (score 0).
  std::vector<IndexHit> with_subjects(const std::vector<std::string>& subjects);
  // How many indexed clauses (of any blob) contain each term, as add() counted
  // the terms it was given.
  std::unordered_map<std::string, long long> document_frequency(const std::vector<std::string>& terms);
  // The sum of the frequencies of the terms beginning with `prefix`: at least
  // how many clauses contain one of them, and at most as many as that.
  long long prefix_frequency(std::string_view prefix);
  long long clause_count();

  // Removes the index's tables from a cache database (nothing when absent).
  static void drop(sqlite3* db);

  // Every row carries a checksum of its values, checked as it is read. A row
  // found damaged, or a table SQLite finds corrupt, makes a method throw
  // Error(Internal) and sets damaged(): the caller drops the index and builds
  // it again (Cache::rebuild_clauses), as for a missing one.
  bool damaged() const { return damaged_; }

 private:
  ClauseIndex(sqlite3* db, Connection owned) : owned_(std::move(owned)), db_(db) {}
  static bool create_tables(sqlite3* db, int format);
  Statement prepare(const char* sql);
  bool next(sqlite3_stmt* s, const char* what);
  // The indexed blobs and their clause counts, read once (add() forgets them):
  // a question asks for both, and each read checks 3,000 rows' seals.
  struct Blobs {
    std::unordered_set<std::string> oids;
    long long clauses = 0;
  };
  const Blobs& indexed();
  std::optional<Blobs> indexed_;
  // The count in column 1 of a (key, count, seal) row; a damaged row fails.
  long long sealed_count(sqlite3_stmt* s);
  IndexHit whole_hit(sqlite3_stmt* s);
  [[noreturn]] void fail(const char* what);
  [[noreturn]] void fail_damaged(const char* what);

  Connection owned_;  // set for an in-memory index
  sqlite3* db_;
  bool damaged_ = false;
};

}  // namespace lexgit::cache
