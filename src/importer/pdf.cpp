// A PDF's paragraphs: its words from the PDF module (poppler, loaded only when
// a PDF is imported), made into paragraphs by pdf_layout.cpp.
#include "importer/office.hpp"
#include "importer/pdf_module.hpp"
#include "lexgit/error.hpp"
#include "lexgit/text.hpp"
#include "modules/modules.hpp"

namespace lexgit::importer {

OfficeText read_pdf(std::string_view bytes, const std::string& path) {
  std::vector<PdfPage> pages;
  switch (modules::load<PdfModule>("pdf").read(bytes, pages)) {
    case PdfModule::Outcome::Read: break;
    case PdfModule::Outcome::Unreadable:
      throw Error(ErrorCode::BadInput, "not a readable PDF: the file is damaged or truncated", {path, 0});
    case PdfModule::Outcome::Encrypted:
      throw Error(ErrorCode::BadInput,
                  "the PDF is encrypted with a password; lexgit cannot read it. Remove the protection "
                  "(qpdf --decrypt --password=PASSWORD IN.pdf OUT.pdf) and import the result",
                  {path, 0});
  }
  std::size_t words = 0;
  for (PdfPage& page : pages) {
    for (PdfWord& w : page.words) w.text = text::nfc(w.text);
    words += page.words.size();
  }
  if (words == 0)
    throw Error(ErrorCode::BadInput,
                "the PDF has no text layer (a scan?); lexgit reads text, not images: run OCR on it first "
                "(e.g. ocrmypdf) and import the result",
                {path, 0});
  return {layout_paragraphs(pages), {}};
}

}  // namespace lexgit::importer
