// Building the clause tree of a document body (see README.md, "Clause ids").
#pragma once

#include <string_view>
#include <vector>

#include "lexgit/document.hpp"

namespace lexgit::clause_tree {

// Parses a Markdown body into clauses with canonical ids. `first_line` is the
// file line on which the body starts, so clause lines are file lines.
// Throws Error(BadInput) at the line where block quotes and list items nest
// deeper than lexgit reads (the file is left for the caller to name).
std::vector<Clause> build(std::string_view body, int first_line);

}  // namespace lexgit::clause_tree
