// A PDF page's words with their geometry turned into paragraphs. Kept apart
// from poppler so that the layout rules can be read (and tested) on their own.
//
// - Lines: words whose vertical centres fall in one band, left to right; CJK
//   joined without spaces, Latin words with them.
// - Running headers and footers: lines in the top or bottom margin that come
//   again on other pages, set smaller than the text, or say the page number.
// - Paragraphs: a line ends its paragraph where it stops short of the text
//   block's right edge (the next line's first word would have fitted), where
//   the next line starts at another indent than the paragraph's continuation
//   lines (a first-line indent, a hanging number), where a numbered line
//   starts with its number set apart, or at a gap wider than line spacing.
// - Headings: larger or bold type, or centred short lines; their rank is
//   their size, the largest first; the first line, a heading, is the title.
#pragma once

#include <string>
#include <vector>

#include "importer/office.hpp"

namespace lexgit::importer {

struct PdfWord {
  std::string text;          // UTF-8
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // points, origin at the page's top left
  double size = 0;           // font size
  bool bold = false;
  bool space_after = false;  // the layout put a space after it
  double lead = 0;           // width of the first thing a line break could not split (a character, a Latin word)
};

struct PdfPage {
  double width = 0, height = 0;
  std::vector<PdfWord> words;  // in reading order
};

std::vector<SourceParagraph> layout_paragraphs(const std::vector<PdfPage>& pages);

}  // namespace lexgit::importer
