// The clause tree is built in two passes: structure (which unit contains which),
// then ids (README.md, "Clause ids").
//
// Structure follows how Chinese contracts are read:
// - Markdown headings open sections; an unnumbered heading is a group that adds
//   nothing to ids (通用条款).
// - Numbered paragraphs of one style are siblings; a new style nests under the
//   previous unit (一、 → （一） → 1. → （1）); law styles nest by rank (编 > 章 > 节 > 条).
// - An unnumbered paragraph is a clause of its own (款). It belongs to an article
//   (第X条) or a heading-like numbered unit before it, else it closes open numbered
//   paragraphs.
// - A paragraph ending in ：or : is a lead-in: the list or numbered paragraphs
//   after it belong to it.
#include "document/clause_tree.hpp"

#include <map>
#include <set>

#include "document/numbering.hpp"
#include "markdown/markdown.hpp"

namespace lexgit::clause_tree {
namespace {

enum class Scope { Root, Heading, NumberedParagraph, LeadIn, ListItem };

struct Open {
  Scope scope;
  std::vector<Clause>* children;  // where units inside this scope go
  Clause* clause = nullptr;       // null for the root
  int heading_level = 0;
  NumberStyle style = NumberStyle::None;
  bool owns_paragraphs = false;   // an article or a heading-like unit keeps its 款
};

bool ends_with_colon(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s.ends_with("：") || s.ends_with(":");
}

std::string trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  while (s.starts_with("\u3000")) s.remove_prefix(3);
  return std::string(s);
}

// A numbered paragraph whose rest reads as a title (第一章 总则, 一、定义) rather
// than as a sentence: short, and without sentence punctuation.
bool reads_as_title(NumberStyle style, std::string_view rest) {
  int rank = numbering::law_rank(style);
  if (rank > 0 && rank <= numbering::law_rank(NumberStyle::Jie)) return true;
  if (style != NumberStyle::ChineseEnum) return false;
  if (rest.empty() || text::display_width(rest) > 40) return false;
  for (std::string_view p : {"。", "，", "；", "：", "！", "？", ",", ";", ":"}) {
    if (rest.find(p) != std::string_view::npos) return false;
  }
  return true;
}

class Builder {
 public:
  Builder(std::string_view body, int first_line) : body_(body), offset_(first_line - 1) {
    split_lines();
    stack_.push_back({Scope::Root, &roots_});
  }

  std::vector<Clause> run() {
    markdown::Tree tree = markdown::parse(body_);
    blocks(tree.get(), 0);
    return std::move(roots_);
  }

 private:
  std::string_view body_;
  int offset_;
  std::vector<std::string_view> lines_;
  std::vector<Clause> roots_;
  std::vector<Open> stack_;
  std::vector<std::string> pending_subjects_;

  void split_lines() {
    std::size_t pos = 0;
    while (pos <= body_.size()) {
      std::size_t eol = body_.find('\n', pos);
      if (eol == std::string_view::npos) {
        lines_.push_back(body_.substr(pos));
        break;
      }
      lines_.push_back(body_.substr(pos, eol - pos));
      pos = eol + 1;
    }
  }

  int line_of(cmark_node* n) const { return cmark_node_get_start_line(n) + offset_; }
  int end_line_of(cmark_node* n) const { return cmark_node_get_end_line(n) + offset_; }

  Clause& append(Clause c, cmark_node* node) {
    c.first_line = line_of(node);
    c.last_line = end_line_of(node);
    c.subjects = std::move(pending_subjects_);
    pending_subjects_.clear();
    auto* children = stack_.back().children;
    children->push_back(std::move(c));
    return children->back();
  }

  void push(Scope scope, Clause& c, NumberStyle style = NumberStyle::None, int level = 0, bool owns = false) {
    stack_.push_back({scope, &c.children, &c, level, style, owns});
  }

  // Pops scopes above `floor` while `pred` holds for the top one.
  template <typename Pred>
  void pop_while(std::size_t floor, Pred pred) {
    while (stack_.size() > floor + 1 && pred(stack_.back())) stack_.pop_back();
  }

  void blocks(cmark_node* parent, std::size_t floor) {
    for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) block(n, floor);
  }

