// .lexgit.yaml, the repository's settings, as a file a user commits: checked
// before it is recorded. Commands read it through DocumentSet::config (the
// one place that says which copy is read); each section is read by the
// feature it configures (precedence::load_policy, notice::load_settings).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lexgit/docset.hpp"

namespace lexgit::config {

inline constexpr std::string_view kFile = ".lexgit.yaml";

// The problems of a .lexgit.yaml, each at file:line: YAML that does not parse,
// and an invalid key or value in a section lexgit reads (precedence, notice),
// as the command using it would report it, are errors; a top-level key lexgit
// does not know is a warning (a misspelt section would be silently ignored).
std::vector<Diagnostic> check(std::string_view yaml, const std::string& file);

// Records documents and — when it is among `files` — the repository's
// .lexgit.yaml as one commit (Versions::commit). The settings are checked
// first: an error refuses the commit, and nothing is written.
Versions::CommitOutcome commit(DocumentSet& set, const std::vector<std::filesystem::path>& files, const std::string& message,
                               const std::string& author, const std::optional<std::string>& base, const CheckOptions& options);

}  // namespace lexgit::config
