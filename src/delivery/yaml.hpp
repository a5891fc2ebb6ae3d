// YAML as the delivery files (partners, the delivery record) are read: with
// the file and line of every problem.
#pragma once

#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "lexgit/error.hpp"

namespace lexgit::delivery {

inline int yaml_line(const YAML::Node& n) { return n.Mark().line >= 0 ? n.Mark().line + 1 : 0; }

// Error(BadInput) naming the file and line of a syntax error.
inline YAML::Node load_yaml(std::string_view text, const std::string& file) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    throw Error(ErrorCode::BadInput, "invalid YAML: " + e.msg, {file, e.mark.line + 1});
  }
}

}  // namespace lexgit::delivery
