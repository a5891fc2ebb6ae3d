// The documents a command works on, as a user meets them: files outside git
// that are not documents, a repository with nothing committed yet, an id or a
// clause mistyped, a date written wrongly — the same answer from every command.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "lexgit/store.hpp"
#include "lexgit/suggest.hpp"
#include "support.hpp"

using namespace lexgit;
using lexgit::test::in;
using lexgit::test::quote;
using lexgit::test::read_file;
using lexgit::test::run_cli;
using lexgit::test::source_dir;
using lexgit::test::TempDir;
using lexgit::test::write_file;
using lexgit::test::corpus_file;

namespace {

const std::string kAuthor = " --author '渠道管理部 <channel@example.com>'";


// The agreement and two samples, then a revision of the agreement: HEAD~1 and HEAD differ.
void repository_with_history(const TempDir& dir) {
  Repository::init(dir.path);
  write_file(dir.path / "agreement/partner-framework.md", corpus_file("agreement/partner-framework.md"));
  write_file(dir.path / "samples/rebate-policy-online.md", corpus_file("samples/rebate-policy-online.md"));
  write_file(dir.path / "samples/marketing-fund-annex.md", corpus_file("samples/marketing-fund-annex.md"));
  REQUIRE(run_cli(in(dir) + "commit -m '首次发布'" + kAuthor).status == 0);
  std::string revised = corpus_file("agreement/partner-framework.md");
  lexgit::test::replace(revised, "published: 2025-01-01", "published: 2025-09-01");
  lexgit::test::replace(revised, "effective: 2025-01-01", "effective: 2025-10-01");
  lexgit::test::replace(revised, "双方都是独立的订约人", "双方均为独立的订约人");
  write_file(dir.path / "agreement/partner-framework.md", revised);
  REQUIRE(run_cli(in(dir) + "commit -m '2025 年修订'" + kAuthor).status == 0);
}

// A directory outside git with usable documents and every kind of file that is not one.
void directory_with_strays(const TempDir& dir) {
  write_file(dir.path / "partner-framework.md", corpus_file("agreement/partner-framework.md"));
  write_file(dir.path / "samples/rebate-policy-online.md", corpus_file("samples/rebate-policy-online.md"));
  // GBK bytes of 青云返利政策 in a title: front matter, but not UTF-8.
  write_file(dir.path / "gbk-policy.md", "---\nid: gbk-policy\ntitle: \xC7\xE0\xD4\xC6\xB7\xB5\xC0\xFB\xD5\xFE\xB2\xDF\n"
                                         "kind: normative\npublished: 2025-04-01\n---\n\n\xD2\xBB\xA1\xA2\n");
  write_file(dir.path / "broken.md", "---\nid: broken-rules\ntitle: 认证规则（草稿）\nkind: memo\npublished: 2025-13-01\n---\n\n一、总则\n");
  write_file(dir.path / "empty.md", "");
  write_file(dir.path / "meeting-notes.md", "# 渠道会议纪要\n\n一、返利比例维持不变。\n");
  std::filesystem::create_directories(dir.path / "certification-rules.md");  // a directory named like a document
}

}  // namespace

TEST_CASE("closest names the ids one typo away, and nothing for a different name", "[suggest]") {
  std::vector<std::string> ids = {"partner-framework", "rebate-policy-online", "rebate-policy-paper", "marketing-fund-annex"};
  CHECK(text::closest("partner-framwork", ids) == std::vector<std::string>{"partner-framework"});
  CHECK(text::closest("rebate-policy-onlin", ids) == std::vector<std::string>{"rebate-policy-online"});
  CHECK(text::closest("end-user-terms", ids).empty());
  CHECK(text::closest("第十部分第三项", {"第十部分第3项", "第七部分第二款", "第十部分"}) == std::vector<std::string>{"第十部分第3项"});
  CHECK(text::did_you_mean("partner-framwork", ids) == "; did you mean 'partner-framework'?");
  CHECK(text::did_you_mean("青云", ids).empty());
}

