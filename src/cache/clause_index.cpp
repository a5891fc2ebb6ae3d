#include "cache/clause_index.hpp"

#include "cache/seal.hpp"
#include "lexgit/error.hpp"

namespace lexgit::cache {
namespace {

// Terms are separated by spaces and never contain one; unicode61 splits them
// no further than the segmenter did except at symbols, on both the indexed
// side and the query side alike.
const char* kDrop =
    "DROP TABLE IF EXISTS clause_fts; DROP TABLE IF EXISTS clause_subjects; DROP TABLE IF EXISTS indexed_blobs;"
    " DROP TABLE IF EXISTS clause_index_format; DROP TABLE IF EXISTS clause_term_df;";

const char* kTables =
    "CREATE VIRTUAL TABLE IF NOT EXISTS clause_fts USING fts5("
    " blob UNINDEXED, clause UNINDEXED, terms, context, list, text UNINDEXED, below UNINDEXED, subjects UNINDEXED, seal UNINDEXED,"
    " tokenize = 'unicode61 remove_diacritics 0');"
    "CREATE TABLE IF NOT EXISTS clause_subjects(subject TEXT NOT NULL, fts INTEGER NOT NULL, seal TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS clause_subjects_by_subject ON clause_subjects(subject);"
    "CREATE TABLE IF NOT EXISTS indexed_blobs(oid TEXT PRIMARY KEY, clauses INTEGER NOT NULL, seal TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS clause_index_format(version INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS clause_term_df(term TEXT PRIMARY KEY, clauses INTEGER NOT NULL, seal TEXT NOT NULL) WITHOUT ROWID;";

// Every table above; an index lacking one of them is built again.
const char* kProbe =
    "SELECT f.blob, f.clause, f.terms, f.context, f.list, f.text, f.below, f.subjects, f.seal, s.subject, s.fts, s.seal,"
    " b.oid, b.clauses, b.seal, v.version, t.term, t.clauses, t.seal FROM clause_fts AS f, clause_subjects AS s,"
    " indexed_blobs AS b, clause_index_format AS v, clause_term_df AS t LIMIT 0";

constexpr char kSubjectSeparator = '\x1f';

std::string join_subjects(const std::vector<std::string>& subjects) {
  std::string out;
  for (const std::string& s : subjects) {
    if (!out.empty()) out += kSubjectSeparator;
    out += s;
  }
  return out;
}

std::vector<std::string> split_subjects(std::string_view joined) {
  std::vector<std::string> out;
  while (!joined.empty()) {
    std::size_t end = joined.find(kSubjectSeparator);
    out.emplace_back(joined.substr(0, end));
    if (end == std::string_view::npos) break;
    joined.remove_prefix(end + 1);
  }
  return out;
}

std::string column(sqlite3_stmt* s, int i) {
  const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
  return std::string(t ? t : "", static_cast<std::size_t>(sqlite3_column_bytes(s, i)));
}

void bind_text(sqlite3_stmt* s, int i, std::string_view v) {
  sqlite3_bind_text(s, i, v.empty() ? "" : v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);  // never NULL
}

// Rolls back the write transaction begun before it, unless committed.
class Rollback {
 public:
  explicit Rollback(sqlite3* db) : db_(db) {}
  Rollback(const Rollback&) = delete;
  Rollback& operator=(const Rollback&) = delete;
  ~Rollback() {
    if (db_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  void committed() { db_ = nullptr; }

 private:
  sqlite3* db_;
};

// A count as SQLite gives it back as text, the form its seal was made over.
std::string count_text(long long n) { return std::to_string(n); }

// Adds one to the count of each distinct term of a clause, in any field.
void count_terms(const Fields& fields, std::unordered_map<std::string, long long>& frequency) {
  std::unordered_set<std::string_view> seen;
  for (std::string_view terms : {std::string_view(fields.terms), std::string_view(fields.context), std::string_view(fields.list)})
    while (!terms.empty()) {
      std::size_t end = terms.find(' ');
      std::string_view t = terms.substr(0, end);
      if (!t.empty() && seen.insert(t).second) ++frequency[std::string(t)];
      if (end == std::string_view::npos) break;
      terms.remove_prefix(end + 1);
    }
}

// The columns an IndexHit is read from, from column 0 of a statement on.
constexpr const char* kHitColumns = "f.blob, f.clause, f.text, f.below, f.terms, f.context, f.list, f.subjects, f.seal";

std::string row_seal(std::string_view blob, std::string_view clause, const Fields& f, std::string_view text, std::string_view below,
                     std::string_view subjects) {
  return checksum_hex({blob, clause, f.terms, f.context, f.list, text, below, subjects});
}

// The hit, or nullopt when the row is not as add() wrote it.
std::optional<IndexHit> read_hit(sqlite3_stmt* s) {
  IndexHit hit{column(s, 0), column(s, 1), column(s, 2), column(s, 3), Fields{column(s, 4), column(s, 5), column(s, 6)}, {}, 0};
  std::string subjects = column(s, 7);
  if (column(s, 8) != row_seal(hit.blob, hit.clause, hit.fields, hit.text, hit.below, subjects)) return std::nullopt;
  hit.subjects = split_subjects(subjects);
  return hit;
}

}  // namespace

bool ClauseIndex::create_tables(sqlite3* db, int format) {
  std::string sql = std::string("BEGIN IMMEDIATE;") + kDrop + kTables + "INSERT INTO clause_index_format(version) VALUES(" +
                    std::to_string(format) + ");COMMIT;";
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK) return true;
  sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  return false;
}

// The format of the index in the database; 0 when there is none.
// An index whose tables are not all there (one dropped) counts as none.
int stored_format(sqlite3* db) {
  Statement probe = prepare(db, kProbe);
  if (!probe || sqlite3_step(probe.get()) != SQLITE_DONE) return 0;
  Statement s = prepare(db, "SELECT version, count(*) FROM clause_index_format");
  if (!s || sqlite3_step(s.get()) != SQLITE_ROW || sqlite3_column_int(s.get(), 1) != 1) return 0;
  return sqlite3_column_int(s.get(), 0);
}

std::unique_ptr<ClauseIndex> ClauseIndex::in_memory(int format) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open(":memory:", &raw);
  Connection db(raw);
  if (rc != SQLITE_OK || !create_tables(raw, format))
    throw Error(ErrorCode::Internal, std::string("cannot create a full-text index (SQLite with FTS5 is needed): ") +
                                         (raw ? sqlite3_errmsg(raw) : "out of memory"));
  return std::unique_ptr<ClauseIndex>(new ClauseIndex(raw, std::move(db)));
}

std::unique_ptr<ClauseIndex> ClauseIndex::attach(sqlite3* db, int format) {
  // An index of this format needs no write lock: the common case of a reader.
  // One of another format (terms computed otherwise) is dropped and rebuilt.
  if (stored_format(db) != format && !create_tables(db, format) && stored_format(db) != format) return nullptr;
  return std::unique_ptr<ClauseIndex>(new ClauseIndex(db, nullptr));
}

ClauseIndex::~ClauseIndex() = default;

void ClauseIndex::drop(sqlite3* db) {
  std::string sql = std::string("BEGIN IMMEDIATE;") + kDrop + "COMMIT;";
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
}

Statement ClauseIndex::prepare(const char* sql) {
  Statement s = cache::prepare(db_, sql);
  if (!s) fail("prepare");
  return s;
}

// Whatever SQLite refuses in the index (a table corrupt or gone, the file
// unwritable or the disk full) leaves the caller without it; a query FTS5
// cannot read is the query's fault, not the index's.
void ClauseIndex::fail(const char* what) {
  damaged_ = !std::string_view(sqlite3_errmsg(db_)).starts_with("fts5: syntax error");
  throw Error(ErrorCode::Internal, std::string("clause index (") + what + "): " + sqlite3_errmsg(db_));
}

void ClauseIndex::fail_damaged(const char* what) {
  damaged_ = true;
  throw Error(ErrorCode::Internal, std::string("clause index: a damaged row in ") + what);
}

// Steps `s`, failing on anything but a row or the end.
bool ClauseIndex::next(sqlite3_stmt* s, const char* what) {
  int rc = sqlite3_step(s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) fail(what);
  return rc == SQLITE_ROW;
}

// The blobs whose rows are whole; a damaged row fails.
const ClauseIndex::Blobs& ClauseIndex::indexed() {
  if (indexed_) return *indexed_;
  Blobs out;
  Statement s = prepare("SELECT oid, clauses, seal FROM indexed_blobs");
  while (next(s.get(), "indexed_blobs")) {
    std::string oid = column(s.get(), 0), clauses = column(s.get(), 1);
    if (column(s.get(), 2) != checksum_hex({oid, clauses})) fail_damaged("indexed_blobs");
    out.clauses += sqlite3_column_int64(s.get(), 1);
    out.oids.insert(std::move(oid));
  }
  return *(indexed_ = std::move(out));
}

std::unordered_set<std::string> ClauseIndex::blobs() { return indexed().oids; }

void ClauseIndex::add(const std::unordered_map<std::string, std::vector<IndexedClause>>& batch) {
  if (batch.empty()) return;
  indexed_.reset();
  if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) fail("begin");
  Rollback unless_committed(db_);
  Statement mark = prepare("INSERT OR IGNORE INTO indexed_blobs(oid, clauses, seal) VALUES(?1, ?2, ?3)");
  Statement row = prepare(
      "INSERT INTO clause_fts(blob, clause, terms, context, list, text, below, subjects, seal)"
      " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  Statement subject = prepare("INSERT INTO clause_subjects(subject, fts, seal) VALUES(?1, ?2, ?3)");
  std::unordered_map<std::string, long long> frequency;  // term → clauses containing it, in this batch
  for (const auto& [blob, clauses] : batch) {
    sqlite3_reset(mark.get());
    bind_text(mark.get(), 1, blob);
    sqlite3_bind_int64(mark.get(), 2, static_cast<sqlite3_int64>(clauses.size()));
    bind_text(mark.get(), 3, checksum_hex({blob, count_text(static_cast<long long>(clauses.size()))}));
    if (sqlite3_step(mark.get()) != SQLITE_DONE) fail("mark");
    if (sqlite3_changes(db_) == 0) continue;  // indexed meanwhile
    for (const IndexedClause& c : clauses) {
      sqlite3_reset(row.get());
      bind_text(row.get(), 1, blob);
      bind_text(row.get(), 2, c.clause);
      bind_text(row.get(), 3, c.fields.terms);
      bind_text(row.get(), 4, c.fields.context);
      bind_text(row.get(), 5, c.fields.list);
      bind_text(row.get(), 6, c.text);
      bind_text(row.get(), 7, c.below);
      std::string subjects = join_subjects(c.subjects);
      bind_text(row.get(), 8, subjects);
      bind_text(row.get(), 9, row_seal(blob, c.clause, c.fields, c.text, c.below, subjects));
      if (sqlite3_step(row.get()) != SQLITE_DONE) fail("insert");
      sqlite3_int64 id = sqlite3_last_insert_rowid(db_);
      count_terms(c.fields, frequency);
      for (const std::string& name : c.subjects) {
        sqlite3_reset(subject.get());
        bind_text(subject.get(), 1, name);
        sqlite3_bind_int64(subject.get(), 2, id);
        bind_text(subject.get(), 3, checksum_hex({name, count_text(id)}));
        if (sqlite3_step(subject.get()) != SQLITE_DONE) fail("subject");
      }
    }
  }
  // Each count is added to in C++, where its seal is made.
  std::vector<std::string> terms;
  for (const auto& entry : frequency) terms.push_back(entry.first);
  std::unordered_map<std::string, long long> before = document_frequency(terms);
  Statement df = prepare("INSERT OR REPLACE INTO clause_term_df(term, clauses, seal) VALUES(?1, ?2, ?3)");
  for (const auto& [term, n] : frequency) {
    long long total = before[term] + n;
    sqlite3_reset(df.get());
    bind_text(df.get(), 1, term);
    sqlite3_bind_int64(df.get(), 2, total);
    bind_text(df.get(), 3, checksum_hex({term, count_text(total)}));
    if (sqlite3_step(df.get()) != SQLITE_DONE) fail("frequency");
  }
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) fail("commit");
  unless_committed.committed();
}

