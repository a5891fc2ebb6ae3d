// Reading the YAML front matter that opens every lexgit document.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lexgit/document.hpp"

namespace lexgit::front_matter {

struct Split {
  std::string_view yaml;  // between the "---" lines
  std::string_view body;  // after the closing "---" line
  int body_line = 1;      // 1-based line in the file where the body starts
  bool found = false;
};

// Splits "---\n<yaml>---\n<body>"; found=false when there is no front matter.
Split split(std::string_view source);

// Validates and reads the front matter; problems are appended to `out` with
// file:line locations. Required: id, title, kind, published.
FrontMatter read(std::string_view yaml, const std::string& path, std::vector<Diagnostic>& out);

}  // namespace lexgit::front_matter
