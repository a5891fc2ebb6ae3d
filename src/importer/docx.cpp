// A Word .docx read into paragraphs: word/document.xml's body in order, each
// paragraph with its style's heading level and Word's automatic number,
// tables as Markdown tables. Headers, footers, footnotes and text boxes are
// not the contract's text and are not read; page-number fields are dropped;
// tracked changes are read as if accepted (insertions kept, deletions
// dropped) and reported.
#include <pugixml.hpp>

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>

#include "importer/office.hpp"
#include "importer/word_numbering.hpp"
#include "importer/zip_package.hpp"
#include "lexgit/error.hpp"
#include "lexgit/text.hpp"

namespace lexgit::importer {
namespace {

bool named(const pugi::xml_node& n, const char* name) { return std::strcmp(n.name(), name) == 0; }

pugi::xml_document parse_part(const std::string& xml, const std::string& part, const std::string& path) {
  pugi::xml_document doc;
  pugi::xml_parse_result r = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!r) throw Error(ErrorCode::BadInput, part + " is not well-formed XML (" + r.description() + ")", {path, 0});
  return doc;
}

struct NumberingRef {
  int num_id = 0;
  int ilvl = 0;
};

std::optional<NumberingRef> numbering_of(const pugi::xml_node& ppr) {
  pugi::xml_node num = ppr.child("w:numPr");
  if (!num) return std::nullopt;
  NumberingRef ref;
  ref.num_id = num.child("w:numId").attribute("w:val").as_int(0);
  ref.ilvl = num.child("w:ilvl").attribute("w:val").as_int(0);
  return ref;
}

// Paragraph styles: what a paragraph inherits through w:basedOn.
class Styles {
 public:
  Styles() = default;
  explicit Styles(const pugi::xml_node& styles) {
    for (pugi::xml_node s : styles.children("w:style")) {
      if (std::strcmp(s.attribute("w:type").as_string("paragraph"), "paragraph") != 0) continue;
      Style& style = styles_[s.attribute("w:styleId").as_string()];
      style.name = s.child("w:name").attribute("w:val").as_string();
      std::transform(style.name.begin(), style.name.end(), style.name.begin(), [](unsigned char c) { return std::tolower(c); });
      style.based_on = s.child("w:basedOn").attribute("w:val").as_string();
      pugi::xml_node ppr = s.child("w:pPr");
      if (auto o = ppr.child("w:outlineLvl")) style.outline = o.attribute("w:val").as_int(9);
      style.numbering = numbering_of(ppr);
    }
  }

  // 1 for the title, 2.. for Heading 1.., 0 for body text.
  int heading(const std::string& id) const {
    for (const Style* s : chain(id)) {
      if (s->name == "title") return 1;
      if (s->name.starts_with("heading ")) return 1 + std::atoi(s->name.c_str() + 8);
      if (s->outline && *s->outline < 9) return 2 + *s->outline;
    }
    return 0;
  }

  std::optional<NumberingRef> numbering(const std::string& id) const {
    for (const Style* s : chain(id))
      if (s->numbering) return s->numbering;
    return std::nullopt;
  }

 private:
  struct Style {
    std::string name, based_on;
    std::optional<int> outline;
    std::optional<NumberingRef> numbering;
  };
  std::map<std::string, Style> styles_;

  std::vector<const Style*> chain(std::string id) const {
    std::vector<const Style*> out;
    while (out.size() < 16) {  // a style based on itself must not loop
      auto it = styles_.find(id);
      if (it == styles_.end()) break;
      out.push_back(&it->second);
      id = it->second.based_on;
    }
    return out;
  }
};

// Fields whose result is the page's number, not the document's text.
bool is_page_field(std::string_view instruction) {
  std::string_view s = text::trim_blank(instruction);
  std::string_view word = s.substr(0, s.find(' '));
  return word == "PAGE" || word == "NUMPAGES" || word == "SECTIONPAGES" || word == "PAGEREF";
}

// The text of one paragraph's runs, with the state a complex field spreads
// over several runs (begin, instruction, separate, result, end).
class RunText {
 public:
  explicit RunText(bool& tracked) : tracked_(tracked) {}

