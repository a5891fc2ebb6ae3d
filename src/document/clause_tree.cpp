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
// - Statutes: 编/分编/章/节 group articles, which are numbered through the whole
//   document; a table of contents (目录) before the text is kept out of the tree's
//   ids; indentation, zero-width characters and spaced-out headings (总　　则)
//   are read as the text they decorate.
#include "document/clause_tree.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_set>

#include "document/numbering.hpp"
#include "markdown/markdown.hpp"

namespace lexgit::clause_tree {
namespace {

// Block quotes and list items inside one another: contracts use a handful.
constexpr int kMaxNesting = 100;

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

std::string trim(std::string_view s) { return std::string(text::trim_blank(s)); }

// Unnumbered headings that stand beside chapters in statutes: 附则 is cited.
std::optional<std::string_view> known_grouping_name(std::string_view heading) {
  std::string squeezed = text::squeeze_cjk_spacing(text::trim_blank(heading));
  if (squeezed == "附则") return "fuze";
  if (squeezed == "总则") return "zongze";
  if (squeezed == "分则") return "fenze";
  return std::nullopt;
}

// Asked of every paragraph: text without 录 is passed over before building its key.
bool is_toc_title(std::string_view text) {
  return text.find("录") != std::string_view::npos && numbering::toc_key(text) == "目录";
}

// A line that can stand in a table of contents: a grouping's title or a known
// unnumbered one (附则).
bool is_toc_entry(std::string_view text) {
  std::string_view t = text::trim_blank(text);
  if (known_grouping_name(t)) return true;
  auto mark = numbering::read_mark(t);
  return mark && (numbering::is_grouping(mark->style) || mark->style == NumberStyle::Bufen);
}

// A line inside a paragraph that starts a unit of its own: text pasted with
// single line breaks (第一条 … / 第二条 …) is several paragraphs, not one.
bool starts_unit(std::string_view line) {
  std::string_view t = text::trim_blank(line);
  if (known_grouping_name(t)) return true;
  auto mark = numbering::read_mark(t);
  if (!mark) return false;
  return numbering::law_rank(mark->style) > 0 || mark->style == NumberStyle::ChineseEnum ||
         mark->style == NumberStyle::ChineseParen;
}

// A numbered paragraph whose rest reads as a title (第一章 总则, 一、定义) rather
// than as a sentence: short, and without sentence punctuation.
bool reads_as_title(NumberStyle style, std::string_view rest) {
  int rank = numbering::law_rank(style);
  if (rank > 0 && rank <= numbering::law_rank(NumberStyle::Jie)) return true;  // 编 分编 部分 章 节
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
    lines_ = split_lines(body_);
    stack_.push_back({Scope::Root, &roots_});
  }

  std::vector<Clause> run() {
    markdown::Tree tree = markdown::parse(body_);
    require_shallow(tree.get());
    blocks(tree.get(), 0);
    close_toc();
    return std::move(roots_);
  }

 private:
  // A table of contents being read: the group that holds it and its lines.
  struct Toc {
    std::vector<Clause>* parent = nullptr;
    std::size_t index = 0;
    std::vector<std::string> entries;
    std::string first_key;
  };

  std::string_view body_;
  int offset_;
  std::vector<std::string_view> lines_;
  std::vector<Clause> roots_;
  std::vector<Open> stack_;
  std::vector<std::string> pending_subjects_;
  std::optional<Toc> toc_;
  // Indented text is read again as Markdown; tabs can nest it a level at a time.
  static constexpr int kMaxReparseDepth = 64;
  int reparse_depth_ = 0;
  // Block quotes and list items open around the block being read, reparsed text included.
  int nesting_ = 0;

  static std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t pos = 0;
    while (pos <= text.size()) {
      std::size_t eol = text.find('\n', pos);
      if (eol == std::string_view::npos) {
        lines.push_back(text.substr(pos));
        break;
      }
      lines.push_back(text.substr(pos, eol - pos));
      pos = eol + 1;
    }
    return lines;
  }

