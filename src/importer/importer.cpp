// From extracted text to a lexgit document.
//
// PDF extraction leaves hard-wrapped lines, blank lines between all of them,
// page numbers, a leading space where a page starts, and headings spaced out
// for emphasis (通 用 条 款). The importer works in three steps: clean the lines,
// re-join them into paragraphs, and write each paragraph as Markdown.
#include "lexgit/importer.hpp"

#include <algorithm>
#include <regex>
#include <sstream>

#include "document/front_matter.hpp"
#include "document/numbering.hpp"

namespace lexgit {
namespace {

struct Line {
  std::string text;       // trimmed
  bool indented = false;  // began with an ideographic space or a real indent
  bool blank_before = false;
  int width = 0;
};

std::string_view trim_view(std::string_view s) {
  for (;;) {
    if (s.starts_with(" ") || s.starts_with("\t") || s.starts_with("\f")) s.remove_prefix(1);
    else if (s.starts_with("\u3000")) s.remove_prefix(3);
    else break;
  }
  for (;;) {
    if (s.ends_with(" ") || s.ends_with("\t") || s.ends_with("\f")) s.remove_suffix(1);
    else if (s.ends_with("\u3000")) s.remove_suffix(3);
    else break;
  }
  return s;
}

// Page numbers on lines of their own: "- 3 -", "— 3 —", "第 3 页 共 7 页", "3 / 7", "3".
bool is_page_artefact(std::string_view line) {
  static const std::regex page(
      R"(^(?:[-—–－]\s*\d+\s*[-—–－]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d{1,4}|[Pp]age\s*\d+(?:\s*of\s*\d+)?)$)");
  return std::regex_match(line.begin(), line.end(), page);
}

int layout_width(std::string_view s);

std::vector<Line> clean_lines(const std::string& text) {
  std::vector<Line> out;
  std::istringstream in(text);
  std::string raw;
  bool blank = false;
  while (std::getline(in, raw)) {
    std::replace(raw.begin(), raw.end(), '\f', '\n');
    std::istringstream pieces(raw);
    std::string piece;
    while (std::getline(pieces, piece)) {
      std::string_view t = trim_view(piece);
      if (t.empty()) {
        blank = true;
        continue;
      }
      if (is_page_artefact(t)) continue;  // neither text nor a paragraph break
      Line l;
      l.text = std::string(t);
      // A single leading space is what a page start leaves; an ideographic
      // space or a wider indent marks a new paragraph.
      l.indented = piece.starts_with("\u3000") || piece.starts_with("  ") || piece.starts_with("\t");
      l.blank_before = blank;
      l.width = layout_width(l.text);
      out.push_back(std::move(l));
      blank = false;
    }
  }
  return out;
}

bool ends_sentence(std::string_view s) {
  for (std::string_view p : {"。", "；", "：", "！", "？", ";", ":", "!", "?"})
    if (s.ends_with(p)) return true;
  return false;
}

bool has_sentence_punctuation(std::string_view s) {
  for (std::string_view p : {"。", "，", "；", "：", "！", "？", ",", ";", ":"})
    if (s.find(p) != std::string_view::npos) return true;
  return false;
}

// 通 用 条 款: single characters separated by single spaces.
std::optional<std::string> collapse_spaced_heading(std::string_view s) {
  std::string out;
  int chars = 0;
  std::size_t pos = 0;
  bool expect_char = true;
  while (pos < s.size()) {
    std::size_t start = pos;
    char32_t cp = text::next_code_point(s, pos);
    bool space = cp == U' ' || cp == U'\u3000';
    if (expect_char) {
      if (space || !text::is_cjk(cp)) return std::nullopt;
      out.append(s.substr(start, pos - start));
      ++chars;
    } else if (!space) {
      return std::nullopt;
    }
    expect_char = !expect_char;
  }
  if (chars < 2 || expect_char) return std::nullopt;
  return out;
}

// A numbered heading: 一． 业务合作伙伴权益资格, 第一章 总则.
bool is_numbered_heading(const numbering::Mark& mark, std::string_view rest) {
  int rank = numbering::law_rank(mark.style);
  bool heading_style = mark.style == NumberStyle::ChineseEnum || (rank > 0 && rank <= numbering::law_rank(NumberStyle::Jie));
  return heading_style && !rest.empty() && text::display_width(rest) <= 40 && !has_sentence_punctuation(rest);
}

// Width as a PDF lays out Chinese text: full-width punctuation is compressed
// to half a character (标点挤压), so lines with more punctuation hold more text.
int layout_width(std::string_view s) {
  static constexpr std::string_view compressed = "，。；：、“”‘’（）《》【】！？";
  int width = 0;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t start = pos;
    text::next_code_point(s, pos);
    std::string_view ch = s.substr(start, pos - start);
    width += compressed.find(ch) != std::string_view::npos ? 1 : text::display_width(ch);
  }
  return width;
}

// The width of a full line. The 90th percentile ignores the few lines that
// overflow it (a URL that could not break); a short text has too few lines
// for that, and its longest line is the best guess.
int wrap_width(const std::vector<Line>& lines) {
  std::vector<int> widths;
  for (const Line& l : lines) widths.push_back(l.width);
  if (widths.empty()) return 0;
  std::sort(widths.begin(), widths.end());
  if (widths.size() < 20) return widths.back();
  return widths[(widths.size() - 1) * 9 / 10];
}

// Blank lines separate paragraphs, unless the extraction put one after every line.
bool blank_lines_are_breaks(const std::vector<Line>& lines) {
  if (lines.size() < 4) return true;
  std::size_t blanks = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) blanks += lines[i].blank_before ? 1 : 0;
  return blanks * 10 < (lines.size() - 1) * 6;
}

