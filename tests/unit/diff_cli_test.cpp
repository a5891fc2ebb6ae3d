// lexgit diff, lexgit difftool (through git itself) and lexgit log with clause
// histories, on a repository holding the framework agreement in three versions.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "lexgit/store.hpp"
#include "support.hpp"

using lexgit::test::agreement;
using lexgit::test::contains;
using lexgit::test::replace;
using lexgit::test::with_part_before_six;

using namespace lexgit;
using lexgit::test::read_file;
using lexgit::test::in;
using lexgit::test::quote;
using lexgit::test::run_cli;
using lexgit::test::TempDir;
using lexgit::test::write_file;

namespace {




// v2 of the agreement, in force from 2026-01-01: part 六 inserted (六–十一 become
// 七–十二), the cross-reference to 第八部分 updated, the liability cap raised.
std::string agreement_v2() {
  std::string s = with_part_before_six(agreement(), "数据安全与个人信息保护", "贵公司发现数据泄露或者安全事件的，应当在二十四小时内书面通知青云科技。");
  replace(s, "此部分（第八部分）", "此部分（第九部分）");
  replace(s, "最多 10 万人民币", "最多 20 万人民币");
  replace(s, "published: 2025-01-01\neffective: 2025-01-01", "published: 2025-12-01\neffective: 2026-01-01");
  return s;
}

// v3, in force from 2026-07-01: the clause that was 8.p6 (9.p6 since v2) rewritten.
std::string agreement_v3() {
  std::string s = agreement_v2();
  replace(s, "披露方提供信息，但不做任何保证。", "披露方提供信息，但不做任何明示或者默示的保证。");
  replace(s, "published: 2025-12-01\neffective: 2026-01-01", "published: 2026-06-01\neffective: 2026-07-01");
  return s;
}

const std::string kAnnex =
    "---\nid: data-annex\ntitle: 数据处理附件\nkind: annex\npublished: 2025-12-01\n---\n\n# 数据处理附件\n\n"
    "一、青云科技按照贵公司的书面指示处理最终用户数据。\n\n二、本附件自框架协议第六部分生效之日起适用。\n";

void commit(const TempDir& dir, const std::string& file, const std::string& contents, const std::string& message) {
  write_file(dir.path / file, contents);
  auto r = run_cli(in(dir) + "commit " + file + " -m '" + message + "' --author '法务部 <legal@example.com>'");
  REQUIRE(r.status == 0);
}

// After the commit lexgit init makes: HEAD~3 v1, HEAD~2 v2, HEAD~1 the data annex added, HEAD v3.
struct Repo {
  TempDir dir;
  Repo() {
    REQUIRE(run_cli("init " + quote(dir.path)).status == 0);
    commit(dir, "partner-framework.md", agreement(), "收录框架协议");
    write_file(dir.path / "data-annex.md", kAnnex);
    commit(dir, "partner-framework.md", agreement_v2(), "新增数据安全部分");
    REQUIRE(run_cli(in(dir) + "commit data-annex.md -m '数据处理附件' --author '法务部 <legal@example.com>'").status == 0);
    commit(dir, "partner-framework.md", agreement_v3(), "修改保密信息免责表述");
  }
  std::string cli() const { return in(dir); }
};

}  // namespace

