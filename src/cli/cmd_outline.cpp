#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"

namespace lexgit::cli {
namespace {

void print_outline(const std::vector<Clause>& units, int depth, std::ostream& out) {
  std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  for (const Clause& c : units) {
    if (c.is_group()) {
      out << indent << "[" << c.heading << "]\n";
      print_outline(c.children, depth + 1, out);
      continue;
    }
    std::string label = c.number.empty() ? "" : c.number + " ";
    std::string body = c.heading.empty() ? c.text : c.heading;
    out << indent << c.id << "  " << abbreviate(label + body, 60) << "\n";
    print_outline(c.children, depth + 1, out);
  }
}

}  // namespace

Action add_outline(CLI::App& app, Globals&) {
  auto doc_arg = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto selection = std::make_shared<SelectionArgs>();
  CLI::App* cmd = app.add_subcommand("outline", "Show a document's clause tree with clause ids");
  cmd->add_option("DOC", *doc_arg, "Document id, or a file path")->required();
  cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  selection->add_to(cmd);
  return [doc_arg, format, selection] {
    DocumentSet set = selection->open();
    Outline outline = read_outline(set, *doc_arg, today());
    print_warnings(set);
    if (*format == "json") {
      std::cout << to_json(outline).dump(2) << "\n";
      return 0;
    }
    const Document& doc = outline.doc;
    std::cout << doc.meta.id << "  " << doc.meta.title << "  (" << to_string(doc.meta.kind) << ", "
              << to_string(doc.meta.medium) << ", published " << nlohmann::json(to_json(doc.meta))["published"].get<std::string>()
              << ")\n";
    if (outline.reading) std::cout << outline.reading->description << "\n";
    print_outline(doc.clauses, 0, std::cout);
    return 0;
  };
}

}  // namespace lexgit::cli
