// The redline against a lawyer's reading of real revisions: every pair under
// tests/data/revisions/ is compared and checked against its expected.json
// (written by hand, see that directory's README.md), and the number of edit
// fragments lexgit shows is reported beside git's per-character word diff.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "lexgit/diff.hpp"
#include "support.hpp"

using namespace lexgit;
using lexgit::test::segmenter;
using namespace lexgit::diff;
using nlohmann::json;

namespace {


std::filesystem::path revisions_dir() { return test::source_dir() / "tests/data/revisions"; }

std::vector<std::filesystem::path> pairs() {
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::directory_iterator(revisions_dir()))
    if (entry.is_directory() && std::filesystem::exists(entry.path() / "expected.json")) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string ref_or_null(const std::optional<Side>& s) { return s ? s->ref : "null"; }
std::string ref_or_null(const json& j) { return j.is_null() ? "null" : j.get<std::string>(); }

std::string describe(const Change& c) {
  return std::string(to_string(c.kind)) + " " + ref_or_null(c.before) + " → " + ref_or_null(c.after);
}

bool same_change(const Change& c, const json& want) {
  return want.value("kind", "") == to_string(c.kind) && ref_or_null(want["old"]) == ref_or_null(c.before) &&
         ref_or_null(want["new"]) == ref_or_null(c.after);
}

// The runs of non-equal edits, each as (deleted, inserted), and whether every
// run is at most one delete followed by at most one insert.
struct Runs {
  std::vector<std::pair<std::string, std::string>> replacements;
  bool one_pair_each = true;
};

Runs runs_of(const std::vector<Edit>& edits) {
  Runs r;
  for (std::size_t i = 0; i < edits.size();) {
    if (edits[i].op == Op::Equal) {
      ++i;
      continue;
    }
    int deletes = 0, inserts = 0;
    std::string del, ins;
    bool order_ok = true;
    for (; i < edits.size() && edits[i].op != Op::Equal; ++i) {
      if (edits[i].op == Op::Delete) {
        if (inserts) order_ok = false;
        ++deletes, del += edits[i].text;
      } else {
        ++inserts, ins += edits[i].text;
      }
    }
    if (deletes > 1 || inserts > 1 || !order_ok) r.one_pair_each = false;
    r.replacements.emplace_back(del, ins);
  }
  return r;
}

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool is_digit_byte(char c) { return c >= '0' && c <= '9'; }

// What every modified or moved change must satisfy, whatever the pair: the
// edits spell both texts, no number is cut, and no one-character equal scrap
// sits between two changes.
void check_edits(const Change& c, std::vector<std::string>& problems) {
  if (c.edits.empty()) return;
  std::string before, after;
  for (const Edit& e : c.edits) {
    if (e.op != Op::Insert) before += e.text;
    if (e.op != Op::Delete) after += e.text;
  }
  if (c.before && before != c.before->text) problems.push_back(describe(c) + ": the edits do not spell the old text");
  if (c.after && after != c.after->text) problems.push_back(describe(c) + ": the edits do not spell the new text");
  for (std::size_t i = 0; i + 1 < c.edits.size(); ++i) {
    const std::string& x = c.edits[i].text;
    const std::string& y = c.edits[i + 1].text;
    if (!x.empty() && !y.empty() && is_digit_byte(x.back()) && (is_digit_byte(y.front()) || y.front() == '%'))
      problems.push_back(describe(c) + ": a number is split between \"" + x + "\" and \"" + y + "\"");
  }
  for (std::size_t i = 1; i + 1 < c.edits.size(); ++i) {
    if (c.edits[i].op != Op::Equal || c.edits[i - 1].op == Op::Equal || c.edits[i + 1].op == Op::Equal) continue;
    if (code_points(c.edits[i].text) <= 1)
      problems.push_back(describe(c) + ": a one-character equal scrap \"" + c.edits[i].text + "\" between two changes");
  }
}

std::string show(const std::vector<std::pair<std::string, std::string>>& rs) {
  std::string s = "[";
  for (const auto& [d, i] : rs) s += "[\"" + d + "\", \"" + i + "\"] ";
  return s + "]";
}

// Compares a change with its expectation; problems are appended.
void check_change(const Change& c, const json& want, std::vector<std::string>& problems) {
  std::string name = describe(c);
  if (want.contains("consequential") && want["consequential"].get<bool>() != c.consequential)
    problems.push_back(name + ": consequential is " + (c.consequential ? "true" : "false"));
  if (want.contains("replacements")) {
    std::vector<std::pair<std::string, std::string>> expected;
    for (const json& r : want["replacements"]) expected.emplace_back(r[0].get<std::string>(), r[1].get<std::string>());
    Runs got = runs_of(c.edits);
    if (got.replacements != expected) problems.push_back(name + ": replacements " + show(got.replacements) + ", expected " + show(expected));
    if (!got.one_pair_each) problems.push_back(name + ": a replacement is not one delete and one insert");
  }
  if (want.contains("similarity_min") && c.similarity < want["similarity_min"].get<double>())
    problems.push_back(name + ": similarity " + std::to_string(c.similarity) + " below " + want["similarity_min"].dump());
  if (want.contains("similarity_max") && c.similarity > want["similarity_max"].get<double>())
    problems.push_back(name + ": similarity " + std::to_string(c.similarity) + " above " + want["similarity_max"].dump());
  for (const json& s : want.value("text_contains", json::array())) {
    const std::optional<Side>& side = c.after ? c.after : c.before;
    if (!side || side->text.find(s.get<std::string>()) == std::string::npos)
      problems.push_back(name + ": text lacks \"" + s.get<std::string>() + "\"");
  }
}

struct Outcome {
  std::vector<std::string> problems;  // against the lawyer's expectation
  std::vector<std::string> known;     // changes the pair's known issue accounts for
};

Outcome check_pair(const DocumentDiff& d, const json& expected) {
  Outcome out;
  std::vector<bool> used(d.changes.size(), false);
  for (const json& entry : expected["changes"]) {
    std::vector<json> options = entry.contains("one_of") ? entry["one_of"].get<std::vector<json>>() : std::vector<json>{entry};
    bool found = false;
    for (const json& want : options) {
      for (std::size_t i = 0; i < d.changes.size() && !found; ++i) {
        if (used[i] || !same_change(d.changes[i], want)) continue;
        used[i] = found = true;
        check_change(d.changes[i], want, out.problems);
      }
      if (found) break;
    }
    if (!found) out.problems.push_back("missing: " + options.front().dump());
  }
  json extra_known = expected.contains("known_issue") ? expected["known_issue"].value("extra_changes", json::array()) : json::array();
  for (std::size_t i = 0; i < d.changes.size(); ++i) {
    check_edits(d.changes[i], out.problems);
    if (used[i]) continue;
    bool known = std::any_of(extra_known.begin(), extra_known.end(), [&](const json& w) { return same_change(d.changes[i], w); });
    if (known) out.known.push_back("unexpected: " + describe(d.changes[i]));
    else if (expected.value("unchanged_elsewhere", false)) out.problems.push_back("unexpected: " + describe(d.changes[i]) + " " + to_json(d.changes[i]).dump());
  }
  return out;
}

// git's per-character word diff of the same two files: the number of -/+ lines.
int git_fragments(const std::filesystem::path& before, const std::filesystem::path& after) {
  std::string cmd = "git diff --no-index --word-diff=porcelain --word-diff-regex='[^[:space:]]' '" + before.string() +
                    "' '" + after.string() + "' 2>/dev/null";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return -1;
  std::string out;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  int status = pclose(pipe);
  if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) return -1;
  int count = 0;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("--- ", 0) == 0 || line.rfind("+++ ", 0) == 0) continue;
    if (!line.empty() && (line[0] == '-' || line[0] == '+')) ++count;
  }
  return count;
}