TEST_CASE("an unknown document or clause names the closest existing one, exit 3", "[suggest][cli]") {
  TempDir dir;
  repository_with_history(dir);
  struct Case {
    std::string args, expected;
  };
  std::vector<Case> cases = {
      {"show partner-framwork#10.3", "did you mean 'partner-framework'?"},
      {"outline partner-framwork", "did you mean 'partner-framework'?"},
      {"log rebate-policy-onlin", "did you mean 'rebate-policy-online'?"},
      {"resolve partner-framwork#10.3 rebate-policy-online#1 --at 2025-06-01", "did you mean 'partner-framework'?"},
      {"diff HEAD~1 HEAD partner-framwork", "did you mean 'partner-framework'?"},
      {"show partner-framework#10.33", "did you mean '10.3'（第十部分第3项）"},
      {"show partner-framework:第十部分第三十项", "'10.3'（第十部分第3项）"},
      {"log partner-framework#10.33", "did you mean '10.3'"},
  };
  for (const Case& c : cases) {
    auto r = run_cli(in(dir) + c.args);
    INFO(c.args << " → " << r.err);
    CHECK(r.status == 3);
    CHECK_THAT(r.err, Catch::Contains(c.expected));
  }
  auto far = run_cli(in(dir) + "show 青云终端用户协议#1");
  CHECK(far.status == 3);
  CHECK_THAT(far.err, !Catch::Contains("did you mean"));

  // Outside git, among the files below the directory.
  TempDir plain;
  directory_with_strays(plain);
  auto outside = run_cli(in(plain) + "show partner-framwork#10.3");
  CHECK(outside.status == 3);
  CHECK_THAT(outside.err, Catch::Contains("did you mean 'partner-framework'?"));
}

TEST_CASE("ls outside a repository skips files that are not documents, naming each unreadable one", "[docset][cli]") {
  TempDir dir;
  directory_with_strays(dir);
  auto r = run_cli(in(dir) + "ls");
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("partner-framework") && Catch::Contains("rebate-policy-online"));
  CHECK_THAT(r.out, !Catch::Contains("0000-00-00"));
  CHECK_THAT(r.err, Catch::Contains("warning: skipped gbk-policy.md") && Catch::Contains("not valid UTF-8"));
  CHECK_THAT(r.err, Catch::Contains("warning: skipped broken.md:4:") && Catch::Contains("memo"));
  CHECK_THAT(r.err, !Catch::Contains("empty.md") && !Catch::Contains("meeting-notes.md") && !Catch::Contains("certification-rules"));
  auto json = run_cli(in(dir) + "ls --format json");
  REQUIRE(json.status == 0);
  std::vector<std::string> ids;
  for (const auto& d : nlohmann::json::parse(json.out)) ids.push_back(d["id"]);
  CHECK(ids == std::vector<std::string>{"partner-framework", "rebate-policy-online"});
  // check reports the same files as errors, once each, and no skip warnings.
  auto check = run_cli(in(dir) + "check");
  CHECK(check.status == 3);
  CHECK_THAT(check.out, Catch::Contains("gbk-policy.md: error: not valid UTF-8") && Catch::Contains("broken.md:4: error:"));
  CHECK_THAT(check.err, !Catch::Contains("skipped"));
}

