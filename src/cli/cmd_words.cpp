#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"

namespace lexgit::cli {
namespace {

struct WordsArgs {
  std::string text, file, ref, format = "text";
  bool icu = false;
};

std::string_view kind_name(text::TokenKind kind) {
  switch (kind) {
    case text::TokenKind::Word: return "word";
    case text::TokenKind::Number: return "number";
    case text::TokenKind::Punct: return "punct";
  }
  return "?";
}

// The text to segment and the terms it defines (a clause uses its document's).
std::pair<std::string, std::vector<std::string>> input_of(const WordsArgs& a) {
  int sources = !a.text.empty() + !a.file.empty() + !a.ref.empty();
  if (sources != 1) throw Error(ErrorCode::Usage, "give exactly one of TEXT, --file or --ref");
  if (!a.text.empty()) return {text::nfc(a.text), text::defined_terms(a.text)};
  if (!a.file.empty()) {
    std::string bytes = read_file(a.file);
    if (!text::is_valid_utf8(bytes)) throw Error(ErrorCode::BadInput, "not valid UTF-8", {a.file, 0});
    std::string s = text::nfc(bytes);
    return {s, text::defined_terms(s)};
  }
  Reference ref = parse_reference(a.ref);
  Document doc = DocumentSet::open(".", {}).load(ref.doc);
  doc.require_valid();
  const Clause* c = doc.find(ref.id);
  if (!c) throw no_clause(doc, ref.id);
  std::string all;
  for (const Clause* each : doc.all_clauses()) all += each->heading + each->text + "\n";
  return {c->heading.empty() ? c->text : c->heading + "\n" + c->text, text::defined_terms(all)};
}

}  // namespace

Action add_words(CLI::App& app, Globals&) {
  auto args = std::make_shared<WordsArgs>();
  CLI::App* cmd = app.add_subcommand("words", "Show how lexgit segments Chinese text into words");
  cmd->add_option("TEXT", args->text, "Text to segment");
  cmd->add_option("--file", args->file, "Segment a UTF-8 file");
  cmd->add_option("--ref", args->ref, "Segment a clause, DOC#ID, with its document's defined terms");
  cmd->add_flag("--icu", args->icu, "Plain ICU word breaks, for comparison");
  cmd->add_option("--format", args->format, "text (words separated by |) or json")->check(CLI::IsMember({"text", "json"}));
  return [args] {
    auto [input, terms] = input_of(*args);
    text::Segmenter segmenter;
    std::vector<text::Token> tokens = args->icu ? text::icu_words(input) : segmenter.words(input, terms);
    if (args->format == "json") {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& t : tokens) out.push_back({{"text", t.text}, {"kind", kind_name(t.kind)}, {"offset", t.offset}});
      std::cout << out.dump(2) << "\n";
      return 0;
    }
    for (std::size_t i = 0; i < tokens.size(); ++i) std::cout << (i ? "|" : "") << tokens[i].text;
    std::cout << "\n";
    return 0;
  };
}

}  // namespace lexgit::cli
