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

Action add_outline(CLI::App& app, Globals& g) {
  auto doc_arg = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto selection = std::make_shared<SelectionArgs>();
  CLI::App* cmd = app.add_subcommand("outline", "Show a document's clause tree with clause ids");
  cmd->add_option("DOC", *doc_arg, "Document id, or a file path")->required();
  cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  selection->add_to(cmd);
  return [doc_arg, format, selection, &g] {
    (void)g;
    DocumentSet set = selection->open();
    std::optional<Lineage> lineage;
    Reading reading;
    Document doc;
    if (set.in_git() && !parse_reference(*doc_arg).is_path()) {
      lineage.emplace(set, *doc_arg);
      reading = selection->reading(*lineage);
      doc = lineage->document(reading.index);
    } else {
      doc = set.load(*doc_arg);
    }
    doc.require_valid();
    print_warnings(set);
    if (*format == "json") {
      nlohmann::json clauses = nlohmann::json::array();
      for (const Clause& c : doc.clauses) clauses.push_back(to_json(c));
      nlohmann::json out{{"doc", to_json(doc.meta)}, {"clauses", clauses}};
      if (lineage) out["reading"] = reading.description;
      std::cout << out.dump(2) << "\n";
      return 0;
    }
    std::cout << doc.meta.id << "  " << doc.meta.title << "  (" << to_string(doc.meta.kind) << ", "
              << to_string(doc.meta.medium) << ", published " << nlohmann::json(to_json(doc.meta))["published"].get<std::string>()
              << ")\n";
    if (lineage) std::cout << reading.description << "\n";
    print_outline(doc.clauses, 0, std::cout);
    return 0;
  };
}

}  // namespace lexgit::cli
