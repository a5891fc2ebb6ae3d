// The PDF module (lexgit-pdf.so, see src/modules): a PDF's text layer through
// poppler. lexgit's importer makes paragraphs of what it returns.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "importer/pdf_layout.hpp"

namespace lexgit::importer {

struct PdfModule {
  static constexpr int kVersion = 1;
  int version = kVersion;
  enum class Outcome { Read, Unreadable, Encrypted };
  // Each page's words, unrotated ones only (rotated text: stamps and
  // watermarks), with their text as poppler gives it (not yet NFC).
  Outcome (*read)(std::string_view bytes, std::vector<PdfPage>& pages);
};

}  // namespace lexgit::importer
