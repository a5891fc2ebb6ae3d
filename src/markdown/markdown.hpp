// A thin RAII layer over cmark: parse a Markdown body and walk its blocks.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <cmark.h>

namespace lexgit::markdown {

struct NodeDeleter {
  void operator()(cmark_node* node) const noexcept { cmark_node_free(node); }
};
// Owns a parsed document; the nodes below it are borrowed from it.
using Tree = std::unique_ptr<cmark_node, NodeDeleter>;

// Parses CommonMark. Line numbers in the tree are relative to `body`.
Tree parse(std::string_view body);

// The plain text of a block's inlines: emphasis and links flattened, inline HTML
// dropped, soft line breaks re-joined without a space between CJK characters.
std::string inline_text(cmark_node* block);

// The same text line by line, before the soft line breaks are re-joined: one
// string per source line of a paragraph.
std::vector<std::string> inline_lines(cmark_node* block);

// The node's literal text (code blocks, HTML blocks), or empty.
std::string literal(cmark_node* node);

}  // namespace lexgit::markdown