  int line_of(cmark_node* n) const { return cmark_node_get_start_line(n) + offset_; }
  int end_line_of(cmark_node* n) const { return cmark_node_get_end_line(n) + offset_; }

  Clause& append(Clause c, int first, int last) {
    close_toc();
    c.first_line = first;
    c.last_line = last;
    c.subjects = std::move(pending_subjects_);
    pending_subjects_.clear();
    auto* children = stack_.back().children;
    children->push_back(std::move(c));
    return children->back();
  }
  Clause& append(Clause c, cmark_node* node) { return append(std::move(c), line_of(node), end_line_of(node)); }

  void push(Scope scope, Clause& c, NumberStyle style = NumberStyle::None, int level = 0, bool owns = false) {
    stack_.push_back({scope, &c.children, &c, level, style, owns});
  }

  // Pops scopes above `floor` while `pred` holds for the top one.
  template <typename Pred>
  void pop_while(std::size_t floor, Pred pred) {
    while (stack_.size() > floor + 1 && pred(stack_.back())) stack_.pop_back();
  }

  // The walk below recurses once per block quote and list item: refuse, before
  // walking, a tree nested deeper than any contract is (15,000 quotes would
  // overflow the stack), naming the line where it gets too deep.
  void require_shallow(cmark_node* root) const {
    int depth = nesting_, deepest = nesting_, line_too_deep = 0;
    std::unique_ptr<cmark_iter, void (*)(cmark_iter*)> it(cmark_iter_new(root), cmark_iter_free);
    for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
      cmark_node* n = cmark_iter_get_node(it.get());
      cmark_node_type type = cmark_node_get_type(n);
      if (type != CMARK_NODE_BLOCK_QUOTE && type != CMARK_NODE_ITEM) continue;
      if (ev == CMARK_EVENT_EXIT) {
        --depth;
        continue;
      }
      deepest = std::max(deepest, ++depth);
      if (depth > kMaxNesting && line_too_deep == 0) line_too_deep = line_of(n);
    }
    if (deepest > kMaxNesting)
      throw Error(ErrorCode::BadInput, "block quotes and list items nested " + std::to_string(deepest) +
                                           " deep; lexgit reads at most " + std::to_string(kMaxNesting),
                  {"", line_too_deep});
  }

  void blocks(cmark_node* parent, std::size_t floor) {
    for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) block(n, floor);
  }

  void block(cmark_node* n, std::size_t floor) {
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_HEADING: heading(n, floor); break;
      case CMARK_NODE_PARAGRAPH: paragraph_lines(n, markdown::inline_lines(n), floor); break;
      case CMARK_NODE_CODE_BLOCK: code_block(n, floor); break;
      case CMARK_NODE_LIST: list(n, floor); break;
      case CMARK_NODE_BLOCK_QUOTE:
        ++nesting_;
        blocks(n, floor);
        --nesting_;
        break;
      case CMARK_NODE_HTML_BLOCK: html(n); break;
      default: break;  // thematic breaks and the like carry no contract text
    }
  }

  // ---- tables of contents ----

  // Takes `text` into an open table of contents, or opens one at 目录. False
  // when the text is contract text: the table ends where the first title it
  // listed comes again, or at anything that is not a title.
  bool absorbed_by_toc(const std::string& text, int first, int last) {
    if (!toc_) {
      if (!is_toc_title(text)) return false;
      Clause c;
      c.heading = "目录";
      Clause& added = append(std::move(c), first, last);
      (void)added;
      auto* parent = stack_.back().children;
      toc_ = Toc{parent, parent->size() - 1, {}, {}};
      return true;
    }
    std::string key = numbering::toc_key(text);
    if (!is_toc_entry(text) || key == toc_->first_key) {
      close_toc();
      return false;
    }
    if (toc_->entries.empty()) toc_->first_key = key;
    toc_->entries.push_back(std::string(text::trim_blank(text)));
    (*toc_->parent)[toc_->index].last_line = last;
    return true;
  }

  void close_toc() {
    if (!toc_) return;
    Toc toc = std::move(*toc_);
    toc_.reset();
    std::string joined;
    for (const std::string& e : toc.entries) joined += (joined.empty() ? "" : "\n") + e;
    (*toc.parent)[toc.index].text = std::move(joined);
  }

  // ---- blocks ----

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

  // Text indented by four spaces or a tab is a code block to CommonMark, but in
  // a contract it is indented text: read it again as Markdown. A fenced block
  // is one paragraph as written.
  void code_block(cmark_node* n, std::size_t floor) {
    std::string literal = markdown::literal(n);
    int start = cmark_node_get_start_line(n);
    std::string_view opening = start >= 1 && static_cast<std::size_t>(start) <= lines_.size()
                                   ? text::trim_blank(lines_[static_cast<std::size_t>(start - 1)])
                                   : std::string_view();
    if (opening.starts_with("```") || opening.starts_with("~~~")) {
      paragraph(n, trim(literal), floor);
      return;
    }
    if (reparse_depth_ >= kMaxReparseDepth) {  // each line a paragraph, as written
      int line = line_of(n);
      for (std::string_view l : split_lines(literal)) {
        paragraph_text(trim(l), line, line, floor);
        ++line;
      }
      return;
    }
    literal = dedent(literal);
    markdown::Tree inner = markdown::parse(literal);
    std::vector<std::string_view> saved_lines = std::move(lines_);
    int saved_offset = offset_;
    lines_ = split_lines(literal);
    offset_ += start - 1;
    require_shallow(inner.get());
    ++reparse_depth_;
    blocks(inner.get(), floor);
    --reparse_depth_;
    lines_ = std::move(saved_lines);
    offset_ = saved_offset;
  }

  // Indented text read again is read once: the indentation all its lines share
  // goes in one step (a line indented 40,000 spaces is not 10,000 code blocks).
  static std::string dedent(const std::string& text) {
    std::vector<std::string_view> lines = split_lines(text);
    std::size_t common = std::string::npos;
    for (std::string_view l : lines) {
      std::size_t indent = l.find_first_not_of(" \t");
      if (indent != std::string_view::npos) common = std::min(common, indent);
    }
    if (common == std::string::npos || common == 0) return text;
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      std::string_view l = lines[i];
      out.append(l.substr(std::min(common, l.size())));
      if (i + 1 < lines.size()) out.push_back('\n');
    }
    return out;
  }

  void heading(cmark_node* n, std::size_t floor) {
    int level = cmark_node_get_heading_level(n);
    std::string raw = trim(markdown::inline_text(n));
    if (raw.empty()) return;  // an empty heading is no unit
    if (absorbed_by_toc(raw, line_of(n), end_line_of(n))) return;
    pop_while(floor, [&](const Open& o) {
      return o.scope == Scope::NumberedParagraph || o.scope == Scope::LeadIn ||
             (o.scope == Scope::Heading && o.heading_level >= level);
    });
    Clause c;
    if (auto mark = numbering::read_mark(raw); mark && mark->style != NumberStyle::Bullet) {
      c.number = mark->literal;
      c.style = mark->style;
      c.value = mark->value;
      c.insertion = mark->insertion;
      c.id = mark->key;  // the id component for now; ids are completed later
      c.heading = text::squeeze_cjk_spacing(trim(std::string_view(raw).substr(mark->length)));
    } else {
      c.heading = text::squeeze_cjk_spacing(raw);
    }
    Clause& added = append(std::move(c), n);
    push(Scope::Heading, added, added.style, level, true);
  }

  // An indented source line: Chinese text marks a paragraph's start by
  // indenting it (首行缩进), with full-width or ASCII spaces.
  bool indented_source_line(int body_line) const {
    if (body_line < 1 || static_cast<std::size_t>(body_line) > lines_.size()) return false;
    std::string_view s = lines_[static_cast<std::size_t>(body_line - 1)];
    return s.starts_with("\u3000") || s.starts_with("  ") || s.starts_with("\t");
  }

  // A paragraph's lines: one unit, or several where a line starts a unit of its
  // own or is indented as a paragraph's first line.
  void paragraph_lines(cmark_node* n, const std::vector<std::string>& lines, std::size_t floor) {
    int first = line_of(n);
    int body_first = cmark_node_get_start_line(n);
    // In a list item, continuation lines are indented to the item's text: no paragraph starts there.
    cmark_node* parent = cmark_node_parent(n);
    bool in_item = parent && cmark_node_get_type(parent) == CMARK_NODE_ITEM;
    auto new_paragraph = [&](std::size_t i) {
      return starts_unit(lines[i]) || (!in_item && indented_source_line(body_first + static_cast<int>(i)));
    };
    std::size_t from = 0;
    for (std::size_t i = 1; i <= lines.size(); ++i) {
      if (i < lines.size() && !new_paragraph(i)) continue;
      std::vector<std::string_view> piece(lines.begin() + static_cast<std::ptrdiff_t>(from),
                                          lines.begin() + static_cast<std::ptrdiff_t>(i));
      int piece_first = first + static_cast<int>(from);
      int piece_last = i == lines.size() ? end_line_of(n) : first + static_cast<int>(i) - 1;
      paragraph_text(trim(text::join_wrapped(piece)), piece_first, piece_last, floor);
      from = i;
    }
  }

  void paragraph(cmark_node* n, std::string raw, std::size_t floor) {
    paragraph_text(trim(raw), line_of(n), end_line_of(n), floor);
  }

  void paragraph_text(std::string raw, int first, int last, std::size_t floor) {
    if (raw.empty()) return;
    if (absorbed_by_toc(raw, first, last)) return;
    auto mark = numbering::read_mark(raw);
    if (!mark) return unnumbered(std::move(raw), first, last, floor);

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
    c.insertion = mark->insertion;
    c.id = mark->key;
    std::string rest = trim(std::string_view(raw).substr(mark->length));
    bool title = reads_as_title(style, rest);
    if (title) c.heading = text::squeeze_cjk_spacing(rest);
    else c.text = std::move(rest);
    bool lead_in = !title && ends_with_colon(c.text);
    Clause& added = append(std::move(c), first, last);
    push(Scope::NumberedParagraph, added, style, 0, title || style == NumberStyle::Tiao || lead_in);
  }

  void unnumbered(std::string raw, int first, int last, std::size_t floor) {
    // Inside an article, a paragraph after its items is the article's next 款.
    bool article_open = std::any_of(stack_.begin(), stack_.end(), [](const Open& o) { return o.style == NumberStyle::Tiao; });
    pop_while(floor, [&](const Open& o) {
      return o.scope == Scope::LeadIn ||
             (o.scope == Scope::NumberedParagraph && (!o.owns_paragraphs || (article_open && o.style != NumberStyle::Tiao &&
                                                                               numbering::law_rank(o.style) == 0)));
    });
    Clause c;
    c.text = std::move(raw);
    bool lead_in = ends_with_colon(c.text);
    Clause& added = append(std::move(c), first, last);
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
      ++nesting_;
      for (cmark_node* b = first; b; b = cmark_node_next(b)) block(b, depth);
      --nesting_;
      stack_.resize(depth);
    }
    (void)floor;
  }
};

