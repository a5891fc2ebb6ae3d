// .lexgit.yaml as a file the user commits: checked, recorded, and — while the
// work tree's copy differs from the committed one — named on stderr as the
// copy a command does not read.
#include <catch2/catch.hpp>

#include "lexgit/config.hpp"
#include "lexgit/store.hpp"
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


// A repository holding the framework agreement and the online rebate policy.
void repository_with_documents(const TempDir& dir) {
  Repository::init(dir.path);
  write_file(dir.path / "partner-framework.md", corpus_file("agreement/partner-framework.md"));
  write_file(dir.path / "rebate-policy-online.md", corpus_file("samples/rebate-policy-online.md"));
  REQUIRE(run_cli(in(dir) + "commit partner-framework.md rebate-policy-online.md -m '首次发布'" + kAuthor).status == 0);
}

std::string head(const TempDir& dir) { return run_cli(in(dir) + "log partner-framework --format json").out; }

std::string committed_settings(const TempDir& dir) {
  TempDir scratch;
  std::string out = (scratch.path / "out").string();
  std::system(("git -C " + quote(dir.path) + " show HEAD:.lexgit.yaml >" + out + " 2>/dev/null").c_str());
  return read_file(out);
}

const std::string kSettings =
    "# 渠道管理部维护\n"
    "precedence:\n"
    "  agreement: partner-framework\n"
    "notice:\n"
    "  from: 青云科技渠道管理部 <channel@example.com>\n"
    "  to: partners@example.com\n"
    "  signatory: 青云科技有限公司渠道管理部\n";

}  // namespace

TEST_CASE("lexgit commit .lexgit.yaml records the settings, alone or with documents", "[config][cli]") {
  TempDir dir;
  repository_with_documents(dir);
  write_file(dir.path / ".lexgit.yaml", kSettings);

  // Edited, not committed: commands read the committed copy and say so.
  auto before = run_cli(in(dir) + "resolve partner-framework#3.1 --at 2025-06-01");
  REQUIRE(before.status == 0);
  CHECK_THAT(before.err, Catch::Contains(".lexgit.yaml in the work tree differs from the one committed at HEAD") &&
                             Catch::Contains("reads the committed one") && Catch::Contains("lexgit commit .lexgit.yaml"));

  auto alone = run_cli(in(dir) + "commit .lexgit.yaml -m '设置通知发件人'" + kAuthor);
  REQUIRE(alone.status == 0);
  CHECK_THAT(alone.out, Catch::Contains("  .lexgit.yaml"));
  CHECK(committed_settings(dir) == kSettings);
  auto after = run_cli(in(dir) + "resolve partner-framework#3.1 --at 2025-06-01");
  CHECK(after.status == 0);
  CHECK_THAT(after.err, !Catch::Contains(".lexgit.yaml"));

  // With a document, in one commit.
  std::string settings = kSettings + "  timezone: \"+0800\"\n";
  std::string policy = corpus_file("samples/rebate-policy-online.md");
  lexgit::test::replace(policy, "published: 2025-04-01", "published: 2025-07-01");
  write_file(dir.path / ".lexgit.yaml", settings);
  write_file(dir.path / "rebate-policy-online.md", policy);
  auto both = run_cli(in(dir) + "commit rebate-policy-online.md .lexgit.yaml -m '返利政策与时区'" + kAuthor);
  REQUIRE(both.status == 0);
  CHECK_THAT(both.out, Catch::Contains("rebate-policy-online  rebate-policy-online.md") && Catch::Contains("  .lexgit.yaml"));
  CHECK(committed_settings(dir) == settings);

  // Deleted from the work tree: still read from the commit, and said so.
  std::filesystem::remove(dir.path / ".lexgit.yaml");
  CHECK_THAT(run_cli(in(dir) + "check").err, Catch::Contains("committed at HEAD") && Catch::Contains("not in the work tree"));
}

TEST_CASE("a .lexgit.yaml with a YAML error or an invalid key is refused at file and line, nothing committed", "[config][cli]") {
  TempDir dir;
  repository_with_documents(dir);
  std::string before = head(dir);
  std::string policy = corpus_file("samples/rebate-policy-online.md");
  lexgit::test::replace(policy, "published: 2025-04-01", "published: 2025-08-01");
  write_file(dir.path / "rebate-policy-online.md", policy);

  struct Case {
    std::string yaml, where, problem;
  };
  std::vector<Case> cases = {
      {"precedence:\n  agreement: [partner-framework\nnotice:\n  from: 渠道管理部\n", ".lexgit.yaml:", "invalid YAML"},
      {"notice:\n  from: 渠道管理部 <channel@example.com>\n  smtp:\n    host: mail.example.com\n    password: 青云2026\n",
       ".lexgit.yaml:5:", "a password is never kept in the repository"},
      {"precedence:\n  agreement: partner-framework\n  rules:\n    - rule: 发布在后者优先\n", ".lexgit.yaml:4:", "unknown rule"},
      {"notice:\n  timezone: 东八区\n", ".lexgit.yaml:2:", "notice.timezone"},
      {"- precedence\n- notice\n", ".lexgit.yaml:1:", "expected sections"},
  };
  for (const Case& c : cases) {
    write_file(dir.path / ".lexgit.yaml", c.yaml);
    auto r = run_cli(in(dir) + "commit .lexgit.yaml rebate-policy-online.md -m '应被拒绝'" + kAuthor);
    CHECK(r.status == 3);
    CHECK_THAT(r.err, Catch::Contains(c.where) && Catch::Contains(c.problem) && Catch::Contains("nothing was committed"));
    CHECK(head(dir) == before);  // neither the settings nor the document
  }

  // A section lexgit does not know is committed, with a warning naming it.
  write_file(dir.path / ".lexgit.yaml", "precedance:\n  agreement: partner-framework\n");
  auto misspelt = run_cli(in(dir) + "commit .lexgit.yaml -m '拼错的设置'" + kAuthor);
  CHECK(misspelt.status == 0);
  CHECK_THAT(misspelt.err, Catch::Contains(".lexgit.yaml:1: warning: unknown section 'precedance'"));
}

TEST_CASE("config::check reports what each section's reader would, with the line", "[config]") {
  CHECK(config::check("", ".lexgit.yaml").empty());
  CHECK(config::check("# 仅有注释\n", ".lexgit.yaml").empty());
  auto bad = config::check("precedence:\n  agreement: 青云框架协议\n", "repo/.lexgit.yaml");
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].severity == Severity::Error);
  CHECK(bad[0].describe() == "repo/.lexgit.yaml:2: error: precedence.agreement: expected a document id");
}
