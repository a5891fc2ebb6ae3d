#include "cache/cache.hpp"

#include <system_error>

#include "cache/seal.hpp"

namespace lexgit::cache {
namespace {

// 2: revision lists in a compact form; 3: derived values; 4: statute ids;
// 5: every value sealed (seal.hpp), the clause index's rows too.
constexpr int kSchemaVersion = 5;

void bind_all(sqlite3_stmt* s, std::initializer_list<std::string_view> values) {
  int i = 1;
  for (std::string_view v : values) sqlite3_bind_text(s, i++, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

std::string column_text(sqlite3_stmt* s, int i) {
  const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
  return t ? std::string(t, static_cast<std::size_t>(sqlite3_column_bytes(s, i))) : std::string();
}

// The keys values are sealed under: a value copied to another row is damaged.
std::string history_key(std::string_view tip, std::string_view doc) { return std::string(tip) + "/" + std::string(doc); }
std::string value_key(std::string_view kind, std::string_view key) { return std::string(kind) + "/" + std::string(key); }

std::optional<std::string> unsealed(int format, std::string_view key, const std::optional<std::string>& stored) {
  if (!stored) return std::nullopt;
  auto value = unseal(format, key, *stored);
  return value ? std::optional<std::string>(std::string(*value)) : std::nullopt;
}

const char* kSchema =
    "CREATE TABLE IF NOT EXISTS blobs(oid TEXT PRIMARY KEY, front TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS documents(oid TEXT PRIMARY KEY, json TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS histories(tip TEXT NOT NULL, doc TEXT NOT NULL, json TEXT NOT NULL,"
    " PRIMARY KEY(tip, doc));"
    "CREATE TABLE IF NOT EXISTS derived(kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY(kind, key));";

// Every table and column the cache reads; a file lacking one (a table dropped,
// a foreign file with tables of the same names) is rebuilt.
const char* kProbe =
    "SELECT b.oid, b.front, d.oid, d.json, h.tip, h.doc, h.json, v.kind, v.key, v.value"
    " FROM blobs AS b, documents AS d, histories AS h, derived AS v LIMIT 0";

// Opens the file and brings it to our schema; nullptr when it is not usable.
Connection open_usable(const std::filesystem::path& file, std::string& problem) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open(file.c_str(), &raw);
  Connection db(raw);  // closed on every return below, after the statements declared later
  if (rc != SQLITE_OK) {
    problem = raw ? sqlite3_errmsg(raw) : "cannot open";
    return nullptr;
  }
  sqlite3_busy_timeout(raw, 10000);
  auto fail = [&](std::string why) {
    problem = std::move(why);
    return nullptr;
  };
  int found = 0;
  {
    Statement version = prepare(raw, "PRAGMA user_version");
    if (!version || sqlite3_step(version.get()) != SQLITE_ROW) return fail(sqlite3_errmsg(raw));
    found = sqlite3_column_int(version.get(), 0);
  }
  if (found != 0 && found != kSchemaVersion) return fail("it was written by another version of lexgit");
  if (sqlite3_exec(raw, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", nullptr, nullptr, nullptr) != SQLITE_OK)
    return fail(sqlite3_errmsg(raw));
  if (found == 0) {
    std::string init = std::string("BEGIN IMMEDIATE;") + kSchema + "PRAGMA user_version=" + std::to_string(kSchemaVersion) + ";COMMIT;";
    if (sqlite3_exec(raw, init.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      // Another process may have created it meanwhile: accept a finished schema.
      sqlite3_exec(raw, "ROLLBACK", nullptr, nullptr, nullptr);
      Statement again = prepare(raw, "PRAGMA user_version");
      if (!again || sqlite3_step(again.get()) != SQLITE_ROW || sqlite3_column_int(again.get(), 0) != kSchemaVersion)
        return fail(sqlite3_errmsg(raw));
    }
  }
  Statement probe = prepare(raw, kProbe);
  if (!probe || sqlite3_step(probe.get()) != SQLITE_DONE) return fail(sqlite3_errmsg(raw));
  probe.reset();
  return db;
}

}  // namespace

std::unique_ptr<Cache> Cache::open(const std::filesystem::path& file, std::vector<std::string>& warnings) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  std::string problem;
  if (Connection db = open_usable(file, problem)) return std::unique_ptr<Cache>(new Cache(file, std::move(db)));
  warnings.push_back("cache " + file.string() + " was unusable (" + problem + "); rebuilt it");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix, ec);
  if (Connection db = open_usable(file, problem)) return std::unique_ptr<Cache>(new Cache(file, std::move(db)));
  warnings.push_back("cache " + file.string() + " cannot be created (" + problem + "); running without it");
  return nullptr;
}

Cache::~Cache() { flush(); }

Cache::Discard::~Discard() {
  if (!armed) return;
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix, ec);
}

void Cache::note(int rc) {
  if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) discard_.armed = true;
}

sqlite3_stmt* Cache::statement(const char* sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    Statement s = prepare(db_.get(), sql, SQLITE_PREPARE_PERSISTENT);
    if (!s) return nullptr;
    it = statements_.emplace(sql, std::move(s)).first;
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
  int rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) value = column_text(s, 0);
  note(rc);
  sqlite3_reset(s);  // ends the read: a statement left stepping would hold its snapshot
  return value;
}

