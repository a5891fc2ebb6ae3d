// Encoding detection and decoding through ICU converters.
#include <memory>

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/unistr.h>

#include "lexgit/importer.hpp"

namespace lexgit {
namespace {

struct ConverterDeleter {
  void operator()(UConverter* c) const noexcept { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterDeleter>;

int line_at(std::string_view bytes, std::size_t offset) {
  int line = 1;
  for (std::size_t i = 0; i < offset && i < bytes.size(); ++i)
    if (bytes[i] == '\n') ++line;
  return line;
}

// Decodes with ICU, stopping at the first byte sequence the encoding does not map.
std::string convert(std::string_view bytes, const char* encoding, const std::string& path) {
  UErrorCode status = U_ZERO_ERROR;
  Converter conv(ucnv_open(encoding, &status));
  if (U_FAILURE(status)) throw Error(ErrorCode::Internal, std::string("ICU has no converter for ") + encoding);
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  icu::UnicodeString out;
  const char* src = bytes.data();
  const char* limit = bytes.data() + bytes.size();
  std::vector<UChar> buffer(64 * 1024);
  do {
    status = U_ZERO_ERROR;
    UChar* target = buffer.data();
    ucnv_toUnicode(conv.get(), &target, buffer.data() + buffer.size(), &src, limit, nullptr, true, &status);
    out.append(buffer.data(), static_cast<int32_t>(target - buffer.data()));
  } while (status == U_BUFFER_OVERFLOW_ERROR);
  if (U_FAILURE(status)) {
    auto offset = static_cast<std::size_t>(src - bytes.data());
    throw Error(ErrorCode::BadInput,
                std::string("cannot decode the text: not UTF-8, UTF-16 with a byte-order mark, or GB18030 ") +
                    "(first bad byte at offset " + std::to_string(offset) + " while trying " + encoding + ")",
                {path, line_at(bytes, offset)});
  }
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

// Control characters other than tab, line ends and form feed mean a binary file.
void refuse_binary(std::string_view text, const std::string& path) {
  int line = 1;
  for (unsigned char c : text) {
    if (c == '\n') ++line;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
      throw Error(ErrorCode::BadInput, "binary data, not text (control byte 0x" +
                                           std::string(1, "0123456789abcdef"[c >> 4]) +
                                           std::string(1, "0123456789abcdef"[c & 15]) + ")",
                  {path, line});
  }
}

std::string lf_only(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

}  // namespace

Decoded decode_text(std::string_view bytes, const std::string& path) {
  Decoded d;
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    d.encoding = "UTF-8 (BOM)";
    d.text = convert(bytes.substr(3), "UTF-8", path);
  } else if (bytes.starts_with("\xFF\xFE")) {
    d.encoding = "UTF-16LE";
    d.text = convert(bytes.substr(2), "UTF-16LE", path);
  } else if (bytes.starts_with("\xFE\xFF")) {
    d.encoding = "UTF-16BE";
    d.text = convert(bytes.substr(2), "UTF-16BE", path);
  } else {
    refuse_binary(bytes, path);  // before GB18030, which would map almost any bytes
    if (text::is_valid_utf8(bytes)) {
      d.encoding = "UTF-8";
      d.text = std::string(bytes);
    } else {
      d.encoding = "GB18030";
      d.text = convert(bytes, "GB18030", path);
    }
  }
  refuse_binary(d.text, path);
  d.text = text::nfc(lf_only(d.text));
  if (d.text.find_first_not_of(" \t\n\f\u3000") == std::string::npos)
    throw Error(ErrorCode::BadInput, "the file is empty: there is no text to import", {path, 0});
  return d;
}

}  // namespace lexgit
