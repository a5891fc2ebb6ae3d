#include "importer/markdown_input.hpp"

#include <algorithm>
#include <regex>
#include <sstream>
#include <vector>

#include "lexgit/text.hpp"

namespace lexgit::importer {
namespace {

// CommonMark's ATX heading: up to three spaces, one to six #, a space, text,
// an optional closing run of #.
const std::regex& atx_heading() {
  static const std::regex re(R"(^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$)");
  return re;
}

bool has_extension(const std::string& path, std::string_view ext) {
  if (path.size() < ext.size()) return false;
  std::string tail = path.substr(path.size() - ext.size());
  std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char c) { return std::tolower(c); });
  return tail == ext;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool is_empty_line(const std::string& line) {
  return line.find_first_not_of(" \t") == std::string::npos;
}

// Not empty, yet nothing shows: zero-width spaces, U+3000, a byte-order mark.
bool holds_only_invisible(const std::string& line) {
  return !is_empty_line(line) && text::trim_blank(line).empty();
}

}  // namespace

bool is_markdown(const std::string& text, const std::string& path) {
  if (has_extension(path, ".md") || has_extension(path, ".markdown")) return true;
  for (const std::string& line : split_lines(text)) {
    std::smatch m;
    if (std::regex_match(line, m, atx_heading()) && !m[2].str().empty()) return true;
    if (text::trim_blank(line).starts_with("<!--")) return true;
  }
  return false;
}

MarkdownBody read_markdown(const std::string& text) {
  MarkdownBody out;
  std::vector<std::string> kept;
  bool dropped = false;  // a dropped line may leave two blank lines together
  for (const std::string& line : split_lines(text)) {
    if (holds_only_invisible(line)) {
      dropped = true;
      continue;
    }
    bool empty = is_empty_line(line);
    if (empty && (kept.empty() || (dropped && is_empty_line(kept.back())))) continue;
    dropped = false;
    std::smatch m;
    if (!out.title && std::regex_match(line, m, atx_heading()) && m[1].length() == 1) {
      std::string title(text::trim_blank(m[2].str()));
      if (!title.empty()) out.title = title;
    }
    kept.push_back(line);
  }
  while (!kept.empty() && is_empty_line(kept.back())) kept.pop_back();
  for (const std::string& line : kept) out.body += line + "\n";
  return out;
}

}  // namespace lexgit::importer
