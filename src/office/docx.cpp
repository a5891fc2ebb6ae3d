#include "office/docx.hpp"

#include <sstream>

#include <pugixml.hpp>

#include "office/zip.hpp"

namespace lexgit::office {
namespace {

constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

// A4 with Word's default Chinese margins, in twentieths of a point.
constexpr int kTextWidth = 11906 - 2 * 1800;

// Fonts: Latin text in Times New Roman; Chinese in SimSun (宋体) for the body
// and SimHei (黑体) for titles and headings, the fonts a Chinese legal
// document is set in; LibreOffice substitutes Noto CJK for them where they
// are missing. w:lang eastAsia zh-CN lets Word apply Chinese line breaking.
constexpr const char* kStyles = R"(<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults>
<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun" w:cs="Times New Roman"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="360" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="360"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="SimHei"/><w:b/><w:bCs/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:jc w:val="left"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="SimHei"/><w:b/><w:bCs/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:jc w:val="left"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:eastAsia="SimHei"/><w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="60"/><w:jc w:val="left"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:rFonts w:eastAsia="SimHei"/><w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:pBdr><w:left w:val="single" w:sz="12" w:space="8" w:color="BFBFBF"/></w:pBdr><w:ind w:left="567" w:right="567"/></w:pPr><w:rPr><w:rFonts w:eastAsia="KaiTi"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>
</w:styles>
)";

// Opened with tracking on when the document carries tracked changes, so that
// the reader's own edits are tracked too.
std::string settings(bool track_revisions) {
  return std::string(kDeclaration) + "<w:settings xmlns:w=\"" + kW + "\">" + (track_revisions ? "<w:trackRevisions/>" : "") +
         "<w:defaultTabStop w:val=\"420\"/><w:characterSpacingControl w:val=\"compressPunctuation\"/>"
         "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
         "</w:settings>\n";
}

std::string content_types(bool comments) {
  std::string out = std::string(kDeclaration) +
                    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
                    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
                    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>";
  if (comments)
    out += "<Override PartName=\"/word/comments.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\"/>";
  return out + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>\n";
}

constexpr const char* kPackageRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
    "</Relationships>\n";

std::string document_rels(bool comments) {
  const std::string type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  std::string out = std::string(kDeclaration) + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                    "<Relationship Id=\"rId1\" Type=\"" + type + "styles\" Target=\"styles.xml\"/>" +
                    "<Relationship Id=\"rId2\" Type=\"" + type + "settings\" Target=\"settings.xml\"/>";
  if (comments) out += "<Relationship Id=\"rId3\" Type=\"" + type + "comments\" Target=\"comments.xml\"/>";
  return out + "</Relationships>\n";
}

std::string w3c_date(text::Date d) { return text::format_iso(d) + "T00:00:00Z"; }

// XML 1.0 admits no control characters but tab, line feed and carriage
// return; contract text rarely holds any, and one would make Word refuse the
// whole file. Line breaks and tabs inside a run read as spaces.
std::string xml_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
  return out;
}

std::string serialize(const pugi::xml_document& doc) {
  std::ostringstream out;
  out << kDeclaration;
  doc.save(out, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  out << "\n";
  return out.str();
}

const char* style_id(Style style) {
  switch (style) {
    case Style::Normal: return "";
    case Style::Title: return "Title";
    case Style::Heading1: return "Heading1";
    case Style::Heading2: return "Heading2";
    case Style::Heading3: return "Heading3";
    case Style::Quote: return "Quote";
  }
  return "";
}

void set_val(pugi::xml_node node, const char* value) { node.append_attribute("w:val") = value; }

}  // namespace

struct DocxWriter::Impl {
  std::string title;
  text::Date created;
  Revision revision;
  int next_id = 1;  // w:id of tracked changes and comments, unique in the document
  bool tracked = false;
  pugi::xml_document document, comments;
  pugi::xml_node body, section, comment_list;

