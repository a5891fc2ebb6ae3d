// What `lexgit check` reports. Two kinds of findings:
// - a document lexgit cannot use (front matter, encoding, an id taken by another
//   document): always an error;
// - drafting defects of its text (numbering gaps and repeats, references that
//   point nowhere): the document is still what was published, so they are
//   warnings, and errors only under `--strict`.
#include "lexgit/check.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "document/numbering.hpp"

namespace lexgit {
namespace {

bool is_numbered(const Clause& c) {
  return c.style != NumberStyle::None && c.style != NumberStyle::Bullet;
}

bool is_article(const Clause& c) { return c.style == NumberStyle::Tiao; }

// The units that are siblings for numbering: children, with groups (unnumbered
// headings) looked through.
void siblings_of(const std::vector<Clause>& units, std::vector<const Clause*>& out) {
  for (const Clause& c : units) {
    if (c.is_group()) siblings_of(c.children, out);
    else out.push_back(&c);
  }
}

std::string numeral(const Clause& c) { return c.number.empty() ? std::to_string(c.value) : c.number; }

class Checker {
 public:
  Checker(const Document& doc, const CheckOptions& options, std::vector<Diagnostic>& out)
      : doc_(doc), drafting_(options.strict ? Severity::Error : Severity::Warning), out_(out) {}

  void run() {
    std::vector<const Clause*> articles;
    for (const Clause* c : doc_.all_clauses())
      if (is_article(*c)) articles.push_back(c);
    // Statutes number articles through the document: one sequence, whatever
    // chapter each article is in (the clause tree gave them their bare numbers).
    through_ = !articles.empty() && std::all_of(articles.begin(), articles.end(), [](const Clause* a) {
      return a->id.find('.') == std::string::npos;
    });
    if (through_) check_sequence(articles);
    std::vector<const Clause*> top;
    siblings_of(doc_.clauses, top);
    check_tree(top);
    collect_targets(top);
    for (const Clause& c : doc_.clauses) check_references(c, nullptr);
  }

 private:
  const Document& doc_;
  Severity drafting_;
  std::vector<Diagnostic>& out_;
  bool through_ = false;
  std::set<std::pair<int, long long>> targets_;  // (law rank or 0 for a top-level unit, value)
  std::set<std::pair<long long, int>> articles_;  // (value, insertion)
  std::map<std::pair<long long, int>, const Clause*> article_of_;
  std::map<NumberStyle, const Clause*> last_of_style_;  // in document order, for units numbered through

  void report(const Clause& c, std::string message) { out_.push_back({drafting_, {doc_.path, c.first_line}, std::move(message)}); }

  // ---- numbering ----

  // One run of units numbered in one style, in order: 1, 2, 2之一, 3 …
  void check_sequence(const std::vector<const Clause*>& units) {
    std::map<NumberStyle, const Clause*> previous;
    for (const Clause* c : units) {
      if (!is_numbered(*c)) continue;
      auto it = previous.find(c->style);
      check_step(it == previous.end() ? nullptr : it->second, *c);
      previous[c->style] = c;
      if (numbering::law_rank(c->style) > 0) last_of_style_[c->style] = c;
    }
  }

  void check_step(const Clause* prev, const Clause& c) {
    if (!prev) {
      // A grouping's units may restart at 一 or go on from the one before it:
      // the Civil Code numbers its chapters through each 编, across its 分编.
      auto before = last_of_style_.find(c.style);
      bool continues = before != last_of_style_.end() && c.value == before->second->value + 1 && c.insertion == 0;
      if (c.value != 1 && c.style != NumberStyle::Circled && !continues)
        report(c, "numbering gap: the first unit is \"" + numeral(c) + "\"; " + numbering::numeral_for(c.style, 1) + " is missing");
      return;
    }
    if (c.insertion > 0) {  // 第N条之M follows 第N条 or 第N条之(M-1)
      if (c.value == prev->value && c.insertion == prev->insertion + 1) return;
      if (c.value == prev->value && c.insertion <= prev->insertion) return repeat(*prev, c);
      report(c, "numbering: \"" + numeral(c) + "\" follows \"" + numeral(*prev) + "\"; an inserted article follows the article it is inserted after");
      return;
    }
    long long expected = prev->value + 1;
    if (c.value == prev->value) return repeat(*prev, c);
    if (c.value > expected) {
      std::string missing = numbering::numeral_for(c.style, expected);
      if (c.value > expected + 1) missing += "–" + numbering::numeral_for(c.style, c.value - 1);
      report(c, "numbering gap: \"" + numeral(c) + "\" follows \"" + numeral(*prev) + "\"; " + missing + " is missing");
    } else if (c.value < expected) {
      report(c, "numbering goes back: \"" + numeral(c) + "\" follows \"" + numeral(*prev) + "\" in the same part");
    }
  }

