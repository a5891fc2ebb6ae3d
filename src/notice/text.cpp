// The notice as plain text: the text/plain part of the e-mail. No diff markup:
// a partner's mail client shows it as it is, so it quotes the old and the new text.
#include <sstream>

#include "notice/compose.hpp"

namespace lexgit::notice {
namespace {

void indented(const std::string& text, const std::string& indent, std::ostream& out) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) out << indent << line << "\n";
}

void write_change(const Block& b, std::ostream& out) {
  const NoticeChange& c = *b.change;
  out << b.number << ". " << kind_zh(c.change.kind) << "  " << change_citation(c) << "\n";
  for (const std::string& fact : change_facts(c)) out << "   " << fact << "\n";
  if (c.change.before) {
    out << "   " << (c.change.after ? "原条款：" : "删除条款：") << "\n";
    indented(numbered(*c.change.before), "     ", out);
  }
  if (c.change.after) {
    out << "   " << (c.change.before ? "修订为：" : "新增条款：") << "\n";
    indented(numbered(*c.change.after), "     ", out);
  }
  out << "\n";
}

void write_renumbering(const Notice& n, std::ostream& out) {
  for (const Renumbering& r : n.renumbered) {
    std::string note = renumbering_note(r);
    out << "   原" << r.old_citation << " → 现" << r.new_citation << (note.empty() ? "" : "（" + note + "）") << "\n";
  }
  out << "\n";
}

}  // namespace

std::string render_text(const Notice& n) {
  std::ostringstream out;
  for (const Block& b : compose(n)) {
    switch (b.kind) {
      case Block::Kind::Title: out << b.lines[0] << "\n\n"; break;
      case Block::Kind::Salutation: out << b.lines[0] << "\n\n"; break;
      case Block::Kind::Paragraph: out << "　　" << b.lines[0] << "\n\n"; break;
      case Block::Kind::Section: out << "【" << b.lines[0] << "】\n\n"; break;
      case Block::Kind::Part: out << b.lines[0] << "\n\n"; break;
      case Block::Kind::Change: write_change(b, out); break;
      case Block::Kind::Renumbering: write_renumbering(n, out); break;
      case Block::Kind::Closing: out << "　　" << b.lines[0] << "\n\n"; break;
      case Block::Kind::Signature:
        for (const std::string& line : b.lines) out << line << "\n";
        break;
    }
  }
  return out.str();
}

}  // namespace lexgit::notice
