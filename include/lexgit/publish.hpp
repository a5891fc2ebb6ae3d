// Publishing a revision of the agreement: the new version recorded with the
// dates its notice gives it, and the notice, in one step. Security and
// safeguarding changes take effect on the notice date and the others when the
// notice period has run (part 七), so a revision that mixes both is recorded as
// two versions: first the agreement with only its security changes, effective
// on the notice date, then the whole revision, effective at the period's end.
// Every command that reads the version in force on a day (ls, show, outline,
// diff, resolve, which --at) then reads what the notice says.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "lexgit/docset.hpp"
#include "lexgit/notice.hpp"

namespace lexgit::publish {

struct Request {
  std::filesystem::path file;  // the new version of the agreement, in the work tree
  text::Date notice_date;
  std::string message;  // default: one naming the notice
  std::string author;   // "Name <email>"; default: git's user.name and user.email
  notice::Overrides overrides;
  bool dry_run = false;  // prepare everything, write nothing
  // The new version's text given directly (a draft sent to lexgit serve)
  // instead of read from `file`: recorded at the agreement's path. The work
  // tree's copy is updated only where it holds the version published before.
  std::optional<std::string> contents;
};

// One version the publication records.
struct Version {
  std::string what;  // 与安全和保障相关的修订 / 全部修订
  text::Date published, effective;
  std::string contents;  // the file as recorded
};

struct Publication {
  notice::Notice notice;
  std::string path;         // the agreement's path in the tree
  std::string notice_path;  // notices/2026-12-01-partner-framework.md
  std::string notice_text;  // the notice, as recorded (Markdown)
  std::vector<Version> versions;  // oldest first: the security-only version (when needed), then the whole revision
  std::string message;            // the commit message of the whole revision
  std::optional<std::string> commit;  // the commit of the whole revision (nullopt for a dry run)
  std::vector<std::string> warnings;
};

// Prepares the publication of `request.file` in the repository around `dir`
// and, unless it is a dry run, records it (one branch update: the versions and
// the notice, all or nothing) and writes the final file and the notice into the
// work tree. Error(BadInput) for a file that is not the agreement, is not where
// the agreement is kept, fails check, or changes nothing; Error(BadInput) when
// the day's notice already exists.
// A repository without a work tree (bare) takes no publication: Error(Usage).
Publication publish(const std::filesystem::path& dir, const Request& request, const text::Segmenter& segmenter);

// {"commit" (null for a dry run), "message", "path", "notice_path", "versions":
// [{"what", "published", "effective"}], "notice": notice::to_json, "notice_text", "warnings"}
nlohmann::json to_json(const Publication& p);

// The agreement's text with only `changes` applied (the security changes of a
// notice, and units only renumbered): the clauses they touch are taken from
// `after_source`, the rest of `before_source` kept line for line. Of
// `numbers_only` (units renumbered whose text changes later) only the new
// number is taken, so the text in force between the two dates is numbered as
// the notice cites it. `matches` are the diff's (old id, new id) alignments,
// to place added clauses.
std::string apply_changes(const std::string& before_source, const Document& before, const std::string& after_source,
                          const Document& after, const std::vector<const diff::Change*>& changes,
                          const std::vector<const diff::Change*>& numbers_only,
                          const std::vector<std::pair<std::string, std::string>>& matches);

}  // namespace lexgit::publish
