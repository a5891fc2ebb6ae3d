#include "markdown/markdown.hpp"

#include <memory>
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
// piece boundary, so join_wrapped decides whether it becomes a space. cmark's
// iterator walks without recursion: emphasis nested 30,000 deep is no deeper a stack.
void collect(cmark_node* block, std::vector<std::string>& lines) {
  std::unique_ptr<cmark_iter, void (*)(cmark_iter*)> it(cmark_iter_new(block), cmark_iter_free);
  for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(it.get());
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        lines.back() += literal(node);
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        lines.emplace_back();
        break;
      default:
        break;  // containers are entered; inline HTML (<del>, <ins>, comments) is markup, not contract text
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
