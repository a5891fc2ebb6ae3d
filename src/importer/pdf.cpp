// A PDF's text layer through poppler's C++ API: each page's words with their
// boxes, glyph boxes and fonts; pdf_layout.cpp makes paragraphs of them.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <memory>

#include "importer/office.hpp"
#include "importer/pdf_layout.hpp"
#include "lexgit/error.hpp"
#include "lexgit/text.hpp"

namespace lexgit::importer {
namespace {

// poppler reports syntax problems on stderr; lexgit reports its own errors.
void quiet(const std::string&, void*) {}

bool is_opening(char16_t c) { return std::u16string_view(u"（“‘《〈【「『〔([{").find(c) != std::u16string_view::npos; }

bool is_closing(char16_t c) {
  return std::u16string_view(u"，。、；：？！）”’》〉】」』〕…,.;:?!)]}%").find(c) != std::u16string_view::npos;
}

// The width of what a line break cannot split at the word's start: a CJK
// character with the punctuation that may not start or end a line next to it,
// or a Latin word.
double lead_width(const poppler::text_box& box, const poppler::ustring& u) {
  std::size_t n = u.size(), i = 0;
  if (n == 0) return 0;
  while (i < n && is_opening(u[i])) ++i;
  if (i < n && text::is_cjk(u[i])) {
    ++i;
  } else {
    while (i < n && !text::is_cjk(u[i])) ++i;
  }
  while (i < n && is_closing(u[i])) ++i;
  std::size_t last = std::min(n, std::max<std::size_t>(i, 1)) - 1;
  return box.char_bbox(last).right() - box.char_bbox(0).left();
}

PdfWord word_of(const poppler::text_box& box) {
  PdfWord w;
  poppler::ustring u = box.text();
  poppler::byte_array utf8 = u.to_utf8();
  w.text = text::nfc(std::string_view(utf8.data(), utf8.size()));
  poppler::rectf r = box.bbox();
  w.x0 = r.left(), w.x1 = r.right(), w.y0 = r.top(), w.y1 = r.bottom();
  w.size = box.has_font_info() ? box.get_font_size() : r.height();
  w.bold = box.has_font_info() && box.get_font_name().find("Bold") != std::string::npos;
  w.space_after = box.has_space_after();
  w.lead = lead_width(box, u);
  return w;
}

}  // namespace

OfficeText read_pdf(std::string_view bytes, const std::string& path) {
  poppler::set_debug_error_function(quiet, nullptr);
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) throw Error(ErrorCode::BadInput, "not a readable PDF: the file is damaged or truncated", {path, 0});
  if (doc->is_locked())
    throw Error(ErrorCode::BadInput,
                "the PDF is encrypted with a password; lexgit cannot read it. Remove the protection "
                "(qpdf --decrypt --password=PASSWORD IN.pdf OUT.pdf) and import the result",
                {path, 0});
  std::vector<PdfPage> pages;
  std::size_t words = 0;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    PdfPage p;
    poppler::rectf box = page->page_rect();
    p.width = box.width(), p.height = box.height();
    for (const poppler::text_box& b : page->text_list(poppler::page::text_list_include_font))
      if (b.rotation() == 0) p.words.push_back(word_of(b));  // rotated text: stamps and watermarks
    words += p.words.size();
    pages.push_back(std::move(p));
  }
  if (words == 0)
    throw Error(ErrorCode::BadInput,
                "the PDF has no text layer (a scan?); lexgit reads text, not images: run OCR on it first "
                "(e.g. ocrmypdf) and import the result",
                {path, 0});
  return {layout_paragraphs(pages), {}};
}

}  // namespace lexgit::importer
