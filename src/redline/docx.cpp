// The Word redline: the whole document, clause by clause in the new version's
// order, with every change as a Word tracked change (w:ins/w:del by "lexgit",
// dated the new version's publication date), so that a lawyer reads the
// revision in Word or LibreOffice and accepts or rejects it edit by edit.
// Accepting every change gives the new version's text, rejecting every one the
// old version's. What tracked changes cannot say — a clause moved, renumbered,
// split or merged — is said by a summary table at the top and a comment on
// the clause. Labels are Chinese, as the contract is.
#include <map>
#include <set>

#include "lexgit/redline.hpp"
#include "office/docx.hpp"
#include "redline/lines.hpp"

namespace lexgit::redline {
namespace {

std::string_view kind_zh_of(diff::ChangeKind kind) { return kind_label(kind, Language::Zh); }


using diff::ChangeKind;
using diff::Op;
using office::Paragraph;
using office::Run;
using office::Style;
using office::Track;

Track track_of(Op op) { return op == Op::Insert ? Track::Inserted : op == Op::Delete ? Track::Deleted : Track::None; }

// A clause's edits as paragraphs, one per line. A line break inside an
// insertion or a deletion is itself inserted or deleted: the paragraph it ends
// carries that mark, so that rejecting (or accepting) the change joins the
// lines again. `last_mark` is the mark of the clause's last paragraph: a
// clause added or removed whole is a paragraph added or removed.
std::vector<Paragraph> paragraphs_of(const std::vector<diff::Edit>& edits, Track last_mark) {
  std::vector<Paragraph> out(1);
  for (const diff::Edit& e : edits) {
    std::size_t start = 0;
    while (true) {
      std::size_t nl = e.text.find('\n', start);
      std::string piece = e.text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
      if (!piece.empty()) out.back().runs.push_back({std::move(piece), track_of(e.op)});
      if (nl == std::string::npos) break;
      out.back().mark = track_of(e.op);
      out.emplace_back();
      start = nl + 1;
    }
  }
  out.back().mark = last_mark;
  return out;
}

Style heading_style(int depth) { return depth <= 0 ? Style::Heading1 : depth == 1 ? Style::Heading2 : Style::Heading3; }

// Adds a clause's paragraphs: its heading line (when it has one) in the
// heading style of its depth, the comment on the first paragraph.
void add_clause(office::DocxWriter& w, std::vector<Paragraph> paragraphs, bool heading, int depth, const std::string& comment) {
  if (heading) paragraphs.front().style = heading_style(depth);
  paragraphs.front().comment = comment;
  for (const Paragraph& p : paragraphs) w.add(p);
}

// ---- What a change is, in words ----

std::string citation(const Document& doc, const std::optional<diff::Side>& side) { return side ? cite(doc, side->id) : "—"; }

// The several articles of a split or a merge, cited: 第十三条、第三十八条.
std::string parts_citation(const Document& doc, const diff::Change& c) {
  std::string out;
  for (const diff::Side& p : c.parts) out += (out.empty() ? "" : "、") + cite(doc, p.id);
  return out;
}

struct Described {
  std::string before, after;  // the clause cited in each version
  std::string note;           // what tracked changes do not show
};

Described describe_change(const Document& before, const Document& after, const diff::Change& c) {
  Described d{citation(before, c.before), citation(after, c.after), ""};
  if (c.kind == ChangeKind::Split) d.after = parts_citation(after, c);
  if (c.kind == ChangeKind::Merged) d.before = parts_citation(before, c);
  if (c.consequential) d.note = "仅调整对已重新编号条款的引用";
  else if ((c.kind == ChangeKind::Moved || c.kind == ChangeKind::Renumbered) && !c.edits.empty()) d.note = "内容亦有修改";
  return d;
}

// A comment for what a reader of tracked changes cannot see: the clause moved,
// was renumbered, split or merged, or changed only its cross-references.
std::string comment_of(const Described& d, const diff::Change& c) {
  bool structural = c.kind == ChangeKind::Moved || c.kind == ChangeKind::Renumbered || c.kind == ChangeKind::Split ||
                    c.kind == ChangeKind::Merged;
  if (!structural && !c.consequential) return "";
  std::string out(kind_zh_of(c.kind));
  if (structural) out += "：原" + d.before + "，现" + d.after;
  if (!d.note.empty()) out += (structural ? "；" : "：") + d.note;
  return out;
}

// ---- One document, clause by clause ----

std::string title_of(const Compared& c) { return c.after->meta.title.empty() ? c.before->meta.title : c.after->meta.title; }

Paragraph plain(std::string text, Style style = Style::Normal) {
  Paragraph p;
  p.style = style;
  p.runs.push_back({std::move(text)});
  return p;
}


class DocumentWriter {
 public:
  DocumentWriter(const Compared& compared, office::DocxWriter& w) : c_(compared), w_(w) {
    for (const diff::Change& change : c_.diff->changes)
      if (change.after) by_new_ref_[change.after->ref] = &change;
    for (const auto& [old_id, new_id] : c_.diff->matches) matched_new_.insert(new_id);
    place_removals();
  }