TEST_CASE("diff between revisions: every document that differs, renumbering and word edits", "[diff-cli]") {
  Repo repo;
  auto r = run_cli(repo.cli() + "diff HEAD~3 HEAD~2");
  REQUIRE(r.status == 0);
  INFO(r.out << r.err);
  CHECK(contains(r.out, "文档 partner-framework  HEAD~3 ("));
  CHECK(contains(r.out, "重新编号 partner-framework#6 → partner-framework#7\n    [-六．-]{+七．+} 市场营销基金和推广计划\n"));
  CHECK(contains(r.out, "最多 [-10 万人民币-]{+20 万人民币+}的实际直接损失"));
  CHECK(contains(r.out, "（连带修改：所引用的单元已重新编号）"));
  CHECK_FALSE(contains(r.out, "data-annex"));  // added only at HEAD~1
  CHECK_FALSE(contains(r.out, "\x1b["));      // not a terminal: no colour

  // A document added as a whole: its top units added, the old side "（不存在）".
  auto added = run_cli(repo.cli() + "diff HEAD~2 HEAD~1 data-annex partner-framework");
  REQUIRE(added.status == 0);
  CHECK(contains(added.out, "文档 data-annex  （不存在） → HEAD~1 ("));
  CHECK(contains(added.out, "新增 data-annex#1\n    {+一、 青云科技按照贵公司的书面指示处理最终用户数据。+}\n"));
  CHECK(contains(added.out, "文档 partner-framework  HEAD~2 ("));
  CHECK(contains(added.out, "（无变化）"));

  // The same in English, --lang after the command or before it.
  for (const std::string& args : {"diff HEAD~2 HEAD~1 data-annex partner-framework --lang en", "--lang en diff HEAD~2 HEAD~1 data-annex partner-framework"}) {
    auto english = run_cli(repo.cli() + args);
    REQUIRE(english.status == 0);
    CHECK(contains(english.out, "document data-annex  (absent) → HEAD~1 ("));
    CHECK(contains(english.out, "added data-annex#1\n    {+一、 青云科技按照贵公司的书面指示处理最终用户数据。+}\n"));
    CHECK(contains(english.out, "document partner-framework  HEAD~2 ("));
    CHECK(contains(english.out, "(no changes)"));
    CHECK_FALSE(contains(english.out, "文档"));
  }

  auto coloured = run_cli(repo.cli() + "diff HEAD~3 HEAD~2 --color=always");
  CHECK(contains(coloured.out, "\x1b[31m[-10 万人民币-]\x1b[m\x1b[32m{+20 万人民币+}\x1b[m"));
  CHECK_FALSE(contains(run_cli(repo.cli() + "diff HEAD~3 HEAD~2 --color=never").out, "\x1b["));
}

TEST_CASE("diff with nothing different prints nothing and exits 0", "[diff-cli]") {
  Repo repo;
  auto r = run_cli(repo.cli() + "diff HEAD HEAD");
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  auto stat = run_cli(repo.cli() + "diff HEAD HEAD --stat");
  CHECK(stat.out == "没有文档有修改\n");
  CHECK(run_cli(repo.cli() + "diff HEAD HEAD --stat --lang en").out == "0 documents changed: no changes\n");
}

TEST_CASE("diff between dates compares the versions in force on each", "[diff-cli]") {
  Repo repo;
  auto r = run_cli(repo.cli() + "diff 2025-06-01 2026-03-01 partner-framework --format json");
  REQUIRE(r.status == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["from"] == "in force on 2025-06-01");
  CHECK(j["to"] == "in force on 2026-03-01");
  REQUIRE(j["documents"].size() == 1);
  CHECK(j["documents"][0]["doc"] == "partner-framework");
  CHECK(j["stat"]["renumbered"] == 6);
  CHECK(j["stat"]["added"] == 1);
  CHECK(j["stat"]["modified"] == 2);

  // On 2026-08-01 v3 is in force: only the rewritten clause differs from 2026-03-01's v2,
  // and the annex (in force from 2025-12-01) is in both.
  auto later = run_cli(repo.cli() + "diff 2026-03-01 2026-08-01 --stat");
  REQUIRE(later.status == 0);
  CHECK(later.out == "partner-framework: 修改 1 处\n共 1 份文档有修改：修改 1 处\n");
  // A date's side is named in the reader's language; JSON keeps "in force on D".
  auto dated = run_cli(repo.cli() + "diff 2026-03-01 2026-08-01");
  CHECK(contains(dated.out, "文档 partner-framework  2026年3月1日有效的版本 → 2026年8月1日有效的版本（修改 1 处）\n"));
  auto dated_en = run_cli(repo.cli() + "diff 2026-03-01 2026-08-01 --lang en");
  CHECK(contains(dated_en.out, "document partner-framework  in force on 2026-03-01 → in force on 2026-08-01  (1 modified)\n"));
  auto dated_html = run_cli(repo.cli() + "diff 2026-03-01 2026-08-01 --format html");
  CHECK(contains(dated_html.out, "<title>修订对照：2026年3月1日有效的版本 → 2026年8月1日有效的版本</title>"));

  // Before the annex existed: it is added whole.
  auto annex = run_cli(repo.cli() + "diff 2025-06-01 2026-03-01 --stat --format json");
  auto stats = nlohmann::json::parse(annex.out);
  REQUIRE(stats["documents"].size() == 2);
  CHECK(stats["documents"][0]["doc"] == "data-annex");
  CHECK(stats["documents"][0]["stat"]["added"] == 2);
  CHECK(stats["documents"][1]["stat"]["total"] == 9);
  CHECK(stats["stat"]["total"] == 11);
}

