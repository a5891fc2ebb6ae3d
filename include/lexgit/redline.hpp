// Redlines: the clause-aligned diffs of diff.hpp written out for people and
// programs — text for a terminal (git-like, word edits marked [-…-] and {+…+}),
// Markdown for a code-hosting viewer, one self-contained HTML page, JSON, and a
// Word document with tracked changes. The redline's own words (title, summary,
// change kinds) are Chinese by default, English with Language::En; JSON keeps
// its English keys; the Word redline is Chinese.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "lexgit/diff.hpp"
#include "lexgit/language.hpp"

namespace lexgit {
class Lineage;  // lineage.hpp; not included, so that diff::Side stays the only Side here
}

namespace lexgit::redline {

// What was compared, as the reader should see it: "HEAD~1 (3f2a…)", "in force
// on 2025-12-31", a file path.
struct Labels {
  std::string from, to;
};

// The label of a side that does not have the document: （不存在） / (absent).
std::string_view absent_label(Language language);

struct TextOptions {
  bool color = false;  // ANSI colours: deletions red, insertions green
  Language language = Language::Zh;
};

// ---- Full redlines ------------------------------------------------------------

std::string render_text(const std::vector<diff::DocumentDiff>& diffs, const Labels& labels, const TextOptions& options = {});
std::string render_markdown(const std::vector<diff::DocumentDiff>& diffs, const Labels& labels, Language language = Language::Zh);
std::string render_html(const std::vector<diff::DocumentDiff>& diffs, const Labels& labels, Language language = Language::Zh);
// {"from", "to", "documents": [{"doc", "changes": [...]}], "stat": {per kind counts, total}}
nlohmann::json render_json(const std::vector<diff::DocumentDiff>& diffs, const Labels& labels);

// ---- Word ----------------------------------------------------------------------

// A compared document with both its versions: the Word redline shows the whole
// document, its unchanged clauses too.
struct Compared {
  const Document* before = nullptr;  // an empty Document (no clauses) on the side that lacks it
  const Document* after = nullptr;
  const diff::DocumentDiff* diff = nullptr;
};
// A .docx file's bytes: a title and the two labels, a summary (counts per
// kind, then every change with the clause cited in each version), then each
// document clause by clause in the new version's order, headings as Heading
// 1–3. Word edits, added and removed clauses are Word tracked changes by
// "lexgit" dated the new version's publication date: accepting all gives the
// new version, rejecting all the old one (moved clauses in their new place).
// Moved, renumbered, split and merged clauses, and changes only to
// cross-references, carry a comment saying so.
std::string render_docx(const std::vector<Compared>& documents, const Labels& labels);

// ---- Counts only (--stat) -----------------------------------------------------

// One line per document ("partner-framework: 新增 1 处、修改 3 处、重新编号 6 处"),
// then the total.
std::string render_stat_text(const std::vector<diff::DocumentDiff>& diffs, const TextOptions& options = {});
// The summary table alone.
std::string render_stat_markdown(const std::vector<diff::DocumentDiff>& diffs, const Labels& labels,
                                 Language language = Language::Zh);
// A page with the summary alone.
std::string render_stat_html(const std::vector<diff::DocumentDiff>& diffs, const Labels& labels, Language language = Language::Zh);
// {"from", "to", "documents": [{"doc", "stat": {...}}], "stat": {total}}
nlohmann::json render_stat_json(const std::vector<diff::DocumentDiff>& diffs, const Labels& labels);

// ---- Pieces, for commands that print changes one at a time ----------------------

// One change as the text redline shows it: its header line, then the clause.
std::string render_change_text(const diff::Change& change, const TextOptions& options = {});
// One change's clause alone, as the Markdown redline quotes it: a blockquote,
// word edits as <del>/<ins>, contract text escaped. No header.
std::string render_change_markdown(const diff::Change& change);
// One change's clause as lines of word edits, as every redline shows it: its
// number in front (old deleted and new inserted when renumbered), a heading
// and its text two lines, an added or removed unit all insertions or deletions.
std::vector<std::vector<diff::Edit>> change_lines(const diff::Change& change);
// One change's clause alone, as the HTML redline shows it: <p> per line (a
// heading line as <p class="heading">), word edits as <del>/<ins>, text escaped.
std::string render_change_html(const diff::Change& change);
// "新增 1 处、修改 3 处" / "1 added, 3 modified" — the non-zero counts in a fixed
// order; "无变化" / "no changes" when none.
std::string describe(const diff::Stat& stat, Language language = Language::Zh);
// A change kind as the redline names it: 修改 / modified, 重新编号 / renumbered …
std::string_view kind_label(diff::ChangeKind kind, Language language);
diff::Stat total(const std::vector<diff::DocumentDiff>& diffs);

// The HTML anchor of a clause reference: partner-framework#9.p1 → partner-framework-9.p1
// (no whitespace, never empty, so it is a valid HTML id).
std::string anchor_of(std::string_view ref);
std::string escape_html(std::string_view text);
// Backslash-escapes the characters Markdown would read as syntax, and writes
// '<' and '&' as entities, so contract text reads as written in any viewer.
std::string escape_markdown(std::string_view text);

// ---- A clause through a document's versions -------------------------------------

// A version in which a clause changed, and how.
struct ClauseStep {
  std::size_t version = 0;  // index into the versions given
  std::string ref;          // the clause's ref in that version
  diff::Change change;      // the change that touched it; a clause added with
                            // the unit around it is shown as added on its own
};

// The versions, oldest first, in which the clause `id` of the newest version
// changed: its text, its number or its place, back to the version that added
// it. The clause is followed through renumbering and moves, its own or its
// ancestors'. An empty Document (no clauses) stands for a version in which the
// document was absent. Newest step first. Error(NotFound) when the newest
// version has no such clause.
std::vector<ClauseStep> clause_history(const std::vector<Document>& versions, const std::string& id,
                                       const text::Segmenter& segmenter);

// The history of a document's clause as `lexgit log DOC#ID` and the clause
// page tell it: the clause `id` of version `read` (see Lineage::locate),
// followed forward to the last version that still has it, and told back from
// there. Each step's version indexes the lineage's versions.
std::vector<ClauseStep> clause_history(Lineage& lineage, std::size_t read, const std::string& id,
                                       const text::Segmenter& segmenter);

}  // namespace lexgit::redline
