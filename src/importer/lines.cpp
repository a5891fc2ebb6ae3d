// Lines of extracted text as the source lays them out, and what a line alone
// can say: a heading, a table of contents, a sentence's end.
#include <algorithm>
#include <regex>
#include <sstream>

#include "importer/plain_text.hpp"
#include "lexgit/text.hpp"

namespace lexgit::importer {
namespace {

struct Indent {
  int columns = 0;
  int chars = 0;
};

Indent leading_blanks(std::string_view s) {
  Indent indent;
  std::size_t pos = 0;
  while (pos < s.size()) {
    char32_t cp = text::next_code_point(s, pos);
    if (!text::is_blank(cp)) break;
    indent.columns += cp == U'\u3000' ? 2 : cp == U'\t' ? 4 : (cp == U' ' || cp == U'\u00A0') ? 1 : 0;
    ++indent.chars;
  }
  return indent;
}

// ASCII spaces at the end: a wrap between two words leaves the space there.
int trailing_spaces(std::string_view s) {
  int n = 0;
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1), ++n;
  return n;
}

// A single leading space is what a page start leaves, not an indent. The margin
// is the indent every line has (text pasted with a uniform left margin); only
// an indent beyond it marks a paragraph's first line.
void mark_indented(std::vector<Line>& lines) {
  auto effective = [](const Line& l) { return l.indent <= 1 ? 0 : l.indent; };
  int margin = lines.empty() ? 0 : effective(lines.front());
  for (const Line& l : lines) margin = std::min(margin, effective(l));
  for (Line& l : lines) l.indented = effective(l) - margin >= 2;
}

bool is_toc_entry(std::string_view line) {
  if (is_named_grouping(line)) return true;
  auto mark = numbering::read_mark(line);
  return mark && (numbering::is_grouping(mark->style) || mark->style == NumberStyle::Bufen);
}

}  // namespace

bool is_page_artefact(std::string_view line) {
  static const std::regex page(
      R"(^(?:[-—–－]\s*\d+\s*[-—–－]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d{1,4}|[Pp]age\s*\d+(?:\s*of\s*\d+)?)$)");
  return std::regex_match(line.begin(), line.end(), page);
}

int char_count(std::string_view s) {
  int n = 0;
  for (std::size_t pos = 0; pos < s.size(); ++n) text::next_code_point(s, pos);
  return n;
}

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

std::vector<Line> clean_lines(const std::string& text) {
  std::vector<Line> out;
  std::string normalised = text;
  std::replace(normalised.begin(), normalised.end(), '\f', '\n');
  std::istringstream in(normalised);
  std::string raw;
  bool blank = false;
  while (std::getline(in, raw)) {
    std::string_view t = text::trim_blank(raw);
    if (t.empty()) {  // empty, or only invisible characters
      blank = true;
      continue;
    }
    if (is_page_artefact(t)) continue;  // neither text nor a paragraph break
    Line l;
    l.text = std::string(t);
    // A wrap counts the indent (an indented first line holds less text) and
    // the space it broke at, which stays at the end of the line.
    Indent indent = leading_blanks(raw);
    if (indent.columns == 1) indent = {};  // a page start, not part of the line
    int trailing = trailing_spaces(raw);
    l.indent = indent.columns;
    l.space_after = trailing > 0;
    l.blank_before = blank;
    l.chars = indent.chars + char_count(l.text) + trailing;
    l.layout = indent.columns + layout_width(l.text) + trailing;
    out.push_back(std::move(l));
    blank = false;
  }
  mark_indented(out);
  return out;
}

void mark_table_of_contents(std::vector<Line>& lines) {
  // A table of contents comes before the text, so only near the top.
  std::size_t limit = std::min<std::size_t>(lines.size(), 40);
  std::size_t title = 0;
  while (title < limit && numbering::toc_key(lines[title].text) != "目录") ++title;
  if (title == limit) return;
  std::string first_key;
  std::size_t end = title + 1;
  for (; end < lines.size() && is_toc_entry(lines[end].text); ++end) {
    std::string key = numbering::toc_key(lines[end].text);
    if (key == first_key) break;  // the text's own first heading
    if (first_key.empty()) first_key = key;
  }
  if (end == title + 1) return;  // 目录 with nothing listed is just a word
  for (std::size_t i = title; i < end; ++i) lines[i].toc = true;
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

bool is_named_grouping(std::string_view s) {
  std::string squeezed = text::squeeze_cjk_spacing(text::trim_blank(s));
  return squeezed == "附则" || squeezed == "总则" || squeezed == "分则";
}

bool is_numbered_heading(const numbering::Mark& mark, std::string_view rest) {
  if (rest.empty() || has_sentence_punctuation(rest)) return false;
  // Statute groupings carry long titles (第八章　公司董事、监事、高级管理人员的资格和义务).
  if (numbering::is_grouping(mark.style) || mark.style == NumberStyle::Bufen) return text::display_width(rest) <= 60;
  return mark.style == NumberStyle::ChineseEnum && text::display_width(rest) <= 40;
}

bool is_annex_heading(std::string_view s) {
  std::string squeezed = text::squeeze_cjk_spacing(text::trim_blank(s));
  for (std::string_view word : {"附件", "附录", "附表"}) {
    if (!std::string_view(squeezed).starts_with(word)) continue;
    std::string_view rest = std::string_view(squeezed).substr(word.size());
    auto numeral = text::read_numeral(rest);
    return rest.empty() || (numeral && numeral->length == rest.size());
  }
  return false;
}

bool is_heading_line(std::string_view s) {
  if (collapse_spaced_heading(s) || is_named_grouping(s) || is_annex_heading(s)) return true;
  auto mark = numbering::read_mark(s);
  return mark && is_numbered_heading(*mark, s.substr(mark->length));
}

}  // namespace lexgit::importer
