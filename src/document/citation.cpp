// Clauses as lawyers cite them, both ways: 第七部分第二款, 第十部分第3项,
// 第三条第二款第（一）项, 第二章第一节, 附则 (README.md, "Citations").
//
// A citation names each unit on the way down from the document: a part of a
// contract (第十部分), the groupings of a statute (第二章第一节) — dropped before an
// article, which statutes number through the whole text (第六条, not
// 第一章第六条) —, an article (第三条, 第十七条之一), a paragraph (款: an article's
// own text is its 第一款), an item (项) and a sub-item (目).
#include <algorithm>
#include <cctype>

#include "document/numbering.hpp"
#include "lexgit/document.hpp"

namespace lexgit {
namespace {

using Path = std::vector<const Clause*>;

bool find_path(const std::vector<Clause>& units, std::string_view id, Path& path) {
  for (const Clause& c : units) {
    path.push_back(&c);
    if ((!c.is_group() && c.id == id) || find_path(c.children, id, path)) return true;
    path.pop_back();
  }
  return false;
}

bool is_paragraph(const Clause& c) { return c.style == NumberStyle::None && !c.is_group() && c.number.empty() && c.heading.empty(); }
bool is_item(const Clause& c) {
  return c.style != NumberStyle::None && c.style != NumberStyle::Bullet && numbering::law_rank(c.style) == 0;
}
bool is_article(const Clause& c) { return c.style == NumberStyle::Tiao; }
bool is_grouping(const Clause& c) {
  return numbering::is_grouping(c.style) || c.style == NumberStyle::Bufen ||
         (c.style == NumberStyle::None && !c.is_group() && !c.heading.empty() && c.text.empty());
}

// Articles numbered through the document: their ids are their numbers alone.
bool numbered_through(const Document& doc) {
  for (const Clause* c : doc.all_clauses())
    if (is_article(*c)) return c->id.find('.') == std::string::npos;
  return false;
}

// The unnumbered paragraphs of a unit, groups looked through, in order.
void paragraphs_in(const std::vector<Clause>& units, std::vector<const Clause*>& out) {
  for (const Clause& c : units) {
    if (c.is_group()) paragraphs_in(c.children, out);
    else if (is_paragraph(c)) out.push_back(&c);
  }
}

// The 款 number of a paragraph among its unit's: the unit's own text, if any, is 第一款.
int paragraph_number(const Document& doc, const Clause* parent, const Clause& paragraph) {
  std::vector<const Clause*> paragraphs;
  paragraphs_in(parent ? parent->children : doc.clauses, paragraphs);
  int n = parent && !parent->text.empty() ? 1 : 0;
  for (const Clause* c : paragraphs) {
    ++n;
    if (c == &paragraph) break;
  }
  return n;
}

std::string item_label(const Clause& c) {
  std::string n = numbering::numeral_for(c.style, c.value);
  if (c.style == NumberStyle::ChineseParen) return "（" + n + "）";
  if (c.style == NumberStyle::ArabicParen) return "（" + n + "）";
  if (c.style == NumberStyle::Circled) return c.number;
  return n;
}

std::string counter(NumberStyle style) {
  switch (style) {
    case NumberStyle::Bian: return "编";
    case NumberStyle::FenBian: return "分编";
    case NumberStyle::Bufen: return "部分";
    case NumberStyle::Zhang: return "章";
    case NumberStyle::Jie: return "节";
    default: return "部分";
  }
}

}  // namespace

std::string cite(const Document& doc, std::string_view id) {
  Path path;
  if (!find_path(doc.clauses, id, path)) return std::string(id);
  bool through = numbered_through(doc);
  std::string out;
  const Clause* parent = nullptr;  // the unit above, groups looked through
  int item_depth = 0;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const Clause& c = *path[i];
    if (c.is_group()) continue;
    bool last = i + 1 == path.size();
    if (is_article(c)) {
      std::string article = "第" + text::chinese_numeral(c.value) + "条" +
                            (c.insertion > 0 ? "之" + text::chinese_numeral(c.insertion) : "");
      out = through ? article : out + article;
      item_depth = 0;
    } else if (numbering::law_rank(c.style) > 0 || (!parent && c.style != NumberStyle::None && c.style != NumberStyle::Bullet)) {
      out += "第" + text::chinese_numeral(c.value) + counter(c.style);  // 第二章, 第十部分
    } else if (is_grouping(c) && c.style == NumberStyle::None) {
      out += text::squeeze_cjk_spacing(c.heading);  // 附则, 物权编
    } else if (is_paragraph(c)) {
      // A lead-in whose items keep the unit's ids (10.3 under 10.p1) is not named.
      bool transparent_lead_in = !last && path[i + 1]->id.rfind(c.id + ".", 0) != 0;
      if (!transparent_lead_in)
        out += "第" + text::chinese_numeral(paragraph_number(doc, parent, c)) + (parent ? "款" : "段");
    } else if (c.style == NumberStyle::Bullet) {
      int n = 0;
      for (const Clause& s : parent ? parent->children : doc.clauses) {
        if (s.style == NumberStyle::Bullet) ++n;
        if (&s == &c) break;
      }
      out += "第" + text::chinese_numeral(n) + "点";
    } else if (is_item(c)) {
      out += "第" + item_label(c) + (item_depth++ == 0 ? "项" : "目");
    }
    parent = &c;
  }
  return out.empty() ? std::string(id) : out;
}

