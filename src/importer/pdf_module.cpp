// The PDF module: a PDF's text layer through poppler's C++ API, each page's
// words with their boxes, glyph boxes and fonts; pdf.cpp has pdf_layout.cpp
// make paragraphs of them. Built as lexgit-pdf.so (see src/modules).
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <memory>

#include "importer/pdf_module.hpp"
#include "lexgit/text.hpp"
#include "modules/modules.hpp"

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
  w.text.assign(utf8.data(), utf8.size());
  poppler::rectf r = box.bbox();
  w.x0 = r.left(), w.x1 = r.right(), w.y0 = r.top(), w.y1 = r.bottom();
  w.size = box.has_font_info() ? box.get_font_size() : r.height();
  w.bold = box.has_font_info() && box.get_font_name().find("Bold") != std::string::npos;
  w.space_after = box.has_space_after();
  w.lead = lead_width(box, u);
  return w;
}

PdfModule::Outcome read(std::string_view bytes, std::vector<PdfPage>& pages) {
  poppler::set_debug_error_function(quiet, nullptr);
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) return PdfModule::Outcome::Unreadable;
  if (doc->is_locked()) return PdfModule::Outcome::Encrypted;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    PdfPage p;
    poppler::rectf box = page->page_rect();
    p.width = box.width(), p.height = box.height();
    for (const poppler::text_box& b : page->text_list(poppler::page::text_list_include_font))
      if (b.rotation() == 0) p.words.push_back(word_of(b));  // rotated text: stamps and watermarks
    pages.push_back(std::move(p));
  }
  return PdfModule::Outcome::Read;
}

const PdfModule table{PdfModule::kVersion, read};

}  // namespace
}  // namespace lexgit::importer

LEXGIT_MODULE(pdf, lexgit::importer::table)
