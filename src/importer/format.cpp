// Which reader a file goes to: its first bytes decide, and a name that
// promises a format the bytes are not is an error rather than a guess.
#include <algorithm>
#include <filesystem>

#include "importer/office.hpp"
#include "lexgit/error.hpp"

namespace lexgit::importer {
namespace {

std::string extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

FileFormat from_bytes(std::string_view bytes) {
  // A PDF may have a few bytes of junk before its header; readers allow 1024.
  if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) return FileFormat::Pdf;
  if (bytes.starts_with("PK\x03\x04")) return FileFormat::Docx;
  if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return FileFormat::LegacyOffice;  // OLE compound file
  return FileFormat::Text;
}

}  // namespace

FileFormat detect_format(std::string_view bytes, const std::string& path) {
  FileFormat format = from_bytes(bytes);
  std::string ext = extension(path);
  if (ext == ".docx" && format != FileFormat::Docx && format != FileFormat::LegacyOffice)
    throw Error(ErrorCode::BadInput, "not a Word document: a .docx file is a zip package, and this file is not one", {path, 0});
  if (ext == ".pdf" && format != FileFormat::Pdf)
    throw Error(ErrorCode::BadInput, "not a PDF: the file has no %PDF- header", {path, 0});
  if ((ext == ".doc" || ext == ".wps") && format == FileFormat::Text)
    throw Error(ErrorCode::BadInput, "not a Word or WPS file: no OLE compound file signature", {path, 0});
  return format;
}

}  // namespace lexgit::importer
