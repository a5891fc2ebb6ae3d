// Turning a PDF, a Word file, or text extracted or copied from one into a lexgit document.
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

struct Imported {
  std::string markdown;
  std::vector<std::string> warnings;  // e.g. a Word file's tracked changes, read as accepted
};

// The Markdown document for `bytes`: a PDF with a text layer, a Word .docx,
// Markdown or plain text (told apart by their first bytes). Input that already
// is a lexgit document is returned with only the front matter options applied,
// so importing lexgit's own output changes nothing. Throws Error(BadInput)
// naming `path` for what cannot be read: a scan without text, an encrypted
// PDF, a legacy .doc/.wps, a damaged or oversized .docx (README.md, "Import
// from PDF and Word").
Imported import_file_contents(std::string_view bytes, const ImportOptions& options, const std::string& path);

// import_file_contents without the warnings.
std::string import_document(std::string_view bytes, const ImportOptions& options, const std::string& path);

}  // namespace lexgit
