// The Word redline (diff --format docx) read back as Word's readers see it
// (python-docx): its tracked changes are exactly the JSON redline's changes,
// accepting them gives the new version and rejecting them the old one; moved
// and renumbered clauses are said so in the summary and in comments; binary
// output never goes to a terminal, and -o writes the file whole or not at all.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "lexgit/document.hpp"
#include "support.hpp"

using namespace lexgit;
using lexgit::test::quote;
using lexgit::test::read_file;
using lexgit::test::run_cli;
using lexgit::test::strip_whitespace;
using lexgit::test::TempDir;
using lexgit::test::write_file;
using nlohmann::json;

namespace {

namespace fs = std::filesystem;

fs::path pair_dir(const std::string& name) { return lexgit::test::source_dir() / "tests/data/revisions" / name; }

std::vector<std::string> pairs() {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(lexgit::test::source_dir() / "tests/data/revisions"))
    if (entry.is_directory()) out.push_back(entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

struct Redline {
  json changes;  // the JSON redline's changes
  json docx;     // the Word redline, read back
};

Redline redlines_of(const std::string& pair, const TempDir& tmp) {
  fs::path before = pair_dir(pair) / "before.txt", after = pair_dir(pair) / "after.txt", docx = tmp.path / (pair + ".docx");
  auto j = run_cli("diff " + quote(before) + " " + quote(after) + " --format json");
  auto w = run_cli("diff " + quote(before) + " " + quote(after) + " --format docx -o " + quote(docx));
  INFO(pair << "\n" << j.err << w.err);
  REQUIRE(j.status == 0);
  REQUIRE(w.status == 0);
  CHECK(w.out.empty());
  Redline r{json::array(), json::parse(lexgit::test::read_docx_json(docx))};
  json redline = json::parse(j.out);
  for (const json& d : redline["documents"])
    for (const json& c : d["changes"]) r.changes.push_back(c);
  return r;
}

using Piece = std::pair<std::string, std::string>;  // op, text

void add_lines(const std::string& op, const std::string& text, std::vector<Piece>& out) {
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = std::min(text.find('\n', start), text.size());
    if (nl > start) out.push_back({op, text.substr(start, nl - start)});
    start = nl + 1;
  }
}

const Clause& clause_of(const Document& doc, const std::string& ref) {
  const Clause* c = doc.find(ref.substr(ref.find('#') + 1));
  REQUIRE(c);
  return *c;
}

// The insertions and deletions a lawyer should see for the JSON redline's
// changes, in order: a clause added or removed whole, line by line; a kept
// clause's changed number (from the documents: the JSON gives refs), then its
// word edits.
std::vector<Piece> expected_tracked(const json& changes, const Document& before, const Document& after) {
  std::vector<Piece> out;
  for (const json& c : changes) {
    if (c["old"].is_null()) add_lines("insert", c["new"]["text"], out);
    else if (c["new"].is_null()) add_lines("delete", c["old"]["text"], out);
    else {
      if (!c.contains("parts")) {
        const std::string& from = clause_of(before, c["old"]["ref"]).number;
        const std::string& to = clause_of(after, c["new"]["ref"]).number;
        if (from != to && !from.empty()) out.push_back({"delete", from});
        if (from != to && !to.empty()) out.push_back({"insert", to});
      }
      for (const json& e : c["edits"])
        if (e["op"] != "equal") add_lines(e["op"], e["text"], out);
    }
  }
  return out;
}

std::vector<Piece> tracked_runs(const json& docx) {
  std::vector<Piece> out;
  for (const json& p : docx["paragraphs"])
    for (const json& r : p["runs"])
      if (r["op"] != "equal") out.push_back({r["op"], r["text"]});
  return out;
}

// The document's text as its clauses read, numbers in front, whitespace aside.
void document_text(const std::vector<Clause>& units, std::string& out) {
  for (const Clause& c : units) {
    out += strip_whitespace(c.number + c.own_text());
    document_text(c.children, out);
  }
}

std::string document_text(const Document& doc) {
  std::string out;
  document_text(doc.clauses, out);
  return out;
}

// The redline's body (after the summary) with every change accepted (`keep`
// "insert") or rejected ("delete"), whitespace aside.
std::string resolved_body(const json& docx, const std::string& keep) {
  std::string out;
  bool body = false;
  for (const json& p : docx["paragraphs"]) {
    if (!body) {
      body = p["style"] == "Heading 1" && p["runs"][0]["text"] == "修订摘要";
      continue;
    }
    for (const json& r : p["runs"])
      if (r["op"] == "equal" || r["op"] == keep) out += strip_whitespace(r["text"]);
  }
  return out;
}

bool any_moved(const json& changes) {
  return std::any_of(changes.begin(), changes.end(), [](const json& c) { return c["kind"] == "moved"; });
}

const json* paragraph_with(const json& docx, const std::string& text) {
  for (const json& p : docx["paragraphs"]) {
    std::string all;
    for (const json& r : p["runs"]) all += r["text"].get<std::string>();
    if (lexgit::test::contains(all, text)) return &p;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("the Word redline of every revision pair shows exactly the JSON redline's changes as tracked changes", "[docx]") {
  TempDir tmp;
  for (const std::string& pair : pairs()) {
    INFO(pair);
    Redline r = redlines_of(pair, tmp);
    Document before = load_document(pair_dir(pair) / "before.txt"), after = load_document(pair_dir(pair) / "after.txt");
    CHECK(tracked_runs(r.docx) == expected_tracked(r.changes, before, after));
    if (r.changes.empty()) continue;  // no document shown: nothing differs
    // Accept all: the new version. Reject all: the old one (a moved clause stays in its new place).
    CHECK(resolved_body(r.docx, "insert") == document_text(after));
    if (!any_moved(r.changes)) CHECK(resolved_body(r.docx, "delete") == document_text(before));
    if (tracked_runs(r.docx).empty()) continue;  // a paragraph only moved: said by a comment
    // Every tracked change is lexgit's, dated the new version's publication.
    REQUIRE(r.docx["revisions"].size() == 1);
    CHECK(r.docx["revisions"][0] == json::array({"lexgit", text::format_iso(after.meta.published) + "T00:00:00Z"}));
    CHECK(r.docx["track_revisions"] == true);  // the lawyer's own edits are tracked too
  }
}

TEST_CASE("the Word redline: headings as headings, added clauses as inserted paragraphs, a summary table", "[docx]") {
  TempDir tmp;
  Redline r = redlines_of("01-agreement-data-protection-part", tmp);
  const json& d = r.docx;
  CHECK(d["title"] == "修订对照：青云合作伙伴框架协议");
  CHECK(d["creator"] == "lexgit");
  CHECK(d["paragraphs"][0]["style"] == "Title");
  // The agreement's title, its group heading and its parts, as Word headings.
  const json* title = paragraph_with(d, "青云合作伙伴框架协议");
  REQUIRE(paragraph_with(d, "通用条款"));
  CHECK((*paragraph_with(d, "通用条款"))["style"] == "Heading 1");
  REQUIRE(title);
  const json* part = paragraph_with(d, "数据安全与个人信息保护");
  REQUIRE(part);
  CHECK((*part)["style"] == "Heading 2");
  // The new part is inserted, paragraph marks included, so rejecting it leaves no empty lines.
  CHECK((*part)["mark"] == "insert");
  const json* item = paragraph_with(d, "采取加密、去标识化、访问控制等必要的安全技术措施");
  REQUIRE(item);
  CHECK((*item)["mark"] == "insert");
  CHECK((*item)["style"] == "Normal");
  // An unchanged clause reads as it is, untracked.
  const json* unchanged = paragraph_with(d, "贵公司必须接受任何本协议适用的附件和/或事务文档");
  REQUIRE(unchanged);
  CHECK((*unchanged)["mark"].is_null());
  CHECK((*unchanged)["runs"].size() == 1);
  // The summary: counts per kind in Chinese, then every change with both citations.
  REQUIRE(d["tables"].size() == 2);
  CHECK(d["tables"][0][0] == json::array({"文件", "新增", "删除", "修改", "移动", "重新编号", "合计"}));
  CHECK(d["tables"][0][1][0] == "partner-framework");
  CHECK(d["tables"][0][1].back() == std::to_string(r.changes.size()));
  const json& list = d["tables"][1];
  REQUIRE(list.size() == r.changes.size() + 1);
  CHECK(list[0] == json::array({"序号", "类型", "原条款", "现条款", "说明"}));
  bool renumbered_six = false, consequential = false;
  for (const json& row : list) {
    renumbered_six |= row == json::array({row[0], "重新编号", "第六部分", "第七部分", ""});
    consequential |= row[4] == "仅调整对已重新编号条款的引用";
  }
  CHECK(renumbered_six);
  CHECK(consequential);
}

TEST_CASE("the Word redline comments on a clause moved to another part and on renumbered items", "[docx]") {
  TempDir tmp;
  Redline moved = redlines_of("11-item-moved-to-other-part", tmp);
  const json* p = paragraph_with(moved.docx, "双方都将遵守所有适用的法律和条规");
  REQUIRE(p);
  CHECK((*p)["comment"] == "移动：原第三部分第11项，现第十一部分第3项");
  CHECK(moved.docx["tables"][1][1] == json::array({"1", "移动", "第三部分第11项", "第十一部分第3项", ""}));

  Redline inserted = redlines_of("09-item-inserted", tmp);
  int renumbered = 0;
  for (const json& paragraph : inserted.docx["paragraphs"])
    if (paragraph["comment"].is_string() && paragraph["comment"].get<std::string>().starts_with("重新编号：原第八部分第")) ++renumbered;
  CHECK(renumbered == 4);
}

TEST_CASE("a binary redline is never written to a terminal, and -o writes it whole or not at all", "[docx]") {
  TempDir tmp;
  fs::path before = pair_dir("03-liability-cap") / "before.txt", after = pair_dir("03-liability-cap") / "after.txt";
  std::string args = "diff " + quote(before) + " " + quote(after) + " --format docx";

  // On a terminal (script(1) gives the command one): a usage error, nothing written.
  std::string log = (tmp.path / "tty.log").string();
  std::string cmd = "script -qec \"" + std::string(LEXGIT_CLI) + " " + args + "\" " + log + " >/dev/null 2>&1 </dev/null";
  int raw = std::system(cmd.c_str());
  CHECK(WEXITSTATUS(raw) == 2);
  CHECK(lexgit::test::contains(read_file(log), "-o FILE"));

  // Redirected: the bytes, the same as -o writes.
  auto piped = run_cli(args);
  REQUIRE(piped.status == 0);
  REQUIRE(run_cli(args + " -o " + quote(tmp.path / "cap.docx")).status == 0);
  CHECK(piped.out == read_file(tmp.path / "cap.docx"));
  CHECK(piped.out.starts_with("PK"));

  // A failed command leaves an existing file as it was, and no temporary file beside it.
  write_file(tmp.path / "kept.docx", "上一版修订对照");
  auto bad = run_cli("diff " + quote(before) + " " + quote(tmp.path / "missing.md") + " --format docx -o " + quote(tmp.path / "kept.docx"));
  CHECK(bad.status == 3);
  CHECK(read_file(tmp.path / "kept.docx") == "上一版修订对照");
  // A directory that does not exist: an error naming the file.
  auto nowhere = run_cli(args + " -o " + quote(tmp.path / "no/such/dir/r.docx"));
  CHECK(nowhere.status == 3);
  CHECK(lexgit::test::contains(nowhere.err, "r.docx"));
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp.path)) ++files;
  CHECK(files == 3);  // tty.log, cap.docx, kept.docx

  auto stat = run_cli(args + " --stat -o " + quote(tmp.path / "stat.docx"));
  CHECK(stat.status == 2);
  CHECK_FALSE(fs::exists(tmp.path / "stat.docx"));
}

TEST_CASE("the Word redline keeps markup characters and drops control characters that XML cannot hold", "[docx]") {
  TempDir tmp;
  const std::string head = "---\nid: price-terms\ntitle: 价格条款 <草案> & 附件\nkind: annex\npublished: ";
  const std::string body = "\n---\n\n# 价格条款 <草案> & 附件\n\n一、单价 < 100 元 & “含税”价格以 <附件一> 为准。\n\n二、付款期限为三十日\x01内。\n";
  write_file(tmp.path / "before.md", head + "2025-01-01" + body);
  std::string after = head + "2025-06-01" + body;
  lexgit::test::replace(after, "< 100 元", "< 120 元");
  write_file(tmp.path / "after.md", after);
  auto r = run_cli("diff " + quote(tmp.path / "before.md") + " " + quote(tmp.path / "after.md") + " --format docx -o " +
                   quote(tmp.path / "r.docx"));
  INFO(r.err);
  REQUIRE(r.status == 0);
  json docx = json::parse(lexgit::test::read_docx_json(tmp.path / "r.docx"));
  CHECK(docx["title"] == "修订对照：价格条款 <草案> & 附件");
  const json* price = paragraph_with(docx, "“含税”价格以 <附件一> 为准。");
  REQUIRE(price);
  CHECK(tracked_runs(json{{"paragraphs", json::array({*price})}}) == std::vector<Piece>{{"delete", "100 元"}, {"insert", "120 元"}});
  const json* period = paragraph_with(docx, "付款期限为三十日");
  REQUIRE(period);
  std::string text;
  for (const json& run : (*period)["runs"]) text += run["text"].get<std::string>();
  CHECK(text == "二、 付款期限为三十日 内。");  // U+0001 read as a space
}
