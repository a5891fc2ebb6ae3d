#include "lexgit/check.hpp"

#include <map>
#include <set>

#include "document/numbering.hpp"

namespace lexgit {
namespace {

bool is_numbered(const Clause& c) {
  return c.style != NumberStyle::None && c.style != NumberStyle::Bullet;
}

// The units that are siblings for numbering: children, with groups (unnumbered
// headings) looked through.
void siblings_of(const std::vector<Clause>& units, std::vector<const Clause*>& out) {
  for (const Clause& c : units) {
    if (c.is_group()) siblings_of(c.children, out);
    else out.push_back(&c);
  }
}

std::string numeral(const Clause& c) { return c.number.empty() ? std::to_string(c.value) : c.number; }

void check_sequence(const Document& doc, const std::vector<const Clause*>& units, std::vector<Diagnostic>& out) {
  std::map<NumberStyle, const Clause*> previous;
  for (const Clause* c : units) {
    if (!is_numbered(*c)) continue;
    auto it = previous.find(c->style);
    long long expected = it == previous.end() ? 1 : it->second->value + 1;
    Location at{doc.path, c->first_line};
    if (it == previous.end() && c->value != 1 && c->style != NumberStyle::Circled) {
      out.push_back({Severity::Error, at, "numbering gap: the first unit is \"" + numeral(*c) + "\"; " +
                                              numbering::numeral_for(c->style, 1) + " is missing"});
    } else if (it != previous.end() && c->value == it->second->value) {
      out.push_back({Severity::Error, at, "numbering repeat: \"" + numeral(*c) + "\" appears twice (also at line " +
                                              std::to_string(it->second->first_line) + "); clause id " + c->id});
    } else if (it != previous.end() && c->value > expected) {
      std::string missing = numbering::numeral_for(c->style, expected);
      if (c->value > expected + 1) missing += "–" + numbering::numeral_for(c->style, c->value - 1);
      out.push_back({Severity::Error, at, "numbering gap: \"" + numeral(*c) + "\" follows \"" + numeral(*it->second) +
                                              "\"; " + missing + " is missing"});
    } else if (it != previous.end() && c->value < expected) {
      out.push_back({Severity::Error, at, "numbering goes back: \"" + numeral(*c) + "\" follows \"" +
                                              numeral(*it->second) + "\" in the same part"});
    }
    previous[c->style] = c;
  }
  for (const Clause* c : units) {
    std::vector<const Clause*> inner;
    siblings_of(c->children, inner);
    check_sequence(doc, inner, out);
  }
}

// ---- references -------------------------------------------------------------------


// What a document lets 第X部分 / 第X条 … point to: its top-level numbered units
// (whatever their style) and every law-style unit.
std::set<std::pair<int, long long>> targets_of(const Document& doc) {
  std::set<std::pair<int, long long>> targets;
  std::vector<const Clause*> top;
  siblings_of(doc.clauses, top);
  for (const Clause* c : top)
    if (is_numbered(*c)) targets.insert({0, c->value});
  for (const Clause* c : doc.all_clauses())
    if (numbering::law_rank(c->style) > 0) targets.insert({numbering::law_rank(c->style), c->value});
  return targets;
}

// A reference preceded by the name of another instrument points into that
// instrument: 《…》第三条, 民法典第…条, 框架协议第九部分. 本协议 / 本条款 / 本规则 …
// name the document itself.
bool cites_another_instrument(std::string_view before) {
  for (std::string_view end : {"》", "法", "条例", "规定", "办法", "细则", "解释"})
    if (before.ends_with(end)) return true;
  for (std::string_view name : {"协议", "条款", "规则", "政策", "附件", "订单", "合同", "文件"}) {
    if (!before.ends_with(name)) continue;
    std::string_view rest = before.substr(0, before.size() - name.size());
    return !rest.ends_with("本");
  }
  return false;
}

void check_references(const Document& doc, const Clause& c, const std::set<std::pair<int, long long>>& targets,
                      std::vector<Diagnostic>& out) {
  for (const std::string* field : {&c.heading, &c.text}) {
    std::string_view s = *field;
    for (std::size_t pos = s.find("第"); pos != std::string_view::npos; pos = s.find("第", pos + 1)) {
      auto mark = numbering::read_mark(s.substr(pos));
      if (!mark || numbering::law_rank(mark->style) == 0) continue;
      if (mark->style == NumberStyle::Kuan || mark->style == NumberStyle::Xiang) continue;  // relative to an article
      if (cites_another_instrument(s.substr(0, pos))) continue;
      bool found = targets.count({numbering::law_rank(mark->style), mark->value}) > 0 ||
                   targets.count({0, mark->value}) > 0;
      if (!found) {
        out.push_back({Severity::Error, {doc.path, c.first_line},
                       "reference " + mark->literal + " in clause " + c.id + " points nowhere: the document has no unit " +
                           numbering::numeral_for(NumberStyle::ChineseEnum, mark->value)});
      }
    }
  }
}

}  // namespace

std::vector<Diagnostic> check_document(const Document& doc) {
  std::vector<Diagnostic> out = doc.diagnostics;
  if (doc.has_errors() && doc.clauses.empty()) return out;
  std::vector<const Clause*> top;
  siblings_of(doc.clauses, top);
  check_sequence(doc, top, out);
  auto targets = targets_of(doc);
  for (const Clause* c : doc.all_clauses()) check_references(doc, *c, targets, out);
  return out;
}

std::vector<Diagnostic> check_documents(const std::vector<Document>& documents) {
  std::vector<Diagnostic> out;
  std::map<std::string, const Document*> seen;
  for (const Document& doc : documents) {
    auto diagnostics = check_document(doc);
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