TEST_CASE("diff of two files, in every format", "[diff-cli]") {
  TempDir dir;  // not a git repository
  write_file(dir.path / "old.md", agreement());
  write_file(dir.path / "new.md", agreement_v2());
  std::string files = in(dir) + "diff old.md new.md";

  auto text = run_cli(files);
  REQUIRE(text.status == 0);
  CHECK(contains(text.out, "文档 partner-framework  old.md → new.md（新增 1 处、修改 2 处、重新编号 6 处）\n"));

  auto stat = run_cli(files + " --stat");
  CHECK(stat.out == "partner-framework: 新增 1 处、修改 2 处、重新编号 6 处\n共 1 份文档有修改：新增 1 处、修改 2 处、重新编号 6 处\n");
  auto stat_en = run_cli(files + " --stat --lang en");
  CHECK(stat_en.out == "partner-framework: 1 added, 2 modified, 6 renumbered\n1 document changed: 1 added, 2 modified, 6 renumbered\n");

  auto md = run_cli(files + " --format md");
  CHECK(md.out.rfind("# 修订对照\n\n**原** `old.md` **现** `new.md`\n", 0) == 0);
  CHECK(contains(md.out, "| 文档 | 新增 | 删除 | 修改 | 移动 | 重新编号 | 合计 |"));
  CHECK(contains(md.out, "| [partner\\-framework](#partner-framework) | 1 | 0 | 2 | 0 | 6 | 9 |"));
  CHECK(contains(md.out, "最多 <del>10 万人民币</del><ins>20 万人民币</ins>的实际直接损失"));
  auto md_en = run_cli(files + " --format md --lang en");
  CHECK(md_en.out.rfind("# Redline\n\n**from** `old.md` **to** `new.md`\n", 0) == 0);
  CHECK(contains(md_en.out, "| document | added | removed | modified | moved | renumbered | total |"));

  auto html = run_cli(files + " --format html");
  CHECK(html.out.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(contains(html.out, "<title>修订对照：old.md → new.md</title>"));
  CHECK(contains(html.out, "<span class=\"kind\">重新编号</span>"));
  auto html_en = run_cli(files + " --format html --lang en");
  CHECK(contains(html_en.out, "<title>Redline: old.md → new.md</title>"));
  CHECK(contains(html_en.out, "<span class=\"kind\">renumbered</span>"));
  CHECK(contains(html_en.out, "<del>10 万人民币</del><ins>20 万人民币</ins>"));
  CHECK(contains(html.out, "id=\"partner-framework-10.p1\""));
  CHECK(contains(html.out, "<del>10 万人民币</del><ins>20 万人民币</ins>"));

  auto json = run_cli(files + " --format json");
  auto j = nlohmann::json::parse(json.out);
  CHECK(j["from"] == "old.md");
  CHECK(j["documents"][0]["changes"].size() == 9);

  auto stat_json = nlohmann::json::parse(run_cli(files + " --stat --format json").out);
  CHECK(stat_json["documents"][0]["stat"]["renumbered"] == 6);

  auto md_stat = run_cli(files + " --stat --format md");
  CHECK(contains(md_stat.out, "| partner\\-framework | 1 | 0 | 2 | 0 | 6 | 9 |"));
  CHECK_FALSE(contains(md_stat.out, "<del>"));
}

TEST_CASE("diff refuses what is not there with exit 3, and a bad option with 2", "[diff-cli]") {
  Repo repo;
  auto rev = run_cli(repo.cli() + "diff HEAD~1 no-such-branch");
  CHECK(rev.status == 3);
  CHECK(contains(rev.err, "no revision 'no-such-branch'"));
  auto doc = run_cli(repo.cli() + "diff HEAD~1 HEAD no-such-doc");
  CHECK(doc.status == 3);
  CHECK(contains(doc.err, "no document 'no-such-doc'"));
  CHECK(run_cli(repo.cli() + "diff HEAD~1 HEAD --format pdf").status == 2);
  CHECK(run_cli(repo.cli() + "diff HEAD~1 HEAD --color=sometimes").status == 2);
  CHECK(run_cli(repo.cli() + "diff 2026-02-30 HEAD").status == 2);

  TempDir plain;
  auto file = run_cli(in(plain) + "diff missing.md other.md");
  CHECK(file.status == 3);
  CHECK(contains(file.err, "no file 'missing.md'"));
}

TEST_CASE("difftool: git diff and git log -p show clause redlines through the diff attribute", "[diff-cli][difftool]") {
  Repo repo;
  write_file(repo.dir.path / ".gitattributes", "*.md diff=lexgit\n");
  TempDir scratch;
  std::string out_file = (scratch.path / "out").string();
  auto git = [&](const std::string& args, const std::string& env = "") {
    std::string cmd = env + "git -C " + quote(repo.dir.path) + " -c diff.lexgit.command='" + std::string(LEXGIT_CLI) +
                      " difftool' " + args + " >" + out_file + " 2>&1";
    int rc = std::system(cmd.c_str());
    return std::make_pair(WEXITSTATUS(rc), read_file(out_file));
  };
  auto [status, out] = git("diff HEAD~3 HEAD~2");
  INFO(out);
  CHECK(status == 0);
  CHECK(contains(out, "diff --lexgit a/partner-framework.md b/partner-framework.md"));
  CHECK(contains(out, "重新编号 partner-framework#6 → partner-framework#7"));
  CHECK(contains(out, "最多 [-10 万人民币-]{+20 万人民币+}的实际直接损失"));

  // A document git sees added: /dev/null on the old side.
  auto [added_status, added] = git("diff HEAD~2 HEAD~1");
  CHECK(added_status == 0);
  CHECK(contains(added, "文档 data-annex  （不存在） → "));
  CHECK(contains(added, "新增 data-annex#2\n    {+二、 本附件自框架协议第六部分生效之日起适用。+}"));

  // git runs lexgit itself: LEXGIT_LANG chooses the language.
  auto [english_status, english] = git("diff HEAD~2 HEAD~1", "LEXGIT_LANG=en ");
  CHECK(english_status == 0);
  CHECK(contains(english, "document data-annex  (absent) → "));
  CHECK(contains(english, "added data-annex#2\n    {+二、 本附件自框架协议第六部分生效之日起适用。+}"));

  // git log and git show run diff drivers only with --ext-diff.
  auto [log_status, log] = git("log -p --ext-diff -1");
  CHECK(log_status == 0);
  CHECK(contains(log, "修改 partner-framework#9.p6\n    披露方提供信息，但不做任何{+明示或者默示的+}保证。"));
}

TEST_CASE("difftool: other files get a line diff, an unmerged path a note, and it always exits 0", "[diff-cli][difftool]") {
  TempDir dir;
  write_file(dir.path / "old.txt", "第一行\n第二行\n");
  write_file(dir.path / "new.txt", "第一行\n第二行（修订）\n");
  std::string old_file = quote(dir.path / "old.txt"), new_file = quote(dir.path / "new.txt");
  auto plain = run_cli("difftool notes.txt " + old_file + " 1111111 100644 " + new_file + " 2222222 100644");
  CHECK(plain.status == 0);
  CHECK(contains(plain.out, "--- a/notes.txt\n+++ b/notes.txt\n"));
  CHECK(contains(plain.out, "-第二行\n+第二行（修订）\n"));

  auto unmerged = run_cli("difftool partner-framework.md");
  CHECK(unmerged.status == 0);
  CHECK(unmerged.out == "* Unmerged path partner-framework.md\n");

  auto missing = run_cli("difftool a.md /nonexistent/old.md 1 100644 /nonexistent/new.md 2 100644");
  CHECK(missing.status == 0);
  CHECK_FALSE(missing.err.empty());

  write_file(dir.path / "v1.md", agreement());
  write_file(dir.path / "v2.md", agreement_v2());
  auto coloured = run_cli("difftool --color=always p.md " + quote(dir.path / "v1.md") + " 1 100644 " + quote(dir.path / "v2.md") + " 2 100644");
  CHECK(coloured.status == 0);
  CHECK(contains(coloured.out, "\x1b[31m[-10 万人民币-]\x1b[m"));
}

TEST_CASE("log DOC#ID follows a clause across its part's renumbering, newest change first", "[diff-cli][log]") {
  Repo repo;
  auto r = run_cli(repo.cli() + "log partner-framework#9.p6");
  REQUIRE(r.status == 0);
  INFO(r.out);
  auto rewrite = r.out.find("修改保密信息免责表述");
  auto origin = r.out.find("收录框架协议");
  REQUIRE(rewrite != std::string::npos);
  REQUIRE(origin != std::string::npos);
  CHECK(rewrite < origin);
  CHECK_FALSE(contains(r.out, "新增数据安全部分"));  // v2 only renumbered its part
  CHECK(contains(r.out, "修改 partner-framework#9.p6\n    披露方提供信息，但不做任何{+明示或者默示的+}保证。\n"));
  CHECK(contains(r.out, "新增 partner-framework#8.p6\n    {+披露方提供信息，但不做任何保证。+}\n"));
  auto english = run_cli(repo.cli() + "log partner-framework#9.p6 --lang en");
  CHECK(contains(english.out, "modified partner-framework#9.p6\n    披露方提供信息，但不做任何{+明示或者默示的+}保证。\n"));
  CHECK(contains(english.out, "added partner-framework#8.p6\n"));

  auto j = nlohmann::json::parse(run_cli(repo.cli() + "log partner-framework#9.p6 --format json").out);
  REQUIRE(j.size() == 2);
  CHECK(j[0]["ref"] == "partner-framework#9.p6");
  CHECK(j[0]["effective"] == "2026-07-01");
  CHECK(j[0]["change"]["kind"] == "modified");
  CHECK(j[1]["ref"] == "partner-framework#8.p6");
  CHECK(j[1]["change"]["kind"] == "added");
  CHECK(j[1]["message"] == "收录框架协议");

  // The liability cap: renumbered and modified at once in v2.
  auto cap = nlohmann::json::parse(run_cli(repo.cli() + "log partner-framework#10.p1 --format json").out);
  REQUIRE(cap.size() == 2);
  CHECK(cap[0]["change"]["old"]["ref"] == "partner-framework#9.p1");
  CHECK(cap[0]["change"]["new"]["ref"] == "partner-framework#10.p1");

  auto missing = run_cli(repo.cli() + "log partner-framework#99.p1");
  CHECK(missing.status == 3);
  CHECK(contains(missing.err, "no clause '99.p1'"));
}

TEST_CASE("log DOC counts the clauses each version added, changed and removed", "[diff-cli][log]") {
  Repo repo;
  auto r = run_cli(repo.cli() + "log partner-framework");
  REQUIRE(r.status == 0);
  CHECK(contains(r.out, "clauses: +0 ~1 -0\n"));   // v3
  CHECK(contains(r.out, "clauses: +1 ~8 -0\n"));   // v2: part 六; 6 renumbered, 2 modified
  CHECK(contains(r.out, "clauses: +12 ~0 -0\n"));  // v1: the agreement's twelve parts
  auto j = nlohmann::json::parse(run_cli(repo.cli() + "log partner-framework --format json").out);
  REQUIRE(j.size() == 3);
  CHECK(j[0]["clauses"] == nlohmann::json{{"added", 0}, {"changed", 1}, {"removed", 0}});
  CHECK(j[1]["clauses"] == nlohmann::json{{"added", 1}, {"changed", 8}, {"removed", 0}});
  CHECK(j[2]["clauses"]["added"] == 12);
}

TEST_CASE("the Word redline between revisions: every document that differs, one added whole, each dated by its version", "[diff-cli][docx]") {
  Repo repo;
  TempDir out;
  auto r = run_cli(repo.cli() + "diff HEAD~3 HEAD --format docx -o " + quote(out.path / "r.docx"));
  INFO(r.err);
  REQUIRE(r.status == 0);
  auto docx = nlohmann::json::parse(lexgit::test::read_docx_json(out.path / "r.docx"));
  CHECK(docx["title"] == "修订对照");
  // Counts per document (data-annex, partner-framework), then the total.
  const auto& counts = docx["tables"][0];
  REQUIRE(counts.size() == 4);
  CHECK(counts[1][0] == "data-annex");
  CHECK(counts[1][1] == "2");  // its two top-level units added
  CHECK(counts[3][0] == "合计");
  // The annex, absent before, is inserted paragraph by paragraph; its title too.
  bool annex_inserted = false;
  for (const auto& p : docx["paragraphs"])
    for (const auto& run : p["runs"])
      annex_inserted |= run["text"] == "一、 青云科技按照贵公司的书面指示处理最终用户数据。" && run["op"] == "insert" && p["mark"] == "insert";
  CHECK(annex_inserted);
  // Each document's changes are dated by its own new version.
  CHECK(docx["revisions"] == nlohmann::json::parse(R"([["lexgit", "2025-12-01T00:00:00Z"], ["lexgit", "2026-06-01T00:00:00Z"]])"));
}
