// The document model: a contract as front matter plus a tree of clauses.
//
// A document is a UTF-8 Markdown file with YAML front matter (see README.md,
// "Document format"). parse_document() turns it into a Document whose clauses
// carry canonical ids (README.md, "Clause ids") that references use: DOC#ID.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "lexgit/error.hpp"
#include "lexgit/text.hpp"

namespace lexgit {

// ---- Diagnostics --------------------------------------------------------------

enum class Severity { Warning, Error };

struct Diagnostic {
  Severity severity = Severity::Error;
  Location where;
  std::string message;
  std::string describe() const;  // "file:line: error: message"
};

// ---- Front matter ---------------------------------------------------------------

enum class DocKind { Agreement, EndUserTerms, Normative, Annex, Transaction, Correspondence };
enum class Medium { Online, Paper };
enum class Channel { Website, Email, System, Signed };
enum class Status { InForce, Draft, Withdrawn };

std::string_view to_string(DocKind kind);
std::string_view to_string(Medium medium);
std::string_view to_string(Channel channel);
std::string_view to_string(Status status);
std::optional<DocKind> parse_kind(std::string_view s);
std::optional<Medium> parse_medium(std::string_view s);
std::optional<Channel> parse_channel(std::string_view s);
std::optional<Status> parse_status(std::string_view s);

// A date written YYYY-MM-DD, as front matter and date options require; nullopt
// when malformed or not a calendar day.
std::optional<text::Date> parse_iso_date(std::string_view s);

// True for a valid document id: [a-z0-9][a-z0-9-]*.
bool is_valid_doc_id(std::string_view id);

struct FrontMatter {
  std::string id;
  std::string title;
  DocKind kind = DocKind::Normative;
  std::string doc_class;  // "class": versions of one document class share it (default: id)
  Medium medium = Medium::Online;
  std::optional<Channel> channel;
  text::Date published;
  text::Date effective;   // default: published
  Status status = Status::InForce;
  bool sample = false;
  // Keys lexgit does not know, kept in order with their YAML text (check warns).
  std::vector<std::pair<std::string, std::string>> extra;
};

// Writes front matter in lexgit's canonical form, between "---" lines.
std::string render_front_matter(const FrontMatter& meta);

// ---- Clauses ------------------------------------------------------------------

// How a unit is numbered. Units of one style are siblings; a new style nests.
enum class NumberStyle {
  None,          // unnumbered paragraph (款) or unnumbered heading (a group)
  Bian, Zhang, Jie, Tiao, Kuan, Xiang, Bufen,  // 第X编 / 章 / 节 / 条 / 款 / 项 / 部分
  FenBian,       // 第X分编 (the Civil Code's sub-books)
  ChineseEnum,   // 一、 一． 一.
  ChineseParen,  // （一） (一)
  ArabicDot,     // 1. 1、 １．
  ArabicRight,   // 1) １）
  ArabicParen,   // (1) （1）
  Circled,       // ① … ⑳
  UpperLetter,   // A. B.
  LowerLetter,   // a. b.
  Bullet,        // - * • ·
};

struct Clause {
  std::string id;       // canonical id; empty for a group (an unnumbered heading)
  std::string number;   // as written: "一．", "（三）", "1.", "A.", "-"; empty when unnumbered
  std::string heading;  // heading text, when the unit is a heading
  std::string text;     // body text, NFC, wrapped lines re-joined
  int first_line = 0;   // source lines in the file, 1-based, inclusive of children
  int last_line = 0;
  NumberStyle style = NumberStyle::None;
  long long value = 0;  // the number's value (A = 1); 0 when unnumbered
  int insertion = 0;    // N of 第十七条之N: an article inserted after 第十七条 by amendment
  std::vector<std::string> subjects;  // from <!-- subject: … --> before the clause
  std::vector<Clause> children;

  bool is_group() const { return id.empty(); }
  // The heading and the text as one string (a line break between), what a
  // reader sees of the clause itself, its children apart.
  std::string own_text() const {
    if (heading.empty()) return text;
    return text.empty() ? heading : heading + "\n" + text;
  }
};

struct Document {
  FrontMatter meta;
  std::string path;                   // where it was read from, as given
  std::vector<Clause> clauses;        // top-level units, groups included
  std::vector<Diagnostic> diagnostics;

  bool has_errors() const;
  // Throws the first error diagnostic as an Error(BadInput).
  void require_valid() const;
  // The clause with this id, or nullptr.
  const Clause* find(std::string_view id) const;
  // Every clause (groups excluded), depth first, in document order.
  std::vector<const Clause*> all_clauses() const;
};

// Parses a document. Front-matter problems become diagnostics (errors for
// missing or invalid required fields, warnings for unknown keys); the body is
// always parsed. `path` is used in diagnostics.
Document parse_document(std::string_view source, const std::string& path);

// A file's bytes. Throws Error(NotFound) naming the file when it cannot be read.
std::string read_file(const std::filesystem::path& file);

// Reads and parses a file. Throws Error(NotFound) when it cannot be read.
Document load_document(const std::filesystem::path& file);

// True when `source` opens with lexgit front matter: a YAML block naming an
// id or a kind. Other Markdown (a README, a static-site page) is not a document.
bool is_lexgit_document(std::string_view source);

// ---- Citations ------------------------------------------------------------------

// The clause as a lawyer cites it (README.md, "Citations"): 第七部分第二款,
// 第十部分第3项, 第三条第二款第（一）项, 第十七条之一, 第二章第一节, 附则. The id
// itself when the document has no such clause.
std::string cite(const Document& doc, std::string_view id);

// The id of the clause a citation names (第十部分第3项 → 10.3, 第一千二百六十条 →
// 1260, 第三条第二款第（一）项 → 3.p1.1 or 3.1), or nullopt.
std::optional<std::string> id_for_citation(const Document& doc, std::string_view citation);

// True for text that can only be a citation, not an id (ids are ASCII).
bool looks_like_citation(std::string_view s);

// The id a REF's fragment names in `doc`: an id as written, or a citation;
// nullopt when the document has no such clause.
std::optional<std::string> clause_id(const Document& doc, std::string_view id_or_citation);

// ---- References -----------------------------------------------------------------

// DOC#ID, DOC#CITATION, DOC:CITATION (partner-framework:第十部分第3项), DOC (whole
// document), or a file path with an optional #ID fragment.
struct Reference {
  std::string doc;  // a document id or a file path
  std::string id;   // clause id; empty for the whole document
  bool is_path() const;  // names a file rather than a document id
};
Reference parse_reference(std::string_view ref);

// ---- JSON -------------------------------------------------------------------------

nlohmann::json to_json(const FrontMatter& meta);
nlohmann::json to_json(const Clause& clause);  // {id, number, heading, text, lines, children}

}  // namespace lexgit