  void write() {
    const std::vector<Clause>& top = c_.after->clauses;
    if (top.empty() || !is_title(top.front(), 0)) w_.add(plain(title_of(c_), Style::Title));
    write_removals("");  // those before the first surviving clause
    walk(top, 0);
  }

 private:
  const Compared& c_;
  office::DocxWriter& w_;
  std::map<std::string, const diff::Change*> by_new_ref_;
  std::set<std::string> matched_new_;
  std::set<std::string> covered_;  // new clauses shown inside a split's or merge's text
  // Removals by the new clause they follow ("" for the document's start), each with its depth.
  std::map<std::string, std::vector<std::pair<const diff::Change*, int>>> removals_;

  std::string ref(const Clause& c) const { return c_.after->meta.id + "#" + c.id; }

  // A removal stands after the new place of the last clause before it that
  // survived, as in the other redlines.
  void place_removals() {
    std::map<std::string, const diff::Change*> removed;  // old ref → change
    for (const diff::Change& change : c_.diff->changes)
      if (!change.after) removed[change.before->ref] = &change;
    std::map<std::string, int> position;  // new id → place in the new version
    for (const Clause* clause : c_.after->all_clauses()) position.emplace(clause->id, static_cast<int>(position.size()));
    std::multimap<std::string, std::string> new_of(c_.diff->matches.begin(), c_.diff->matches.end());
    int anchor = -1;
    std::string anchor_id;
    visit(c_.before->clauses, 0, [&](const Clause& old, int depth) {
      auto [from, to] = new_of.equal_range(old.id);
      for (auto it = from; it != to; ++it)
        if (position.count(it->second) && position[it->second] > anchor) anchor = position[it->second], anchor_id = it->second;
      auto r = removed.find(c_.before->meta.id + "#" + old.id);
      if (r != removed.end()) removals_[anchor_id].push_back({r->second, depth});
    });
  }

  template <typename F>
  static void visit(const std::vector<Clause>& units, int depth, const F& f) {
    for (const Clause& c : units) {
      if (!c.is_group()) f(c, depth);
      visit(c.children, depth + 1, f);
    }
  }

  // The document's title heading (# 青云合作伙伴框架协议): a group around the whole text.
  bool is_title(const Clause& c, int depth) const { return depth == 0 && c.is_group() && c.heading == title_of(c_); }

  void walk(const std::vector<Clause>& units, int depth) {
    for (const Clause& c : units) {
      if (is_title(c, depth)) {
        std::vector<Paragraph> paragraphs = paragraphs_of({{Op::Equal, c.own_text()}}, Track::None);
        paragraphs.front().style = Style::Title;
        for (const Paragraph& p : paragraphs) w_.add(p);
        walk(c.children, depth);  // under the title, the parts are the top headings
        continue;
      }
      if (c.is_group()) write_group(c, depth);
      else write_clause(c, depth);
      walk(c.children, depth + 1);
    }
  }

  void write_group(const Clause& group, int depth) {
    add_clause(w_, paragraphs_of({{Op::Equal, group.own_text()}}, Track::None), !group.heading.empty(), depth, "");
  }

  void write_clause(const Clause& clause, int depth) {
    auto change = by_new_ref_.find(ref(clause));
    if (change != by_new_ref_.end()) write_change(*change->second, depth);
    else if (matched_new_.count(clause.id) && !covered_.count(clause.id)) write_unchanged(clause, depth);
    // Otherwise the clause is part of a unit added whole, or of a split or a merge: shown with it.
    write_removals(clause.id);
  }

  void write_unchanged(const Clause& clause, int depth) {
    std::vector<diff::Edit> edits;
    if (!clause.number.empty()) edits.push_back({Op::Equal, clause.number + " "});
    edits.push_back({Op::Equal, clause.own_text()});
    add_clause(w_, paragraphs_of(edits, Track::None), !clause.heading.empty(), depth, "");
  }