std::unordered_map<std::string, long long> ClauseIndex::document_frequency(const std::vector<std::string>& terms) {
  std::unordered_map<std::string, long long> out;
  Statement s = prepare("SELECT term, clauses, seal FROM clause_term_df WHERE term = ?1");
  for (const std::string& t : terms) {
    sqlite3_reset(s.get());
    bind_text(s.get(), 1, t);
    out[t] = next(s.get(), "clause_term_df") ? sealed_count(s.get()) : 0;
  }
  return out;
}

long long ClauseIndex::prefix_frequency(std::string_view prefix) {
  if (prefix.empty()) return clause_count();
  // The terms in [prefix, prefix with its last byte raised): those that begin with it.
  std::string end(prefix);
  while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xFF) end.pop_back();
  if (end.empty()) return clause_count();
  end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
  Statement s = prepare("SELECT term, clauses, seal FROM clause_term_df WHERE term >= ?1 AND term < ?2");
  bind_text(s.get(), 1, prefix);
  bind_text(s.get(), 2, end);
  long long total = 0;
  while (next(s.get(), "clause_term_df")) total += sealed_count(s.get());
  return total;
}

std::vector<IndexHit> ClauseIndex::search(const std::string& match, long long limit, const Weights& weights) {
  std::vector<IndexHit> out;
  // One statement reads the rows too, no query per candidate; only the best
  // are read, not every clause matching.
  std::string sql = std::string("SELECT ") + kHitColumns +
                    ", best.r FROM (SELECT rowid AS id, bm25(clause_fts, 0, 0, ?3, ?4, ?5, 0, 0, 0) AS r FROM clause_fts"
                    " WHERE clause_fts MATCH ?1 ORDER BY r LIMIT ?2) AS best JOIN clause_fts AS f ON f.rowid = best.id ORDER BY best.r";
  Statement s = prepare(sql.c_str());
  bind_text(s.get(), 1, match);
  sqlite3_bind_int64(s.get(), 2, limit);
  sqlite3_bind_double(s.get(), 3, weights.terms);
  sqlite3_bind_double(s.get(), 4, weights.context);
  sqlite3_bind_double(s.get(), 5, weights.list);
  while (next(s.get(), "search")) {
    out.push_back(whole_hit(s.get()));
    out.back().score = -sqlite3_column_double(s.get(), 9);
  }
  return out;
}