  Impl(std::string t, text::Date c) : title(std::move(t)), created(c) {
    revision.date = created;
    pugi::xml_node root = document.append_child("w:document");
    root.append_attribute("xmlns:w") = kW;
    root.append_attribute("xmlns:r") = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    body = root.append_child("w:body");
    section = body.append_child("w:sectPr");
    pugi::xml_node size = section.append_child("w:pgSz");
    size.append_attribute("w:w") = 11906;
    size.append_attribute("w:h") = 16838;
    pugi::xml_node margins = section.append_child("w:pgMar");
    for (auto [name, value] : {std::pair{"w:top", 1440}, {"w:right", 1800}, {"w:bottom", 1440}, {"w:left", 1800}, {"w:header", 851},
                               {"w:footer", 992}, {"w:gutter", 0}})
      margins.append_attribute(name) = value;
    comment_list = comments.append_child("w:comments");
    comment_list.append_attribute("xmlns:w") = kW;
  }

  // A w:ins or w:del element (or the paragraph mark's) by the current revision.
  pugi::xml_node tracked_change(pugi::xml_node parent, Track track) {
    pugi::xml_node change = parent.append_child(track == Track::Inserted ? "w:ins" : "w:del");
    change.append_attribute("w:id") = next_id++;
    change.append_attribute("w:author") = revision.author.c_str();
    change.append_attribute("w:date") = w3c_date(revision.date).c_str();
    tracked = true;
    return change;
  }

  void append_run(pugi::xml_node parent, const Run& run) {
    if (run.text.empty()) return;
    if (run.track != Track::None) parent = tracked_change(parent, run.track);
    pugi::xml_node r = parent.append_child("w:r");
    if (run.bold || run.strike || run.underline || !run.color.empty()) {
      pugi::xml_node props = r.append_child("w:rPr");
      if (run.bold) props.append_child("w:b");
      if (run.strike) props.append_child("w:strike");
      if (!run.color.empty()) set_val(props.append_child("w:color"), run.color.c_str());
      if (run.underline) set_val(props.append_child("w:u"), "single");
    }
    pugi::xml_node t = r.append_child(run.track == Track::Deleted ? "w:delText" : "w:t");
    t.append_attribute("xml:space") = "preserve";
    t.text() = xml_text(run.text).c_str();
  }

  void paragraph_properties(pugi::xml_node p, const Paragraph& paragraph) {
    pugi::xml_node props = p.append_child("w:pPr");
    if (paragraph.style != Style::Normal) set_val(props.append_child("w:pStyle"), style_id(paragraph.style));
    if (paragraph.indent_first_line) {
      pugi::xml_node ind = props.append_child("w:ind");
      ind.append_attribute("w:firstLineChars") = 200;
      ind.append_attribute("w:firstLine") = 480;
    }
    if (paragraph.align != Align::Default) set_val(props.append_child("w:jc"), paragraph.align == Align::Center ? "center" : "right");
    if (paragraph.mark != Track::None) tracked_change(props.append_child("w:rPr"), paragraph.mark);
    if (!props.first_child()) p.remove_child(props);
  }

  void add_comment(int id, const std::string& text) {
    pugi::xml_node c = comment_list.append_child("w:comment");
    c.append_attribute("w:id") = id;
    c.append_attribute("w:author") = revision.author.c_str();
    c.append_attribute("w:date") = w3c_date(revision.date).c_str();
    c.append_attribute("w:initials") = "LG";
    append_run(c.append_child("w:p"), {text});
  }

  void add(const Paragraph& paragraph) {
    pugi::xml_node p = body.insert_child_before("w:p", section);
    paragraph_properties(p, paragraph);
    int comment = paragraph.comment.empty() ? 0 : next_id++;
    if (comment) p.append_child("w:commentRangeStart").append_attribute("w:id") = comment;
    for (const Run& run : paragraph.runs) append_run(p, run);
    if (!comment) return;
    p.append_child("w:commentRangeEnd").append_attribute("w:id") = comment;
    p.append_child("w:r").append_child("w:commentReference").append_attribute("w:id") = comment;
    add_comment(comment, paragraph.comment);
  }

