#include "markdown/markdown.hpp"

#include <vector>

#include "lexgit/error.hpp"
#include "lexgit/text.hpp"

namespace lexgit::markdown {

Tree parse(std::string_view body) {
  Tree tree(cmark_parse_document(body.data(), body.size(), CMARK_OPT_DEFAULT));
  if (!tree) throw Error(ErrorCode::Internal, "cmark could not parse the document");
  return tree;
}

std::string literal(cmark_node* node) {
  const char* s = cmark_node_get_literal(node);
  return s ? std::string(s) : std::string();
}

namespace {

// Collects the text pieces of an inline subtree; a soft break is an empty
// piece boundary, so join_wrapped decides whether it becomes a space.
void collect(cmark_node* node, std::vector<std::string>& lines) {
  for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
    switch (cmark_node_get_type(child)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        lines.back() += literal(child);
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        lines.emplace_back();
        break;
      case CMARK_NODE_HTML_INLINE:
        break;  // <del>, <ins>, comments: markup, not contract text
      default:
        collect(child, lines);
    }
  }
}

}  // namespace

std::vector<std::string> inline_lines(cmark_node* block) {
  std::vector<std::string> lines(1);
  collect(block, lines);
  return lines;
}

std::string inline_text(cmark_node* block) {
  std::vector<std::string> lines = inline_lines(block);
  std::vector<std::string_view> views(lines.begin(), lines.end());
  return text::join_wrapped(views);
}

}  // namespace lexgit::markdown