  // The text; spaces doubled where a dropped field stood between them are one.
  std::string take(const pugi::xml_node& p) {
    out_.clear();
    walk(p);
    std::string text;
    for (char c : out_)
      if (c != ' ' || !text.ends_with(' ')) text += c;
    return text;
  }

 private:
  struct Field {
    std::string instruction;
    bool in_result = false;
  };
  bool& tracked_;
  std::string out_;
  std::vector<Field> fields_;

  bool shown() const {
    return std::all_of(fields_.begin(), fields_.end(), [](const Field& f) { return f.in_result && !is_page_field(f.instruction); });
  }

  void emit(std::string_view s) {
    if (shown()) out_ += s;
  }

  void field_char(const pugi::xml_node& n) {
    std::string_view type = n.attribute("w:fldCharType").as_string();
    if (type == "begin") fields_.push_back({});
    else if (type == "separate" && !fields_.empty()) fields_.back().in_result = true;
    else if (type == "end" && !fields_.empty()) fields_.pop_back();
  }

  void walk(const pugi::xml_node& parent) {
    for (pugi::xml_node n : parent.children()) {
      if (named(n, "w:t")) emit(n.text().get());
      else if (named(n, "w:tab") || named(n, "w:ptab")) emit(" ");
      else if (named(n, "w:br") || named(n, "w:cr")) {
        std::string_view type = n.attribute("w:type").as_string("textWrapping");
        if (type == "textWrapping") emit("\n");  // page and column breaks are layout
      } else if (named(n, "w:noBreakHyphen")) emit("-");
      else if (named(n, "w:fldChar")) field_char(n);
      else if (named(n, "w:instrText") && !fields_.empty()) fields_.back().instruction += n.text().get();
      else if (named(n, "w:fldSimple")) {
        if (!is_page_field(n.attribute("w:instr").as_string())) walk(n);
      } else if (named(n, "w:del") || named(n, "w:moveFrom")) tracked_ = true;  // deleted: not in the accepted text
      else if (named(n, "w:ins") || named(n, "w:moveTo")) tracked_ = true, walk(n);
      else if (named(n, "w:r") || named(n, "w:hyperlink") || named(n, "w:smartTag") || named(n, "w:customXml") ||
               named(n, "w:sdt") || named(n, "w:sdtContent") || named(n, "w:bdo") || named(n, "w:dir"))
        walk(n);
      else if (named(n, "w:pPr") || named(n, "w:rPr")) {
        // A paragraph mark's own revision (w:rPr/w:ins) is a tracked change too.
        if (n.select_node(".//w:ins | .//w:del")) tracked_ = true;
      }
      // Everything else — drawings, text boxes, footnote references, comments — is not the text.
    }
  }
};

std::string escape_cell(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return std::string(text::trim_blank(out));
}

class BodyReader {
 public:
  BodyReader(Styles styles, WordNumbering numbering) : styles_(std::move(styles)), numbering_(std::move(numbering)) {}

  OfficeText read(const pugi::xml_node& body) {
    blocks(body);
    if (tracked_)
      result_.warnings.push_back("the document has tracked changes that were not accepted; "
                                 "they were read as accepted (insertions kept, deletions dropped)");
    return std::move(result_);
  }

 private:
  Styles styles_;
  WordNumbering numbering_;
  bool tracked_ = false;
  RunText runs_{tracked_};
  OfficeText result_;

  void blocks(const pugi::xml_node& parent) {
    for (pugi::xml_node n : parent.children()) {
      if (named(n, "w:p")) paragraph(n);
      else if (named(n, "w:tbl")) table(n);
      else if (named(n, "w:sdt")) blocks(n.child("w:sdtContent"));
      else if (named(n, "w:customXml") || named(n, "w:ins") || named(n, "w:moveTo")) blocks(n);
    }
  }

