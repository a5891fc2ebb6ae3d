// The dictionary: words from jieba's dictionary (Debian's python3-jieba) that
// ICU's word break cuts into pieces (董事|会, 公|积|金, 清算|组). It is chosen and
// compiled into a trie when lexgit is built (src/text/tools/compile_dictionary.cpp),
// so that a process starts with it ready: nothing is read, parsed or hashed at run
// time. Internal to src/text.
//
// The trie is stored breadth first. Node 0 is the root; the children of node i are
// the nodes first_child(i) .. first_child(i + 1) - 1, sorted by their label (the
// UTF-16 code unit on the edge into them; every word is Han in the BMP). One word
// per node that ends one.
#pragma once

#include "lexgit/text.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace lexgit::text::dictionary {

struct Trie {
  // nodes[i] = first_child(i) << 1 | (node i ends a word); one extra entry closes
  // the child range of the last node.
  const std::uint32_t* nodes = nullptr;
  const char16_t* labels = nullptr;  // labels[i]: the edge into node i (labels[0] unused)
  std::uint32_t node_count = 0;
  std::uint32_t word_count = 0;
};

// The trie compiled into lexgit (generated/dictionary_data.cpp).
const Trie& builtin();

constexpr std::uint32_t kRoot = 0;
constexpr std::uint32_t kNone = UINT32_MAX;

inline std::uint32_t first_child(const Trie& trie, std::uint32_t node) { return trie.nodes[node] >> 1; }
inline bool ends_word(const Trie& trie, std::uint32_t node) { return (trie.nodes[node] & 1U) != 0; }
inline bool has_children(const Trie& trie, std::uint32_t node) {
  return first_child(trie, node) < first_child(trie, node + 1);
}

// The child of `node` on `unit`, or kNone. Binary search: the root has a few
// thousand children, every other node a handful.
inline std::uint32_t child(const Trie& trie, std::uint32_t node, char32_t cp) {
  if (trie.node_count == 0 || cp > 0xFFFF) return kNone;
  const auto unit = static_cast<char16_t>(cp);
  std::uint32_t low = first_child(trie, node), high = first_child(trie, node + 1);
  while (low < high) {
    const std::uint32_t middle = low + (high - low) / 2;
    if (trie.labels[middle] < unit) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low < first_child(trie, node + 1) && trie.labels[low] == unit ? low : kNone;
}

// The Han character (3 bytes of UTF-8) at `pos`, advancing `pos`; 0 for anything
// else, which no dictionary word contains.
inline char32_t next_han(std::string_view text, std::size_t& pos) {
  if (pos + 3 > text.size()) return 0;
  const auto b0 = static_cast<unsigned char>(text[pos]);
  const auto b1 = static_cast<unsigned char>(text[pos + 1]);
  const auto b2 = static_cast<unsigned char>(text[pos + 2]);
  if ((b0 & 0xF0) != 0xE0 || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return 0;
  pos += 3;
  return static_cast<char32_t>((b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F));
}

// Follows a text through the trie from one start, piece by piece, so that widening
// a candidate over ICU's next piece costs only that piece's characters.
class Walk {
 public:
  Walk(const Trie& trie, std::string_view text, std::size_t from) : trie_(trie), text_(text), pos_(from) {}

  // Whether text[from, end) is a word and whether it begins a longer one. Once
  // no word begins like it, the walk stays dead.
  Lexicon::Match to(std::size_t end) {
    while (node_ != kNone && pos_ < end) {
      const char32_t han = next_han(text_, pos_);
      node_ = han == 0 ? kNone : child(trie_, node_, han);
    }
    if (node_ == kNone) return {};
    return Lexicon::Match{ends_word(trie_, node_), has_children(trie_, node_)};
  }
  bool alive() const { return node_ != kNone; }

 private:
  const Trie& trie_;
  std::string_view text_;
  std::size_t pos_;
  std::uint32_t node_ = kRoot;
};

}  // namespace lexgit::text::dictionary
