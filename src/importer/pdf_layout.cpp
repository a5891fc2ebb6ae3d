#include "importer/pdf_layout.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "importer/plain_text.hpp"
#include "lexgit/text.hpp"

namespace lexgit::importer {
namespace {

struct Line {
  int page = 0;
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double size = 0;
  bool bold = true;
  double lead = 0;            // the first word's unbreakable start
  bool starts_label = false;  // a number or bullet set apart from the text by a gap (a tab)
  std::string text;
};

char32_t first_code_point(std::string_view s) {
  std::size_t pos = 0;
  return s.empty() ? 0 : text::next_code_point(s, pos);
}

char32_t last_code_point(std::string_view s) {
  std::size_t start = s.size();
  while (start > 0 && (static_cast<unsigned char>(s[start - 1]) & 0xC0) == 0x80) --start;
  if (start > 0) --start;
  return first_code_point(s.substr(start));
}

// Full-width punctuation: what a CJK layout lets hang past the right edge.
bool is_cjk_punctuation(char32_t cp) {
  return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
         (cp >= 0x2018 && cp <= 0x201D);
}

bool is_bullet_glyph(std::string_view s) {
  for (std::string_view b : {"•", "●", "▪", "■", "◦", "○", "·", "-", "–", "—", "", "※"})
    if (s == b) return true;
  return false;
}

// A number alone, as Word sets one before its tab: "1.", "一．", "（一）", "第一条".
bool is_number_label(std::string_view s) {
  auto mark = numbering::read_mark(s);
  return mark && mark->length >= s.size();
}

// Between two words on a line. Next to CJK, layout engines widen the gap
// between 青云 and QingCloud by about a fifth of an em, which is not the
// document's space: only a gap wider than that is one (a space is a quarter
// em or more). Latin words are separated by any gap.
std::string separator(const PdfWord& a, const PdfWord& b) {
  double gap = b.x0 - a.x1;
  if (text::is_cjk(last_code_point(a.text)) || text::is_cjk(first_code_point(b.text))) return gap > 0.23 * a.size ? " " : "";
  return a.space_after || gap > 0.1 * a.size ? " " : "";
}

Line make_line(int page, const std::vector<const PdfWord*>& words) {
  Line l;
  l.page = page;
  l.x0 = words.front()->x0, l.x1 = words.back()->x1;
  l.y0 = words.front()->y0, l.y1 = words.front()->y1;
  l.lead = words.front()->lead;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const PdfWord& w = *words[i];
    l.y0 = std::min(l.y0, w.y0), l.y1 = std::max(l.y1, w.y1);
    l.x1 = std::max(l.x1, w.x1);
    l.bold = l.bold && w.bold;
    // The line's size is that of most of its text.
    if (w.text.size() > chars) l.size = w.size, chars = w.text.size();
    if (i == 0) {
      bool gap = words.size() > 1 && words[1]->x0 - w.x1 > 0.2 * w.size;  // a tab or a space
      if (gap && is_bullet_glyph(w.text)) {
        l.text = "- ", l.starts_label = true;
        continue;
      }
      l.text = w.text;
      if (gap && is_number_label(w.text)) l.text += " ", l.starts_label = true;
      continue;
    }
    if (!l.text.ends_with(" ")) l.text += separator(*words[i - 1], w);
    l.text += w.text;
  }
  return l;
}

std::vector<Line> page_lines(int page, const PdfPage& p) {
  std::vector<Line> lines;
  std::vector<const PdfWord*> current;
  for (const PdfWord& w : p.words) {
    if (text::trim_blank(w.text).empty()) continue;
    if (!current.empty()) {
      const PdfWord& last = *current.back();
      double centre = (w.y0 + w.y1) / 2;
      double top = last.y0, bottom = last.y1;
      bool same_band = centre > top && centre < bottom;
      if (!same_band || w.x0 < last.x0) {
        lines.push_back(make_line(page, current));
        current.clear();
      }
    }
    current.push_back(&w);
  }
  if (!current.empty()) lines.push_back(make_line(page, current));
  return lines;
}

// The most common value, rounded to half a point; ties go to the larger.
double mode(const std::vector<double>& values) {
  std::map<long, int> counts;
  for (double v : values) ++counts[std::lround(v * 2)];
  long best = 0;
  int best_count = 0;
  for (auto [v, n] : counts)
    if (n >= best_count) best = v, best_count = n;
  return best / 2.0;
}

std::string running_key(std::string_view s) {
  std::string out;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != ' ') out += c;
  return out;
}