  void repeat(const Clause& prev, const Clause& c) {
    report(c, "numbering repeat: \"" + numeral(c) + "\" appears twice (also at line " + std::to_string(prev.first_line) +
                  "); clause id " + c.id);
  }

  void check_tree(const std::vector<const Clause*>& units) {
    std::vector<const Clause*> numbered;
    for (const Clause* c : units)
      if (!(through_ && is_article(*c))) numbered.push_back(c);
    check_sequence(numbered);
    for (const Clause* c : units) {
      std::vector<const Clause*> inner;
      siblings_of(c->children, inner);
      check_tree(inner);
    }
  }

  // ---- references ----

  // What 第X部分 / 第X章 / 第X条 … may point to: the top-level numbered units
  // (whatever their style) and every law-style unit.
  void collect_targets(const std::vector<const Clause*>& top) {
    long long unnumbered_books = 0;
    for (const Clause* c : top) {
      if (is_numbered(*c)) targets_.insert({0, c->value});
      // A text that leaves its 编 unnumbered (总则, 物权编 … over their chapters)
      // still cites them as 第一编, 第二编 …: count them in order.
      if (c->style == NumberStyle::None && !c->heading.empty() && c->text.empty() && has_grouping(*c))
        targets_.insert({numbering::law_rank(NumberStyle::Bian), ++unnumbered_books});
    }
    for (const Clause* c : doc_.all_clauses()) {
      if (numbering::law_rank(c->style) > 0) targets_.insert({numbering::law_rank(c->style), c->value});
      if (is_article(*c)) {
        articles_.insert({c->value, c->insertion});
        article_of_[{c->value, c->insertion}] = c;
      }
    }
  }

  static bool has_grouping(const Clause& c) {
    return std::any_of(c.children.begin(), c.children.end(), [](const Clause& child) {
      return numbering::is_grouping(child.style) || has_grouping(child);
    });
  }

  // The 款 of an article: its own text, then its unnumbered paragraphs.
  static int paragraph_count(const Clause& article) {
    int n = article.text.empty() ? 0 : 1;
    for (const Clause& child : article.children) n += child.style == NumberStyle::None && !child.is_group();
    return n;
  }

  // Walks the tree keeping the article each clause is in.
  void check_references(const Clause& c, const Clause* article) {
    if (is_article(c)) article = &c;
    if (!c.is_group()) {
      bool first_paragraph = article && (&c == article ? !c.text.empty() : is_first_paragraph(*article, c));
      check_text(c, c.heading, article, false);
      check_text(c, c.text, article, first_paragraph);
    }
    for (const Clause& child : c.children) check_references(child, article);
  }

  static bool is_first_paragraph(const Clause& article, const Clause& c) {
    if (!article.text.empty()) return false;
    for (const Clause& child : article.children)
      if (child.style == NumberStyle::None) return &child == &c;
    return false;
  }

  void check_text(const Clause& c, std::string_view s, const Clause* article, bool first_paragraph) {
    if (first_paragraph && s.find("前款") != std::string_view::npos)
      report(c, "reference 前款 in clause " + c.id + " points nowhere: it is the first paragraph of its article");
    bool previous_foreign = false;
    std::size_t previous_end = std::string_view::npos;
    const Clause* previous_article = nullptr;
    for (std::size_t pos = s.find("第"); pos != std::string_view::npos; pos = s.find("第", pos + 1)) {
      auto mark = numbering::read_mark(s.substr(pos));
      if (!mark || numbering::law_rank(mark->style) == 0) continue;
      std::string_view before = s.substr(0, pos);
      // 《民法典》第五百零九条、第五百一十条: a list of references shares its instrument.
      bool continues_list = previous_end != std::string_view::npos && is_list_separator(s.substr(previous_end, pos - previous_end));
      bool joined = previous_end == pos;  // 第三条第二款
      bool foreign = continues_list || joined ? previous_foreign : cites_another_instrument(before);
      previous_foreign = foreign;
      previous_end = pos + mark->literal.size();
      const Clause* cited_article = nullptr;
      if (!foreign) cited_article = check_one(c, *mark, before, joined ? previous_article : nullptr, article);
      previous_article = cited_article;
    }
  }