int lexgit_fragments(const DocumentDiff& d) {
  int n = 0;
  for (const Change& c : d.changes)
    for (const Edit& e : c.edits) n += e.op != Op::Equal;
  return n;
}

// What a reader sees: each edit fragment, and each change without word edits
// (a unit added, removed, moved or renumbered as it stood) as one block.
int shown_fragments(const DocumentDiff& d) {
  int n = 0;
  for (const Change& c : d.changes) {
    int edits = 0;
    for (const Edit& e : c.edits) edits += e.op != Op::Equal;
    n += edits ? edits : 1;
  }
  return n;
}

}  // namespace

TEST_CASE("the redline of each revision pair reads as the lawyer's expected.json says", "[diff][quality]") {
  auto all = pairs();
  REQUIRE(all.size() >= 10);
  std::string table =
      "| pair | changes | lexgit edit fragments | lexgit fragments shown | git word-diff fragments |\n"
      "|---|---:|---:|---:|---:|\n";
  for (const auto& dir : all) {
    const std::string name = dir.filename().string();
    json expected = json::parse(read_file(dir / "expected.json"));
    Document before = load_document(dir / "before.txt");
    Document after = load_document(dir / "after.txt");
    CHECK_FALSE(before.has_errors());
    CHECK_FALSE(after.has_errors());
    DocumentDiff d = compare(before, after, segmenter());
    std::string produced;
    for (const Change& c : d.changes) produced += "\n  " + to_json(c).dump();
    INFO(name << ": lexgit's changes:" << produced);

    Outcome o = check_pair(d, expected);
    for (const std::string& p : o.problems) FAIL_CHECK(name << ": " << p);
    if (expected.contains("known_issue")) {
      std::string note = expected["known_issue"].value("note", "");
      if (o.known.empty()) WARN(name << ": the known issue no longer shows (" << note << "); remove it from expected.json");
      for (const std::string& k : o.known) WARN(name << ": known issue, " << k << " (" << note << ")");
    }

    int git = git_fragments(dir / "before.txt", dir / "after.txt");
    std::ostringstream row;
    row << "| " << name << " | " << d.changes.size() << " | " << lexgit_fragments(d) << " | " << shown_fragments(d) << " | "
        << (git < 0 ? std::string("git not found") : std::to_string(git)) << " |\n";
    table += row.str();
  }
  WARN("edit fragments, lexgit against git diff --no-index --word-diff=porcelain --word-diff-regex='[^[:space:]]':\n" << table);
}