class Layout {
 public:
  explicit Layout(const std::vector<PdfPage>& pages) : pages_(pages) {
    for (std::size_t i = 0; i < pages.size(); ++i) {
      auto lines = page_lines(static_cast<int>(i), pages[i]);
      lines_.insert(lines_.end(), lines.begin(), lines.end());
    }
    measure_text_size();
    drop_running_lines();
    measure_block();
  }

  std::vector<SourceParagraph> paragraphs() {
    std::vector<std::vector<const Line*>> groups;
    for (const Line& l : lines_) {
      if (groups.empty() || breaks_before(groups.back(), l)) {
        groups.emplace_back();
        numbers_.record(l.text);
      }
      groups.back().push_back(&l);
    }
    std::vector<SourceParagraph> out;
    std::vector<double> heading_sizes;  // keys of headings, for their ranks
    for (const auto& g : groups) {
      SourceParagraph p;
      p.text = join(g);
      if (is_heading(*g.front())) p.heading = -1;
      out.push_back(std::move(p));
    }
    rank_headings(groups, out);
    return out;
  }

 private:
  const std::vector<PdfPage>& pages_;
  std::vector<Line> lines_;
  double size_ = 10;          // the text's font size
  double left_ = 0, right_ = 0;  // the text block's edges
  double line_gap_ = 0;       // whitespace between two lines of a paragraph
  NumberSequence numbers_;    // numbers that started paragraphs so far

  void measure_text_size() {
    std::vector<double> sizes;
    for (const Line& l : lines_)
      for (std::size_t i = 0; i < l.text.size(); i += 3) sizes.push_back(l.size);  // weighted by length
    if (!sizes.empty()) size_ = mode(sizes);
  }

  bool in_margin(const Line& l) const {
    double h = pages_[static_cast<std::size_t>(l.page)].height;
    return l.y1 < 0.12 * h || l.y0 > 0.88 * h;
  }

  // Headers and footers: on several pages the same (page numbers aside),
  // smaller than the text, or a page number phrase.
  void drop_running_lines() {
    std::map<std::string, std::set<int>> pages_of;
    for (const Line& l : lines_)
      if (in_margin(l)) pages_of[running_key(l.text)].insert(l.page);
    std::size_t repeated = std::max<std::size_t>(2, (pages_.size() + 1) / 2);
    std::erase_if(lines_, [&](const Line& l) {
      if (!in_margin(l)) return false;
      return is_page_artefact(text::trim_blank(l.text)) ||
             pages_of[running_key(l.text)].size() >= repeated || l.size < size_ - 0.9;
    });
  }