  void cell(pugi::xml_node row, const std::string& text, int width, bool header) {
    pugi::xml_node tc = row.append_child("w:tc");
    pugi::xml_node w = tc.append_child("w:tcPr").append_child("w:tcW");
    w.append_attribute("w:w") = width;
    w.append_attribute("w:type") = "dxa";
    Run run{text};
    run.bold = header;
    append_run(tc.append_child("w:p"), run);
  }

  void add(const Table& table) {
    std::size_t columns = 0;
    for (const auto& row : table.rows) columns = std::max(columns, row.size());
    if (columns == 0) return;
    int width = kTextWidth / static_cast<int>(columns);
    pugi::xml_node tbl = body.insert_child_before("w:tbl", section);
    pugi::xml_node props = tbl.append_child("w:tblPr");
    set_val(props.append_child("w:tblStyle"), "TableGrid");
    pugi::xml_node w = props.append_child("w:tblW");
    w.append_attribute("w:w") = width * static_cast<int>(columns);
    w.append_attribute("w:type") = "dxa";
    pugi::xml_node grid = tbl.append_child("w:tblGrid");
    for (std::size_t i = 0; i < columns; ++i) grid.append_child("w:gridCol").append_attribute("w:w") = width;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      pugi::xml_node row = tbl.append_child("w:tr");
      if (r == 0) row.append_child("w:trPr").append_child("w:tblHeader");
      for (std::size_t i = 0; i < columns; ++i) cell(row, i < table.rows[r].size() ? table.rows[r][i] : "", width, r == 0);
    }
  }

  std::string core_properties() const {
    pugi::xml_document doc;
    pugi::xml_node root = doc.append_child("cp:coreProperties");
    root.append_attribute("xmlns:cp") = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
    root.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
    root.append_attribute("xmlns:dcterms") = "http://purl.org/dc/terms/";
    root.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
    root.append_child("dc:title").text() = xml_text(title).c_str();
    root.append_child("dc:creator").text() = revision.author.c_str();
    pugi::xml_node date = root.append_child("dcterms:created");
    date.append_attribute("xsi:type") = "dcterms:W3CDTF";
    date.text() = w3c_date(created).c_str();
    return serialize(doc);
  }

  std::string package() {
    // Word wants a paragraph, not a table, before the section properties.
    pugi::xml_node last = section.previous_sibling();
    if (!last || std::string_view(last.name()) == "w:tbl") body.insert_child_before("w:p", section);
    bool has_comments = static_cast<bool>(comment_list.first_child());
    std::vector<ZipEntry> parts = {{"[Content_Types].xml", content_types(has_comments)},
                                   {"_rels/.rels", std::string(kDeclaration) + kPackageRels},
                                   {"docProps/core.xml", core_properties()},
                                   {"word/_rels/document.xml.rels", document_rels(has_comments)},
                                   {"word/document.xml", serialize(document)},
                                   {"word/styles.xml", std::string(kDeclaration) + kStyles},
                                   {"word/settings.xml", settings(tracked)}};
    if (has_comments) parts.push_back({"word/comments.xml", serialize(comments)});
    return zip_archive(parts);
  }
};

DocxWriter::DocxWriter(std::string title, text::Date created) : impl_(std::make_unique<Impl>(std::move(title), created)) {}
DocxWriter::~DocxWriter() = default;
void DocxWriter::set_revision(Revision revision) { impl_->revision = std::move(revision); }
void DocxWriter::add(const Paragraph& paragraph) { impl_->add(paragraph); }
void DocxWriter::add(const Table& table) { impl_->add(table); }
std::string DocxWriter::package() { return impl_->package(); }

}  // namespace lexgit::office
