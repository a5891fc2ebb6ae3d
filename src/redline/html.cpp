// The HTML redline: one self-contained page (inline CSS, no scripts, no external
// assets) that can be mailed or archived as it is. Every piece of contract text
// and every label is escaped; each change carries an anchor derived from its ref.
#include <sstream>

#include "lexgit/redline.hpp"
#include "redline/lines.hpp"

namespace lexgit::redline {
namespace {

using diff::Op;

constexpr const char* kStyle = R"(
:root { color-scheme: light; }
body { margin: 0; background: #f6f8fa; color: #1f2328;
  font: 16px/1.75 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 2rem 4rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.75rem; padding-bottom: 0.3rem; border-bottom: 1px solid #d0d7de; }
.labels { color: #59636e; margin: 0 0 1.5rem; }
code, .ref { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", monospace; font-size: 0.9em; }
table { border-collapse: collapse; background: #fff; }
th, td { border: 1px solid #d0d7de; padding: 0.3rem 0.8rem; }
th { background: #f0f3f6; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 600; }
.change { background: #fff; border: 1px solid #d0d7de; border-left-width: 4px; border-radius: 6px;
  margin: 0.9rem 0; padding: 0.6rem 1rem; }
.change:target { box-shadow: 0 0 0 3px #54aeff66; }
.head { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: baseline; font-size: 0.9rem; }
.head a { color: #0969da; text-decoration: none; }
.head .old { color: #59636e; }
.kind { font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; font-size: 0.75rem;
  padding: 0.05rem 0.5rem; border-radius: 1rem; color: #fff; }
.note { color: #59636e; font-style: italic; }
.clause p { margin: 0.4rem 0; }
.clause p.heading { font-weight: 600; }
del { background: #ffebe9; color: #82071e; text-decoration: line-through; text-decoration-color: #cf222e; }
ins { background: #dafbe1; color: #116329; text-decoration: none; border-bottom: 2px solid #1a7f37; }
.added { border-left-color: #1a7f37; } .added .kind { background: #1a7f37; }
.removed { border-left-color: #cf222e; } .removed .kind { background: #cf222e; }
.modified { border-left-color: #9a6700; } .modified .kind { background: #9a6700; }
.moved { border-left-color: #8250df; } .moved .kind { background: #8250df; }
.renumbered { border-left-color: #0969da; } .renumbered .kind { background: #0969da; }
.split, .merged { border-left-color: #bc4c00; } .split .kind, .merged .kind { background: #bc4c00; }
.consequential { opacity: 0.8; }
)";

std::string paragraph(const Line& line, bool heading) {
  std::string out = heading ? "<p class=\"heading\">" : "<p>";
  for (const diff::Edit& e : line) {
    if (e.op == Op::Equal) out += escape_html(e.text);
    else if (e.op == Op::Delete) out += "<del>" + escape_html(e.text) + "</del>";
    else out += "<ins>" + escape_html(e.text) + "</ins>";
  }
  return out + "</p>";
}

// A split's or a merge's refs, old → new, several on one side; the first new ref links to the change.
std::string parts_html(const diff::Change& c, const std::string& id) {
  auto ref = [](const std::string& r, const char* cls) { return "<span class=\"ref " + std::string(cls) + "\">" + escape_html(r) + "</span>"; };
  std::string olds, news;
  if (c.kind == diff::ChangeKind::Merged) {
    for (const diff::Side& p : c.parts) olds += ref(p.ref, "old");
    news = "<a class=\"ref\" href=\"#" + id + "\">" + escape_html(c.after->ref) + "</a>";
  } else {
    olds = ref(c.before->ref, "old");
    for (const diff::Side& p : c.parts)
      news += news.empty() ? "<a class=\"ref\" href=\"#" + id + "\">" + escape_html(p.ref) + "</a>" : ref(p.ref, "new");
  }
  return olds + "<span>→</span>" + news;
}

// old ref → new ref for a renumbered or moved clause; the new ref links to the change.
std::string refs_html(const diff::Change& c, const std::string& id) {
  if (!c.parts.empty()) return parts_html(c, id);
  std::string link = "<a class=\"ref\" href=\"#" + id + "\">" + escape_html(primary_ref(c)) + "</a>";
  if (!c.before || !c.after || c.before->ref == c.after->ref) return link;
  return "<span class=\"ref old\">" + escape_html(c.before->ref) + "</span><span>→</span>" + link;
}

void write_change(const diff::Change& c, AnchorSet& anchors, Language language, std::ostream& out) {
  std::string kind(diff::to_string(c.kind));  // the CSS class; the label is in the reader's language
  std::string id = escape_html(anchors.claim(primary_ref(c)));
  out << "<article class=\"change " << kind << (c.consequential ? " consequential" : "") << "\" id=\"" << id << "\">\n"
      << "<div class=\"head\"><span class=\"kind\">" << kind_label(c.kind, language) << "</span>"
      << refs_html(c, id);
  if (c.consequential) out << "<span class=\"note\">" << kConsequentialNote.in(language) << "</span>";
  out << "</div>\n<div class=\"clause\">" << render_change_html(c) << "</div>\n</article>\n";
}

void write_summary(const std::vector<diff::DocumentDiff>& diffs, const std::vector<std::string>& doc_anchors, Language language,
                   std::ostream& out) {
  bool articles = any_split_or_merge(diffs);
  out << "<section class=\"summary\">\n<h2>" << kSummary.in(language) << "</h2>\n<table>\n<thead><tr><th>"
      << kDocument.in(language) << "</th>";
  for (const KindCount& k : counts_of({}, articles)) out << "<th>" << kind_label(k.kind, language) << "</th>";
  out << "<th>" << kTotal.in(language) << "</th></tr></thead>\n<tbody>\n";
  auto row = [&](const std::string& name_html, const diff::Stat& s, bool is_total) {
    out << (is_total ? "<tr class=\"total\">" : "<tr>") << "<td>" << name_html << "</td>";
    for (const KindCount& k : counts_of(s, articles)) out << "<td class=\"n\">" << k.count << "</td>";
    out << "<td class=\"n\">" << s.total() << "</td></tr>\n";
  };
  for (std::size_t i = 0; i < diffs.size(); ++i) {
    std::string name = "<span class=\"ref\">" + escape_html(diffs[i].doc) + "</span>";
    row(doc_anchors.empty() ? name : "<a href=\"#" + escape_html(doc_anchors[i]) + "\">" + name + "</a>", diffs[i].stat(), false);
  }
  if (diffs.size() != 1) row(std::string(kTotal.in(language)), total(diffs), true);
  out << "</tbody>\n</table>\n</section>\n";
}

std::string page(const Labels& labels, Language language, const std::string& body) {
  std::string title(kTitle.in(language));
  std::string heading = title + (language == Language::En ? ": " : "：") + labels.from + " → " + labels.to;
  return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"lexgit\">\n<title>" +
         escape_html(heading) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<main>\n<h1>" + title + "</h1>\n" +
         "<p class=\"labels\">" + std::string(kFrom.in(language)) + " <code>" + escape_html(labels.from) + "</code> " +
         std::string(kTo.in(language)) + " <code>" + escape_html(labels.to) + "</code></p>\n" + body + "</main>\n</body>\n</html>\n";
}

}  // namespace

std::string render_change_html(const diff::Change& change) {
  std::string out;
  // A heading's clause starts with its heading line: set it apart as a heading.
  bool heading = !(change.after ? change.after->heading : change.before->heading).empty();
  for (const Line& line : split_lines(clause_edits(change))) {
    out += paragraph(line, heading);
    heading = false;
  }
  return out;
}

std::string render_html(const std::vector<diff::DocumentDiff>& diffs, const Labels& labels, Language language) {
  AnchorSet anchors;
  std::vector<std::string> doc_anchors;
  for (const diff::DocumentDiff& d : diffs) doc_anchors.push_back(anchors.claim(d.doc));
  std::ostringstream body;
  write_summary(diffs, doc_anchors, language, body);
  for (std::size_t i = 0; i < diffs.size(); ++i) {
    const diff::DocumentDiff& d = diffs[i];
    body << "<section class=\"document\" id=\"" << escape_html(doc_anchors[i]) << "\">\n<h2><span class=\"ref\">"
         << escape_html(d.doc) << "</span></h2>\n";
    if (!d.before_label.empty() || !d.after_label.empty())
      body << "<p class=\"labels\"><code>" << escape_html(d.before_label) << "</code> → <code>" << escape_html(d.after_label)
           << "</code></p>\n";
    if (d.changes.empty()) body << "<p>" << kNoChanges.in(language) << "</p>\n";
    for (const diff::Change& c : d.changes) write_change(c, anchors, language, body);
    body << "</section>\n";
  }
  return page(labels, language, body.str());
}

std::string render_stat_html(const std::vector<diff::DocumentDiff>& diffs, const Labels& labels, Language language) {
  std::ostringstream body;
  write_summary(diffs, {}, language, body);
  return page(labels, language, body.str());
}

}  // namespace lexgit::redline