namespace {

// One step of a citation: 第十部分, 第三条之一, 第二款, 第（一）项, 附则.
struct Step {
  std::string counter;  // 编 分编 部分 章 节 条 款 项 目 点 段, or "name"
  long long value = 0;
  int insertion = 0;
  bool letter = false;  // 第B目: an option lettered A., B.
  std::string name;     // for a unit cited by its heading (附则, 物权编)
};

std::optional<std::vector<Step>> parse_steps(std::string_view s) {
  std::vector<Step> steps;
  for (std::string_view self : {"本协议", "本条款", "本规则", "本办法", "本条例", "本规定", "本细则", "本法"})
    if (s.starts_with(self)) s.remove_prefix(self.size());
  while (!s.empty()) {
    s = text::trim_blank(s);
    if (s.empty()) break;
    if (!s.starts_with("第")) {
      // A unit cited by its name, up to the next 第.
      std::size_t next = s.find("第");
      Step named;
      named.counter = "name";
      named.name = text::squeeze_cjk_spacing(s.substr(0, next));
      steps.push_back(std::move(named));
      if (next == std::string_view::npos) break;
      s.remove_prefix(next);
      continue;
    }
    s.remove_prefix(std::string_view("第").size());
    bool bracketed = s.starts_with("（") || s.starts_with("(");
    if (bracketed) s.remove_prefix(s.starts_with("（") ? std::string_view("（").size() : 1);
    Step step;
    if (!s.empty() && std::isalpha(static_cast<unsigned char>(s.front()))) {
      step.letter = true;
      step.value = std::toupper(static_cast<unsigned char>(s.front())) - 'A' + 1;
      s.remove_prefix(1);
    } else {
      auto n = text::read_numeral(s);
      if (!n || n->value <= 0) return std::nullopt;
      step.value = n->value;
      s.remove_prefix(n->length);
    }
    if (bracketed) {
      if (!s.starts_with("）") && !s.starts_with(")")) return std::nullopt;
      s.remove_prefix(s.starts_with("）") ? std::string_view("）").size() : 1);
    }
    for (std::string_view c : {"分编", "部分", "编", "章", "节", "条", "款", "项", "目", "点", "段"}) {
      if (s.starts_with(c)) {
        step.counter = std::string(c);
        s.remove_prefix(c.size());
        break;
      }
    }
    if (step.counter.empty()) return std::nullopt;
    if (step.counter == "条" && s.starts_with("之")) {
      auto ins = text::read_numeral(s.substr(std::string_view("之").size()));
      if (ins && ins->value > 0) {
        step.insertion = static_cast<int>(ins->value);
        s.remove_prefix(std::string_view("之").size() + ins->length);
      }
    }
    steps.push_back(std::move(step));
  }
  if (steps.empty()) return std::nullopt;
  return steps;
}

NumberStyle style_of(std::string_view counter) {
  if (counter == "编") return NumberStyle::Bian;
  if (counter == "分编") return NumberStyle::FenBian;
  if (counter == "章") return NumberStyle::Zhang;
  if (counter == "节") return NumberStyle::Jie;
  if (counter == "部分") return NumberStyle::Bufen;
  return NumberStyle::None;
}

// Units below `units` in document order, groups looked through; `deep` goes
// into every unit, otherwise only into groups and unnumbered paragraphs (a
// lead-in holds the items of its unit).
void below(const std::vector<Clause>& units, bool deep, std::vector<const Clause*>& out) {
  for (const Clause& c : units) {
    if (!c.is_group()) out.push_back(&c);
    if (c.is_group() || deep || is_paragraph(c)) below(c.children, deep, out);
  }
}

const Clause* find_step(const Document& doc, const Clause* at, const Step& step, bool through) {
  const std::vector<Clause>& scope = at ? at->children : doc.clauses;
  std::vector<const Clause*> candidates;
  if (step.counter == "条") {
    below(through ? doc.clauses : scope, true, candidates);
    for (const Clause* c : candidates)
      if (is_article(*c) && c->value == step.value && c->insertion == step.insertion) return c;
    return nullptr;
  }
  if (step.counter == "款" || step.counter == "段") {
    if (at && !at->text.empty() && step.value == 1) return at;
    std::vector<const Clause*> paragraphs;
    paragraphs_in(scope, paragraphs);
    long long index = step.value - (at && !at->text.empty() ? 2 : 1);
    return index >= 0 && index < static_cast<long long>(paragraphs.size()) ? paragraphs[static_cast<std::size_t>(index)] : nullptr;
  }
  if (step.counter == "项" || step.counter == "目" || step.counter == "点") {
    below(scope, false, candidates);
    for (const Clause* c : candidates) {
      bool letter = c->style == NumberStyle::UpperLetter || c->style == NumberStyle::LowerLetter;
      bool kind = step.counter == "点" ? c->style == NumberStyle::Bullet : is_item(*c) && letter == step.letter;
      if (kind && (step.counter == "点" || c->value == step.value)) {
        if (step.counter != "点") return c;
      }
    }
    if (step.counter == "点") {
      long long n = 0;
      for (const Clause* c : candidates)
        if (c->style == NumberStyle::Bullet && ++n == step.value) return c;
    }
    return nullptr;
  }
  if (step.counter == "name") {
    below(scope, true, candidates);
    for (const Clause* c : candidates)
      if (!c->heading.empty() && text::squeeze_cjk_spacing(c->heading) == step.name) return c;
    return nullptr;
  }
  NumberStyle style = style_of(step.counter);
  below(scope, true, candidates);
  for (const Clause* c : candidates)
    if (c->style == style && c->value == step.value) return c;
  if (step.counter == "部分") {  // a contract's parts: 一． … 十一．
    std::vector<const Clause*> top;
    below(scope, false, top);
    for (const Clause* c : top)
      if (c->style != NumberStyle::None && c->style != NumberStyle::Bullet && c->value == step.value) return c;
  }
  return nullptr;
}

}  // namespace

std::optional<std::string> id_for_citation(const Document& doc, std::string_view citation) {
  auto steps = parse_steps(citation);
  if (!steps) return std::nullopt;
  bool through = numbered_through(doc);
  const Clause* at = nullptr;
  for (const Step& step : *steps) {
    at = find_step(doc, at, step, through);
    if (!at) return std::nullopt;
  }
  return at->id;
}

bool looks_like_citation(std::string_view s) {
  if (s.empty()) return false;
  return static_cast<unsigned char>(s.front()) >= 0x80;  // ids are ASCII; a citation starts with 第, 本, 附 …
}

std::optional<std::string> clause_id(const Document& doc, std::string_view id_or_citation) {
  if (doc.find(id_or_citation)) return std::string(id_or_citation);
  if (looks_like_citation(id_or_citation)) return id_for_citation(doc, id_or_citation);
  return std::nullopt;
}

}  // namespace lexgit