// The width of the first thing the layout could not break: a Latin word or
// URL, or one character.
int first_word_width(std::string_view s) {
  std::size_t end = 0;
  while (end < s.size() && static_cast<unsigned char>(s[end]) > 0x20 && static_cast<unsigned char>(s[end]) < 0x7F) ++end;
  if (end == 0) {
    std::size_t pos = 0;
    text::next_code_point(s, pos);
    end = pos;
  }
  return layout_width(s.substr(0, end));
}

bool is_heading_line(std::string_view s) {
  if (collapse_spaced_heading(s)) return true;
  auto mark = numbering::read_mark(s);
  return mark && is_numbered_heading(*mark, s.substr(mark->length));
}

// Where a paragraph ends: after a line that ends a sentence, after a line that
// stops well short of the wrap width although the next line's first word would
// have fit on it, before an indented line and around headings. A sentence that happens to end exactly at the wrap width also ends
// the paragraph: the text alone cannot tell the two apart.
std::vector<std::string> join_paragraphs(const std::vector<Line>& lines) {
  std::vector<std::string> paragraphs;
  const int full = wrap_width(lines);
  const bool blank_breaks = blank_lines_are_breaks(lines);
  std::vector<std::string_view> current;
  auto flush = [&] {
    if (!current.empty()) paragraphs.push_back(text::join_wrapped(current));
    current.clear();
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    if (!current.empty()) {
      const Line& prev = lines[i - 1];
      bool short_line = prev.width * 10 < full * 8 && prev.width + first_word_width(l.text) <= full;
      bool break_here = ends_sentence(prev.text) || short_line || l.indented ||
                        (blank_breaks && l.blank_before) || is_heading_line(l.text) || is_heading_line(prev.text);
      if (break_here) flush();
    }
    current.push_back(l.text);
  }
  flush();
  return paragraphs;
}

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

enum class BlockKind { Title, Group, NumberedHeading, OrderedItem, Bullet, Option, Paragraph };

struct Block {
  BlockKind kind;
  std::string text;          // without its marker for items and bullets
  std::string marker = {};   // "1." for ordered items, "-" for bullets
  NumberStyle style = NumberStyle::None;
};

Block classify(const std::string& p, bool first) {
  if (auto collapsed = collapse_spaced_heading(p)) return {BlockKind::Group, *collapsed, {}, NumberStyle::None};
  if (first && !has_sentence_punctuation(p) && text::display_width(p) <= 60) return {BlockKind::Title, p, {}, NumberStyle::None};
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

class Writer {
 public:
  explicit Writer(std::vector<Block> blocks) : blocks_(std::move(blocks)) { assign_heading_levels(); }

  std::string body() {
    for (const Block& b : blocks_) write(b);
    return out_.str();
  }

 private:
  std::vector<Block> blocks_;
  std::ostringstream out_;
  std::vector<NumberStyle> heading_styles_;
  bool has_groups_ = false;
  std::size_t item_indent_ = 0;  // > 0 inside an ordered list item

  void assign_heading_levels() {
    for (const Block& b : blocks_) {
      if (b.kind == BlockKind::Group) has_groups_ = true;
      if (b.kind == BlockKind::NumberedHeading &&
          std::find(heading_styles_.begin(), heading_styles_.end(), b.style) == heading_styles_.end())
        heading_styles_.push_back(b.style);
    }
  }

  int level_of(NumberStyle style) const {
    auto it = std::find(heading_styles_.begin(), heading_styles_.end(), style);
    return (has_groups_ ? 3 : 2) + static_cast<int>(it - heading_styles_.begin());
  }

  void emit(const std::string& s) { out_ << "\n" << s << "\n"; }

  void write(const Block& b) {
    switch (b.kind) {
      case BlockKind::Title: item_indent_ = 0; emit("# " + escape_inline(b.text)); break;
      case BlockKind::Group: item_indent_ = 0; emit("## " + escape_inline(b.text)); break;
      case BlockKind::NumberedHeading:
        item_indent_ = 0;
        emit(std::string(static_cast<std::size_t>(level_of(b.style)), '#') + " " + escape_inline(b.text));
        break;
      case BlockKind::OrderedItem:
        emit(b.marker + " " + escape_inline(b.text));
        item_indent_ = b.marker.size() + 1;
        break;
      case BlockKind::Bullet:
      case BlockKind::Option: {
        // Bullets and A./B. options after a list item belong to that item.
        std::string indent(item_indent_, ' ');
        std::string line = b.kind == BlockKind::Bullet ? b.marker + " " + escape_inline(b.text) : escape_inline(b.text);
        emit(indent + line);
        break;
      }
      case BlockKind::Paragraph:
        item_indent_ = 0;
        emit(escape_block_start(escape_inline(b.text)));
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

}  // namespace

std::string import_document(std::string_view bytes, const ImportOptions& options, const std::string& path) {
  Decoded decoded = decode_text(bytes, path);
  if (front_matter::split(decoded.text).found) return reimport(decoded.text, options, path);

  std::vector<std::string> paragraphs = join_paragraphs(clean_lines(decoded.text));
  std::vector<Block> blocks;
  for (const std::string& p : paragraphs) blocks.push_back(classify(p, blocks.empty()));

  FrontMatter meta = options.meta;
  if (!options.title_given) {
    if (blocks.empty() || blocks.front().kind != BlockKind::Title)
      throw Error(ErrorCode::BadInput, "the first line does not look like a title; give one with --title", {path, 1});
    meta.title = blocks.front().text;
  }
  if (!options.class_given) meta.doc_class = meta.id;
  if (!options.effective_given) meta.effective = meta.published;
  return render_front_matter(meta) + Writer(std::move(blocks)).body();
}

}  // namespace lexgit