  // The paragraph's text with Word's number in front; nullopt when empty.
  std::optional<SourceParagraph> read_paragraph(const pugi::xml_node& p) {
    pugi::xml_node ppr = p.child("w:pPr");
    std::string style = ppr.child("w:pStyle").attribute("w:val").as_string();
    std::optional<NumberingRef> ref = numbering_of(ppr);
    if (!ref) ref = styles_.numbering(style);
    std::optional<WordNumbering::Label> label;
    if (ref && ref->num_id != 0) label = numbering_.next(ref->num_id, ref->ilvl);  // counted even when empty
    std::string body(text::trim_blank(text::nfc(runs_.take(p))));
    if (body.empty()) return std::nullopt;
    SourceParagraph out;
    out.heading = styles_.heading(style);
    if (auto o = ppr.child("w:outlineLvl"); o && out.heading == 0 && o.attribute("w:val").as_int(9) < 9)
      out.heading = 2 + o.attribute("w:val").as_int();
    if (label && label->bullet) out.text = "- " + body;
    else if (label && !label->text.empty()) out.text = label->text + label->suffix + body;
    else out.text = std::move(body);
    return out;
  }

  void paragraph(const pugi::xml_node& p) {
    if (auto para = read_paragraph(p)) result_.paragraphs.push_back(std::move(*para));
  }

  std::string cell_text(const pugi::xml_node& cell) {
    std::vector<std::string> parts;
    for (pugi::xpath_node p : cell.select_nodes(".//w:p"))
      if (auto para = read_paragraph(p.node())) parts.push_back(escape_cell(para->text));
    std::vector<std::string_view> views(parts.begin(), parts.end());
    return text::join_wrapped(views);
  }

  // A Markdown table: the first row is the header, merged cells repeat nothing.
  void table(const pugi::xml_node& tbl) {
    std::vector<std::vector<std::string>> rows;
    std::size_t width = 0;
    for (pugi::xml_node tr : tbl.children("w:tr")) {
      std::vector<std::string> row;
      for (pugi::xml_node tc : tr.children("w:tc")) {
        row.push_back(cell_text(tc));
        int span = tc.child("w:tcPr").child("w:gridSpan").attribute("w:val").as_int(1);
        for (int i = 1; i < span; ++i) row.emplace_back();
      }
      width = std::max(width, row.size());
      rows.push_back(std::move(row));
    }
    if (rows.empty() || width == 0) return;
    std::string md;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      rows[r].resize(width);
      md += "|";
      for (const std::string& c : rows[r]) md += " " + c + " |";
      md += "\n";
      if (r == 0) {
        md += "|";
        for (std::size_t i = 0; i < width; ++i) md += "---|";
        md += "\n";
      }
    }
    md.pop_back();
    result_.paragraphs.push_back({std::move(md), 0, true});
  }
};

}  // namespace

OfficeText read_docx(std::string_view bytes, const std::string& path) {
  ZipPackage package(bytes, path);
  std::optional<std::string> document = package.read("word/document.xml");
  if (!document)
    throw Error(ErrorCode::BadInput, "a zip package without word/document.xml: not a Word document", {path, 0});
  pugi::xml_document doc = parse_part(*document, "word/document.xml", path);
  pugi::xml_node body = doc.child("w:document").child("w:body");
  if (!body) throw Error(ErrorCode::BadInput, "word/document.xml has no w:body: not a Word document", {path, 0});
  Styles styles;
  pugi::xml_document styles_doc;
  if (auto xml = package.read("word/styles.xml")) {
    styles_doc = parse_part(*xml, "word/styles.xml", path);
    styles = Styles(styles_doc.child("w:styles"));
  }
  WordNumbering numbering;
  pugi::xml_document numbering_doc;
  if (auto xml = package.read("word/numbering.xml")) {
    numbering_doc = parse_part(*xml, "word/numbering.xml", path);
    numbering = WordNumbering(numbering_doc.child("w:numbering"));
  }
  return BodyReader(std::move(styles), std::move(numbering)).read(body);
}

}  // namespace lexgit::importer
