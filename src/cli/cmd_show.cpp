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

nlohmann::json clause_json(const Document& doc, const Clause& c) {
  nlohmann::json j = to_json(c);
  j["ref"] = doc.meta.id + "#" + c.id;
  j["doc"] = doc.meta.id;
  return j;
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
    Reference ref = parse_reference(*ref_arg);
    if (ref.id.empty()) throw Error(ErrorCode::Usage, "'" + *ref_arg + "' names no clause: write DOC#ID, e.g. partner-framework#10.3");
    DocumentSet set = selection->open();
    // In a repository the REF is followed to the version read (README.md, "Clause identity").
    std::optional<Lineage> lineage;
    Reading reading;
    Located located;
    Document doc;
    if (set.in_git() && !ref.is_path()) {
      lineage.emplace(set, ref.doc);
      reading = selection->reading(*lineage);
      doc = lineage->document(reading.index);
      doc.require_valid();
      located = lineage->locate(ref.id, reading.index);
    } else {
      doc = set.load(ref.doc);
      doc.require_valid();
      auto id = clause_id(doc, ref.id);
      if (!id) throw no_clause(doc, ref.id);
      located.id = *id;
    }
    print_warnings(set);
    const Clause* c = doc.find(located.id);
    if (!c) throw Error(ErrorCode::NotFound, "no clause '" + located.id + "' in document '" + doc.meta.id + "'", {doc.path, 0});
    if (*format == "json") {
      nlohmann::json j = clause_json(doc, *c);
      j["citation"] = cite(doc, c->id);
      if (lineage) j["version"] = {{"published", text::format_iso(doc.meta.published)}, {"effective", text::format_iso(doc.meta.effective)},
                                   {"commit", lineage->revision(reading.index).commit}, {"reading", reading.description}};
      j["notes"] = located.notes;
      std::cout << j.dump(2) << "\n";
    } else if (*format == "md") {
      print_markdown(*c, 2, std::cout);
    } else {
      std::string lines = c->first_line == c->last_line ? "line " + std::to_string(c->first_line)
                                                        : "lines " + std::to_string(c->first_line) + "–" + std::to_string(c->last_line);
      std::cout << doc.meta.id << "#" << c->id << "  " << cite(doc, c->id) << "  (" << doc.path << ", " << lines << ")\n";
      if (lineage) std::cout << "  " << reading.description << "\n";
      for (const std::string& note : located.notes) std::cout << "  注：" << note << "\n";
      print_text(*c, 0, std::cout);
    }
    return 0;
  };
}

}  // namespace lexgit::cli