std::vector<IndexHit> ClauseIndex::with_subjects(const std::vector<std::string>& subjects) {
  std::vector<IndexHit> out;
  std::string sql = std::string("SELECT ") + kHitColumns +
                    ", c.fts, c.seal FROM clause_subjects AS c JOIN clause_fts AS f ON f.rowid = c.fts WHERE c.subject = ?1";
  Statement s = prepare(sql.c_str());
  for (const std::string& name : subjects) {
    sqlite3_reset(s.get());
    bind_text(s.get(), 1, name);
    while (next(s.get(), "clause_subjects")) {
      if (column(s.get(), 10) != checksum_hex({name, column(s.get(), 9)})) fail_damaged("clause_subjects");
      out.push_back(whole_hit(s.get()));
    }
  }
  return out;
}

long long ClauseIndex::clause_count() { return indexed().clauses; }

long long ClauseIndex::sealed_count(sqlite3_stmt* s) {
  if (column(s, 2) != checksum_hex({column(s, 0), column(s, 1)})) fail_damaged("clause_term_df");
  return sqlite3_column_int64(s, 1);
}

IndexHit ClauseIndex::whole_hit(sqlite3_stmt* s) {
  std::optional<IndexHit> hit = read_hit(s);
  if (!hit) fail_damaged("clause_fts");
  return std::move(*hit);
}

}  // namespace lexgit::cache
