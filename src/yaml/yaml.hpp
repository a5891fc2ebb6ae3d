// YAML as lexgit reads its settings and data files (.lexgit.yaml, calendars,
// partners, delivery records): every problem with the file and the line.
#pragma once

#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "lexgit/error.hpp"

namespace lexgit::yaml {

// The node's line, 1-based; 0 when yaml-cpp does not know it.
inline int line(const YAML::Node& n) { return n.Mark().line >= 0 ? n.Mark().line + 1 : 0; }

// Error(BadInput) naming the file and line of a syntax error.
inline YAML::Node load(std::string_view text, const std::string& file) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    throw Error(ErrorCode::BadInput, "invalid YAML: " + e.msg, {file, e.mark.line + 1});
  }
}

}  // namespace lexgit::yaml
