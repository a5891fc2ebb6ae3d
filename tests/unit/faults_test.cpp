// Faults around the repository: a read-only .git, a full disk, a missing
// pack file, stale locks. Clear errors, nothing half-written, and read
// commands that work without a cache they cannot write.
#include <catch2/catch.hpp>

#include <unistd.h>

#include "lexgit/store.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using lexgit::test::git;
using lexgit::test::git_head;
using lexgit::test::in;
using lexgit::test::quote;
using lexgit::test::read_file;
using lexgit::test::run_cli;
using lexgit::test::Run;
using lexgit::test::TempDir;
using lexgit::test::write_file;

namespace {

const std::string kAuthor = "渠道管理部 <channel@qingcloud.example>";

std::string policy(const std::string& rate, const std::string& extra = "") {
  return "---\nid: rebate-policy\ntitle: 返利政策\nkind: normative\npublished: 2025-01-01\neffective: 2025-01-01\nstatus: in-force\n---\n\n"
         "# 返利政策\n\n## 第一条 返利比例\n\n合作伙伴季度销售额达到 100 万元人民币的，返利比例为" +
         rate + "。\n\n## 第二条 结算\n\n返利按季度结算，于次季度首月 15 日前支付。\n" + extra;
}

// A repository with the policy committed twice (3%, then 4%).
void make_repository(const TempDir& dir) {
  lexgit::Repository::init(dir.path);
  write_file(dir.path / "policy.md", policy("3%"));
  REQUIRE(run_cli(in(dir) + "commit policy.md -m '首次发布' --author '" + kAuthor + "'").status == 0);
  write_file(dir.path / "policy.md", policy("4%"));
  REQUIRE(run_cli(in(dir) + "commit policy.md -m '调整返利比例' --author '" + kAuthor + "'").status == 0);
}

// Runs `lexgit args` through sh with `prefix` before it (ulimit, a user).
Run run_as(const std::string& prefix, const std::string& args) {
  TempDir tmp;
  std::string err_file = (tmp.path / "stderr").string();
  std::string out_file = (tmp.path / "stdout").string();
  fs::path script = tmp.path / "run.sh";
  write_file(script, prefix + " " + LEXGIT_CLI + " " + args + " >" + out_file + " 2>" + err_file + " </dev/null\n");
  fs::permissions(tmp.path, fs::perms::all);  // for the user the script runs as
  int raw = std::system(("sh " + quote(script)).c_str());
  Run r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = read_file(out_file);
  r.err = read_file(err_file);
  return r;
}

// Makes the repository's .git unwritable for the commands run_as(prefix) runs:
// chmod -R a-w, and for root (who writes anyway) those commands run as nobody,
// the owner of the repository then.
std::string read_only(const TempDir& dir) {
  std::string prefix;
  if (geteuid() == 0) {
    REQUIRE(std::system(("chmod 755 " + quote(dir.path) + " && chown -R 65534:65534 " + quote(dir.path)).c_str()) == 0);
    prefix = "HOME=/tmp setpriv --reuid=65534 --regid=65534 --clear-groups";
  }
  REQUIRE(std::system(("chmod -R a-w " + quote(dir.path / ".git")).c_str()) == 0);
  return prefix;
}

}  // namespace

TEST_CASE("in a read-only repository commit fails naming the path and changes nothing, and reading works", "[faults]") {
  TempDir dir;
  make_repository(dir);
  std::string before = git_head(dir);
  std::string index_before = read_file(dir.path / ".git" / "index");
  write_file(dir.path / "policy.md", policy("5%"));
  std::string prefix = read_only(dir);

  auto commit = run_as(prefix, in(dir) + "commit policy.md -m '调整返利比例' --author '" + kAuthor + "'");
  CHECK(commit.status != 0);
  CHECK(commit.status != -1);
  CHECK_THAT(commit.err, Catch::Contains(dir.path.string() + "/.git") && Catch::Contains("Permission denied"));
  CHECK(git_head(dir) == before);
  CHECK(read_file(dir.path / ".git" / "index") == index_before);
  CHECK_FALSE(fs::exists(dir.path / ".git" / "index.lock"));

  // A cache that cannot be written is no error: the answers are as always.
  auto log = run_as(prefix, in(dir) + "log rebate-policy --format json");
  INFO(log.err);
  CHECK(log.status == 0);
  CHECK_THAT(log.out, Catch::Contains("调整返利比例") && Catch::Contains("首次发布"));
  auto show = run_as(prefix, in(dir) + "show rebate-policy#1");
  CHECK(show.status == 0);
  CHECK_THAT(show.out, Catch::Contains("返利比例为4%"));
  CHECK(run_as(prefix, in(dir) + "outline rebate-policy").status == 0);

  std::system(("chmod -R u+w " + quote(dir.path / ".git")).c_str());
  auto again = run_as(prefix, in(dir) + "commit policy.md -m '调整返利比例' --author '" + kAuthor + "'");
  INFO(again.err);
  CHECK(again.status == 0);
  std::string committed;
  git(dir, "show HEAD:policy.md", &committed);
  CHECK(committed == policy("5%"));
}

