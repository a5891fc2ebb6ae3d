#include "lexgit/config.hpp"

#include <algorithm>

#include <yaml-cpp/yaml.h>

#include "lexgit/notice.hpp"
#include "lexgit/precedence.hpp"

namespace lexgit::config {
namespace fs = std::filesystem;
namespace {

// Which document is the framework agreement depends on the documents, not on
// this file: a commit of the settings checks them with a stand-in, and the
// commands that use them check the agreement against the documents.
const std::string kAnyAgreement = "partner-framework";

int line_of(const YAML::Node& n) { return n.Mark().line >= 0 ? n.Mark().line + 1 : 0; }

// Runs one section's reader, turning what it throws into a diagnostic.
template <typename Read>
void check_section(Read read, std::vector<Diagnostic>& out) {
  try {
    read();
  } catch (const Error& e) {
    out.push_back({Severity::Error, e.where(), e.message()});
  }
}

}  // namespace

std::vector<Diagnostic> check(std::string_view yaml, const std::string& file) {
  std::vector<Diagnostic> out;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::ParserException& e) {
    out.push_back({Severity::Error, {file, e.mark.line + 1}, "invalid YAML: " + e.msg});
    return out;
  }
  if (!root.IsNull() && !root.IsMap()) {
    out.push_back({Severity::Error, {file, line_of(root)}, "expected sections such as precedence: and notice:"});
    return out;
  }
  for (const auto& entry : root) {
    std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
    if (key != "precedence" && key != "notice")
      out.push_back({Severity::Warning, {file, line_of(entry.first)}, "unknown section '" + key + "': lexgit reads precedence and notice"});
  }
  try {
    check_section([&] { precedence::load_policy(yaml, file, kAnyAgreement); }, out);
    check_section([&] { notice::load_settings(yaml, file); }, out);
  } catch (const YAML::Exception& e) {  // a key that is not a name, where a reader expects one
    out.push_back({Severity::Error, {file, e.mark.line + 1}, "invalid settings: " + e.msg});
  }
  return out;
}

Versions::CommitOutcome commit(DocumentSet& set, const std::vector<fs::path>& files, const std::string& message,
                               const std::string& author, const std::optional<std::string>& base, const CheckOptions& options) {
  fs::path settings = fs::weakly_canonical(set.repository().workdir() / kFile);
  std::vector<fs::path> documents, as_is;
  std::vector<Diagnostic> problems;
  for (const fs::path& file : files) {
    if (fs::weakly_canonical(fs::absolute(file)) != settings) {
      documents.push_back(file);
      continue;
    }
    as_is.push_back(file);
    for (Diagnostic& d : check(read_file(file), file.string())) problems.push_back(std::move(d));
  }
  Versions::CommitOutcome outcome;
  bool refused = std::any_of(problems.begin(), problems.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
  if (!refused) outcome = set.versions().commit(documents, message, author, base, options, as_is);
  outcome.diagnostics.insert(outcome.diagnostics.begin(), problems.begin(), problems.end());
  return outcome;
}

}  // namespace lexgit::config
