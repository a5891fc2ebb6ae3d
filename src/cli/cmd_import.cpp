#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "lexgit/importer.hpp"

namespace lexgit::cli {
namespace {

struct ImportArgs {
  std::string file, id, kind, published, effective, medium = "online", channel, title, doc_class, output;
};

ImportOptions options_from(const ImportArgs& a) {
  ImportOptions o;
  o.meta.id = a.id;
  if (!is_valid_doc_id(a.id)) throw Error(ErrorCode::Usage, "--id '" + a.id + "' must match [a-z0-9][a-z0-9-]*");
  o.meta.kind = *parse_kind(a.kind);  // validated by CLI11
  o.meta.published = date_option(a.published, "--published");
  o.meta.effective = o.meta.published;
  if (!a.effective.empty()) {
    o.meta.effective = date_option(a.effective, "--effective");
    o.effective_given = true;
  }
  o.meta.medium = *parse_medium(a.medium);
  if (!a.channel.empty()) o.meta.channel = parse_channel(a.channel);
  if (!a.title.empty()) {
    o.meta.title = a.title;
    o.title_given = true;
  }
  if (!a.doc_class.empty()) {
    if (!is_valid_doc_id(a.doc_class)) throw Error(ErrorCode::Usage, "--class must match [a-z0-9][a-z0-9-]*");
    o.meta.doc_class = a.doc_class;
    o.class_given = true;
  }
  return o;
}

std::string read_input(const std::string& file) {
  std::ostringstream buf;
  if (file == "-") {
    buf << std::cin.rdbuf();
    return buf.str();
  }
  return read_file(file);
}

}  // namespace

Action add_import(CLI::App& app, Globals&) {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* cmd = app.add_subcommand("import", "Turn a PDF, a Word .docx, text copied from a database, or Markdown into a lexgit document");
  cmd->add_option("FILE", args->file, "PDF (with a text layer), Word .docx, or a text or Markdown file (UTF-8, UTF-16 with BOM, or GB18030/GBK); - for standard input")->required();
  cmd->add_option("--id", args->id, "Document id, [a-z0-9][a-z0-9-]*")->required();
  cmd->add_option("--kind", args->kind, "Document kind")->required()->check(
      CLI::IsMember({"agreement", "end-user-terms", "normative", "annex", "transaction", "correspondence"}));
  cmd->add_option("--published", args->published, "Publication date, YYYY-MM-DD")->required();
  cmd->add_option("--effective", args->effective, "Effective date (default: the publication date)");
  cmd->add_option("--medium", args->medium, "online or paper (default: online)")->check(CLI::IsMember({"online", "paper"}));
  cmd->add_option("--channel", args->channel, "website, email, system or signed")->check(
      CLI::IsMember({"website", "email", "system", "signed"}));
  cmd->add_option("--title", args->title, "Title (default: the first line, or a Markdown file's first # heading)");
  cmd->add_option("--class", args->doc_class, "Document class shared by versions of one document (default: the id)");
  cmd->add_option("-o,--output", args->output, "Write the document here instead of standard output");
  return [args] {
    std::string input = read_input(args->file);
    Imported imported = import_file_contents(input, options_from(*args), args->file);
    const std::string& markdown = imported.markdown;
    // Refuse to write a document lexgit itself could not read back.
    Document doc = parse_document(markdown, args->output.empty() ? args->file : args->output);
    doc.require_valid();
    for (const std::string& w : imported.warnings) std::cerr << args->file << ": warning: " << w << "\n";
    if (args->output.empty()) std::cout << markdown;
    else write_file_atomically(args->output, markdown);
    return 0;
  };
}

}  // namespace lexgit::cli
