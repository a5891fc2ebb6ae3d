// The notice in Markdown and as one self-contained HTML page. Contract text is
// escaped and changes are marked by the redline module, as in lexgit diff.
#include <sstream>

#include "lexgit/redline.hpp"
#include "notice/compose.hpp"

namespace lexgit::notice {
namespace {

// ---- Markdown ----

std::string md_quote(const std::string& text) {
  std::string out;
  for (const std::string& line : quote_lines(text)) out += (out.empty() ? "> " : ">\n> ") + redline::escape_markdown(line) + "\n";
  return out;
}

void md_change(const Block& b, std::ostream& out) {
  const diff::Change& c = b.change->change;
  out << "#### " << b.number << ". " << kind_zh(c.kind) << " " << redline::escape_markdown(change_citation(*b.change)) << "\n\n";
  for (const std::string& fact : change_facts(*b.change)) out << "- " << redline::escape_markdown(fact) << "\n";
  out << "\n";
  Quotes q = quotes_of(c);
  if (c.before) out << q.old_label << "\n\n" << md_quote(numbered(*c.before)) << "\n";
  if (c.after) out << q.new_label << "\n\n" << md_quote(numbered(*c.after)) << "\n";
  if (q.redline) out << "修订对照（<del>删除</del>、<ins>新增</ins>）：\n\n" << redline::render_change_markdown(c) << "\n";
}

// ---- HTML ----

constexpr const char* kStyle = R"(
body { margin: 0; background: #f6f8fa; color: #1f2328;
  font: 16px/1.8 "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", serif; }
main { max-width: 48rem; margin: 2rem auto; padding: 2.5rem 3rem; background: #fff; border: 1px solid #d0d7de; }
h1 { font-size: 1.5rem; text-align: center; margin: 0 0 2rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 0.75rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; }
p.body { text-indent: 2em; margin: 0.6rem 0; }
.change { border-left: 4px solid #9a6700; padding: 0.3rem 0 0.3rem 1rem; margin: 1rem 0; }
.change.security { border-left-color: #cf222e; }
.change h4 { margin: 0 0 0.3rem; font-size: 1rem; }
.ref { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85em; color: #59636e; }
.facts { margin: 0.2rem 0 0.5rem; padding-left: 1.2rem; font-size: 0.95rem; }
.label { font-weight: 600; margin: 0.5rem 0 0.2rem; }
blockquote { margin: 0.2rem 0 0.6rem; padding: 0.2rem 0.8rem; background: #f6f8fa; border-left: 3px solid #d0d7de; }
blockquote p { margin: 0.2rem 0; }
.redline p.heading { font-weight: 600; }
del { background: #ffebe9; color: #82071e; text-decoration: line-through; }
ins { background: #dafbe1; color: #116329; text-decoration: none; border-bottom: 2px solid #1a7f37; }
.closing { text-indent: 2em; margin-top: 1.5rem; }
table.renumbering { border-collapse: collapse; margin: 0.5rem 0 1rem; }
table.renumbering th, table.renumbering td { border: 1px solid #d0d7de; padding: 0.2rem 0.8rem; text-align: left; }
.signature { text-align: right; margin-top: 2rem; }
.signature p { margin: 0; }
)";

std::string html_quote(const std::string& text) {
  std::string out = "<blockquote>";
  for (const std::string& line : quote_lines(text)) out += "<p>" + redline::escape_html(line) + "</p>";
  return out + "</blockquote>\n";
}

void html_change(const Block& b, std::ostream& out) {
  const NoticeChange& nc = *b.change;
  const diff::Change& c = nc.change;
  out << "<section class=\"change " << diff::to_string(c.kind) << (nc.classification.security ? " security" : "") << "\">\n<h4>"
      << b.number << ". " << redline::escape_html(kind_zh(c.kind)) << " " << redline::escape_html(change_citation(nc))
      << "</h4>\n<ul class=\"facts\">";
  for (const std::string& fact : change_facts(nc)) out << "<li>" << redline::escape_html(fact) << "</li>";
  out << "</ul>\n";
  Quotes q = quotes_of(c);
  if (c.before) out << "<p class=\"label\">" << q.old_label << "</p>\n" << html_quote(numbered(*c.before));
  if (c.after) out << "<p class=\"label\">" << q.new_label << "</p>\n" << html_quote(numbered(*c.after));
  if (q.redline)
    out << "<p class=\"label\">修订对照（<del>删除</del>、<ins>新增</ins>）：</p>\n<blockquote class=\"redline\">"
        << redline::render_change_html(c) << "</blockquote>\n";
  out << "</section>\n";
}

void md_renumbering(const Notice& n, std::ostream& out) {
  out << "| " << kRenumberingHeader[0] << " | " << kRenumberingHeader[1] << " | " << kRenumberingHeader[2] << " |\n| --- | --- | --- |\n";
  for (const Renumbering& r : n.renumbered)
    out << "| " << redline::escape_markdown(r.old_citation) << " | " << redline::escape_markdown(r.new_citation) << " | "
        << renumbering_note(r) << " |\n";
  out << "\n";
}

void html_renumbering(const Notice& n, std::ostream& out) {
  out << "<table class=\"renumbering\">\n<tr><th>" << kRenumberingHeader[0] << "</th><th>" << kRenumberingHeader[1] << "</th><th>"
      << kRenumberingHeader[2] << "</th></tr>\n";
  for (const Renumbering& r : n.renumbered)
    out << "<tr><td>" << redline::escape_html(r.old_citation) << "</td><td>" << redline::escape_html(r.new_citation) << "</td><td>"
        << renumbering_note(r) << "</td></tr>\n";
  out << "</table>\n";
}

}  // namespace

std::string render_markdown(const Notice& n) {
  std::ostringstream out;
  for (const Block& b : compose(n)) {
    const std::string text = b.lines.empty() ? "" : redline::escape_markdown(b.lines[0]);
    switch (b.kind) {
      case Block::Kind::Title: out << "# " << text << "\n\n"; break;
      case Block::Kind::Salutation:
      case Block::Kind::Paragraph:
      case Block::Kind::Closing: out << text << "\n\n"; break;
      case Block::Kind::Section: out << "## " << text << "\n\n"; break;
      case Block::Kind::Part: out << "### " << text << "\n\n"; break;
      case Block::Kind::Change: md_change(b, out); break;
      case Block::Kind::Renumbering: md_renumbering(n, out); break;
      case Block::Kind::Signature:
        for (std::size_t i = 0; i < b.lines.size(); ++i)
          out << redline::escape_markdown(b.lines[i]) << (i + 1 < b.lines.size() ? "  \n" : "\n");
        break;
    }
  }
  return out.str();
}

std::string render_html_body(const Notice& n) {
  std::ostringstream body;
  for (const Block& b : compose(n)) {
    const std::string text = b.lines.empty() ? "" : redline::escape_html(b.lines[0]);
    switch (b.kind) {
      case Block::Kind::Title: body << "<h1>" << text << "</h1>\n"; break;
      case Block::Kind::Salutation: body << "<p>" << text << "</p>\n"; break;
      case Block::Kind::Paragraph: body << "<p class=\"body\">" << text << "</p>\n"; break;
      case Block::Kind::Section: body << "<h2>" << text << "</h2>\n"; break;
      case Block::Kind::Part: body << "<h3>" << text << "</h3>\n"; break;
      case Block::Kind::Change: html_change(b, body); break;
      case Block::Kind::Renumbering: html_renumbering(n, body); break;
      case Block::Kind::Closing: body << "<p class=\"closing\">" << text << "</p>\n"; break;
      case Block::Kind::Signature:
        body << "<div class=\"signature\">";
        for (const std::string& line : b.lines) body << "<p>" << redline::escape_html(line) << "</p>";
        body << "</div>\n";
        break;
    }
  }
  return body.str();
}

std::string render_html(const Notice& n) {
  return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"lexgit\">\n<title>" +
         redline::escape_html(title_of(n)) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<main>\n" + render_html_body(n) +
         "</main>\n</body>\n</html>\n";
}

}  // namespace lexgit::notice