  void write_change(const diff::Change& change, int depth) {
    if (change.kind == ChangeKind::Split || change.kind == ChangeKind::Merged) cover_parts(change);
    Track last = !change.before ? Track::Inserted : !change.after ? Track::Deleted : Track::None;
    const diff::Side& side = change.after ? *change.after : *change.before;
    std::string comment = comment_of(describe_change(*c_.before, *c_.after, change), change);
    add_clause(w_, paragraphs_of(clause_edits(change), last), !side.heading.empty(), depth, comment);
  }

  // A split's or a merge's text holds its new articles whole, with their 款 and 项.
  void cover_parts(const diff::Change& change) {
    std::vector<std::string> ids;
    for (const diff::Side& p : change.parts) ids.push_back(p.id);
    ids.push_back(change.after->id);
    for (const std::string& id : ids)
      if (const Clause* c = c_.after->find(id)) visit(c->children, 0, [&](const Clause& child, int) { covered_.insert(child.id); });
    for (const diff::Side& p : change.parts) covered_.insert(p.id);
  }

  void write_removals(const std::string& after_id) {
    auto it = removals_.find(after_id);
    if (it == removals_.end()) return;
    for (auto [change, depth] : it->second) write_change(*change, depth);
  }
};

// ---- The summary ----

std::string count(int n) { return std::to_string(n); }

void add_counts(office::DocxWriter& w, const std::vector<Compared>& documents, const std::vector<diff::DocumentDiff>& diffs) {
  bool articles = any_split_or_merge(diffs);
  office::Table table;
  std::vector<std::string> header = {"文件"};
  for (const KindCount& k : counts_of({}, articles)) header.emplace_back(kind_zh_of(k.kind));
  header.push_back("合计");
  table.rows.push_back(header);
  auto row = [&](const std::string& name, const diff::Stat& s) {
    std::vector<std::string> cells = {name};
    for (const KindCount& k : counts_of(s, articles)) cells.push_back(count(k.count));
    cells.push_back(count(s.total()));
    table.rows.push_back(cells);
  };
  for (const Compared& c : documents) row(c.diff->doc, c.diff->stat());
  if (documents.size() > 1) row("合计", total(diffs));
  w.add(table);
}

void add_change_list(office::DocxWriter& w, const std::vector<Compared>& documents) {
  office::Table table;
  table.rows.push_back({"序号", "类型", "原条款", "现条款", "说明"});
  int number = 0;
  for (const Compared& c : documents)
    for (const diff::Change& change : c.diff->changes) {
      Described d = describe_change(*c.before, *c.after, change);
      std::string prefix = documents.size() > 1 ? c.diff->doc + " " : "";
      table.rows.push_back({count(++number), std::string(kind_zh_of(change.kind)), change.before ? prefix + d.before : "—",
                            change.after ? prefix + d.after : "—", d.note});
    }
  if (number > 0) w.add(table);
}

// The tracked changes of a document date from its new version's publication;
// from the old one's for a document removed.
office::Revision revision_of(const Compared& c) {
  const Document& dated = c.after->clauses.empty() && !c.before->clauses.empty() ? *c.before : *c.after;
  return {"lexgit", dated.meta.published};
}

}  // namespace

std::string render_docx(const std::vector<Compared>& documents, const Labels& labels) {
  std::vector<diff::DocumentDiff> diffs;
  for (const Compared& c : documents) diffs.push_back(*c.diff);
  std::string title = documents.size() == 1 ? "修订对照：" + title_of(documents.front()) : "修订对照";
  office::DocxWriter w(title, documents.empty() ? text::Date{2000, 1, 1} : revision_of(documents.front()).date);
  w.add(plain(title, Style::Title));
  w.add(plain("原版本：" + labels.from));
  w.add(plain("新版本：" + labels.to));
  w.add(plain("条款的增删改以 Word 修订（作者 lexgit）标示，可逐项接受或拒绝；条款的移动、重新编号、拆分与合并见下表及条款旁的批注。"));
  w.add(plain("修订摘要", Style::Heading1));
  add_counts(w, documents, diffs);
  add_change_list(w, documents);
  if (total(diffs).total() == 0) w.add(plain("两个版本的条款没有差异。"));
  for (const Compared& c : documents) {
    w.set_revision(revision_of(c));
    DocumentWriter(c, w).write();
  }
  return w.package();
}

}  // namespace lexgit::redline