// ---- ids ------------------------------------------------------------------------

std::string join(const std::string& prefix, const std::string& part) {
  return prefix.empty() ? part : prefix + "." + part;
}

bool is_article(const Clause& c) { return c.style == NumberStyle::Tiao; }

void collect_articles(const std::vector<Clause>& units, std::vector<const Clause*>& out) {
  for (const Clause& c : units) {
    if (is_article(c)) out.push_back(&c);
    collect_articles(c.children, out);
  }
}

// Statutes number their articles through the whole document (第六条 is the
// sixth article wherever its chapter is): then an article's id is its number
// alone. Articles that restart at 第一条 under each part keep the part's id
// before theirs.
bool articles_numbered_through(const std::vector<Clause>& roots) {
  std::vector<const Clause*> articles;
  collect_articles(roots, articles);
  auto firsts = std::count_if(articles.begin(), articles.end(), [](const Clause* a) { return a->value == 1 && a->insertion == 0; });
  return !articles.empty() && firsts <= 1;
}

bool is_unnumbered_heading(const Clause& c) {
  return c.style == NumberStyle::None && !c.heading.empty() && c.text.empty() && c.number.empty();
}

bool has_grouping_child(const std::vector<Clause>& units);

// A grouping: 第三章, or an unnumbered heading that holds groupings (物权编 over
// its 分编 and 章, where a text leaves the 编 unnumbered).
bool is_grouping_unit(const Clause& c) {
  return numbering::is_grouping(c.style) || (is_unnumbered_heading(c) && has_grouping_child(c.children));
}

