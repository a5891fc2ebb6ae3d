// Shared repositories through the binary: the pre-receive hook in a bare
// repository served by git daemon over loopback, and lexgit sync between clones.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "lexgit/store.hpp"
#include "store/git.hpp"
#include "support.hpp"

using lexgit::test::contains;
using lexgit::test::quote;
using lexgit::test::read_file;
using lexgit::test::Run;
using lexgit::test::run_cli;
using lexgit::test::sh;
using lexgit::test::TempDir;
using lexgit::test::write_file;
namespace fs = std::filesystem;

namespace {

const std::string kAuthor = "渠道管理部 <channel@example.com>";

std::string git_out(const fs::path& dir, const std::string& args) {
  Run r = sh("git -C " + quote(dir) + " " + args);
  REQUIRE(r.status == 0);
  while (!r.out.empty() && r.out.back() == '\n') r.out.pop_back();
  return r.out;
}

std::string rules(const std::string& id, const std::string& published, const std::string& body) {
  return "---\nid: " + id + "\ntitle: 渠道伙伴" + id + "规则\nkind: normative\npublished: " + published + "\n---\n" + body;
}

// A bare repository holding one committed document, with lexgit's hook, served
// read-write by git daemon on loopback; the daemon is stopped (by its pid) at the end.
struct Served {
  TempDir root;
  fs::path bare = root.path / "partners.git";
  std::optional<lexgit::test::GitDaemon> daemon;

  Served() {
    fs::path seed = root.path / "seed";
    REQUIRE(run_cli("init " + quote(seed)).status == 0);
    write_file(seed / "rebate.md", rules("rebate", "2025-01-01", "第一条 返利按季度结算。\n\n第二条 返利比例为百分之五。\n"));
    REQUIRE(run_cli("-C " + quote(seed) + " commit rebate.md -m '收录返利规则' --author '" + kAuthor + "'").status == 0);
    REQUIRE(sh("git init -q --bare --initial-branch=main " + quote(bare)).status == 0);
    REQUIRE(sh("git -C " + quote(seed) + " push -q " + quote(bare) + " HEAD:refs/heads/main").status == 0);
    Run installed = run_cli("-C " + quote(bare) + " hook install");
    REQUIRE(installed.status == 0);
    REQUIRE(contains(installed.out, "pre-receive"));
    daemon.emplace(root.path);
  }

  std::string url() const { return daemon->url("partners.git"); }

  fs::path clone(const std::string& name) const {
    fs::path dir = root.path / name;
    REQUIRE(sh("git clone -q " + url() + " " + quote(dir)).status == 0);
    REQUIRE(sh("git -C " + quote(dir) + " config user.name '" + name + "' && git -C " + quote(dir) +
               " config user.email " + name + "@example.com").status == 0);
    return dir;
  }

  std::string tip() const { return git_out(bare, "rev-parse main"); }
};

Run commit_in(const fs::path& clone, const std::string& file, const std::string& message) {
  return run_cli("-C " + quote(clone) + " commit " + file + " -m '" + message + "' --author '" + kAuthor + "'");
}

// Runs two commands at once and gives both results.
std::pair<Run, Run> at_once(const std::string& a, const std::string& b) {
  TempDir scratch;
  auto start = [&](const std::string& command, const std::string& name) {
    return popen((command + " 2>" + (scratch.path / name).string() + " </dev/null").c_str(), "r");
  };
  FILE* pa = start(a, "a");
  FILE* pb = start(b, "b");
  auto finish = [&](FILE* pipe, const std::string& name) {
    Run r;
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
    int raw = pclose(pipe);
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.err = read_file(scratch.path / name);
    return r;
  };
  Run ra = finish(pa, "a");
  Run rb = finish(pb, "b");
  return {ra, rb};
}

struct Edit {
  std::string file, contents, message;
};
// Two clones of the served repository, 甲 and 乙, each with one edit committed through lexgit commit.
std::pair<fs::path, fs::path> two_clones_committing(const Served& served, const Edit& in_a, const Edit& in_b) {
  fs::path a = served.clone("甲"), b = served.clone("乙");
  write_file(a / in_a.file, in_a.contents);
  write_file(b / in_b.file, in_b.contents);
  REQUIRE(commit_in(a, in_a.file, in_a.message).status == 0);
  REQUIRE(commit_in(b, in_b.file, in_b.message).status == 0);
  return {a, b};
}

std::string sync_cli(const fs::path& clone) { return std::string(LEXGIT_CLI) + " -C " + quote(clone) + " sync"; }

}  // namespace

