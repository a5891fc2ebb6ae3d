// The command line as users and scripts meet it: exit codes, messages, output.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support.hpp"

using lexgit::test::run_cli;
using lexgit::test::Run;

namespace {
const std::string kCorpus = "-C " + (lexgit::test::source_dir() / "corpus").string();
}

TEST_CASE("help and usage errors", "[cli]") {
  Run help = run_cli("--help");
  CHECK(help.status == 0);
  CHECK_THAT(help.out, Catch::Contains("outline") && Catch::Contains("import") && Catch::Contains("check"));
  CHECK(run_cli("outline --help").status == 0);
  CHECK(run_cli("").status == 2);
  CHECK(run_cli("frobnicate").status == 2);
  Run bad_format = run_cli(kCorpus + " outline partner-framework --format yaml");
  CHECK(bad_format.status == 2);
  CHECK_THAT(bad_format.err, Catch::Contains("yaml"));
  CHECK(run_cli("import x.txt --kind agreement --published 2025-01-01").status == 2);  // --id missing
}

TEST_CASE("outline and show name clauses by id, in text and JSON", "[cli]") {
  Run outline = run_cli(kCorpus + " outline partner-framework --format json");
  REQUIRE(outline.status == 0);
  auto j = nlohmann::json::parse(outline.out);
  CHECK(j["doc"]["id"] == "partner-framework");
  CHECK(j["doc"]["kind"] == "agreement");
  auto general = j["clauses"][0]["children"][1];
  CHECK(general["id"].is_null());
  CHECK(general["heading"] == "通用条款");
  CHECK(general["children"].size() == 11);
  CHECK(general["children"][9]["children"][0]["children"][2]["id"] == "10.3");
  CHECK(general["children"][9]["children"][0]["children"][2]["lines"].size() == 2);

  Run text = run_cli(kCorpus + " outline partner-framework");
  CHECK_THAT(text.out, Catch::Contains("11.2.B  B. 可向本协议签订地"));

  Run show = run_cli(kCorpus + " show partner-framework#11.2 --format json");
  REQUIRE(show.status == 0);
  auto clause = nlohmann::json::parse(show.out);
  CHECK(clause["ref"] == "partner-framework#11.2");
  CHECK(clause["doc"] == "partner-framework");
  CHECK(clause["children"].size() == 2);

  Run md = run_cli(kCorpus + " show partner-framework#8 --format md");
  CHECK_THAT(md.out, Catch::Contains("## 八． 保密信息") && Catch::Contains("- 报告数据；"));
}

TEST_CASE("not found and bad input exit 3 with a message naming the problem", "[cli]") {
  Run no_doc = run_cli(kCorpus + " outline no-such-doc");
  CHECK(no_doc.status == 3);
  CHECK_THAT(no_doc.err, Catch::Contains("no-such-doc"));
  Run no_clause = run_cli(kCorpus + " show partner-framework#99");
  CHECK(no_clause.status == 3);
  CHECK_THAT(no_clause.err, Catch::Contains("'99'"));
  Run no_file = run_cli("outline /nonexistent/file.md");
  CHECK(no_file.status == 3);
  CHECK_THAT(no_file.err, Catch::Contains("/nonexistent/file.md"));
}

TEST_CASE("check exits 3 on errors naming file and line, and 0 on warnings only", "[cli]") {
  lexgit::test::TempDir dir;
  lexgit::test::write_file(dir.path / "bad.md", "---\nid: bad\ntitle: 坏文档\nkind: memo\npublished: 2025-01-01\n---\n一、总则\n\n三、附则\n");
  Run bad = run_cli("check " + (dir.path / "bad.md").string());
  CHECK(bad.status == 3);
  CHECK_THAT(bad.out, Catch::Contains("bad.md:4: error:") && Catch::Contains("memo"));
  CHECK_THAT(bad.out, Catch::Contains("bad.md:9: warning: numbering gap"));

  lexgit::test::write_file(dir.path / "warn.md", "---\nid: warn\ntitle: 文档\nkind: annex\npublished: 2025-01-01\nowner: 法务部\n---\n正文。\n");
  Run warn = run_cli("check " + (dir.path / "warn.md").string());
  CHECK(warn.status == 0);
  CHECK_THAT(warn.out, Catch::Contains("warn.md:6: warning: front matter: unknown key 'owner'"));

  // A numbering gap alone is a drafting defect: a warning, an error with --strict.
  lexgit::test::write_file(dir.path / "gap.md", "---\nid: gap\ntitle: 文档\nkind: annex\npublished: 2025-01-01\n---\n一、总则\n\n三、附则\n");
  Run gap = run_cli("check " + (dir.path / "gap.md").string());
  CHECK(gap.status == 0);
  CHECK_THAT(gap.out, Catch::Contains("gap.md:9: warning: numbering gap"));
  Run strict = run_cli("check --strict " + (dir.path / "gap.md").string());
  CHECK(strict.status == 3);
  CHECK_THAT(strict.out, Catch::Contains("gap.md:9: error: numbering gap"));
}

TEST_CASE("import writes the file whole or not at all", "[cli]") {
  lexgit::test::TempDir dir;
  auto out = dir.path / "doc.md";
  lexgit::test::write_file(dir.path / "policy.txt", "青云返利政策\n一、返利比例\n返利比例为3%。\n");
  Run ok = run_cli("import " + (dir.path / "policy.txt").string() + " --id rebate --kind normative --published 2025-04-01 -o " + out.string());
  CHECK(ok.status == 0);
  CHECK(std::filesystem::exists(out));
  CHECK(run_cli("outline " + out.string()).status == 0);

  lexgit::test::write_file(dir.path / "blob.bin", std::string("\x7f" "ELF\x02\x01\x01\0\0\0", 10));
  auto refused = dir.path / "refused.md";
  Run bad = run_cli("import " + (dir.path / "blob.bin").string() + " --id blob --kind annex --published 2025-04-01 -o " + refused.string());
  CHECK(bad.status == 3);
  CHECK_THAT(bad.err, Catch::Contains("blob.bin") && Catch::Contains("binary"));
  CHECK_FALSE(std::filesystem::exists(refused));
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path), {}) == 3);  // no temporary left behind

  Run bad_date = run_cli("import " + (dir.path / "policy.txt").string() + " --id rebate --kind normative --published 2025-13-01");
  CHECK(bad_date.status == 2);
}
