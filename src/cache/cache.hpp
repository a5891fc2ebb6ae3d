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
#include "cache/sqlite.hpp"

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

  // Every value is stored sealed (seal.hpp) with `format`, the version of the
  // encoder that made it, which each encoder keeps next to its code. A value
  // that is absent, damaged in any way or of another format is a miss
  // (nullopt); the caller recomputes it and puts it again.

  // Front matter of a blob as JSON; "" for a blob that is not a document.
  // Writes are kept in memory and stored together, in one transaction, by
  // flush() (called by put_histories, stats, and on destruction): a history
  // built from scratch puts tens of thousands of them.
  std::optional<std::string> front_matter(std::string_view blob, int format);
  void put_front_matter(std::string_view blob, int format, std::string_view json);
  void flush();

  // A parsed document as JSON.
  std::optional<std::string> document(std::string_view blob, int format);
  void put_document(std::string_view blob, int format, std::string_view json);

  // Revision lists per tip and document. The row with an empty document id
  // marks a tip whose history is complete. A tip's rows are one whole: when
  // one of them is damaged, all of the tip's rows are forgotten, so the tip is
  // no longer complete (histories() then gives nullopt).
  std::optional<std::string> history(std::string_view tip, std::string_view doc, int format);
  std::optional<std::vector<std::pair<std::string, std::string>>> histories(std::string_view tip, int format);
  void put_histories(std::string_view tip, int format, const std::vector<std::pair<std::string, std::string>>& rows);
  // For a caller that found a tip's rows whole but could not decode them.
  void forget_history(std::string_view tip);
  // Small derived values by kind and key (e.g. the clause counts between two
  // blobs), for commands that would otherwise recompute them on every run.
  std::optional<std::string> value(std::string_view kind, std::string_view key, int format);
  void put_value(std::string_view kind, std::string_view key, int format, std::string_view value);

  // The tips whose history is complete in the cache (a handful at most).
  std::vector<std::string> complete_tips();

  // The full-text index of clauses, in `format` (see clause_index.hpp);
  // nullptr when this SQLite cannot hold it.
  ClauseIndex* clauses(int format);
  // Drops the clause index (found damaged) and gives a new, empty one.
  ClauseIndex* rebuild_clauses(int format);

  Stats stats();
  void clear();
  const std::filesystem::path& path() const { return path_; }

 private:
  Cache(std::filesystem::path path, Connection db) : path_(std::move(path)), db_(std::move(db)) {}
  // A prepared statement, reset and ready for new bindings; nullptr on failure.
  sqlite3_stmt* statement(const char* sql);
  std::optional<std::string> get(const char* sql, std::initializer_list<std::string_view> keys);
  void exec(const char* sql, std::initializer_list<std::string_view> values);
  // Notes a result code: a database SQLite finds corrupt (reads fail, so
  // every value is a miss) is removed once closed, and the next run builds a
  // new one.
  void note(int rc);
  struct Discard {
    std::filesystem::path file;
    bool armed = false;
    ~Discard();
  };
  std::filesystem::path path_;
  Discard discard_{path_, false};  // destroyed after db_: removes the file once it is closed
  Connection db_;
  // Statements are prepared once per connection (finalized before db_ closes).
  std::unordered_map<const char*, Statement> statements_;
  std::unordered_map<std::string, std::string> pending_front_;  // blob → front matter, not yet stored
  std::unique_ptr<ClauseIndex> clauses_;  // opened on first use (destroyed before db_)
  bool clauses_opened_ = false;
};

}  // namespace lexgit::cache
