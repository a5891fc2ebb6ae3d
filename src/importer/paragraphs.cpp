// Re-joining hard-wrapped lines into paragraphs under the document's own wrap.
//
// Extracted text is wrapped in one of two ways: by character count (a text
// editor, a database export: every full line has the same number of
// characters) or by layout (a PDF: every full line has the same width, with
// full-width punctuation compressed to half a character). The importer measures
// every line both ways and takes the wrap under which full lines agree best.
// Under that wrap a full line never ends its paragraph, even when it ends a
// sentence, and a line that stops short always does. Where the document marks
// paragraphs itself — each paragraph's first line indented, or blank lines
// only between paragraphs — those marks come first.
#include <algorithm>
#include <map>

#include "importer/plain_text.hpp"
#include "lexgit/text.hpp"

namespace lexgit::importer {
namespace {

enum class Measure { Chars, Layout };

int measure(const Line& l, Measure m) { return m == Measure::Chars ? l.chars : l.layout; }

int measure(std::string_view s, Measure m) { return m == Measure::Chars ? char_count(s) : layout_width(s); }

// How the document is wrapped.
struct WrapModel {
  enum class Kind {
    Wrapped,    // hard-wrapped at `width` under `measure`
    Unwrapped,  // a paragraph to a line
    Unknown,    // no clear wrap: sentence ends and short lines end paragraphs
  } kind = Kind::Unknown;
  Measure measure = Measure::Layout;
  int width = 0;
  // A layout wrap leaves a line one column short when the next character is
  // two columns wide; a character-count wrap fills every line exactly.
  int tolerance() const { return measure == Measure::Layout ? 1 : 0; }
};

struct WidthFit {
  int width = 0;
  int full = 0;  // lines at the width (within the tolerance)
  int over = 0;  // lines wider than it
};

// The width most lines fill without others passing it. Lines wider than the
// wrap are rare (a URL that could not break), so each counts against a width
// three times as much as a full line counts for it.
WidthFit best_width(const std::vector<Line>& lines, Measure m, int tolerance) {
  std::map<int, int> counts;
  for (const Line& l : lines)
    if (!l.toc) ++counts[measure(l, m)];
  WidthFit best;
  int best_score = 0;
  for (const auto& [width, n] : counts) {
    if (width < 8) continue;  // headings and stubs, not a wrap
    WidthFit fit{width, 0, 0};
    for (const auto& [w, k] : counts) {
      if (w > width) fit.over += k;
      else if (w >= width - tolerance) fit.full += k;
    }
    int score = fit.full - 3 * fit.over;
    if (score > best_score) best = fit, best_score = score;
  }
  return best;
}

// Text pasted from a database keeps each paragraph on one line: then (almost)
// every line ends a sentence or is a heading.
bool lines_are_paragraphs(const std::vector<Line>& lines) {
  int text_lines = 0, sentence_ends = 0;
  for (const Line& l : lines) {
    if (l.toc || is_heading_line(l.text)) continue;
    ++text_lines;
    sentence_ends += ends_sentence(l.text) ? 1 : 0;
  }
  return text_lines >= 12 && sentence_ends * 10 >= text_lines * 9;
}

WrapModel infer_wrap(const std::vector<Line>& lines) {
  int n = static_cast<int>(std::count_if(lines.begin(), lines.end(), [](const Line& l) { return !l.toc; }));
  WrapModel model;
  WidthFit by_chars = best_width(lines, Measure::Chars, 0);
  WidthFit by_layout = best_width(lines, Measure::Layout, 1);
  bool chars_better = by_chars.full > by_layout.full;
  const WidthFit& fit = chars_better ? by_chars : by_layout;
  // A wrap shows as a good share of lines filling one width that (almost) no
  // line passes. A PDF that justifies mixed text has no such width (the seed
  // agreement's lines spread over ten columns): its wrap stays unknown.
  bool wrapped = fit.full >= 2 && fit.full * 5 >= n && fit.over <= std::max(1, n / 50);
  if (wrapped) {
    model.kind = WrapModel::Kind::Wrapped;
    model.measure = chars_better ? Measure::Chars : Measure::Layout;
    model.width = fit.width;
  } else if (lines_are_paragraphs(lines)) {
    model.kind = WrapModel::Kind::Unwrapped;
  }
  return model;
}

// Whether the document marks its paragraphs itself.
struct ParagraphMarks {
  bool indent = false;  // first lines indented, continuation lines not
  bool blank = false;   // blank lines between paragraphs, not after every line
};

ParagraphMarks find_marks(const std::vector<Line>& lines) {
  int indented = 0, flush = 0, blanks = 0, gaps = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    if (l.toc || is_heading_line(l.text)) continue;
    (l.indented ? indented : flush) += 1;
    if (i > 0) {
      ++gaps;
      blanks += l.blank_before ? 1 : 0;
    }
  }
  ParagraphMarks marks;
  marks.indent = indented >= 2 && flush >= 1;
  // Extraction that puts a blank line after every line says nothing by it.
  marks.blank = blanks > 0 && blanks * 10 < gaps * 6;
  return marks;
}

// The width of the first thing a wrap could not break: a Latin word or URL,
// or one character.
std::string_view first_word(std::string_view s) {
  std::size_t end = 0;
  while (end < s.size() && static_cast<unsigned char>(s[end]) > 0x20 && static_cast<unsigned char>(s[end]) < 0x7F) ++end;
  if (end == 0) {
    std::size_t pos = 0;
    text::next_code_point(s, pos);
    end = pos;
  }
  return s.substr(0, end);
}

class Joiner {
 public:
  explicit Joiner(const std::vector<Line>& lines)
      : lines_(lines), model_(infer_wrap(lines)), marks_(find_marks(lines)), fallback_width_(percentile_width()) {}

