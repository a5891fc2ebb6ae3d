// The notice as a Word letter: the blocks of compose.hpp set as a letter is —
// the title centred, body paragraphs indented two characters, the clauses
// quoted, the signature and date right-aligned. The redline of a kept clause
// is formatting, not tracked changes: the letter a partner receives has no
// revisions pending for anyone to accept.
#include "lexgit/redline.hpp"
#include "notice/compose.hpp"
#include "office/docx.hpp"

namespace lexgit::notice {
namespace {

using office::Paragraph;
using office::Run;
using office::Style;

constexpr const char* kDeletedColor = "C00000";
constexpr const char* kInsertedColor = "00703C";

Run deleted(std::string text) {
  Run r{std::move(text)};
  r.strike = true;
  r.color = kDeletedColor;
  return r;
}

Run inserted(std::string text) {
  Run r{std::move(text)};
  r.underline = true;
  r.color = kInsertedColor;
  return r;
}

Paragraph paragraph(std::vector<Run> runs, Style style = Style::Normal) {
  Paragraph p;
  p.style = style;
  p.runs = std::move(runs);
  return p;
}

Paragraph body(const std::string& text) {
  Paragraph p = paragraph({{text}});
  p.indent_first_line = true;
  return p;
}

Run bold(std::string text) {
  Run r{std::move(text)};
  r.bold = true;
  return r;
}

Paragraph label(const std::string& text) { return paragraph({bold(text)}); }

void quote(office::DocxWriter& w, const std::string& text) {
  for (const std::string& line : quote_lines(text)) w.add(paragraph({{line}}, Style::Quote));
}

void redline(office::DocxWriter& w, const diff::Change& c) {
  w.add(paragraph({bold("修订对照（"), deleted("删除"), bold("、"), inserted("新增"), bold("）：")}));
  for (const std::vector<diff::Edit>& line : redline::change_lines(c)) {
    std::vector<Run> runs;
    for (const diff::Edit& e : line)
      runs.push_back(e.op == diff::Op::Delete ? deleted(e.text) : e.op == diff::Op::Insert ? inserted(e.text) : Run{e.text});
    w.add(paragraph(std::move(runs), Style::Quote));
  }
}

void change(office::DocxWriter& w, const Block& b) {
  const NoticeChange& nc = *b.change;
  const diff::Change& c = nc.change;
  w.add(paragraph({{std::to_string(b.number) + ". " + kind_zh(c.kind) + " " + change_citation(nc)}}, Style::Heading3));
  for (const std::string& fact : change_facts(nc)) w.add(paragraph({{fact}}));
  Quotes q = quotes_of(c);
  if (c.before) {
    w.add(label(q.old_label));
    quote(w, numbered(*c.before));
  }
  if (c.after) {
    w.add(label(q.new_label));
    quote(w, numbered(*c.after));
  }
  if (q.redline) redline(w, c);
}

void renumbering(office::DocxWriter& w, const Notice& n) {
  office::Table table;
  table.rows.push_back({kRenumberingHeader[0], kRenumberingHeader[1], kRenumberingHeader[2]});
  for (const Renumbering& r : n.renumbered) table.rows.push_back({r.old_citation, r.new_citation, renumbering_note(r)});
  w.add(table);
}

void signature(office::DocxWriter& w, const Block& b) {
  for (std::size_t i = 0; i < b.lines.size(); ++i) {
    Paragraph p = paragraph({{b.lines[i]}});
    p.align = office::Align::Right;
    w.add(p);
  }
}

}  // namespace

std::string render_docx(const Notice& n) {
  office::DocxWriter w(title_of(n), n.date);
  for (const Block& b : compose(n)) {
    const std::string text = b.lines.empty() ? "" : b.lines[0];
    switch (b.kind) {
      case Block::Kind::Title: w.add(paragraph({{text}}, Style::Title)); break;
      case Block::Kind::Salutation: w.add(paragraph({{text}})); break;
      case Block::Kind::Paragraph:
      case Block::Kind::Closing: w.add(body(text)); break;
      case Block::Kind::Section: w.add(paragraph({{text}}, Style::Heading1)); break;
      case Block::Kind::Part: w.add(paragraph({{text}}, Style::Heading2)); break;
      case Block::Kind::Change: change(w, b); break;
      case Block::Kind::Renumbering: renumbering(w, n); break;
      case Block::Kind::Signature: signature(w, b); break;
    }
  }
  return w.package();
}

}  // namespace lexgit::notice