void Cache::exec(const char* sql, std::initializer_list<std::string_view> values) {
  sqlite3_stmt* s = statement(sql);
  if (!s) return;
  bind_all(s, values);
  note(sqlite3_step(s));  // a cache write that fails is a later miss, nothing more
  sqlite3_reset(s);
}

std::optional<std::string> Cache::front_matter(std::string_view blob, int format) {
  if (auto it = pending_front_.find(std::string(blob)); it != pending_front_.end()) return unsealed(format, blob, it->second);
  return unsealed(format, blob, get("SELECT front FROM blobs WHERE oid = ?1", {blob}));
}
void Cache::put_front_matter(std::string_view blob, int format, std::string_view json) {
  pending_front_.insert_or_assign(std::string(blob), seal(format, blob, json));
  if (pending_front_.size() >= 2000) flush();  // a few hundred KB held, not a history's 10 MB
}
void Cache::flush() {
  if (pending_front_.empty()) return;
  if (sqlite3_exec(db_.get(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK) {
    for (const auto& [blob, sealed] : pending_front_)
      exec("INSERT OR REPLACE INTO blobs(oid, front) VALUES(?1, ?2)", {blob, sealed});
    if (sqlite3_exec(db_.get(), "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
      sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);  // a full disk: a later miss
  }
  pending_front_.clear();  // stored, or a later miss
}
std::optional<std::string> Cache::document(std::string_view blob, int format) {
  return unsealed(format, blob, get("SELECT json FROM documents WHERE oid = ?1", {blob}));
}
void Cache::put_document(std::string_view blob, int format, std::string_view json) {
  exec("INSERT OR REPLACE INTO documents(oid, json) VALUES(?1, ?2)", {blob, seal(format, blob, json)});
}

std::optional<std::string> Cache::history(std::string_view tip, std::string_view doc, int format) {
  auto stored = get("SELECT json FROM histories WHERE tip = ?1 AND doc = ?2", {tip, doc});
  auto value = unsealed(format, history_key(tip, doc), stored);
  if (stored && !value) forget_history(tip);
  return value;
}

std::optional<std::vector<std::pair<std::string, std::string>>> Cache::histories(std::string_view tip, int format) {
  std::vector<std::pair<std::string, std::string>> rows;
  bool damaged = false;
  {
    Statement s = prepare(db_.get(), "SELECT doc, json FROM histories WHERE tip = ?1");
    if (!s) return std::nullopt;
    bind_all(s.get(), {tip});
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
      std::string doc = column_text(s.get(), 0);
      auto value = unsealed(format, history_key(tip, doc), column_text(s.get(), 1));
      if (!value) damaged = true;
      else rows.emplace_back(std::move(doc), std::move(*value));
    }
    note(rc);
    if (rc != SQLITE_DONE) return std::nullopt;
  }
  if (damaged) {
    forget_history(tip);
    return std::nullopt;
  }
  return rows;
}

void Cache::forget_history(std::string_view tip) { exec("DELETE FROM histories WHERE tip = ?1", {tip}); }

std::optional<std::string> Cache::value(std::string_view kind, std::string_view key, int format) {
  return unsealed(format, value_key(kind, key), get("SELECT value FROM derived WHERE kind = ?1 AND key = ?2", {kind, key}));
}

void Cache::put_value(std::string_view kind, std::string_view key, int format, std::string_view value) {
  exec("INSERT OR REPLACE INTO derived(kind, key, value) VALUES(?1, ?2, ?3)", {kind, key, seal(format, value_key(kind, key), value)});
}

std::vector<std::string> Cache::complete_tips() {
  std::vector<std::string> tips;
  Statement s = prepare(db_.get(), "SELECT tip FROM histories WHERE doc = ''");
  if (!s) return tips;
  while (sqlite3_step(s.get()) == SQLITE_ROW) tips.push_back(column_text(s.get(), 0));
  return tips;
}

void Cache::put_histories(std::string_view tip, int format, const std::vector<std::pair<std::string, std::string>>& rows) {
  flush();
  if (sqlite3_exec(db_.get(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) return;
  forget_history(tip);  // rows of a document no longer in the history, left by a damaged copy
  for (const auto& [doc, encoded] : rows)
    exec("INSERT OR REPLACE INTO histories(tip, doc, json) VALUES(?1, ?2, ?3)", {tip, doc, seal(format, history_key(tip, doc), encoded)});
  // Keep the histories of a few recent tips only: older tips are rarely asked again.
  exec("DELETE FROM histories WHERE tip IN (SELECT tip FROM histories WHERE doc = '' AND tip <> ?1"
       " ORDER BY rowid DESC LIMIT -1 OFFSET 7)", {tip});
  if (sqlite3_exec(db_.get(), "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
    sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

ClauseIndex* Cache::clauses(int format) {
  if (!clauses_opened_) {
    clauses_opened_ = true;
    flush();
    clauses_ = ClauseIndex::attach(db_.get(), format);
  }
  return clauses_.get();
}

ClauseIndex* Cache::rebuild_clauses(int format) {
  clauses_.reset();
  ClauseIndex::drop(db_.get());
  clauses_opened_ = false;
  return clauses(format);
}

Stats Cache::stats() {
  flush();
  Stats st;
  auto count = [&](const char* sql) {
    sqlite3_stmt* s = statement(sql);
    long long n = s && sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    if (s) sqlite3_reset(s);
    return n;
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
