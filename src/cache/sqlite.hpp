// Owning handles for SQLite: a statement is finalized when its handle goes,
// and a connection closes only after its statements (declare statements after
// the connection they use, or reset them first), so no close ever finds one
// still open and leaks the connection.
#pragma once

#include <memory>

#include <sqlite3.h>

namespace lexgit::cache {

struct StatementDeleter {
  void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

struct ConnectionDeleter {
  void operator()(sqlite3* db) const noexcept { sqlite3_close(db); }
};
using Connection = std::unique_ptr<sqlite3, ConnectionDeleter>;

// A statement on `db`; nullptr when SQLite cannot prepare it.
inline Statement prepare(sqlite3* db, const char* sql, unsigned flags = 0) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v3(db, sql, -1, flags, &s, nullptr) != SQLITE_OK) {
    sqlite3_finalize(s);
    return nullptr;
  }
  return Statement(s);
}

}  // namespace lexgit::cache
