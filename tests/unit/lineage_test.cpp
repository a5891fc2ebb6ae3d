// A clause's identity across revisions: a REF written against the latest
// version reads the same clause in an older one, through show, resolve and log.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "lexgit/store.hpp"
#include "support.hpp"

using namespace lexgit;
using lexgit::test::in;
using lexgit::test::run_cli;
using lexgit::test::TempDir;
using lexgit::test::write_file;

namespace {

std::string rules(const std::string& published, const std::string& body) {
  return "---\nid: rebate-rules\ntitle: 青云返利规则\nkind: normative\npublished: " + published + "\n---\n" + body;
}

// 2025: 一、总则 with two paragraphs, 二、保密. 2026: the first paragraph of 一 is
// gone (乙方's paragraph moves from 1.p2 to 1.p1), and a part 二、数据保护 comes
// before 保密, which becomes 三.
void two_revisions(const TempDir& dir) {
  Repository::init(dir.path);
  write_file(dir.path / "rules.md", rules("2025-01-01",
                                          "一、总则\n\n甲方应当遵守本规则。\n\n乙方应当配合甲方的年度审核。\n\n"
                                          "二、保密\n\n双方应当对合作中知悉的商业秘密保密。\n"));
  REQUIRE(run_cli(in(dir) + "commit rules.md -m '2025 年版' --author 'a <a@example.com>'").status == 0);
  write_file(dir.path / "rules.md", rules("2026-01-01",
                                          "一、总则\n\n乙方应当配合甲方的年度审核。\n\n"
                                          "二、数据保护\n\n双方应当依法处理个人信息。\n\n"
                                          "三、保密\n\n双方应当对合作中知悉的商业秘密保密。\n"));
  REQUIRE(run_cli(in(dir) + "commit rules.md -m '2026 年版' --author 'a <a@example.com>'").status == 0);
}

}  // namespace

TEST_CASE("a ref to a renumbered or shifted clause reads the same clause in an older version, with a note", "[lineage][cli]") {
  TempDir dir;
  two_revisions(dir);

  // 3.p1 is 保密 in the latest version; on 2025-06-01 the same clause was 2.p1.
  auto old = run_cli(in(dir) + "show rebate-rules#3.p1 --at 2025-06-01");
  REQUIRE(old.status == 0);
  CHECK_THAT(old.out, Catch::Contains("rebate-rules#2.p1") && Catch::Contains("商业秘密"));
  CHECK_THAT(old.out, Catch::Contains("最新版本的第三部分第一款（3.p1）在2025-01-01 发布、2025-01-01 生效的版本中为第二部分第一款（2.p1）"));
  CHECK_THAT(old.out, Catch::Contains("读取 2025-01-01 发布、2025-01-01 生效的版本"));

  // A paragraph whose pN shifted: 1.p1 now is 1.p2 then, never 甲方's paragraph.
  auto shifted = run_cli(in(dir) + "show rebate-rules#1.p1 --at 2025-06-01");
  CHECK_THAT(shifted.out, Catch::Contains("乙方应当配合") && !Catch::Contains("甲方应当遵守"));

  // The same through a citation, and in JSON.
  auto cited = run_cli(in(dir) + "show rebate-rules:第三部分第一款 --at 2025-06-01 --format json");
  REQUIRE(cited.status == 0);
  auto j = nlohmann::json::parse(cited.out);
  CHECK(j["id"] == "2.p1");
  CHECK(j["citation"] == "第二部分第一款");
  CHECK(j["notes"].size() == 1);

  // Today (2026-12-01 or later) the latest version is in force: no note.
  auto today = run_cli(in(dir) + "show rebate-rules#3.p1");
  CHECK_THAT(today.out, Catch::Contains("rebate-rules#3.p1") && !Catch::Contains("注："));

  // A clause that came later is not silently another one.
  auto later = run_cli(in(dir) + "show rebate-rules#2.p1 --at 2025-06-01");
  CHECK(later.status == 3);
  CHECK_THAT(later.err, Catch::Contains("rebate-rules#2.p1") && Catch::Contains("came later"));
}

TEST_CASE("resolve and log follow the clause, not its place", "[lineage][cli]") {
  TempDir dir;
  two_revisions(dir);
  write_file(dir.path / "agreement.md", "---\nid: agreement\ntitle: 框架协议\nkind: agreement\npublished: 2024-01-01\n---\n一、总则\n\n本协议为框架协议。\n");
  REQUIRE(run_cli(in(dir) + "commit agreement.md -m '协议' --author 'a <a@example.com>'").status == 0);

  auto resolved = run_cli(in(dir) + "resolve rebate-rules#3.p1 --at 2025-06-01 --format json");
  REQUIRE(resolved.status == 0);
  auto r = nlohmann::json::parse(resolved.out);
  CHECK(r.dump().find("商业秘密") != std::string::npos);
  CHECK(r.dump().find("rebate-rules#2.p1") != std::string::npos);

  // which finds the clause in the version in force and says what it is now.
  auto asked = run_cli(in(dir) + "which 合作中知悉的商业秘密要保密吗 --at 2025-06-01 --format json");
  REQUIRE(asked.status == 0);
  CHECK_THAT(asked.out, Catch::Contains("rebate-rules#2.p1：该条款在最新版本中为第三部分第一款（3.p1）"));

  auto log = run_cli(in(dir) + "log rebate-rules#3.p1 --format json");
  REQUIRE(log.status == 0);
  auto steps = nlohmann::json::parse(log.out);
  // Renumbered in 2026 only with its part (no step of its own); added in 2025 as 2.p1.
  REQUIRE(steps.size() == 1);
  CHECK(steps[0]["ref"] == "rebate-rules#2.p1");
  CHECK(steps[0]["change"]["kind"] == "added");
  CHECK(steps[0]["change"]["new"]["text"] == "双方应当对合作中知悉的商业秘密保密。");

  // Ids are the latest version's: 2.p1 (数据保护) came later, and the error says
  // where the 2025 version's own 2.p1 is now.
  auto old = run_cli(in(dir) + "log rebate-rules#2.p1 --at 2025-06-01");
  CHECK(old.status == 3);
  CHECK_THAT(old.err, Catch::Contains("came later") && Catch::Contains("that version's own 2.p1 is 3.p1（第三部分第一款）"));
}