bool has_grouping_child(const std::vector<Clause>& units) {
  return std::any_of(units.begin(), units.end(), is_grouping_unit);
}

class IdAssigner {
 public:
  explicit IdAssigner(const std::vector<Clause>& roots) : through_(articles_numbered_through(roots)) {
    if (!through_) return;
    std::vector<const Clause*> articles;
    collect_articles(roots, articles);
    for (const Clause* a : articles) used_.insert(a->id);  // reserved: other units yield
  }

  void assign(std::vector<Clause>& units, const std::string& prefix) {
    auto groupings = std::count_if(units.begin(), units.end(), is_grouping_unit);
    for (Clause& c : units) assign_one(c, prefix, groupings - (is_grouping_unit(c) ? 1 : 0) > 0);
  }

 private:
  bool through_;
  // Membership only, asked once or twice per clause: hashed, not ordered.
  std::unordered_set<std::string> used_;
  std::unordered_set<std::string> placed_articles_;
  std::map<std::string, int> paragraphs_, bullets_, headings_;  // counters per id prefix

  std::string unique(std::string id) {
    if (used_.insert(id).second) return id;
    for (int n = 2;; ++n) {
      std::string candidate = id + "~" + std::to_string(n);
      if (used_.insert(candidate).second) return candidate;
    }
  }

