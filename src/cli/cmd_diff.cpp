// lexgit diff: clause redlines between two revisions, two dates or two files.
#include <iostream>
#include <map>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "lexgit/redline.hpp"
#include "lexgit/suggest.hpp"

namespace lexgit::cli {
namespace {
namespace fs = std::filesystem;

// A DOC argument may be a document's file: it stands for the document's id.
std::vector<std::string> document_ids(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const std::string& arg : args) out.push_back(fs::is_regular_file(arg) ? load_document(arg).meta.id : arg);
  return out;
}

// A document's two versions and their diff, kept together for the Word
// redline, which shows the whole document.
struct Compared {
  Document before, after;
  diff::DocumentDiff diff;
};

std::vector<diff::DocumentDiff> diffs_of(std::vector<Compared>& compared) {
  std::vector<diff::DocumentDiff> out;
  for (Compared& c : compared) out.push_back(std::move(c.diff));
  return out;
}

std::string render_docx(const std::vector<Compared>& compared, const redline::Labels& labels) {
  std::vector<redline::Compared> documents;
  for (const Compared& c : compared) documents.push_back({&c.before, &c.after, &c.diff});
  return redline::render_docx(documents, labels);
}

std::string render(const std::vector<diff::DocumentDiff>& diffs, const redline::Labels& labels, const std::string& format,
                   bool stat, const redline::TextOptions& options) {
  Language language = options.language;
  if (format == "json") return (stat ? redline::render_stat_json(diffs, labels) : redline::render_json(diffs, labels)).dump(2) + "\n";
  if (format == "md")
    return stat ? redline::render_stat_markdown(diffs, labels, language) : redline::render_markdown(diffs, labels, language);
  if (format == "html") return stat ? redline::render_stat_html(diffs, labels, language) : redline::render_html(diffs, labels, language);
  return stat ? redline::render_stat_text(diffs, options) : redline::render_text(diffs, labels, options);
}

}  // namespace

Action add_diff(CLI::App& app, Globals& globals) {
  struct Args {
    std::string from, to, format = "text", color = "auto", output;
    std::vector<std::string> docs;
    bool stat = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "diff", "Clause redline between A and B: git revisions, dates (the versions in force) or document files");
  cmd->add_option("A", args->from, "Old side: a revision, a date YYYY-MM-DD, or a document file")->required();
  cmd->add_option("B", args->to, "New side: a revision, a date YYYY-MM-DD, or a document file")->required();
  cmd->add_option("DOC", args->docs, "Documents to compare (default: every document that differs)");
  cmd->add_option("--format", args->format, "text, md, html, json or docx (Word, tracked changes; with -o)")
      ->check(CLI::IsMember({"text", "md", "html", "json", "docx"}));
  add_output_option(cmd, args->output);
  cmd->add_flag("--stat", args->stat, "Only the counts of changes per document and kind");
  add_color_option(cmd, args->color);
  return [args, &globals] {
    Side a = Side::open(".", args->from), b = Side::open(".", args->to);
    if ((a.is_file() || b.is_file()) && !args->docs.empty())
      throw Error(ErrorCode::Usage, "a file is compared as the document it holds: name no DOC");
    bool docx = args->format == "docx";
    if (docx && args->stat) throw Error(ErrorCode::Usage, "--stat has no docx form: use --format md, html or json");
    text::Segmenter segmenter;
    bool named = !args->docs.empty();
    std::vector<Compared> compared;
    for (const std::string& id : documents_to_compare(a, b, document_ids(args->docs))) {
      Compared c{a.load(id), b.load(id), {}};
      c.diff = diff::compare(c.before, c.after, segmenter);
      if (c.diff.doc.empty()) c.diff.doc = id;
      std::string absent(redline::absent_label(globals.language));
      c.diff.before_label = a.has(id) ? a.label(globals.language) : absent;
      c.diff.after_label = b.has(id) ? b.label(globals.language) : absent;
      if (named || !c.diff.changes.empty()) compared.push_back(std::move(c));
    }
    print_warnings(a.take_warnings());
    print_warnings(b.take_warnings());
    // JSON's labels stay as they were; the reader's labels are in the reader's language.
    redline::Labels labels = args->format == "json" ? redline::Labels{a.label(), b.label()}
                                                    : redline::Labels{a.label(globals.language), b.label(globals.language)};
    if (docx) write_output(render_docx(compared, labels), args->output, true);
    else
      write_output(render(diffs_of(compared), labels, args->format, args->stat, {use_color(args->color), globals.language}), args->output,
                   false);
    return 0;
  };
}

}  // namespace lexgit::cli