TEST_CASE("check in a repository with no document committed reads the work tree's documents", "[docset][cli]") {
  for (bool lexgit_init : {true, false}) {
    TempDir dir;
    if (lexgit_init) Repository::init(dir.path);  // one commit: .lexgit.yaml
    else REQUIRE(std::system(("git init -q " + quote(dir.path)).c_str()) == 0);  // no commit at all
    write_file(dir.path / "agreement/partner-framework.md", corpus_file("agreement/partner-framework.md"));
    write_file(dir.path / "samples/marketing-fund-annex.md", corpus_file("samples/marketing-fund-annex.md"));
    auto good = run_cli(in(dir) + "check");
    INFO((lexgit_init ? "lexgit init: " : "git init: ") << good.err);
    CHECK(good.status == 0);
    CHECK_THAT(good.err, Catch::Contains("no document is committed at HEAD yet: reading the work tree's documents") &&
                             Catch::Contains("2 documents checked"));
    write_file(dir.path / "samples/broken.md", "---\nid: marketing-fund-annex\ntitle: 市场发展基金附件（重复）\nkind: annex\npublished: 2025-02-01\n---\n\n一、适用范围\n");
    auto bad = run_cli(in(dir) + "check");
    CHECK(bad.status == 3);
    CHECK_THAT(bad.out, Catch::Contains("marketing-fund-annex"));
  }
}

TEST_CASE("every command reads the same date forms and rejects a bad date with one message, exit 2", "[docset][cli][dates]") {
  TempDir dir;
  repository_with_history(dir);
  write_file(dir.path / "revision.txt", "一、总则\n\n双方应当遵守本协议。\n");
  std::string draft = (dir.path / "agreement/partner-framework.md").string();
  // Each command with DATE where it takes a date (or a date-or-revision).
  std::vector<std::string> commands = {
      "ls --at DATE",
      "show partner-framework#3.1 --at DATE",
      "outline partner-framework --at DATE",
      "log partner-framework#3.1 --at DATE",
      "resolve partner-framework#3.1 rebate-policy-online#1 --at DATE",
      "which '终止本协议需要提前多久通知？' --at DATE",
      "period --start DATE --length 三十日",
      "diff DATE HEAD",
      "diff HEAD~1 DATE",
      "notice --from DATE --to HEAD --date 2025-09-01",
      "notice --from HEAD~1 --to HEAD --date DATE",
      "publish " + quote(draft) + " --notice-date DATE --dry-run",
      "import revision.txt --id revision --kind normative --published DATE",
      "import revision.txt --id revision --kind normative --published 2025-01-01 --effective DATE",
      "ls --rev DATE",
      "show partner-framework#3.1 --rev DATE",
      "outline partner-framework --rev DATE",
      "log partner-framework --rev DATE",
      "resolve partner-framework#3.1 --rev DATE",
  };
  auto with = [](std::string command, const std::string& date) {
    for (std::size_t at; (at = command.find("DATE")) != std::string::npos;) command.replace(at, 4, date);
    return command;
  };
  for (const std::string& bad : {"2026/13/01", "2026-02-30", "2026年2月30日"}) {
    for (const std::string& command : commands) {
      auto r = run_cli(in(dir) + with(command, "'" + bad + "'"));
      INFO(with(command, bad) << " → " << r.err);
      CHECK(r.status == 2);
      CHECK_THAT(r.err, Catch::Contains("'" + bad + "' is not a date: write a calendar day such as 2026-01-31"));
      CHECK_THAT(r.err, !Catch::Contains("no revision"));
    }
  }
  // The forms text::parse_date reads give the same answer wherever a date goes.
  for (const std::string& command : {"ls --at DATE --format json", "show partner-framework#3.1 --at DATE --format json",
                                     "period --start DATE --length 三十日 --format json"}) {
    std::string iso = run_cli(in(dir) + with(command, "2025-06-01")).out;
    CHECK_FALSE(iso.empty());
    for (const std::string& form : {"2025/6/1", "2025年6月1日", "二〇二五年六月一日"}) CHECK(run_cli(in(dir) + with(command, "'" + form + "'")).out == iso);
  }
  // A date given as --rev: use --at.
  auto rev = run_cli(in(dir) + "show partner-framework#3.1 --rev 2025-06-01");
  CHECK(rev.status == 2);
  CHECK_THAT(rev.err, Catch::Contains("'2025-06-01' is a date: use --at 2025-06-01"));
}