  void measure_block() {
    std::vector<double> lefts, gaps;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      const Line& l = lines_[i];
      if (std::abs(l.size - size_) > 0.5) continue;
      lefts.push_back(l.x0);
      // Punctuation may hang past the edge; the edge is where text ends.
      if (!is_cjk_punctuation(last_code_point(l.text))) right_ = std::max(right_, l.x1);
      if (i > 0 && lines_[i - 1].page == l.page && std::abs(lines_[i - 1].size - size_) <= 0.5)
        gaps.push_back(std::max(0.0, l.y0 - lines_[i - 1].y1));
    }
    if (lefts.empty()) return;
    std::sort(lefts.begin(), lefts.end());
    left_ = lefts.front();
    if (right_ == 0)
      for (const Line& l : lines_) right_ = std::max(right_, l.x1);
    if (!gaps.empty()) {
      std::sort(gaps.begin(), gaps.end());
      line_gap_ = gaps[gaps.size() / 2];
    }
  }

  bool centred(const Line& l) const {
    double middle = (left_ + right_) / 2;
    return l.x0 > left_ + 2 * size_ && std::abs((l.x0 + l.x1) / 2 - middle) < size_;
  }

  bool is_heading(const Line& l) const {
    if (l.size > size_ * 1.15) return true;
    if (l.bold && l.size >= size_ - 0.5) return true;
    return centred(l) && !has_sentence_punctuation(l.text);
  }

  // What sets a heading apart: size first, then weight.
  double heading_key(const Line& l) const { return std::round(l.size * 2) / 2 + (l.bold ? 0.25 : 0); }

  bool near(double a, double b) const { return std::abs(a - b) <= 0.5 * size_; }

  bool breaks_before(const std::vector<const Line*>& para, const Line& l) const {
    const Line& prev = *para.back();
    const Line& first = *para.front();
    if (is_heading(prev) != is_heading(l) || (is_heading(l) && heading_key(prev) != heading_key(l))) return true;
    if (prev.page == l.page && l.y0 - prev.y1 > line_gap_ + 0.6 * size_) return true;
    // A bullet, or a number set apart that comes next in its sequence (not 2) of an inline 1) … 2)).
    if (l.starts_label && (l.text.starts_with("- ") || numbers_.starts_next(l.text, prev.text))) return true;
    // Stops short: the next line's first word would have fitted after it.
    if (prev.x1 + l.lead <= right_ + 0.01) return true;  // right_ is a line's end: nothing passes it
    if (para.size() >= 2) return !near(l.x0, para[1]->x0);
    // Two lines at one indent, deeper than the block's edge: two indented first lines.
    if (near(l.x0, first.x0)) return first.x0 > left_ + 0.5 * size_;
    // A full first line and the next at another indent: a hanging continuation
    // or the next paragraph's first-line indent. Geometry cannot tell; a
    // sentence's end says the paragraph ended.
    return ends_sentence(prev.text) && !prev.text.ends_with("：");
  }

  // The lines of one paragraph: CJK runs on, Latin words get a space, a URL broken at its '/' does not.
  static std::string join(const std::vector<const Line*>& lines) {
    std::string out;
    for (const Line* l : lines) {
      if (out.empty()) {
        out = l->text;
        continue;
      }
      std::string_view last_word = std::string_view(out).substr(out.rfind(' ') == std::string::npos ? 0 : out.rfind(' ') + 1);
      bool url = last_word.find("://") != std::string_view::npos || last_word.ends_with("/");
      std::string_view pieces[] = {out, l->text};
      out = url ? out + l->text : text::join_wrapped(pieces);
    }
    while (out.ends_with(" ")) out.pop_back();
    return out;
  }

  // Heading levels from sizes: the first paragraph, a heading, is the title;
  // the others rank by their key, the largest type first.
  void rank_headings(const std::vector<std::vector<const Line*>>& groups, std::vector<SourceParagraph>& out) const {
    std::set<double, std::greater<>> keys;
    for (std::size_t i = 1; i < out.size(); ++i)
      if (out[i].heading < 0) keys.insert(heading_key(*groups[i].front()));
    std::vector<double> ranked(keys.begin(), keys.end());
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (out[i].heading >= 0) continue;
      if (i == 0) {
        out[i].heading = 1;
        continue;
      }
      auto at = std::find(ranked.begin(), ranked.end(), heading_key(*groups[i].front()));
      out[i].heading = 2 + static_cast<int>(at - ranked.begin());
    }
  }
};

}  // namespace

std::vector<SourceParagraph> layout_paragraphs(const std::vector<PdfPage>& pages) { return Layout(pages).paragraphs(); }

}  // namespace lexgit::importer
