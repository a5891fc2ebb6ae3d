// A lexgit commit or publish killed at any point (kill -9) leaves the
// repository at the old state or the new one: git fsck clean, the branch at
// the old or the new commit, and — once the next lexgit command has run —
// the index and work tree agreeing with that commit; the next commit works.
// Killed at each named step (LEXGIT_FAULT_AT) and after random delays.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "lexgit/store.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using lexgit::test::git;
using lexgit::test::git_head;
using lexgit::test::in;
using lexgit::test::quote;
using lexgit::test::read_file;
using lexgit::test::run_cli;
using lexgit::test::TempDir;
using lexgit::test::write_file;

namespace {

const std::string kAuthor = "渠道管理部 <channel@qingcloud.example>";
const std::vector<std::string> kSteps = {"journal-written", "index-locked", "index-staged", "ref-moved", "index-written",
                                         "work-tree-written"};

std::string policy(int percent) {
  return "---\nid: rebate-policy\ntitle: 返利政策\nkind: normative\npublished: 2025-01-01\neffective: 2025-01-01\nstatus: in-force\n---\n\n"
         "# 返利政策\n\n## 第一条 返利比例\n\n合作伙伴季度销售额达到 100 万元人民币的，返利比例为" +
         std::to_string(percent) + "%。\n\n## 第二条 结算\n\n返利按季度结算，于次季度首月 15 日前支付。\n";
}

// Runs lexgit with `args`, LEXGIT_FAULT_AT set to `fault` (unless empty),
// killed with SIGKILL after `kill_after` (never when negative). Returns
// whether it ended by a signal.
bool run_killed(const std::vector<std::string>& args, const std::string& fault, std::chrono::microseconds kill_after) {
  std::fflush(nullptr);  // or the child prints what the parent had buffered
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (!fault.empty()) setenv("LEXGIT_FAULT_AT", fault.c_str(), 1);
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    std::vector<char*> argv{const_cast<char*>(LEXGIT_CLI)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(LEXGIT_CLI, argv.data());
    _exit(127);
  }
  if (kill_after.count() >= 0) {
    std::this_thread::sleep_for(kill_after);
    kill(pid, SIGKILL);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFSIGNALED(status);
}

// After a kill: the repository is at `old` or at a commit made from it, and
// once the next lexgit command ran, index and work tree agree with it. Returns
// whether the new commit was made. `edited` is the file the commit records,
// which the old state shows as the only uncommitted change.
bool check_old_or_new(const TempDir& dir, const std::string& old, const std::string& edited, const std::string& what) {
  INFO(what);
  std::string fsck;
  CHECK(git(dir, "fsck --strict --no-dangling", &fsck) == 0);
  INFO(fsck);
  std::string now = git_head(dir);
  bool moved = now != old;
  if (moved) {
    CHECK(git(dir, "merge-base --is-ancestor " + old + " " + now) == 0);
  }
  auto ls = run_cli(in(dir) + "ls");  // the next lexgit command: finishes or undoes what was interrupted
  INFO(ls.err);
  CHECK(ls.status == 0);
  CHECK_FALSE(fs::exists(dir.path / ".git" / "index.lock"));
  CHECK(git(dir, "diff --cached --quiet") == 0);  // the index is the commit's
  CHECK(lexgit::test::git_status(dir, "--untracked-files=all") == (moved ? "" : " M " + edited + "\n"));
  return moved;
}

// The agreement and its notice settings, committed; the agreement revised
// on disk with a higher cap, not yet published.
void make_publish_repository(const TempDir& dir) {
  lexgit::Repository repo = lexgit::Repository::init(dir.path);
  write_file(dir.path / ".lexgit.yaml", "notice:\n  from: \"渠道管理部 <channel@qingcloud.example>\"\n  to: \"partners@qingcloud.example\"\n");
  write_file(dir.path / "partner-framework.md", lexgit::test::agreement());
  REQUIRE(run_cli(in(dir) + "commit .lexgit.yaml partner-framework.md -m '收录框架协议' --author '" + kAuthor + "'").status == 0);
}

// The agreement with its liability cap raised to `cap` 万.
void revise_agreement(const TempDir& dir, int cap) {
  std::string source = read_file(dir.path / "partner-framework.md");
  std::size_t at = source.find("最多 ");
  REQUIRE(at != std::string::npos);
  std::size_t end = source.find(" 万人民币", at);
  source.replace(at, end - at, "最多 " + std::to_string(cap));
  write_file(dir.path / "partner-framework.md", source);
}

std::vector<std::string> publish_args(const TempDir& dir, int month) {
  char date[16];
  std::snprintf(date, sizeof date, "2026-%02d-05", month);
  return {"-C", dir.path.string(), "publish", "partner-framework.md", "--notice-date", date, "--author", kAuthor};
}

std::vector<std::string> commit_args(const TempDir& dir, int i) {
  return {"-C", dir.path.string(), "commit", "policy.md", "-m", "返利比例调整 " + std::to_string(i), "--author", kAuthor};
}

}  // namespace

TEST_CASE("commit killed at each of its steps leaves the old or the new state, and the next commit works", "[crash]") {
  TempDir dir;
  lexgit::Repository::init(dir.path);
  write_file(dir.path / "policy.md", policy(3));
  REQUIRE(run_cli(in(dir) + "commit policy.md -m '首次发布' --author '" + kAuthor + "'").status == 0);
  for (std::size_t i = 0; i < kSteps.size(); ++i) {
    std::string old = git_head(dir);
    write_file(dir.path / "policy.md", policy(4 + static_cast<int>(i)));
    CHECK(run_killed(commit_args(dir, static_cast<int>(i)), kSteps[i], std::chrono::microseconds(-1)));
    bool moved = check_old_or_new(dir, old, "policy.md", "killed at " + kSteps[i]);
    CHECK(moved == (i >= 3));  // from ref-moved on, the branch has moved
    if (!moved) CHECK_FALSE(run_killed(commit_args(dir, static_cast<int>(i)), "", std::chrono::microseconds(-1)));
    std::string committed;
    git(dir, "show HEAD:policy.md", &committed);
    CHECK(committed == policy(4 + static_cast<int>(i)));
    CHECK(lexgit::test::git_status(dir).empty());
  }
}

TEST_CASE("publish killed at each of its steps leaves the old or the new state, the notice with its version or neither", "[crash]") {
  TempDir dir;
  make_publish_repository(dir);
  for (std::size_t i = 0; i < kSteps.size(); ++i) {
    std::string old = git_head(dir);
    revise_agreement(dir, 20 + static_cast<int>(i));  // the cap: 最多 10 万人民币 at first
    int month = 1 + static_cast<int>(i);
    char notice[64];
    std::snprintf(notice, sizeof notice, "notices/2026-%02d-05-partner-framework.md", month);
    CHECK(run_killed(publish_args(dir, month), kSteps[i], std::chrono::microseconds(-1)));
    bool moved = check_old_or_new(dir, old, "partner-framework.md", "publish killed at " + kSteps[i]);
    CHECK(moved == (i >= 3));  // from ref-moved on, the branch has moved
    CHECK(fs::exists(dir.path / notice) == moved);
    if (!moved) CHECK_FALSE(run_killed(publish_args(dir, month), "", std::chrono::microseconds(-1)));
    CHECK(lexgit::test::git_status(dir, "--untracked-files=all").empty());
    CHECK(fs::exists(dir.path / notice));
    CHECK_THAT(read_file(dir.path / "partner-framework.md"), Catch::Contains("最多 " + std::to_string(20 + i) + " 万人民币"));
  }
}

TEST_CASE("commit and publish killed after random delays leave the old or the new state", "[crash]") {
  std::mt19937 random(20261201);
  TempDir dir;
  lexgit::Repository::init(dir.path);
  write_file(dir.path / "policy.md", policy(3));
  REQUIRE(run_cli(in(dir) + "commit policy.md -m '首次发布' --author '" + kAuthor + "'").status == 0);
  // Kill points spread over a whole run: as long as one commit takes here.
  write_file(dir.path / "policy.md", policy(4));
  auto start = std::chrono::steady_clock::now();
  REQUIRE_FALSE(run_killed(commit_args(dir, 0), "", std::chrono::microseconds(-1)));
  auto span = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
  int moved = 0, kept = 0;
  for (int i = 1; i <= 8; ++i) {
    std::string old = git_head(dir);
    write_file(dir.path / "policy.md", policy(4 + i));
    std::chrono::microseconds delay(std::uniform_int_distribution<long long>(span / 4, span * 5 / 4)(random));
    run_killed(commit_args(dir, i), "", delay);
    if (check_old_or_new(dir, old, "policy.md", "commit killed after " + std::to_string(delay.count()) + " µs")) {
      ++moved;
    } else {
      ++kept;
      CHECK_FALSE(run_killed(commit_args(dir, i), "", std::chrono::microseconds(-1)));
    }
    std::string committed;
    git(dir, "show HEAD:policy.md", &committed);
    CHECK(committed == policy(4 + i));
  }
  INFO("moved " << moved << ", kept " << kept);
  CHECK(moved + kept == 8);

  TempDir published;
  make_publish_repository(published);
  for (int i = 0; i < 3; ++i) {
    std::string old = git_head(published);
    revise_agreement(published, 20 + i);
    std::chrono::microseconds delay(std::uniform_int_distribution<long long>(span / 2, span * 3)(random));
    run_killed(publish_args(published, 1 + i), "", delay);
    if (!check_old_or_new(published, old, "partner-framework.md", "publish killed after " + std::to_string(delay.count()) + " µs"))
      CHECK_FALSE(run_killed(publish_args(published, 1 + i), "", std::chrono::microseconds(-1)));
    CHECK_THAT(read_file(published.path / "partner-framework.md"), Catch::Contains("最多 " + std::to_string(20 + i) + " 万人民币"));
  }
}
