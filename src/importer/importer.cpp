// From extracted or copied text to a lexgit document.
//
// PDF extraction leaves hard-wrapped lines, blank lines between all of them,
// page numbers, a leading space where a page starts, and headings spaced out
// for emphasis (通 用 条 款); text copied from official databases indents each
// paragraph and lists the chapters in a table of contents (目　　录). Plain text
// goes through three steps: clean the lines (lines.cpp), re-join them into
// paragraphs under the document's own wrap (paragraphs.cpp), and write each
// paragraph as Markdown (here). Markdown input keeps its structure
// (markdown_input.cpp). Word and PDF files arrive as paragraphs that already
// carry their structure (docx.cpp, pdf.cpp, office.hpp) and meet plain text
// at the Markdown writer.
#include "lexgit/importer.hpp"

#include <algorithm>
#include <set>
#include <sstream>

#include "document/front_matter.hpp"
#include "document/numbering.hpp"
#include "importer/markdown_input.hpp"
#include "importer/office.hpp"
#include "importer/plain_text.hpp"

namespace lexgit {
namespace {

using namespace importer;

// ---- writing Markdown -------------------------------------------------------

// Characters that Markdown would read as markup inside a paragraph.
std::string escape_inline(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\\' || c == '*' || c == '_' || c == '`' || c == '<' || c == '[') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// A paragraph must not start like a block of another kind.
std::string escape_block_start(std::string s) {
  if (s.empty()) return s;
  char c = s[0];
  if (c == '#' || c == '>' || c == '-' || c == '+' || c == '=' || c == '|' || c == '~') return "\\" + s;
  std::size_t digits = 0;
  while (digits < s.size() && std::isdigit(static_cast<unsigned char>(s[digits]))) ++digits;
  if (digits > 0 && digits < s.size() && (s[digits] == '.' || s[digits] == ')')) return s.insert(digits, "\\");
  return s;
}

// A paragraph's text as Markdown inline content: a line break inside it (a
// Word paragraph's w:br) becomes a hard break, and no line starts a block.
std::string inline_markdown(const std::string& s) {
  std::string out;
  std::size_t start = 0;
  for (;;) {
    std::size_t end = s.find('\n', start);
    std::string line = escape_inline(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
    out += start == 0 ? line : escape_block_start(line);
    if (end == std::string::npos) return out;
    out += "\\\n";
    start = end + 1;
  }
}

enum class BlockKind {
  Title, Group, NamedGrouping, NumberedHeading, StyledHeading, TocLine, OrderedItem, Bullet, Option, Paragraph, Table
};

struct Block {
  BlockKind kind;
  std::string text;          // without its marker for items and bullets
  std::string marker = {};   // "1." for ordered items, "-" for bullets
  NumberStyle style = NumberStyle::None;
  int level = 0;             // a styled heading's Markdown level
};

bool looks_like_title(const std::string& p) { return !has_sentence_punctuation(p) && text::display_width(p) <= 60; }

Block classify(const std::string& p, bool first) {
  if (first && looks_like_title(p)) return {BlockKind::Title, p, {}, NumberStyle::None};
  // 附　　则 stays as written: the clause tree reads it without the spacing.
  if (is_named_grouping(p) || is_annex_heading(p)) return {BlockKind::NamedGrouping, p, {}, NumberStyle::None};
  if (auto collapsed = collapse_spaced_heading(p)) return {BlockKind::Group, *collapsed, {}, NumberStyle::None};
  if (p.starts_with("- ") || p.starts_with("* ")) return {BlockKind::Bullet, p.substr(2), p.substr(0, 1)};
  auto mark = numbering::read_mark(p);
  if (!mark) return {BlockKind::Paragraph, p, {}, NumberStyle::None};
  std::string rest = p.substr(mark->length);
  if (is_numbered_heading(*mark, rest)) return {BlockKind::NumberedHeading, p, {}, mark->style};
  // "1." and "1)" are Markdown list markers; other forms stay numbered paragraphs.
  bool md_marker = (mark->style == NumberStyle::ArabicDot || mark->style == NumberStyle::ArabicRight) &&
                   !mark->literal.empty() && (mark->literal.back() == '.' || mark->literal.back() == ')') &&
                   std::isdigit(static_cast<unsigned char>(mark->literal[0]));
  if (md_marker) return {BlockKind::OrderedItem, rest, mark->literal};
  if (mark->style == NumberStyle::UpperLetter || mark->style == NumberStyle::LowerLetter)
    return {BlockKind::Option, p, {}, mark->style};
  return {BlockKind::Paragraph, p, {}, NumberStyle::None};
}

// The heading styles in the order of their levels: statute groupings by rank
// (编 above 分编 above 章 above 节, whichever comes first in the text), then
// other numbered headings in the order they appear.
std::vector<NumberStyle> heading_order(const std::vector<Block>& blocks) {
  std::vector<NumberStyle> law, other;
  for (const Block& b : blocks) {
    if (b.kind != BlockKind::NumberedHeading) continue;
    auto& list = numbering::law_rank(b.style) > 0 ? law : other;
    if (std::find(list.begin(), list.end(), b.style) == list.end()) list.push_back(b.style);
  }
  std::sort(law.begin(), law.end(), [](NumberStyle a, NumberStyle b) { return numbering::law_rank(a) < numbering::law_rank(b); });
  law.insert(law.end(), other.begin(), other.end());
  return law;
}

class Writer {
 public:
  explicit Writer(std::vector<Block> blocks) : blocks_(std::move(blocks)), heading_styles_(heading_order(blocks_)) {
    has_groups_ = std::any_of(blocks_.begin(), blocks_.end(), [](const Block& b) { return b.kind == BlockKind::Group; });
  }

  std::string body() {
    for (std::size_t i = 0; i < blocks_.size(); ++i) write(blocks_[i]);
    return out_.str();
  }

 private:
  std::vector<Block> blocks_;
  std::vector<NumberStyle> heading_styles_;
  std::ostringstream out_;
  bool has_groups_ = false;
  std::size_t item_indent_ = 0;  // > 0 inside an ordered list item

  int top_level() const { return has_groups_ ? 3 : 2; }

  int level_of(NumberStyle style) const {
    auto it = std::find(heading_styles_.begin(), heading_styles_.end(), style);
    return top_level() + static_cast<int>(it - heading_styles_.begin());
  }

  void emit(const std::string& s) { out_ << "\n" << s << "\n"; }

  void heading(int level, const std::string& text) {
    item_indent_ = 0;
    emit(std::string(static_cast<std::size_t>(level), '#') + " " + escape_inline(text));
  }

  void write(const Block& b) {
    switch (b.kind) {
      case BlockKind::Title: heading(1, b.text); break;
      case BlockKind::Group: heading(2, b.text); break;
      // 附则 and 附件一 stand beside the outermost grouping: 第X编 in a code, else 第X章.
      case BlockKind::NamedGrouping: heading(top_level(), b.text); break;
      case BlockKind::NumberedHeading: heading(level_of(b.style), b.text); break;
      case BlockKind::StyledHeading: heading(b.level, b.text); break;
      case BlockKind::Table: {  // as written, inside the list item before it
        std::string indent(item_indent_, ' '), table;
        for (std::size_t start = 0, end; start < b.text.size(); start = end + 1) {
          end = std::min(b.text.find('\n', start), b.text.size());
          table += (start ? "\n" : "") + indent + b.text.substr(start, end - start);
        }
        emit(table);
        break;
      }
      case BlockKind::OrderedItem:
        emit(b.marker + " " + inline_markdown(b.text));
        item_indent_ = b.marker.size() + 1;
        break;
      case BlockKind::Bullet:
      case BlockKind::Option: {
        // Bullets and A./B. options after a list item belong to that item.
        std::string indent(item_indent_, ' ');
        std::string line = b.kind == BlockKind::Bullet ? b.marker + " " + inline_markdown(b.text) : inline_markdown(b.text);
        emit(indent + line);
        break;
      }
      // A table of contents stays as plain lines before the text; the clause
      // tree recognises it and keeps it out of the ids.
      case BlockKind::TocLine:
      case BlockKind::Paragraph:
        item_indent_ = 0;
        emit(escape_block_start(inline_markdown(b.text)));
        break;
    }
  }
};

FrontMatter merged_meta(FrontMatter base, const ImportOptions& o) {
  base.id = o.meta.id.empty() ? base.id : o.meta.id;
  base.kind = o.meta.kind;
  base.published = o.meta.published;
  base.effective = o.effective_given ? o.meta.effective : base.effective;
  if (o.title_given) base.title = o.meta.title;
  if (o.class_given) base.doc_class = o.meta.doc_class;
  base.medium = o.meta.medium;
  if (o.meta.channel) base.channel = o.meta.channel;
  return base;
}

std::string reimport(const std::string& text, const ImportOptions& options, const std::string& path) {
  auto split = front_matter::split(text);
  std::vector<Diagnostic> diagnostics;
  FrontMatter meta = front_matter::read(split.yaml, path, diagnostics);
  for (const auto& d : diagnostics)
    if (d.severity == Severity::Error) throw Error(ErrorCode::BadInput, d.message, d.where);
  return render_front_matter(merged_meta(meta, options)) + std::string(split.body);
}

// The blocks of a plain-text document: its paragraphs, the table of contents
// line by line.
std::vector<Block> plain_text_blocks(const std::string& text) {
  std::vector<Line> lines = clean_lines(text);
  mark_table_of_contents(lines);
  std::vector<Block> blocks;
  for (const Paragraph& p : join_paragraphs(lines))
    blocks.push_back(p.toc && !blocks.empty() ? Block{BlockKind::TocLine, p.text} : classify(p.text, blocks.empty()));
  return blocks;
}

// A heading is one line: the breaks inside it go as wrapped lines do.
std::string one_line(const std::string& s) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0, end; start <= s.size(); start = end + 1) {
    end = std::min(s.find('\n', start), s.size());
    parts.push_back(std::string_view(s).substr(start, end - start));
  }
  return text::join_wrapped(parts);
}

// The blocks of a Word or PDF file: headings as the file styles them, ranked
// below the title in the order of their levels; other paragraphs read as
// plain text's are.
std::vector<Block> office_blocks(const std::vector<SourceParagraph>& paragraphs) {
  std::set<int> ranks;
  for (std::size_t i = 1; i < paragraphs.size(); ++i)
    if (paragraphs[i].heading > 0) ranks.insert(paragraphs[i].heading);
  std::vector<Block> blocks;
  for (const SourceParagraph& p : paragraphs) {
    bool first = blocks.empty();
    if (p.table) {
      blocks.push_back({BlockKind::Table, p.text});
    } else if (p.heading > 0) {
      std::string text = one_line(p.text);
      if (first) blocks.push_back({BlockKind::Title, text});
      else blocks.push_back({BlockKind::StyledHeading, text, {}, NumberStyle::None,
                             2 + static_cast<int>(std::distance(ranks.begin(), ranks.find(p.heading)))});
    } else {
      blocks.push_back(classify(p.text, first));
    }
  }
  return blocks;
}

// The front matter for an imported document: the options given, the title
// found in the text unless --title was given.
FrontMatter imported_meta(const ImportOptions& options, const std::optional<std::string>& title, const std::string& path,
                          const char* where_title) {
  FrontMatter meta = options.meta;
  if (!options.title_given) {
    if (!title) throw Error(ErrorCode::BadInput, std::string(where_title) + "; give one with --title", {path, 1});
    meta.title = *title;
  }
  if (!options.class_given) meta.doc_class = meta.id;
  if (!options.effective_given) meta.effective = meta.published;
  return meta;
}

Imported import_office(const OfficeText& office, const ImportOptions& options, const std::string& path) {
  std::vector<Block> blocks = office_blocks(office.paragraphs);
  std::optional<std::string> title;
  if (!blocks.empty() && blocks.front().kind == BlockKind::Title) title = blocks.front().text;
  FrontMatter meta = imported_meta(options, title, path, "the first paragraph does not look like a title");
  return {render_front_matter(meta) + Writer(std::move(blocks)).body(), office.warnings};
}

std::string import_text(std::string_view bytes, const ImportOptions& options, const std::string& path) {
  Decoded decoded = decode_text(bytes, path);
  if (front_matter::split(decoded.text).found) return reimport(decoded.text, options, path);
  if (is_markdown(decoded.text, path)) {
    MarkdownBody md = read_markdown(decoded.text);
    FrontMatter meta = imported_meta(options, md.title, path, "no '# ' heading to take the title from");
    return render_front_matter(meta) + "\n" + md.body;
  }
  std::vector<Block> blocks = plain_text_blocks(decoded.text);
  std::optional<std::string> title;
  if (!blocks.empty() && blocks.front().kind == BlockKind::Title) title = blocks.front().text;
  FrontMatter meta = imported_meta(options, title, path, "the first line does not look like a title");
  return render_front_matter(meta) + Writer(std::move(blocks)).body();
}

}  // namespace

Imported import_file_contents(std::string_view bytes, const ImportOptions& options, const std::string& path) {
  switch (detect_format(bytes, path)) {
    case FileFormat::Pdf: return import_office(read_pdf(bytes, path), options, path);
    case FileFormat::Docx: return import_office(read_docx(bytes, path), options, path);
    case FileFormat::LegacyOffice:
      throw Error(ErrorCode::BadInput,
                  "a legacy Word (.doc) or WPS (.wps) file, which lexgit does not read; save it as .docx "
                  "(Word or WPS: Save As › .docx; LibreOffice: soffice --headless --convert-to docx FILE) and import that",
                  {path, 0});
    case FileFormat::Text: break;
  }
  return {import_text(bytes, options, path), {}};
}

std::string import_document(std::string_view bytes, const ImportOptions& options, const std::string& path) {
  return import_file_contents(bytes, options, path).markdown;
}

}  // namespace lexgit