  void block(cmark_node* n, std::size_t floor) {
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_HEADING: heading(n, floor); break;
      case CMARK_NODE_PARAGRAPH: paragraph(n, markdown::inline_text(n), floor); break;
      case CMARK_NODE_CODE_BLOCK: paragraph(n, trim(markdown::literal(n)), floor); break;
      case CMARK_NODE_LIST: list(n, floor); break;
      case CMARK_NODE_BLOCK_QUOTE: blocks(n, floor); break;
      case CMARK_NODE_HTML_BLOCK: html(n); break;
      default: break;  // thematic breaks and the like carry no contract text
    }
  }

  void html(cmark_node* n) {
    std::string s = trim(markdown::literal(n));
    constexpr std::string_view open = "<!--", close = "-->";
    if (!s.starts_with(open) || !s.ends_with(close)) return;
    std::string inner = trim(std::string_view(s).substr(open.size(), s.size() - open.size() - close.size()));
    constexpr std::string_view key = "subject:";
    if (!inner.starts_with(key)) return;
    std::string list = inner.substr(key.size());
    // Subjects are separated by commas, full-width commas or enumeration commas.
    for (std::string_view sep : {"，", "、"}) {
      for (std::size_t at = list.find(sep); at != std::string::npos; at = list.find(sep, at)) list.replace(at, sep.size(), ",");
    }
    pending_subjects_.clear();
    std::size_t start = 0;
    while (start <= list.size()) {
      std::size_t comma = list.find(',', start);
      std::string item = trim(std::string_view(list).substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (!item.empty()) pending_subjects_.push_back(item);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }

  void heading(cmark_node* n, std::size_t floor) {
    int level = cmark_node_get_heading_level(n);
    std::string raw = markdown::inline_text(n);
    pop_while(floor, [&](const Open& o) {
      return o.scope == Scope::NumberedParagraph || o.scope == Scope::LeadIn ||
             (o.scope == Scope::Heading && o.heading_level >= level);
    });
    Clause c;
    if (auto mark = numbering::read_mark(raw); mark && mark->style != NumberStyle::Bullet) {
      c.number = mark->literal;
      c.style = mark->style;
      c.value = mark->value;
      c.id = mark->key;  // the id component for now; ids are completed later
      c.heading = trim(std::string_view(raw).substr(mark->length));
    } else {
      c.heading = trim(raw);
    }
    Clause& added = append(std::move(c), n);
    push(Scope::Heading, added, added.style, level, true);
  }

  void paragraph(cmark_node* n, std::string raw, std::size_t floor) {
    raw = trim(raw);
    if (raw.empty()) return;
    auto mark = numbering::read_mark(raw);
    if (!mark) return unnumbered(n, std::move(raw), floor);

    NumberStyle style = mark->style;
    // A unit of a style already open is a sibling of that unit; a law unit also
    // closes every open unit it outranks (第二章 closes 第一章 and its articles).
    std::size_t cut = stack_.size();
    for (std::size_t i = stack_.size() - 1; i > floor; --i) {
      const Open& o = stack_[i];
      if (o.scope != Scope::NumberedParagraph && o.scope != Scope::LeadIn) break;
      bool same = o.scope == Scope::NumberedParagraph && o.style == style;
      bool outranked = numbering::law_rank(style) > 0 && numbering::law_rank(o.style) >= numbering::law_rank(style);
      if (same || outranked) cut = i;
      if (same && numbering::law_rank(style) == 0) break;
    }
    stack_.resize(cut);
    Clause c;
    c.number = mark->literal;
    c.style = style;
    c.value = mark->value;
    c.id = mark->key;
    std::string rest = trim(std::string_view(raw).substr(mark->length));
    bool title = reads_as_title(style, rest);
    (title ? c.heading : c.text) = std::move(rest);
    bool lead_in = !title && ends_with_colon(c.text);
    Clause& added = append(std::move(c), n);
    push(Scope::NumberedParagraph, added, style, 0, title || style == NumberStyle::Tiao || lead_in);
  }

  void unnumbered(cmark_node* n, std::string raw, std::size_t floor) {
    pop_while(floor, [](const Open& o) {
      return o.scope == Scope::LeadIn || (o.scope == Scope::NumberedParagraph && !o.owns_paragraphs);
    });
    Clause c;
    c.text = std::move(raw);
    bool lead_in = ends_with_colon(c.text);
    Clause& added = append(std::move(c), n);
    if (lead_in) push(Scope::LeadIn, added);
  }

  // The number as written at the start of a list item's source line: cmark
  // keeps only a list's start number.
  std::string literal_marker(cmark_node* item) const {
    int line = cmark_node_get_start_line(item);
    int column = cmark_node_get_start_column(item);
    if (line < 1 || static_cast<std::size_t>(line) > lines_.size()) return {};
    std::string_view s = lines_[static_cast<std::size_t>(line - 1)];
    std::size_t from = column > 0 ? static_cast<std::size_t>(column - 1) : 0;
    // Tabs and container prefixes can shift the column; find the marker from there.
    while (from < s.size() && (s[from] == ' ' || s[from] == '>' || s[from] == '\t')) ++from;
    std::size_t to = from;
    while (to < s.size() && s[to] >= '0' && s[to] <= '9') ++to;
    if (to < s.size() && (s[to] == '.' || s[to] == ')')) ++to;
    if (to == from && from < s.size()) ++to;  // a bullet: -, *, +
    return std::string(s.substr(from, to - from));
  }

  void list(cmark_node* n, std::size_t floor) {
    bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
    for (cmark_node* item = cmark_node_first_child(n); item; item = cmark_node_next(item)) {
      Clause c;
      c.number = literal_marker(item);
      if (ordered) {
        c.value = std::atoll(c.number.c_str());
        c.style = c.number.ends_with(")") ? NumberStyle::ArabicRight : NumberStyle::ArabicDot;
        c.id = std::to_string(c.value);
      } else {
        c.style = NumberStyle::Bullet;
      }
      cmark_node* first = cmark_node_first_child(item);
      if (first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH) {
        c.text = trim(markdown::inline_text(first));
        first = cmark_node_next(first);
      }
      std::size_t depth = stack_.size();
      Clause& added = append(std::move(c), item);
      push(Scope::ListItem, added);
      for (cmark_node* b = first; b; b = cmark_node_next(b)) block(b, depth);
      stack_.resize(depth);
    }
    (void)floor;
  }
};

// ---- ids ------------------------------------------------------------------------

std::string join(const std::string& prefix, const std::string& part) {
  return prefix.empty() ? part : prefix + "." + part;
}

class IdAssigner {
 public:
  void assign(std::vector<Clause>& units, const std::string& prefix) {
    for (Clause& c : units) assign_one(c, prefix, units);
  }

 private:
  std::set<std::string> used_;
  std::map<std::string, int> paragraphs_, bullets_;  // counters per id prefix

  std::string unique(std::string id) {
    if (used_.insert(id).second) return id;
    for (int n = 2;; ++n) {
      std::string candidate = id + "~" + std::to_string(n);
      if (used_.insert(candidate).second) return candidate;
    }
  }

  void assign_one(Clause& c, const std::string& prefix, std::vector<Clause>& siblings) {
    (void)siblings;
    if (c.style == NumberStyle::None && !c.heading.empty() && c.text.empty() && c.number.empty()) {
      c.id.clear();  // a group: transparent for ids
      assign(c.children, prefix);
      return;
    }
    if (c.style == NumberStyle::None) {
      c.id = unique(join(prefix, "p" + std::to_string(++paragraphs_[prefix])));
      assign_lead_in_children(c, prefix);
      return;
    }
    if (c.style == NumberStyle::Bullet) {
      c.id = unique(join(prefix, "b" + std::to_string(++bullets_[prefix])));
    } else {
      c.id = unique(join(prefix, c.id));
    }
    assign(c.children, c.id);
  }

  // Numbered units under a lead-in are numbered as if the lead-in were not
  // there (10.3, not 10.p1.3), unless those ids are already taken, as in part
  // 三 of the agreement, whose second list restarts at 1 (3.p1.1).
  void assign_lead_in_children(Clause& lead_in, const std::string& prefix) {
    bool transparent = true;
    for (const Clause& child : lead_in.children) {
      if (child.style == NumberStyle::None || child.style == NumberStyle::Bullet) continue;
      if (used_.count(join(prefix, child.id))) transparent = false;
    }
    for (Clause& child : lead_in.children) {
      bool numbered = child.style != NumberStyle::None && child.style != NumberStyle::Bullet;
      assign_one(child, numbered && transparent ? prefix : lead_in.id, lead_in.children);
    }
  }
};

int close_lines(std::vector<Clause>& units) {
  int last = 0;
  for (Clause& c : units) {
    c.last_line = std::max(c.last_line, close_lines(c.children));
    last = std::max(last, c.last_line);
  }
  return last;
}

}  // namespace

std::vector<Clause> build(std::string_view body, int first_line) {
  std::vector<Clause> clauses = Builder(body, first_line).run();
  IdAssigner().assign(clauses, "");
  close_lines(clauses);
  return clauses;
}

}  // namespace lexgit::clause_tree
