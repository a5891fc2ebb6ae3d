// The Markdown redline, for GitHub's and GitLab's viewers: a summary table, then
// each change under its own heading with <del>/<ins> inline (both viewers keep
// those tags). Contract text is escaped so that a "1." or a "*" in a clause is
// never read as Markdown.
#include <sstream>
#include <string_view>

#include "lexgit/redline.hpp"
#include "redline/lines.hpp"

namespace lexgit::redline {
namespace {

using diff::Op;

// A code span; labels and refs read as written there, with nothing to escape
// but the backtick itself, which none of them needs.
std::string code(std::string_view text) {
  std::string out(1, '`');
  for (char c : text)
    if (c != '`') out += c;
  out += '`';
  return out;
}

std::string link(const std::string& text, const std::string& anchor) {
  std::string out = "[";
  out += text;
  out += "](#";
  out += anchor;
  out += ")";
  return out;
}

void write_summary(const std::vector<diff::DocumentDiff>& diffs, bool link_documents, Language language, std::ostream& out) {
  bool articles = any_split_or_merge(diffs);
  out << "| " << kDocument.in(language) << " |";
  for (const KindCount& k : counts_of({}, articles)) out << " " << kind_label(k.kind, language) << " |";
  out << " " << kTotal.in(language) << " |\n|---|";
  for (std::size_t i = 0; i < counts_of({}, articles).size(); ++i) out << "--:|";
  out << "--:|\n";
  auto row = [&](const std::string& name, const diff::Stat& s) {
    out << "| " << name << " |";
    for (const KindCount& k : counts_of(s, articles)) out << " " << k.count << " |";
    out << " " << s.total() << " |\n";
  };
  for (const diff::DocumentDiff& d : diffs)
    row(link_documents ? link(escape_markdown(d.doc), anchor_of(d.doc)) : escape_markdown(d.doc), d.stat());
  if (diffs.size() > 1) row("**" + std::string(kTotal.in(language)) + "**", total(diffs));
  out << "\n";
}

std::string line_markdown(const Line& line) {
  std::string out;
  for (const diff::Edit& e : line) {
    if (e.op == Op::Equal) out += escape_markdown(e.text);
    else if (e.op == Op::Delete) out += "<del>" + escape_markdown(e.text) + "</del>";
    else out += "<ins>" + escape_markdown(e.text) + "</ins>";
  }
  return out;
}

// A split's or a merge's refs: `doc#14` → `doc#13`, `doc#38`.
std::string parts_markdown(const diff::Change& c) {
  std::string many;
  for (const diff::Side& p : c.parts) many += (many.empty() ? "" : ", ") + code(p.ref);
  return c.kind == diff::ChangeKind::Merged ? many + " → " + code(c.after->ref) : code(c.before->ref) + " → " + many;
}

void write_change(const diff::Change& c, Language language, std::ostream& out) {
  out << "### " << kind_label(c.kind, language) << " ";
  if (!c.parts.empty()) out << parts_markdown(c);
  else if (c.before && c.after && c.before->ref != c.after->ref) out << code(c.before->ref) << " → " << code(c.after->ref);
  else out << code(primary_ref(c));
  out << "\n\n";
  if (c.consequential) out << "*" << kConsequentialNote.in(language) << "*\n\n";
  out << render_change_markdown(c) << "\n";
}

void write_title(const Labels& labels, Language language, std::ostream& out) {
  out << "# " << kTitle.in(language) << "\n\n**" << kFrom.in(language) << "** " << code(labels.from) << " **"
      << kTo.in(language) << "** " << code(labels.to) << "\n\n";
}

}  // namespace

std::string render_change_markdown(const diff::Change& change) {
  std::string out;
  for (const Line& line : split_lines(clause_edits(change))) {
    if (!out.empty()) out += ">\n";
    out += "> " + line_markdown(line) + "\n";
  }
  return out;
}

std::string render_markdown(const std::vector<diff::DocumentDiff>& diffs, const Labels& labels, Language language) {
  std::ostringstream out;
  write_title(labels, language, out);
  write_summary(diffs, true, language, out);
  for (const diff::DocumentDiff& d : diffs) {
    // An explicit anchor: viewers derive their own heading ids differently.
    out << "<a id=\"" << escape_html(anchor_of(d.doc)) << "\"></a>\n\n## " << escape_markdown(d.doc) << "\n\n";
    if (d.changes.empty()) out << kNoChanges.in(language) << "\n\n";
    for (const diff::Change& c : d.changes) write_change(c, language, out);
  }
  return out.str();
}

std::string render_stat_markdown(const std::vector<diff::DocumentDiff>& diffs, const Labels& labels, Language language) {
  std::ostringstream out;
  write_title(labels, language, out);
  write_summary(diffs, false, language, out);
  return out.str();
}

}  // namespace lexgit::redline
