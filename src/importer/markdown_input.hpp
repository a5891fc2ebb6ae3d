// Markdown without lexgit front matter: a law collection's files, notes kept
// as CommonMark. Its structure is kept as written.
#pragma once

#include <optional>
#include <string>

namespace lexgit::importer {

// A .md or .markdown file, or text that is evidently CommonMark: ATX headings
// (# 标题) or HTML comments (<!-- … -->) on lines of their own.
bool is_markdown(const std::string& text, const std::string& path);

struct MarkdownBody {
  std::optional<std::string> title;  // the first level-1 heading's text
  std::string body;                  // the text to follow the front matter
};

// The text without lines holding only invisible characters (zero-width spaces
// between blocks), otherwise as written.
MarkdownBody read_markdown(const std::string& text);

}  // namespace lexgit::importer
