#include "cache/cache.hpp"

#include <system_error>

namespace lexgit::cache {
namespace {

constexpr int kSchemaVersion = 4;  // 2: revision lists in a compact form; 3: derived values; 4: statute ids

struct StatementDeleter {
  void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

Statement prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) return nullptr;
  return Statement(s);
}

void bind_all(sqlite3_stmt* s, std::initializer_list<std::string_view> values) {
  int i = 1;
  for (std::string_view v : values) sqlite3_bind_text(s, i++, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

const char* kSchema =
    "CREATE TABLE IF NOT EXISTS blobs(oid TEXT PRIMARY KEY, front TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS documents(oid TEXT PRIMARY KEY, json TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS histories(tip TEXT NOT NULL, doc TEXT NOT NULL, json TEXT NOT NULL,"
    " PRIMARY KEY(tip, doc));"
    "CREATE TABLE IF NOT EXISTS derived(kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY(kind, key));";

// Opens the file and brings it to our schema; nullptr when it is not usable.
sqlite3* open_usable(const std::filesystem::path& file, std::string& problem) {
  sqlite3* db = nullptr;
  if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) {
    problem = db ? sqlite3_errmsg(db) : "cannot open";
    sqlite3_close(db);
    return nullptr;
  }
  sqlite3_busy_timeout(db, 10000);
  auto fail = [&](std::string why) {
    problem = std::move(why);
    sqlite3_close(db);
    return nullptr;
  };
  Statement version = prepare(db, "PRAGMA user_version");
  if (!version || sqlite3_step(version.get()) != SQLITE_ROW) return fail(sqlite3_errmsg(db));
  int found = sqlite3_column_int(version.get(), 0);
  version.reset();
  if (found != 0 && found != kSchemaVersion) return fail("it was written by another version of lexgit");
  if (sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", nullptr, nullptr, nullptr) != SQLITE_OK)
    return fail(sqlite3_errmsg(db));
  if (found == 0) {
    std::string init = std::string("BEGIN IMMEDIATE;") + kSchema + "PRAGMA user_version=" + std::to_string(kSchemaVersion) + ";COMMIT;";
    if (sqlite3_exec(db, init.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      // Another process may have created it meanwhile: accept a finished schema.
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      Statement again = prepare(db, "PRAGMA user_version");
      if (!again || sqlite3_step(again.get()) != SQLITE_ROW || sqlite3_column_int(again.get(), 0) != kSchemaVersion)
        return fail(sqlite3_errmsg(db));
    }
  }
  Statement probe = prepare(db, "SELECT count(*) FROM histories WHERE tip = ''");
  if (!probe || sqlite3_step(probe.get()) != SQLITE_ROW) return fail(sqlite3_errmsg(db));
  return db;
}

}  // namespace

std::unique_ptr<Cache> Cache::open(const std::filesystem::path& file, std::vector<std::string>& warnings) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  std::string problem;
  if (sqlite3* db = open_usable(file, problem)) return std::unique_ptr<Cache>(new Cache(file, db));
  warnings.push_back("cache " + file.string() + " was unusable (" + problem + "); rebuilt it");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix, ec);
  if (sqlite3* db = open_usable(file, problem)) return std::unique_ptr<Cache>(new Cache(file, db));
  warnings.push_back("cache " + file.string() + " cannot be created (" + problem + "); running without it");
  return nullptr;
}

Cache::~Cache() { flush(); }

sqlite3_stmt* Cache::statement(const char* sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v3(db_.get(), sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) return nullptr;
    it = statements_.emplace(sql, s).first;
  }
  sqlite3_reset(it->second.get());
  sqlite3_clear_bindings(it->second.get());
  return it->second.get();
}

std::optional<std::string> Cache::get(const char* sql, std::initializer_list<std::string_view> keys) {
  sqlite3_stmt* s = statement(sql);
  if (!s) return std::nullopt;
  bind_all(s, keys);
  std::optional<std::string> value;
  if (sqlite3_step(s) == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    value.emplace(text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(s, 0)));
  }
  sqlite3_reset(s);  // ends the read: a statement left stepping would hold its snapshot
  return value;
}

void Cache::exec(const char* sql, std::initializer_list<std::string_view> values) {
  sqlite3_stmt* s = statement(sql);
  if (!s) return;
  bind_all(s, values);
  sqlite3_step(s);  // a cache write that fails is a later miss, nothing more
  sqlite3_reset(s);
}