  std::vector<Paragraph> run() {
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      if (!current_.empty() && breaks_before(i)) flush();
      if (current_.empty()) numbers_.record(lines_[i].text);
      current_.push_back(lines_[i].space_after ? lines_[i].text + " " : lines_[i].text);
      current_toc_ = lines_[i].toc;
    }
    flush();
    return std::move(paragraphs_);
  }

 private:
  const std::vector<Line>& lines_;
  WrapModel model_;
  ParagraphMarks marks_;
  int fallback_width_;
  NumberSequence numbers_;
  std::vector<std::string> current_;
  bool current_toc_ = false;
  std::vector<Paragraph> paragraphs_;

  void flush() {
    if (!current_.empty()) {
      std::vector<std::string_view> lines(current_.begin(), current_.end());
      std::string joined = text::join_wrapped(lines);
      while (joined.ends_with(" ")) joined.pop_back();
      paragraphs_.push_back({std::move(joined), current_toc_});
    }
    current_.clear();
  }

  bool breaks_before(std::size_t i) const {
    const Line& prev = lines_[i - 1];
    const Line& cur = lines_[i];
    if (prev.toc || cur.toc || (i == 1 && is_title_line(prev, cur))) return true;  // these stand alone
    if (is_heading_line(cur.text) || is_heading_line(prev.text)) return true;
    if (marks_.indent || marks_.blank) {
      if ((marks_.indent && cur.indented) || (marks_.blank && cur.blank_before)) return true;
    } else if (starts_next_unit(prev, cur)) {
      return true;
    }
    switch (model_.kind) {
      case WrapModel::Kind::Wrapped: return !is_full(prev, cur);
      case WrapModel::Kind::Unwrapped: return true;
      case WrapModel::Kind::Unknown: break;
    }
    if (marks_.indent || marks_.blank) return false;  // the marks say the paragraph goes on
    return ends_sentence(prev.text) || stops_short(prev, cur);
  }

  // The first line, short and without sentence punctuation, is the title.
  bool is_title_line(const Line& first, const Line& next) const {
    if (has_sentence_punctuation(first.text) || text::display_width(first.text) > 60) return false;
    return model_.kind != WrapModel::Kind::Wrapped || !is_full(first, next);
  }

  // Full under the document's wrap: as wide as the wrap, or the next line's
  // first word would not have fitted after it.
  bool is_full(const Line& prev, const Line& cur) const {
    int w = measure(prev, model_.measure);
    return w >= model_.width - model_.tolerance() || w + measure(first_word(cur.text), model_.measure) > model_.width;
  }

  // A line that starts the next article or item in sequence starts a
  // paragraph even after a full line: 第五条　… after 第四条, 2. after 1.
  bool starts_next_unit(const Line& prev, const Line& cur) const { return numbers_.starts_next(cur.text, prev.text); }

  // Without a wrap model (too few lines): a line well short of the longest,
  // although the next line's first word would have fitted on it.
  bool stops_short(const Line& prev, const Line& cur) const {
    int first = layout_width(first_word(cur.text));
    return prev.layout * 10 < fallback_width_ * 8 && prev.layout + first <= fallback_width_;
  }

  // The 90th percentile ignores the few lines that overflow a wrap; a short
  // text has too few lines for that, and its longest line is the best guess.
  int percentile_width() const {
    std::vector<int> widths;
    for (const Line& l : lines_) widths.push_back(l.layout);
    if (widths.empty()) return 0;
    std::sort(widths.begin(), widths.end());
    if (widths.size() < 20) return widths.back();
    return widths[(widths.size() - 1) * 9 / 10];
  }
};

}  // namespace

void NumberSequence::record(std::string_view paragraph_start) {
  auto mark = numbering::read_mark(paragraph_start);
  if (mark) last_[mark->style] = {mark->value, mark->insertion};
}

bool NumberSequence::continues(const numbering::Mark& mark, bool after_lead_in) const {
  auto it = last_.find(mark.style);
  if (it == last_.end()) return mark.value == 1 && after_lead_in;
  auto [value, insertion] = it->second;
  if (mark.insertion > 0) return mark.value == value && mark.insertion == insertion + 1;  // 第十七条之一
  return mark.value == value + 1 || (mark.value == 1 && after_lead_in);
}

bool NumberSequence::starts_next(std::string_view line, std::string_view previous_line) const {
  auto mark = numbering::read_mark(line);
  if (!mark || mark->style == NumberStyle::Bullet) return false;
  if (mark->style == NumberStyle::Tiao && mark->length > mark->literal.size()) return true;  // 第五条　…, spaced
  bool after_lead_in = previous_line.ends_with("：") || previous_line.ends_with(":");
  return continues(*mark, after_lead_in);
}

std::vector<Paragraph> join_paragraphs(const std::vector<Line>& lines) { return Joiner(lines).run(); }

}  // namespace lexgit::importer
