// The documents a command works on. In a git repository: those at the branch
// tip, at another revision (--rev), or the versions in force on a date (--at).
// Outside one: the files below the directory. A file path is always read from
// the file.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "lexgit/language.hpp"
#include "lexgit/store.hpp"
#include "lexgit/versions.hpp"

namespace lexgit {

struct Selection {
  std::optional<std::string> rev;  // a git revision; default: HEAD
  std::optional<text::Date> at;    // the versions in force on this date
};

class DocumentSet {
 public:
  static DocumentSet open(const std::filesystem::path& dir, Selection selection);
  DocumentSet(DocumentSet&&) noexcept;
  ~DocumentSet();

  bool in_git() const;
  const std::filesystem::path& directory() const;  // where the set was opened
  Repository& repository();  // Error(Usage) outside git
  Versions& versions();      // Error(Usage) outside git
  // The selected commit; empty outside git or in a repository without commits.
  const std::string& tip() const;
  const Selection& selection() const;

  // The selected documents, one revision each (outside git: commit and blob
  // empty), read once.
  const std::vector<Revision>& entries();
  // A document by id from the selection, or a file by path.
  Document load(std::string_view doc_or_file);
  Document load(const Revision& entry);

  // Every document the selection has, parsed, those lexgit cannot use included
  // (what check reports on). Outside git: the files below the directory. In a
  // repository where no document is committed yet (and neither --rev nor
  // --at): the work tree's, what a first commit would record — see
  // reads_work_tree().
  std::vector<Document> all_documents();
  bool reads_work_tree();

  // Error(NotFound) for a document id the selection does not have, naming the
  // closest ids it has: "no document 'partner-framwork' at HEAD; did you mean
  // 'partner-framework'?".
  Error no_document(const std::string& id);

  // .lexgit.yaml as the selection sees it: committed at the selected tip in a
  // git repository, else the file in the directory; nullopt when there is none.
  // In a repository whose work tree has another .lexgit.yaml (edited, not
  // committed), a warning says which one is read and how to commit the other.
  struct Config {
    std::string yaml;
    std::string file;  // for messages: ".lexgit.yaml", or the file's path outside git
  };
  std::optional<Config> config();
  // The *.yaml files directly in `folder` (calendar) as the selection sees
  // them, the same way: committed at the selected tip, else in the directory.
  std::vector<Config> yaml_files(const std::string& folder);

  // What the user should know: files outside git skipped because they cannot
  // be read as documents, a .lexgit.yaml not committed, the cache rebuilt.
  std::vector<std::string> take_warnings();

 private:
  struct Impl;
  explicit DocumentSet(std::unique_ptr<Impl> impl);
  std::vector<Revision> read_entries();
  std::unique_ptr<Impl> impl_;
};

// What ls lists: the selected documents, and — given `pending_on`, a date the
// set was opened with — the versions recorded but not yet in force on it, all
// by document id (a document's version in force before its pending ones).
struct Listed {
  Revision revision;
  bool pending = false;
};
std::vector<Listed> list_documents(DocumentSet& set, std::optional<text::Date> pending_on);
// ls --format json: each revision's to_json with "pending".
nlohmann::json to_json(const std::vector<Listed>& listed);

// A command-line argument that names a date or a revision: the date when it is
// one (2026-01-31, 2026年1月31日, 2026/1/31 — the forms text::parse_date reads),
// nullopt when it is a revision. Written like a date but none (2026/13/01,
// 2026-02-30): Error(Usage) "'2026/13/01' is not a date", the same message
// from every command.
std::optional<text::Date> date_argument(std::string_view arg);
// The one error for a date argument that is not a date.
Error not_a_date(std::string_view arg);
// A date given as `name` (the CLI's --at, the API's at): 2026-01-31 or any form
// text::parse_date reads. Error(Usage) "--at: '2026-02-30' is not a date" otherwise.
text::Date named_date(std::string_view value, std::string_view name);

// Error(NotFound) for a clause `doc` does not have, naming the closest clauses
// by id and by citation: "no clause '10.33' in document 'partner-framework';
// did you mean '10.3'（第十部分第3项）?".
Error no_clause(const Document& doc, std::string_view id_or_citation);

// One side of a comparison, the same for every command that compares (diff,
// notice): the documents at a revision, the versions in force on a date, or a
// single document file — a draft in the work tree, committed or not.
class Side {
 public:
  // `arg`: an existing file, a date (see date_argument) or a revision,
  // resolved in the repository around `dir`.
  static Side open(const std::filesystem::path& dir, const std::string& arg);
  // A document given as text (a draft uploaded to the web service), labelled `label`.
  static Side of_document(Document document, std::string label);

  // What was compared, for a redline's header: the file, "in force on
  // 2026-03-01", or "v2 (0a1b2c3d4e5f)".
  const std::string& label() const { return label_; }
  // The same for a reader of `language`: a date's side is 2026年3月1日有效的版本 in Chinese.
  std::string label(Language language) const;
  bool is_file() const { return file_.has_value(); }
  const Document& file() const { return *file_; }
  // The documents' set (nullptr for a file).
  DocumentSet* set() { return set_ ? &*set_ : nullptr; }

  bool has(const std::string& id) const;
  std::set<std::string> ids() const;
  // The blob a document is stored as, to skip unchanged ones without parsing
  // (empty for a file, or when this side does not have it).
  std::string blob(const std::string& id) const;
  // The revision that recorded the document on this side (nullopt for a file).
  std::optional<Revision> revision(const std::string& id) const;
  // The document, or an empty one (no clauses) when this side does not have it.
  Document load(const std::string& id);
  std::vector<std::string> take_warnings();

 private:
  std::string label_;
  std::optional<text::Date> date_;  // the date of a date's side
  std::optional<Document> file_;
  std::optional<DocumentSet> set_;
  std::map<std::string, Revision> entries_;
};

// The document ids two sides are compared on: those `asked` for (Error(NotFound)
// naming the closest ids when neither side has one), or else every document
// that differs; a file's side compares the one document it holds.
std::vector<std::string> documents_to_compare(const Side& a, const Side& b, const std::vector<std::string>& asked);

}  // namespace lexgit