std::optional<std::string> Cache::front_matter(std::string_view blob) {
  if (auto it = pending_front_.find(std::string(blob)); it != pending_front_.end()) return it->second;
  return get("SELECT front FROM blobs WHERE oid = ?1", {blob});
}
void Cache::put_front_matter(std::string_view blob, std::string_view json) {
  pending_front_.insert_or_assign(std::string(blob), std::string(json));
  if (pending_front_.size() >= 50000) flush();
}
void Cache::flush() {
  if (pending_front_.empty()) return;
  if (sqlite3_exec(db_.get(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK) {
    for (const auto& [blob, json] : pending_front_)
      exec("INSERT OR REPLACE INTO blobs(oid, front) VALUES(?1, ?2)", {blob, json});
    sqlite3_exec(db_.get(), "COMMIT", nullptr, nullptr, nullptr);
  }
  pending_front_.clear();  // stored, or a later miss
}
std::optional<std::string> Cache::document(std::string_view blob) {
  return get("SELECT json FROM documents WHERE oid = ?1", {blob});
}
void Cache::put_document(std::string_view blob, std::string_view json) {
  exec("INSERT OR REPLACE INTO documents(oid, json) VALUES(?1, ?2)", {blob, json});
}
std::optional<std::string> Cache::history(std::string_view tip, std::string_view doc) {
  return get("SELECT json FROM histories WHERE tip = ?1 AND doc = ?2", {tip, doc});
}

std::vector<std::pair<std::string, std::string>> Cache::histories(std::string_view tip) {
  std::vector<std::pair<std::string, std::string>> rows;
  Statement s = prepare(db_.get(), "SELECT doc, json FROM histories WHERE tip = ?1");
  if (!s) return rows;
  bind_all(s.get(), {tip});
  while (sqlite3_step(s.get()) == SQLITE_ROW) {
    auto column = [&](int i) {
      const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(s.get(), i));
      return std::string(t ? t : "", static_cast<std::size_t>(sqlite3_column_bytes(s.get(), i)));
    };
    rows.emplace_back(column(0), column(1));
  }
  return rows;
}

std::optional<std::string> Cache::value(std::string_view kind, std::string_view key) {
  return get("SELECT value FROM derived WHERE kind = ?1 AND key = ?2", {kind, key});
}

void Cache::put_value(std::string_view kind, std::string_view key, std::string_view value) {
  exec("INSERT OR REPLACE INTO derived(kind, key, value) VALUES(?1, ?2, ?3)", {kind, key, value});
}

std::vector<std::string> Cache::complete_tips() {
  std::vector<std::string> tips;
  Statement s = prepare(db_.get(), "SELECT tip FROM histories WHERE doc = ''");
  if (!s) return tips;
  while (sqlite3_step(s.get()) == SQLITE_ROW)
    tips.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 0)));
  return tips;
}

void Cache::put_histories(std::string_view tip, const std::vector<std::pair<std::string, std::string>>& rows) {
  flush();
  if (sqlite3_exec(db_.get(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) return;
  for (const auto& [doc, json] : rows)
    exec("INSERT OR REPLACE INTO histories(tip, doc, json) VALUES(?1, ?2, ?3)", {tip, doc, json});
  // Keep the histories of a few recent tips only: older tips are rarely asked again.
  exec("DELETE FROM histories WHERE tip IN (SELECT tip FROM histories WHERE doc = '' AND tip <> ?1"
       " ORDER BY rowid DESC LIMIT -1 OFFSET 7)", {tip});
  sqlite3_exec(db_.get(), "COMMIT", nullptr, nullptr, nullptr);
}

ClauseIndex* Cache::clauses(int format) {
  if (!clauses_opened_) {
    clauses_opened_ = true;
    flush();
    clauses_ = ClauseIndex::attach(db_.get(), format);
  }
  return clauses_.get();
}

Stats Cache::stats() {
  flush();
  Stats st;
  auto count = [&](const char* sql) {
    auto v = get(sql, {});
    return v ? std::stoll(*v) : 0LL;
  };
  st.blobs = count("SELECT count(*) FROM blobs");
  st.documents = count("SELECT count(*) FROM documents");
  st.histories = count("SELECT count(*) FROM histories WHERE doc <> ''");
  st.fts = count("SELECT CAST(total(clauses) AS INTEGER) FROM indexed_blobs");
  std::error_code ec;
  for (const char* suffix : {"", "-wal"}) {
    auto size = std::filesystem::file_size(path_.string() + suffix, ec);
    if (!ec) st.bytes += static_cast<long long>(size);
  }
  return st;
}

void Cache::clear() {
  pending_front_.clear();
  clauses_.reset();
  clauses_opened_ = false;
  ClauseIndex::drop(db_.get());
  sqlite3_exec(db_.get(), "BEGIN IMMEDIATE; DELETE FROM blobs; DELETE FROM documents; DELETE FROM histories; DELETE FROM derived; COMMIT;",
               nullptr, nullptr, nullptr);
  sqlite3_exec(db_.get(), "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;", nullptr, nullptr, nullptr);
}

}  // namespace lexgit::cache
