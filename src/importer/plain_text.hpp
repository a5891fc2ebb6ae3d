// The importer's steps for plain text: lines as the source lays them out, the
// wrap model the document itself was written with, and paragraphs re-joined
// under that model. importer.cpp turns the paragraphs into Markdown.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document/numbering.hpp"

namespace lexgit::importer {

// One line of the source, cleaned: page numbers are gone, blank lines and
// lines holding only invisible characters (zero-width spaces) are recorded as
// `blank_before` on the next line.
struct Line {
  std::string text;        // without the blank characters at either end
  int indent = 0;          // leading columns: U+3000 two, a space one, a tab four
  bool indented = false;   // indented beyond the document's margin: a paragraph's first line
  bool blank_before = false;
  bool space_after = false; // the line broke at a space between words: 同意 1) / 对待
  bool toc = false;        // a line of the table of contents (目录 and its entries)
  int chars = 0;           // code points, the indent's included
  int layout = 0;          // columns as a PDF lays them out (layout_width), the indent's included
};

std::vector<Line> clean_lines(const std::string& text);

// Marks the table of contents: a 目录 line and the grouping titles after it,
// up to where the first of them comes again as the text's own heading.
void mark_table_of_contents(std::vector<Line>& lines);

// Width as a PDF lays out Chinese text: a Chinese character two columns,
// full-width punctuation compressed to one (标点挤压), Latin letters one.
int layout_width(std::string_view s);

int char_count(std::string_view s);

// A page number on a line of its own: "- 3 -", "— 3 —", "第 3 页 共 7 页", "3 / 7", "3", "Page 3 of 7".
bool is_page_artefact(std::string_view line);

// ---- reading lines ----------------------------------------------------------

bool ends_sentence(std::string_view s);
bool has_sentence_punctuation(std::string_view s);

// 通 用 条 款: single characters separated by single spaces, collapsed.
std::optional<std::string> collapse_spaced_heading(std::string_view s);

// 附则, 总则, 分则 (however spaced out): unnumbered groupings beside chapters.
bool is_named_grouping(std::string_view s);

// 附件一, 附录, 附表2 alone on a line: an annex's heading.
bool is_annex_heading(std::string_view s);

// A numbered heading: 一． 业务合作伙伴权益资格, 第一章 总则, 第二分编　典型合同.
bool is_numbered_heading(const numbering::Mark& mark, std::string_view rest);

// A line that is a heading on its own: spaced out, a named grouping or numbered.
bool is_heading_line(std::string_view s);

struct Paragraph {
  std::string text;
  bool toc = false;  // a line of the table of contents: each stays a paragraph of its own
};

// Numbers seen at the start of paragraphs, to tell the next article or item
// from a line that merely starts with a number (…依照本法 / 第五条规定…, or
// an inline enumeration 1) … 2) … wrapped before its 2)).
class NumberSequence {
 public:
  void record(std::string_view paragraph_start);
  // The line starts the unit that comes next in its sequence.
  bool continues(const numbering::Mark& mark, bool after_lead_in) const;
  // The same for a line's text: a number that continues a sequence, or a 1 after a lead-in ending in ：.
  bool starts_next(std::string_view line, std::string_view previous_line) const;

 private:
  std::map<NumberStyle, std::pair<long long, int>> last_;
};

// The lines re-joined into paragraphs.
std::vector<Paragraph> join_paragraphs(const std::vector<Line>& lines);

}  // namespace lexgit::importer
