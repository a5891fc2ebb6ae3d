// Word documents (.docx) written from scratch: the few WordprocessingML parts
// Word and LibreOffice need — document, styles (Title, Heading 1–3, Quote, a
// table grid), settings, comments, core properties — with tracked changes
// (w:ins/w:del), comments, tables and Chinese fonts. What the redline and the
// notice put in a .docx; neither writes XML or zip itself.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "lexgit/text.hpp"

namespace lexgit::office {

// A tracked change: Word shows it as an insertion or a deletion that the
// reader accepts or rejects.
enum class Track { None, Inserted, Deleted };

struct Run {
  Run(std::string t = {}, Track tracked = Track::None) : text(std::move(t)), track(tracked) {}  // NOLINT: runs are written {text}
  std::string text;
  Track track = Track::None;
  bool bold = false;
  // Formatting only, for a document that shows a change without tracking it
  // (a letter quoting a redline): struck through or underlined, in a colour.
  bool strike = false;
  bool underline = false;
  std::string color;  // RRGGBB; empty: automatic
};

enum class Style { Normal, Title, Heading1, Heading2, Heading3, Quote };
enum class Align { Default, Center, Right };

struct Paragraph {
  Style style = Style::Normal;
  Align align = Align::Default;
  bool indent_first_line = false;  // two characters, as Chinese prose is set
  // The paragraph mark itself tracked: an inserted paragraph disappears when
  // the insertion is rejected, a deleted one when the deletion is accepted.
  Track mark = Track::None;
  std::vector<Run> runs;
  // A comment anchored on the whole paragraph; empty for none.
  std::string comment;
};

// Cells of plain text; the first row is the header (bold, repeated on every page).
struct Table {
  std::vector<std::vector<std::string>> rows;
};

// Who made the tracked changes and when: w:author and w:date.
struct Revision {
  std::string author = "lexgit";
  text::Date date;
};

// A .docx built paragraph by paragraph, then packaged.
class DocxWriter {
 public:
  // `title`: the document's title in its properties (docProps/core.xml);
  // `created`: its creation date there.
  DocxWriter(std::string title, text::Date created);
  ~DocxWriter();
  DocxWriter(const DocxWriter&) = delete;
  DocxWriter& operator=(const DocxWriter&) = delete;

  // The author and date of the tracked changes and comments added from now on.
  void set_revision(Revision revision);
  void add(const Paragraph& paragraph);
  void add(const Table& table);
  // The .docx file's bytes. The writer is spent afterwards.
  std::string package();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lexgit::office
