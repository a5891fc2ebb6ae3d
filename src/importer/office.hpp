// Word and PDF files read into paragraphs: the structure the file itself
// carries (styles and numbering in a .docx, geometry and font sizes in a PDF)
// instead of structure guessed again from flattened text. importer.cpp turns
// the paragraphs into Markdown through the same writer as plain text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lexgit::importer {

struct SourceParagraph {
  std::string text;   // NFC; '\n' where the source breaks the line inside the paragraph
  int heading = 0;    // 0 body text; 1 the document's title; 2, 3, … headings, most important first
  bool table = false; // `text` is a Markdown table, written as it is
};

struct OfficeText {
  std::vector<SourceParagraph> paragraphs;
  std::vector<std::string> warnings;  // what the reader accepted on the user's behalf
};

// The file formats import tells apart by their first bytes (and the name).
enum class FileFormat { Text, Pdf, Docx, LegacyOffice };

// Throws Error(BadInput) naming `path` when the name promises a format the
// bytes are not (a .docx that is text, a .pdf that is not a PDF).
FileFormat detect_format(std::string_view bytes, const std::string& path);

// A .docx: body paragraphs in order with their styles and Word's numbering,
// tables as Markdown tables. Throws Error(BadInput) naming `path` for a
// damaged package, a package that is not Word's, or one past the size limits.
OfficeText read_docx(std::string_view bytes, const std::string& path);

// A PDF with a text layer. Throws Error(BadInput) naming `path` for a damaged
// or password-protected file and for a file without text (a scan).
OfficeText read_pdf(std::string_view bytes, const std::string& path);

}  // namespace lexgit::importer