// A file written and committed with plain git in a new clone, then pushed
// with plain git push: the push's result and the commit's short id.
std::pair<Run, std::string> plain_push(const Served& served, const std::string& file, const std::string& contents,
                                       const std::string& message) {
  fs::path clone = served.clone("甲");
  write_file(clone / file, contents);
  REQUIRE(sh("git -C " + quote(clone) + " add . && git -C " + quote(clone) + " commit -q -m '" + message + "'").status == 0);
  std::string commit = git_out(clone, "rev-parse HEAD").substr(0, 12);
  return {sh("git -C " + quote(clone) + " push origin main"), commit};
}

TEST_CASE("the pre-receive hook refuses a plain git push of a document with invalid front matter", "[shared]") {
  Served served;
  std::string before = served.tip();
  auto [push, commit] = plain_push(served, "annex/fund.md", rules("marketing-fund", "2025-02-30", "第一条 市场推广基金按季度申请。\n"),
                                   "新增市场基金附件");
  CHECK(push.status != 0);
  CHECK_THAT(push.err, Catch::Contains("remote: lexgit: " + commit + " annex/fund.md:5: error:") && Catch::Contains("2025-02-30"));
  CHECK_THAT(push.err, Catch::Contains("push refused"));
  CHECK(served.tip() == before);
}

TEST_CASE("the pre-receive hook refuses a pushed document whose id another document has, naming both files", "[shared]") {
  Served served;
  std::string before = served.tip();
  auto [push, commit] = plain_push(served, "copy/rebate-2025.md", rules("rebate", "2025-06-01", "第一条 返利按月结算。\n"), "返利规则副本");
  CHECK(push.status != 0);
  CHECK_THAT(push.err, Catch::Contains(commit + " copy/rebate-2025.md:2: error: document id 'rebate' is already used by rebate.md"));
  CHECK(served.tip() == before);
}

TEST_CASE("the pre-receive hook lets valid documents, drafting defects (as warnings) and branch deletions through", "[shared]") {
  Served served;
  fs::path clone = served.clone("丙");
  write_file(clone / "gap.md", rules("gap", "2025-03-01", "第一条 甲方义务。\n\n第三条 乙方义务。\n"));
  REQUIRE(sh("git -C " + quote(clone) + " add gap.md && git -C " + quote(clone) + " commit -q -m '照发布文本收录'").status == 0);
  Run push = sh("git -C " + quote(clone) + " push origin main HEAD:refs/heads/draft");
  CHECK(push.status == 0);
  CHECK_THAT(push.err, Catch::Contains("gap.md:9: warning: numbering gap"));
  CHECK(served.tip() == git_out(clone, "rev-parse HEAD"));
  CHECK(sh("git -C " + quote(clone) + " push origin :draft").status == 0);
}

TEST_CASE("hook install keeps a different pre-receive hook unless --force, and installs into a clone's git directory", "[shared]") {
  TempDir dir;
  REQUIRE(run_cli("init " + quote(dir.path)).status == 0);
  fs::path hook = dir.path / ".git/hooks/pre-receive";
  write_file(hook, "#!/bin/sh\nexit 0\n");
  Run kept = run_cli("-C " + quote(dir.path) + " hook install");
  CHECK(kept.status == 2);
  CHECK_THAT(kept.err, Catch::Contains("--force"));
  CHECK(read_file(hook) == "#!/bin/sh\nexit 0\n");
  Run forced = run_cli("-C " + quote(dir.path) + " hook install --force");
  CHECK(forced.status == 0);
  CHECK_THAT(read_file(hook), Catch::Contains("hook pre-receive"));
  CHECK((fs::status(hook).permissions() & fs::perms::owner_exec) != fs::perms::none);
  CHECK(run_cli("-C " + quote(dir.path) + " hook install").status == 0);  // the same hook again: fine
}

TEST_CASE("hook pre-receive refuses input that is not git's ref update lines", "[shared]") {
  TempDir dir;
  REQUIRE(run_cli("init " + quote(dir.path)).status == 0);
  Run r = sh("(echo '旧 新 refs/heads/main' | GIT_DIR=" + quote(dir.path / ".git") + " " + LEXGIT_CLI + " hook pre-receive)");
  CHECK(r.status == 3);
  CHECK_THAT(r.err, Catch::Contains("<stdin>:1:"));
}

