#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"

namespace lexgit::cli {
namespace {

void print_text(const Clause& c, int depth, std::ostream& out) {
  std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  std::string label = c.number.empty() ? "" : c.number + " ";
  if (!c.heading.empty()) out << indent << label << c.heading << "\n";
  if (!c.text.empty()) out << indent << (c.heading.empty() ? label : "") << c.text << "\n";
  for (const Clause& child : c.children) print_text(child, depth + 1, out);
}

// Markdown for a clause and its children: headings stay headings, numbered
// units keep their numbers, bullets become list items.
void print_markdown(const Clause& c, int heading_level, std::ostream& out) {
  std::string label = c.number.empty() ? "" : c.number + " ";
  if (!c.heading.empty()) {
    out << std::string(static_cast<std::size_t>(std::min(heading_level, 6)), '#') << " " << label << c.heading << "\n\n";
    ++heading_level;
  }
  if (!c.text.empty()) out << (c.heading.empty() ? (c.style == NumberStyle::Bullet ? "- " : label) : "") << c.text << "\n\n";
  for (const Clause& child : c.children) print_markdown(child, heading_level, out);
}

}  // namespace

Action add_show(CLI::App& app, Globals&) {
  auto ref_arg = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto selection = std::make_shared<SelectionArgs>();
  CLI::App* cmd = app.add_subcommand("show", "Show one clause with its children (REF is DOC#ID or FILE#ID)");
  cmd->add_option("REF", *ref_arg, "DOC#ID, e.g. partner-framework#10.3")->required();
  cmd->add_option("--format", *format, "text, md or json")->check(CLI::IsMember({"text", "md", "json"}));
  selection->add_to(cmd);
  return [ref_arg, format, selection] {
    DocumentSet set = selection->open();
    Shown shown = read_clause(set, *ref_arg, today());
    print_warnings(set);
    const Document& doc = shown.doc;
    const Clause* c = &shown.clause();
    if (*format == "json") {
      std::cout << to_json(shown).dump(2) << "\n";
    } else if (*format == "md") {
      print_markdown(*c, 2, std::cout);
    } else {
      std::string lines = c->first_line == c->last_line ? "line " + std::to_string(c->first_line)
                                                        : "lines " + std::to_string(c->first_line) + "–" + std::to_string(c->last_line);
      std::cout << doc.meta.id << "#" << c->id << "  " << cite(doc, c->id) << "  (" << doc.path << ", " << lines << ")\n";
      if (shown.reading) std::cout << "  " << shown.reading->description << "\n";
      for (const std::string& note : shown.notes) std::cout << "  注：" << note << "\n";
      print_text(*c, 0, std::cout);
    }
    return 0;
  };
}

}  // namespace lexgit::cli
