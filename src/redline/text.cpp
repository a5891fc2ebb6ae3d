// The text redline: git-like, readable on a terminal and in a pager, with the
// markers of `git diff --word-diff=plain` so that it still reads without colour.
#include <sstream>

#include "lexgit/redline.hpp"
#include "redline/lines.hpp"

namespace lexgit::redline {
namespace {

using diff::Op;

struct Palette {
  const char* bold = "";
  const char* header = "";
  const char* note = "";
  const char* del = "";
  const char* ins = "";
  const char* reset = "";
};

Palette palette(const TextOptions& options) {
  if (!options.color) return {};
  return {"\x1b[1m", "\x1b[36m", "\x1b[33m", "\x1b[31m", "\x1b[32m", "\x1b[m"};
}

void write_line(const Line& line, const Palette& p, std::ostream& out) {
  out << "    ";
  for (const diff::Edit& e : line) {
    if (e.op == Op::Equal) out << e.text;
    else if (e.op == Op::Delete) out << p.del << "[-" << e.text << "-]" << p.reset;
    else out << p.ins << "{+" << e.text << "+}" << p.reset;
  }
  out << "\n";
}

void write_change(const diff::Change& change, const Palette& p, Language language, std::ostream& out) {
  out << p.header << kind_label(change.kind, language) << " " << refs_of(change) << p.reset;
  if (change.consequential) {
    std::string_view note = kConsequentialNote.in(language);
    out << "  " << p.note << (language == Language::En ? "(" : "（") << note << (language == Language::En ? ")" : "）") << p.reset;
  }
  out << "\n";
  for (const Line& line : split_lines(clause_edits(change))) write_line(line, p, out);
}

std::string label_or(const std::string& own, const std::string& fallback) { return own.empty() ? fallback : own; }

}  // namespace

std::string render_change_text(const diff::Change& change, const TextOptions& options) {
  std::ostringstream out;
  write_change(change, palette(options), options.language, out);
  return out.str();
}

std::string render_text(const std::vector<diff::DocumentDiff>& diffs, const Labels& labels, const TextOptions& options) {
  Palette p = palette(options);
  std::ostringstream out;
  bool first = true;
  for (const diff::DocumentDiff& d : diffs) {
    if (!first) out << "\n";
    first = false;
    bool en = options.language == Language::En;
    out << p.bold << kDocument.in(options.language) << " " << d.doc << "  " << label_or(d.before_label, labels.from) << " → "
        << label_or(d.after_label, labels.to) << (en ? "  (" : "（") << describe(d.stat(), options.language) << (en ? ")" : "）")
        << p.reset << "\n";
    for (const diff::Change& c : d.changes) {
      out << "\n";
      write_change(c, p, options.language, out);
    }
  }
  return out.str();
}

std::string render_stat_text(const std::vector<diff::DocumentDiff>& diffs, const TextOptions& options) {
  Palette p = palette(options);
  std::ostringstream out;
  Language language = options.language;
  for (const diff::DocumentDiff& d : diffs) out << p.bold << d.doc << p.reset << ": " << describe(d.stat(), language) << "\n";
  std::size_t n = diffs.size();
  if (language == Language::En)
    out << n << (n == 1 ? " document" : " documents") << " changed: " << describe(total(diffs), language) << "\n";
  else if (n == 0)
    out << "没有文档有修改\n";
  else
    out << "共 " << n << " 份文档有修改：" << describe(total(diffs), language) << "\n";
  return out.str();
}

}  // namespace lexgit::redline
