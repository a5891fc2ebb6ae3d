// Turning plain text extracted from a PDF or word processor into a lexgit document.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lexgit/document.hpp"

namespace lexgit {

struct ImportOptions {
  FrontMatter meta;         // id, kind, published (required) and the optional fields
  bool title_given = false; // meta.title was given; otherwise the first line is the title
  bool class_given = false;
  bool effective_given = false;
};

struct Decoded {
  std::string text;      // UTF-8, NFC, LF line ends
  std::string encoding;  // "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE", "GB18030"
};

// Detects the encoding (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK)
// and decodes. Throws Error(BadInput) naming `path` for empty, binary or
// undecodable input.
Decoded decode_text(std::string_view bytes, const std::string& path);

// The Markdown document for `bytes`. Input that already is a lexgit document is
// returned with only the front matter options applied, so importing lexgit's own
// output changes nothing.
std::string import_document(std::string_view bytes, const ImportOptions& options, const std::string& path);

}  // namespace lexgit