  void assign_one(Clause& c, const std::string& prefix, bool beside_groupings) {
    if (c.style == NumberStyle::None && c.number.empty() && c.heading == "目录" && c.children.empty()) {
      c.id.clear();  // a table of contents: not contract text
      return;
    }
    bool unnumbered_heading = is_unnumbered_heading(c);
    if (unnumbered_heading && !(beside_groupings && (known_grouping_name(c.heading) || has_grouping_child(c.children)))) {
      c.id.clear();  // a group: transparent for ids
      assign(c.children, prefix);
      return;
    }
    if (unnumbered_heading) {
      // 附则 beside 第一章 … 第七章, or 物权编 above its chapters: a grouping too,
      // cited by its name (fuze, zongze) or its place among such headings (h2).
      auto name = known_grouping_name(c.heading);
      c.id = unique(join(prefix, name ? std::string(*name) : "h" + std::to_string(++headings_[prefix])));
      assign(c.children, c.id);
      return;
    }
    if (c.style == NumberStyle::None) {
      c.id = unique(join(prefix, "p" + std::to_string(++paragraphs_[prefix])));
      assign_lead_in_children(c, prefix);
      return;
    }
    if (c.style == NumberStyle::Bullet) {
      c.id = unique(join(prefix, "b" + std::to_string(++bullets_[prefix])));
    } else if (numbering::is_grouping(c.style)) {
      c.id = unique(join(prefix, numbering::grouping_key(c.style, c.value)));
    } else if (is_article(c) && through_) {
      // Its reserved id; a repeated number (a drafting defect) gets 2~2.
      if (!placed_articles_.insert(c.id).second) c.id = unique(c.id);
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
      if (is_article(child) && through_) continue;
      if (used_.count(join(prefix, child.id))) transparent = false;
    }
    for (Clause& child : lead_in.children) {
      bool numbered = child.style != NumberStyle::None && child.style != NumberStyle::Bullet;
      assign_one(child, numbered && transparent ? prefix : lead_in.id, false);
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
  IdAssigner(clauses).assign(clauses, "");
  close_lines(clauses);
  return clauses;
}

}  // namespace lexgit::clause_tree
