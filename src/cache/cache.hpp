// The embedded cache: an SQLite database inside the git directory. It is only
// a cache: every value can be recomputed from the repository, a failing or
// foreign database is replaced, and a failing read is a miss.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <sqlite3.h>

#include "cache/clause_index.hpp"

namespace lexgit::cache {

struct Stats {
  long long blobs = 0, documents = 0, histories = 0, fts = 0, bytes = 0;  // fts: indexed clauses
};

class Cache {
 public:
  // Opens or creates the database; a corrupt one or one written by another
  // version of lexgit is replaced, and `warnings` says so.
  static std::unique_ptr<Cache> open(const std::filesystem::path& file, std::vector<std::string>& warnings);
  ~Cache();

  // Front matter of a blob as JSON; "" for a blob that is not a document.
  // Writes are kept in memory and stored together, in one transaction, by
  // flush() (called by put_histories, stats, and on destruction): a history
  // built from scratch puts tens of thousands of them.
  std::optional<std::string> front_matter(std::string_view blob);
  void put_front_matter(std::string_view blob, std::string_view json);
  void flush();

  // A parsed document as JSON.
  std::optional<std::string> document(std::string_view blob);
  void put_document(std::string_view blob, std::string_view json);

  // Revision lists per tip and document. The row with an empty document id
  // marks a tip whose history is complete.
  std::optional<std::string> history(std::string_view tip, std::string_view doc);
  std::vector<std::pair<std::string, std::string>> histories(std::string_view tip);
  void put_histories(std::string_view tip, const std::vector<std::pair<std::string, std::string>>& rows);
  // Small derived values by kind and key (e.g. the clause counts between two
  // blobs), for commands that would otherwise recompute them on every run.
  std::optional<std::string> value(std::string_view kind, std::string_view key);
  void put_value(std::string_view kind, std::string_view key, std::string_view value);

  // The tips whose history is complete in the cache (a handful at most).
  std::vector<std::string> complete_tips();

  // The full-text index of clauses, in `format` (see clause_index.hpp);
  // nullptr when this SQLite cannot hold it.
  ClauseIndex* clauses(int format);

  Stats stats();
  void clear();
  const std::filesystem::path& path() const { return path_; }

 private:
  struct DbDeleter {
    void operator()(sqlite3* db) const noexcept { sqlite3_close(db); }
  };
  Cache(std::filesystem::path path, sqlite3* db) : path_(std::move(path)), db_(db) {}
  struct StatementDeleter {
    void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
  };
  // A prepared statement, reset and ready for new bindings; nullptr on failure.
  sqlite3_stmt* statement(const char* sql);
  std::optional<std::string> get(const char* sql, std::initializer_list<std::string_view> keys);
  void exec(const char* sql, std::initializer_list<std::string_view> values);
  std::filesystem::path path_;
  std::unique_ptr<sqlite3, DbDeleter> db_;
  // Statements are prepared once per connection (destroyed before db_).
  std::unordered_map<const char*, std::unique_ptr<sqlite3_stmt, StatementDeleter>> statements_;
  std::unordered_map<std::string, std::string> pending_front_;  // blob → front matter, not yet stored
  std::unique_ptr<ClauseIndex> clauses_;  // opened on first use (destroyed before db_)
  bool clauses_opened_ = false;
};

}  // namespace lexgit::cache
