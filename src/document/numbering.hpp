// Reading the number mark at the start of a heading, paragraph or list item.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "lexgit/document.hpp"

namespace lexgit::numbering {

struct Mark {
  NumberStyle style = NumberStyle::None;
  std::string literal;     // as written: "第十一条", "（一）", "１．", "A."
  long long value = 0;     // 11, 1, 1, 1 (letters: A = 1)
  int insertion = 0;       // 1 for 第十七条之一
  std::string key;         // the id component: "11", "1", "A", "17-1"
  std::size_t length = 0;  // bytes of the mark plus the spaces after it
};

// The mark at the start of `text`, or nullopt. Marks must be followed by a
// space, the end, or text that cannot continue a number (1.5 is not a mark).
std::optional<Mark> read_mark(std::string_view text);

// Law-style units (编 分编 部分 章 节 条 款 项) nest in a fixed order; lower rank = outer.
int law_rank(NumberStyle style);

// Groupings (编 分编 章 节) only group articles: a statute numbers its articles
// through the whole document, whatever grouping they are in.
bool is_grouping(NumberStyle style);

// The id component of a grouping: "bian3", "fenbian1", "zhang2", "jie1".
std::string grouping_key(NumberStyle style, long long value);

// A style's name for messages: "第X条", "一、", "（一）", "1.", …
std::string_view style_name(NumberStyle style);

// Writes `value` in the style's numerals: 3 → "三" for Chinese styles, "3" otherwise.
std::string numeral_for(NumberStyle style, long long value);

// A line of a table of contents as compared with the headings below it:
// without blanks, dot leaders and page numbers ("第一章　总　　则……1" → "第一章总则").
std::string toc_key(std::string_view line);

}  // namespace lexgit::numbering