  // Checks one reference; returns the article it names, if it names one.
  const Clause* check_one(const Clause& c, const numbering::Mark& mark, std::string_view before,
                          const Clause* joined_article, const Clause* article) {
    if (mark.style == NumberStyle::Kuan) {
      // 第三条第二款 counts the paragraphs of article 3; 本条第二款 those of this one.
      const Clause* target = joined_article ? joined_article : (before.ends_with("本条") ? article : nullptr);
      if (target && mark.value > paragraph_count(*target))
        report(c, "reference " + std::string(before.ends_with("本条") ? "本条" : target->number) + mark.literal + " in clause " +
                      c.id + " points nowhere: " + target->number + " has " + std::to_string(paragraph_count(*target)) +
                      (paragraph_count(*target) == 1 ? " paragraph" : " paragraphs"));
      return nullptr;
    }
    if (mark.style == NumberStyle::Xiang) return nullptr;  // relative to a paragraph
    if (mark.style == NumberStyle::Tiao) {
      auto it = article_of_.find({mark.value, mark.insertion});
      if (it != article_of_.end()) return it->second;
      if (mark.insertion == 0 && targets_.count({0, mark.value})) return nullptr;
    } else if (targets_.count({numbering::law_rank(mark.style), mark.value}) || targets_.count({0, mark.value})) {
      return nullptr;
    }
    report(c, "reference " + mark.literal + " in clause " + c.id + " points nowhere: the document has no " +
                  (mark.style == NumberStyle::Tiao ? "article " : "unit ") + mark.literal);
    return nullptr;
  }

  static bool is_list_separator(std::string_view between) {
    for (std::string_view sep : {"、", "，", "和", "或者", "或", "及", "以及", "至", "、第"})
      if (between == sep) return true;
    return false;
  }

  // A reference preceded by the name of another instrument points into that
  // instrument: 《…》第三条, 民法典第…条, 框架协议第九部分. 本法 / 本条例 / 本协议 /
  // 本规则 … name the document itself.
  static bool cites_another_instrument(std::string_view before) {
    for (std::string_view self : {"本法", "本条例", "本规定", "本办法", "本细则", "本规则", "本条款", "本协议", "本编",
                                  "本章", "本节", "本条"})
      if (before.ends_with(self)) return false;
    for (std::string_view end : {"》", "法", "条例", "规定", "办法", "细则", "解释", "决定"})
      if (before.ends_with(end)) return true;
    for (std::string_view name : {"协议", "条款", "规则", "政策", "附件", "订单", "合同", "文件"}) {
      if (!before.ends_with(name)) continue;
      std::string_view rest = before.substr(0, before.size() - name.size());
      return !rest.ends_with("本");
    }
    return false;
  }
};

}  // namespace

std::vector<Diagnostic> check_document(const Document& doc, const CheckOptions& options) {
  std::vector<Diagnostic> out = doc.diagnostics;
  if (doc.has_errors() && doc.clauses.empty()) return out;
  Checker(doc, options, out).run();
  return out;
}

std::vector<Diagnostic> check_documents(const std::vector<Document>& documents, const CheckOptions& options) {
  std::vector<Diagnostic> out;
  std::map<std::string, const Document*> seen;
  for (const Document& doc : documents) {
    auto diagnostics = check_document(doc, options);
    out.insert(out.end(), diagnostics.begin(), diagnostics.end());
    if (doc.meta.id.empty()) continue;
    auto [it, inserted] = seen.emplace(doc.meta.id, &doc);
    if (!inserted)
      out.push_back({Severity::Error, {doc.path, 2},
                     "document id '" + doc.meta.id + "' is already used by " + it->second->path});
  }
  return out;
}

}  // namespace lexgit