TEST_CASE("a full disk stops a commit with a clear error and nothing half-written, and the next commit works", "[faults]") {
  TempDir dir;
  make_repository(dir);
  std::string before = git_head(dir);
  // A long annex: its stored object exceeds what the file size limit allows
  // (SIGXFSZ ignored, so writes fail with EFBIG as on a full disk).
  std::string annex;
  for (int i = 1; i <= 3000; ++i)
    annex += "\n" + std::to_string(i) + ". 第" + std::to_string(i) + "号合作伙伴的季度销售额、返利比例及结算账户信息，以青云科技书面确认为准。\n";
  write_file(dir.path / "policy.md", policy("5%", "\n## 第三条 附表\n" + annex));
  const std::string full = "trap '' XFSZ; ulimit -f 4;";

  auto commit = run_as(full, in(dir) + "commit policy.md -m '附表' --author '" + kAuthor + "'");
  CHECK(commit.status == 1);
  CHECK_THAT(commit.err, Catch::Contains("policy.md") || Catch::Contains(".git"));
  CHECK(git_head(dir) == before);
  std::string fsck;
  CHECK(git(dir, "fsck --strict", &fsck) == 0);
  CHECK(git(dir, "diff --cached --quiet") == 0);

  // Reading with a cache that cannot grow: the answers are as always.
  fs::remove_all(dir.path / ".git" / "lexgit");
  auto log = run_as(full, in(dir) + "log rebate-policy --format json");
  INFO(log.err);
  CHECK(log.status == 0);
  CHECK_THAT(log.out, Catch::Contains("调整返利比例"));

  auto again = run_cli(in(dir) + "commit policy.md -m '附表' --author '" + kAuthor + "'");
  INFO(again.err);
  CHECK(again.status == 0);
  CHECK(lexgit::test::git_status(dir).empty());
}

TEST_CASE("a missing pack file is a clear error naming what is missing, not a crash", "[faults]") {
  TempDir dir;
  make_repository(dir);
  REQUIRE(git(dir, "repack -a -d -q") == 0);
  int removed = 0;
  for (const auto& e : fs::directory_iterator(dir.path / ".git" / "objects" / "pack"))
    if (e.path().extension() == ".pack") removed += fs::remove(e.path());
  REQUIRE(removed == 1);
  for (std::string command : {"log rebate-policy", "show rebate-policy#1", "ls"}) {
    auto r = run_cli(in(dir) + command);
    INFO(command << ": " << r.err);
    CHECK(r.status != 0);
    CHECK(r.status != -1);
    CHECK_THAT(r.err, Catch::StartsWith("lexgit: "));
    CHECK_THAT(r.err, Catch::Contains("not found") || Catch::Contains("missing") || Catch::Contains("pack"));
  }
}

TEST_CASE("a stale .git/index.lock is refused before the branch moves, naming the file", "[faults]") {
  TempDir dir;
  make_repository(dir);
  std::string before = git_head(dir);
  write_file(dir.path / ".git" / "index.lock", "");
  write_file(dir.path / "policy.md", policy("5%"));
  auto r = run_cli(in(dir) + "commit policy.md -m '调整返利比例' --author '" + kAuthor + "'");
  CHECK(r.status == 4);
  CHECK_THAT(r.err, Catch::Contains(".git/index.lock") && Catch::Contains("remove"));
  CHECK(git_head(dir) == before);
  CHECK(fs::exists(dir.path / ".git" / "index.lock"));  // another process's: never removed here
  fs::remove(dir.path / ".git" / "index.lock");
  CHECK(run_cli(in(dir) + "commit policy.md -m '调整返利比例' --author '" + kAuthor + "'").status == 0);
  CHECK(lexgit::test::git_status(dir).empty());
}

TEST_CASE("a stale branch lock is reported at once, naming the file and what to do", "[faults]") {
  TempDir dir;
  make_repository(dir);
  std::string branch;
  git(dir, "symbolic-ref HEAD", &branch);
  branch = branch.substr(0, branch.find('\n'));
  fs::path lock = dir.path / ".git" / (branch + ".lock");
  write_file(lock, "");
  write_file(dir.path / "policy.md", policy("5%"));
  auto r = run_cli(in(dir) + "commit policy.md -m '调整返利比例' --author '" + kAuthor + "'");
  CHECK(r.status == 4);
  CHECK_THAT(r.err, Catch::Contains(lock.string()) && Catch::Contains("remove") && !Catch::Contains("kept moving"));
  CHECK(fs::exists(lock));
  CHECK(lexgit::test::git_status(dir) == " M policy.md\n");  // nothing recorded, the index untouched
}