TEST_CASE("two clones syncing at once both land on the remote, one after the other", "[shared]") {
  Served served;
  auto [a, b] = two_clones_committing(served, {"fund.md", rules("marketing-fund", "2025-04-01", "第一条 市场推广基金按季度申请。\n"), "新增市场基金规则"},
                                     {"cert.md", rules("certification", "2025-05-01", "第一条 合作伙伴须有两名认证工程师。\n"), "新增认证规则"});

  auto [ra, rb] = at_once(sync_cli(a), sync_cli(b));
  CHECK(ra.status == 0);
  CHECK(rb.status == 0);
  INFO(ra.err + rb.err);
  std::string log = git_out(served.bare, "log --first-parent --format=%s main");
  CHECK(contains(log, "新增市场基金规则"));
  CHECK(contains(log, "新增认证规则"));
  CHECK(contains(log, "收录返利规则"));
  CHECK(git_out(served.bare, "rev-list --merges main").empty());
  // The clone whose commits were replayed holds the remote's tip, its work tree the other's document.
  fs::path replayed = contains(ra.out, "replayed") ? a : b;
  CHECK(git_out(replayed, "rev-parse HEAD") == served.tip());
  CHECK(fs::exists(replayed / "fund.md"));
  CHECK(fs::exists(replayed / "cert.md"));
  CHECK(git_out(replayed, "status --porcelain").empty());
}

TEST_CASE("sync stops with exit 4 naming both commits when both clones changed the same document", "[shared]") {
  Served served;
  auto [a, b] = two_clones_committing(served, {"rebate.md", rules("rebate", "2025-07-01", "第一条 返利按季度结算。\n\n第二条 返利比例为百分之六。\n"), "返利比例调至百分之六"},
                                     {"rebate.md", rules("rebate", "2025-07-01", "第一条 返利按月结算。\n\n第二条 返利比例为百分之五。\n"), "返利改为按月结算"});
  std::string theirs = git_out(a, "rev-parse HEAD").substr(0, 12);
  std::string mine = git_out(b, "rev-parse HEAD");
  std::string mine_text = read_file(b / "rebate.md");

  REQUIRE(run_cli("-C " + quote(a) + " sync").status == 0);
  Run r = run_cli("-C " + quote(b) + " sync");
  CHECK(r.status == 4);
  CHECK_THAT(r.err, Catch::Contains("document rebate (rebate.md)") && Catch::Contains(theirs) && Catch::Contains(mine.substr(0, 12)));
  CHECK(git_out(b, "rev-parse HEAD") == mine);
  CHECK(read_file(b / "rebate.md") == mine_text);
  CHECK(served.tip().substr(0, 12) == theirs);
}

TEST_CASE("sync takes the remote's new commits into a clone with nothing to push", "[shared]") {
  Served served;
  fs::path a = served.clone("甲"), b = served.clone("乙");
  write_file(a / "fund.md", rules("marketing-fund", "2025-04-01", "第一条 市场推广基金按季度申请。\n"));
  REQUIRE(commit_in(a, "fund.md", "新增市场基金规则").status == 0);
  REQUIRE(run_cli("-C " + quote(a) + " sync").status == 0);
  Run r = run_cli("-C " + quote(b) + " sync");
  CHECK(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("updated"));
  CHECK(read_file(b / "fund.md") == read_file(a / "fund.md"));
  CHECK(git_out(b, "status --porcelain").empty());
}

TEST_CASE("opening a repository reads no CA certificate and a fetch or push loads them first", "[shared][start]") {
  // Debian's libgit2 parses every system CA certificate when it starts; lexgit
  // leaves that to the first network operation (see store/git.cpp).
  TempDir dir;
  REQUIRE(run_cli("init " + quote(dir.path)).status == 0);
  write_file(dir.path / "rebate.md", rules("rebate", "2025-01-01", "第一条 返利按季度结算。\n"));
  REQUIRE(run_cli("-C " + quote(dir.path) + " commit rebate.md -m 首次发布 --author " + quote(kAuthor)).status == 0);
  auto repo = lexgit::Repository::discover(dir.path);
  REQUIRE(repo);
  REQUIRE(repo->head());
  CHECK(lexgit::git::ca_certificates_deferred());
  lexgit::git::load_ca_certificates();
  CHECK_FALSE(lexgit::git::ca_certificates_deferred());
}
