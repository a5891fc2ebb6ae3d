// The git store through the library and the command line: revisions, point in
// time, the cache, and commits that never lose anyone's work.
#include <catch2/catch.hpp>

#include <chrono>
#include <set>

#include <nlohmann/json.hpp>

#include "lexgit/store.hpp"
#include "lexgit/versions.hpp"
#include "support.hpp"

using namespace lexgit;
using lexgit::test::read_file;
using lexgit::test::git;
using lexgit::test::git_head;
using lexgit::test::in;
using lexgit::test::quote;
using lexgit::test::run_cli;
using lexgit::test::TempDir;
using lexgit::test::write_file;

namespace {

const std::string kAuthor = "渠道管理部 <channel@example.com>";

std::string doc(const std::string& id, const std::string& published, const std::string& effective,
                const std::string& body, const std::string& status = "in-force") {
  return "---\nid: " + id + "\ntitle: 文档 " + id + "\nkind: normative\npublished: " + published +
         "\neffective: " + effective + "\nstatus: " + status + "\n---\n\n# 文档 " + id + "\n\n" + body + "\n";
}



std::string commit_cli(const TempDir& dir, const std::string& file, const std::string& message) {
  return in(dir) + "commit " + file + " -m '" + message + "' --author '" + kAuthor + "'";
}

std::vector<std::string> ids_in_force(const TempDir& dir, const std::string& date) {
  auto r = run_cli(in(dir) + "ls --at " + date + " --format json");
  REQUIRE(r.status == 0);
  std::vector<std::string> out;
  for (const auto& d : nlohmann::json::parse(r.out)) out.push_back(d["id"].get<std::string>() + "@" + d["effective"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("ls --at gives the documents in force before, between and after revisions", "[store]") {
  TempDir dir;
  Repository::init(dir.path);
  write_file(dir.path / "policy.md", doc("policy", "2025-04-01", "2025-04-01", "返利比例为3%。"));
  write_file(dir.path / "annex.md", doc("annex", "2025-02-01", "2025-02-01", "认证工程师两名。"));
  REQUIRE(run_cli(commit_cli(dir, "policy.md annex.md", "首次发布")).status == 0);
  write_file(dir.path / "policy.md", doc("policy", "2026-01-01", "2026-01-01", "返利比例为5%。"));
  REQUIRE(run_cli(commit_cli(dir, "policy.md", "2026 年版")).status == 0);
  // Back-filled: the 2025-09 revision is committed after the 2026 one.
  write_file(dir.path / "policy.md", doc("policy", "2025-09-01", "2025-09-01", "返利比例为4%。"));
  REQUIRE(run_cli(commit_cli(dir, "policy.md", "补录 2025 年 9 月版")).status == 0);
  write_file(dir.path / "annex.md", doc("annex", "2025-12-01", "2025-12-01", "认证工程师两名。", "withdrawn"));
  REQUIRE(run_cli(commit_cli(dir, "annex.md", "撤回附件")).status == 0);

  CHECK(ids_in_force(dir, "2025-01-01").empty());
  CHECK(ids_in_force(dir, "2025-03-01") == std::vector<std::string>{"annex@2025-02-01"});
  CHECK(ids_in_force(dir, "2025-05-01") == std::vector<std::string>{"annex@2025-02-01", "policy@2025-04-01"});
  CHECK(ids_in_force(dir, "2025-10-01") == std::vector<std::string>{"annex@2025-02-01", "policy@2025-09-01"});
  CHECK(ids_in_force(dir, "2026-02-01") == std::vector<std::string>{"policy@2026-01-01"});

  auto show = run_cli(in(dir) + "show policy#p1 --at 2025-10-01");
  CHECK_THAT(show.out, Catch::Contains("4%"));
  // Without --at: the version in force today, the one effective 2026-01-01.
  CHECK_THAT(run_cli(in(dir) + "show policy#p1").out, Catch::Contains("5%") && Catch::Contains("2026-01-01 生效"));
  CHECK_THAT(run_cli(in(dir) + "show policy#p1 --rev HEAD~2").out, Catch::Contains("5%"));
  auto missing = run_cli(in(dir) + "show policy#p1 --at 2024-12-31");
  CHECK(missing.status == 3);
  CHECK_THAT(missing.err, Catch::Contains("first version takes effect on 2025-04-01"));

  auto log = run_cli(in(dir) + "log policy --format json");
  REQUIRE(log.status == 0);
  auto revisions = nlohmann::json::parse(log.out);
  REQUIRE(revisions.size() == 3);
  CHECK(revisions[0]["effective"] == "2026-01-01");  // newest version first, whatever the commit order
  CHECK(revisions[1]["effective"] == "2025-09-01");
  CHECK(revisions[1]["message"] == "补录 2025 年 9 月版");
  CHECK(revisions[2]["author"] == kAuthor);
}

TEST_CASE("deleting or corrupting the cache changes no answer", "[store][cache]") {
  TempDir dir;
  Repository::init(dir.path);
  for (int i = 0; i < 5; ++i) {
    write_file(dir.path / "docs" / ("d" + std::to_string(i) + ".md"),
               doc("d" + std::to_string(i), "2025-0" + std::to_string(i + 1) + "-01", "2025-0" + std::to_string(i + 1) + "-15", "条款。"));
    REQUIRE(run_cli(commit_cli(dir, "docs/d" + std::to_string(i) + ".md", "add")).status == 0);
  }
  auto answer = [&] {
    return run_cli(in(dir) + "ls --at 2025-04-20 --format json").out + run_cli(in(dir) + "log d2 --format json").out +
           run_cli(in(dir) + "outline d3 --format json").out;
  };
  std::string cold = answer();
  std::string warm = answer();
  CHECK(warm == cold);
  auto stats = run_cli(in(dir) + "cache --stats");
  // Parsed: d2 (log counts its clause changes) and d3 (outline).
  CHECK_THAT(stats.out, Catch::Contains("documents:  2"));
  auto cache_file = dir.path / ".git" / "lexgit" / "cache.sqlite";
  REQUIRE(std::filesystem::exists(cache_file));
  std::filesystem::remove(cache_file);
  CHECK(answer() == cold);
  write_file(cache_file, "this is not a database, it was overwritten by accident");
  std::filesystem::remove(cache_file.string() + "-wal");
  auto rebuilt = run_cli(in(dir) + "ls --at 2025-04-20 --format json");
  CHECK(rebuilt.status == 0);
  CHECK_THAT(rebuilt.err, Catch::Contains("rebuilt"));
  CHECK(answer() == cold);
  CHECK(run_cli(in(dir) + "cache --clear").status == 0);
  CHECK(answer() == cold);
}

TEST_CASE("commit validates first: an unusable document changes nothing", "[store]") {
  TempDir dir;
  Repository::init(dir.path);
  write_file(dir.path / "bad.md", "---\nid: bad\ntitle: 坏\nkind: memo\npublished: 2025-01-01\n---\n一、总则\n");
  std::string head_before;
  git(dir, "rev-parse HEAD", &head_before);
  auto r = run_cli(commit_cli(dir, "bad.md", "should fail"));
  CHECK(r.status == 3);
  CHECK_THAT(r.err, Catch::Contains("bad.md:4: error:") && Catch::Contains("nothing was committed"));
  std::string head_after;
  git(dir, "rev-parse HEAD", &head_after);
  CHECK(head_after == head_before);
}

TEST_CASE("commit records a document with drafting defects and warns, and --strict refuses it", "[store]") {
  TempDir dir;
  Repository::init(dir.path);
  write_file(dir.path / "gap.md", "---\nid: gap\ntitle: 有缺陷的规则\nkind: normative\npublished: 2025-01-01\n---\n第一条 甲。\n\n第三条 乙。\n");
  auto strict = run_cli(commit_cli(dir, "gap.md", "严格") + " --strict");
  CHECK(strict.status == 3);
  CHECK_THAT(strict.err, Catch::Contains("gap.md:9: error: numbering gap"));
  auto r = run_cli(commit_cli(dir, "gap.md", "照发布文本收录"));
  CHECK(r.status == 0);
  CHECK_THAT(r.err, Catch::Contains("gap.md:9: warning: numbering gap"));
  CHECK_THAT(run_cli(in(dir) + "show gap#3").out, Catch::Contains("乙"));
}

TEST_CASE("commit refuses a document whose id another document of the repository has", "[store]") {
  TempDir dir;
  Repository::init(dir.path);
  std::string doc = "---\nid: rules\ntitle: 规则\nkind: normative\npublished: 2025-01-01\n---\n第一条 甲。\n";
  write_file(dir.path / "rules.md", doc);
  REQUIRE(run_cli(commit_cli(dir, "rules.md", "收录")).status == 0);
  write_file(dir.path / "copy/rules-2.md", doc);
  std::string head_before;
  git(dir, "rev-parse HEAD", &head_before);
  auto r = run_cli(commit_cli(dir, "copy/rules-2.md", "重复"));
  CHECK(r.status == 3);
  CHECK_THAT(r.err, Catch::Contains("rules-2.md:2: error: document id 'rules' is already used by rules.md"));
  std::string head_after;
  git(dir, "rev-parse HEAD", &head_after);
  CHECK(head_after == head_before);
}

TEST_CASE("a commit whose documents someone else changed meanwhile is refused, files untouched", "[store]") {
  TempDir dir;
  Repository::init(dir.path);
  write_file(dir.path / "a.md", doc("a", "2025-01-01", "2025-01-01", "甲条款。"));
  write_file(dir.path / "b.md", doc("b", "2025-01-01", "2025-01-01", "乙条款。"));
  REQUIRE(run_cli(commit_cli(dir, "a.md b.md", "start")).status == 0);
  std::string base;
  git(dir, "rev-parse HEAD", &base);
  base = base.substr(0, 40);
  write_file(dir.path / "a.md", doc("a", "2025-02-01", "2025-02-01", "甲条款，他人修改。"));
  REQUIRE(run_cli(commit_cli(dir, "a.md", "someone else")).status == 0);

  // Our edit of a.md started from `base`: the other commit touched it.
  std::string ours = doc("a", "2025-03-01", "2025-03-01", "甲条款，我方修改。");
  write_file(dir.path / "a.md", ours);
  auto refused = run_cli(commit_cli(dir, "a.md", "ours") + " --base " + base);
  CHECK(refused.status == 4);
  CHECK_THAT(refused.err, Catch::Contains("document a (a.md) was changed meanwhile by commit") &&
                              Catch::Contains("someone else"));
  CHECK(read_file(dir.path / "a.md") == ours);

  // b.md was not touched by the other commit: re-based onto the new tip.
  write_file(dir.path / "b.md", doc("b", "2025-03-01", "2025-03-01", "乙条款，我方修改。"));
  CHECK(run_cli(commit_cli(dir, "b.md", "ours, b") + " --base " + base).status == 0);
  std::string tree;
  git(dir, "show HEAD:a.md", &tree);
  CHECK_THAT(tree, Catch::Contains("他人修改"));  // the other change survived
}

TEST_CASE("a stale lock file is reported, not deleted", "[store]") {
  TempDir dir;
  Repository::init(dir.path);
  std::string branch;
  git(dir, "symbolic-ref HEAD", &branch);
  branch = branch.substr(0, branch.find('\n'));
  auto lock = dir.path / ".git" / (branch + ".lock");
  write_file(lock, "");
  std::filesystem::last_write_time(lock, std::filesystem::file_time_type::clock::now() - std::chrono::minutes(5));
  write_file(dir.path / "a.md", doc("a", "2025-01-01", "2025-01-01", "条款。"));
  auto r = run_cli(commit_cli(dir, "a.md", "blocked"));
  CHECK(r.status == 4);
  CHECK_THAT(r.err, Catch::Contains(".lock") && Catch::Contains("seconds old"));
  CHECK(std::filesystem::exists(lock));
}

TEST_CASE("eight processes committing 25 documents each lose nothing", "[store][concurrency]") {
  TempDir dir;
  Repository::init(dir.path);
  std::string script = "set -e\n";
  for (int p = 0; p < 8; ++p) {
    script += "(for i in $(seq 1 25); do id=w" + std::to_string(p) + "-$i; mkdir -p '" + dir.path.string() + "/w" +
              std::to_string(p) + "'; f=w" + std::to_string(p) + "/$id.md; printf -- '---\\nid: %s\\ntitle: 文档%s\\nkind: annex\\npublished: 2025-01-01\\n---\\n\\n第一条 并发写入的条款%s。\\n' $id $id $id > '" +
              dir.path.string() + "'/$f; " + LEXGIT_CLI + " " + in(dir) + "commit $f -m \"add $id\" --author '" + kAuthor +
              "' >/dev/null || exit 1; done) &\n";
  }
  script += "fail=0; for j in $(jobs -p); do wait $j || fail=1; done; exit $fail\n";
  auto script_file = dir.path / ".." / ("lexgit-concurrency-" + dir.path.filename().string() + ".sh");
  write_file(script_file, script);
  int rc = std::system(("bash " + quote(script_file)).c_str());
  std::filesystem::remove(script_file);
  REQUIRE(WEXITSTATUS(rc) == 0);

  auto ls = nlohmann::json::parse(run_cli(in(dir) + "ls --format json").out);
  std::set<std::string> ids;
  for (const auto& d : ls) ids.insert(d["id"].get<std::string>());
  CHECK(ls.size() == 200);
  CHECK(ids.size() == 200);
  std::string count;
  git(dir, "rev-list --count --first-parent HEAD", &count);
  CHECK(std::stoi(count) == 201);  // the repository's first commit, then one per document
  std::string fsck;
  CHECK(git(dir, "fsck --strict", &fsck) == 0);
  INFO(fsck);
  CHECK(lexgit::test::git_status(dir).empty());  // index and work tree agree with HEAD
}

TEST_CASE("a repository can be created on a machine without a git identity", "[store]") {
  TempDir home, dir;
  std::string cmd = "HOME=" + quote(home.path) + " GIT_CONFIG_NOSYSTEM=1 XDG_CONFIG_HOME=" + quote(home.path) + " " +
                    LEXGIT_CLI + " init " + quote(dir.path / "repo") + " >/dev/null 2>&1";
  CHECK(WEXITSTATUS(std::system(cmd.c_str())) == 0);
  std::string log;
  CHECK(git(dir, "-C repo log --format=%an", &log) == 0);
  CHECK_THAT(log, Catch::Contains("lexgit"));
}
