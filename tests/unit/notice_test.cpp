// Change notices (part 七): the period read from the change clause in force on
// the notice date, classification, effective dates, the formats, publish.
#include <catch2/catch.hpp>

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "lexgit/notice.hpp"
#include "lexgit/publish.hpp"
#include "lexgit/store.hpp"
#include "notice/compose.hpp"
#include "support.hpp"

using namespace lexgit;
using lexgit::test::read_file;
using lexgit::test::in;
using lexgit::test::quote;
using lexgit::test::run_cli;
using lexgit::test::TempDir;
using lexgit::test::write_file;

namespace {

const std::string kAuthor = "渠道管理部 <channel@qingcloud.example>";
const std::string kNoticeConfig =
    "notice:\n  from: \"渠道管理部 <channel@qingcloud.example>\"\n  to: \"partners@qingcloud.example\"\n";


std::string agreement_source() { return read_file(lexgit::test::source_dir() / "corpus/agreement/partner-framework.md"); }

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

std::string dated(std::string s, const std::string& published, const std::string& effective) {
  s = replace(s, "published: 2025-01-01", "published: " + published);
  return replace(s, "effective: 2025-01-01", "effective: " + effective);
}

// The revision the tests notify: a higher liability cap, a shorter termination
// notice, and a new security clause in part 三.
std::string revised(const std::string& s) {
  std::string out = replace(s, "最多 10 万人民币", "最多 20 万人民币");
  out = replace(out, "应提前三十日向对方发出书面通知，本协议在对方收到书面通知三十日后终止",
                "应提前十五日向对方发出书面通知，本协议在对方收到书面通知十五日后终止");
  return replace(out, "11. 双方都将遵守所有适用的法律和条规，包括进出口法律；\n",
                 "11. 双方都将遵守所有适用的法律和条规，包括进出口法律；\n\n"
                 "12. 双方应采取必要的安全措施保障数据安全；发生安全事件的，应立即通知对方；\n");
}

// A document repository holding the agreement (2025-01-01) and the revision.
struct Repo {
  TempDir dir;
  std::string in() const { return "-C " + quote(dir.path) + " "; }

  explicit Repo(const std::string& config = kNoticeConfig) {
    lexgit::test::init_with_settings(dir.path, config, kAuthor);
    commit(agreement_source(), "收录框架协议");
    commit(revised(dated(agreement_source(), "2026-12-25", "2027-01-26")), "修订赔偿上限、终止通知期限，新增安全条款");
  }

  void commit(const std::string& contents, const std::string& message) const {
    write_file(dir.path / "partner-framework.md", contents);
    auto r = run_cli(in() + "commit partner-framework.md -m '" + message + "' --author '" + kAuthor + "'");
    INFO(r.err);
    REQUIRE(r.status == 0);
  }

  lexgit::test::Run notice(const std::string& args) const { return run_cli(in() + "notice " + args); }

  nlohmann::json json(const std::string& args) const {
    auto r = notice(args + " --format json");
    INFO(r.err);
    REQUIRE(r.status == 0);
    return nlohmann::json::parse(r.out);
  }

  std::string head(const std::string& rev = "HEAD") const {
    std::optional<Repository> repo = Repository::discover(dir.path);
    return repo->resolve(rev);
  }
};

const nlohmann::json* change_at(const nlohmann::json& notice, const std::string& ref) {
  for (const auto& c : notice["changes"])
    if ((c["new"].is_object() && c["new"]["ref"] == ref) || (c["old"].is_object() && c["old"]["ref"] == ref)) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("the notice period is read from the agreement's change clause", "[notice]") {
  Document agreement = load_document(lexgit::test::source_dir() / "corpus/agreement/partner-framework.md");
  notice::NoticePeriod p = notice::find_notice_period(agreement);
  CHECK(p.duration == text::Duration{1, text::Unit::Month});
  CHECK(p.text == "一个月");
  CHECK(p.basis == "partner-framework#7.p1");
  CHECK(p.part == "第七部分“协议条款的变更”");

  Document without = parse_document(replace(agreement_source(), "但会提前一个月通知贵公司", "但会通知贵公司"), "pf.md");
  try {
    notice::find_notice_period(without);
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.exit_status() == 3);
    CHECK_THAT(e.message(), Catch::Contains("partner-framework") && Catch::Contains("变更") && Catch::Contains("提前"));
  }
}

TEST_CASE("security words are matched as lexgit's words of the old and new text", "[notice]") {
  text::Segmenter segmenter;
  diff::Change added;
  added.kind = diff::ChangeKind::Added;
  added.after = diff::Side{.ref = "a#1", .text = "双方应采取必要的措施保护数据安全。"};
  notice::Classification c = notice::classify(added, segmenter);
  CHECK(c.security);
  CHECK(c.word == "数据安全");
  CHECK(c.side == "new");
  CHECK_THAT(c.reason_zh(), Catch::Contains("数据安全"));

  diff::Change cap;
  cap.before = diff::Side{.ref = "a#9", .text = "最多 10 万人民币的实际直接损失"};
  cap.after = diff::Side{.ref = "a#9", .text = "最多 20 万人民币的实际直接损失"};
  notice::Classification none = notice::classify(cap, segmenter);
  CHECK_FALSE(none.security);
  CHECK(none.reason_en() == "no security word in the old or new text");
  CHECK(notice::security_words().size() == 10);
}

TEST_CASE("every change is listed with its effective date, and security changes take effect on the notice date", "[notice]") {
  Repo repo;
  auto n = repo.json("--from HEAD~1 --to HEAD --date 2026-12-25");
  CHECK(n["notice_date"] == "2026-12-25");
  CHECK(n["period"]["text"] == "一个月");
  CHECK(n["period"]["count"] == 1);
  CHECK(n["period"]["unit"] == "month");
  CHECK(n["period"]["basis"] == "partner-framework#7.p1");
  CHECK(n["last_day"] == "2027-01-25");
  CHECK(n["effective"] == "2027-01-26");
  CHECK(n["revision"]["to"] == repo.head());
  CHECK(n["revision"]["from"] == repo.head("HEAD~1"));
  REQUIRE(n["changes"].size() == 3);

  const auto* cap = change_at(n, "partner-framework#9.p1");
  REQUIRE(cap);
  CHECK((*cap)["kind"] == "modified");
  CHECK_THAT((*cap)["old"]["text"].get<std::string>(), Catch::Contains("10 万"));
  CHECK_THAT((*cap)["new"]["text"].get<std::string>(), Catch::Contains("20 万"));
  CHECK((*cap)["security"] == false);
  CHECK((*cap)["effective"] == "2027-01-26");

  const auto* termination = change_at(n, "partner-framework#10.3");
  REQUIRE(termination);
  CHECK((*termination)["security"] == false);
  CHECK((*termination)["effective"] == "2027-01-26");
  CHECK_THAT((*termination)["part"].get<std::string>(), Catch::Contains("协议的延期和终止"));

  const auto* security = change_at(n, "partner-framework#3.12");
  REQUIRE(security);
  CHECK((*security)["kind"] == "added");
  CHECK((*security)["old"].is_null());
  CHECK((*security)["security"] == true);
  CHECK_THAT((*security)["reason"].get<std::string>(), Catch::Contains("安全"));
  CHECK((*security)["effective"] == "2026-12-25");
}

TEST_CASE("a period ending on a holiday moves past it (Spring Festival 2026)", "[notice]") {
  Repo repo;
  auto n = repo.json("--from HEAD~1 --to HEAD --date 2026-01-15");
  CHECK(n["last_day"] == "2026-02-24");
  CHECK(n["effective"] == "2026-02-25");
  CHECK((*change_at(n, "partner-framework#9.p1"))["effective"] == "2026-02-25");
  CHECK((*change_at(n, "partner-framework#3.12"))["effective"] == "2026-01-15");
  CHECK(n["warnings"].empty());
}

TEST_CASE("a revision never governs its own notice, even dated to take effect on the notice day", "[notice]") {
  Repo repo;
  // Case (a) of the issue: a revision dated on the notice day that lengthens the period.
  std::string third = replace(revised(dated(agreement_source(), "2027-03-01", "2027-03-01")), "但会提前一个月通知贵公司", "但会提前两个月通知贵公司");
  repo.commit(third, "通知期限改为两个月");
  auto own = repo.json("--from HEAD~1 --to HEAD --date 2027-03-01");
  CHECK(own["period"]["text"] == "一个月");
  CHECK(own["period"]["commit"] == repo.head("HEAD~1"));
  CHECK(own["effective"] == "2027-04-02");

  // A draft in the work tree that shortens the period to 七日 is notified under 一个月.
  write_file(repo.dir.path / "draft.md", replace(third, "但会提前两个月通知贵公司", "但会提前七日通知贵公司"));
  auto draft = repo.json("--from HEAD --to draft.md --date 2027-03-10");
  CHECK(draft["period"]["text"] == "两个月");  // HEAD is in force on 2027-03-10 and states 两个月
  auto earlier = repo.json("--from HEAD~1 --to draft.md --date 2027-02-10");
  CHECK(earlier["period"]["text"] == "一个月");
  CHECK(earlier["revision"]["to"].is_null());  // a file: not recorded
}

TEST_CASE("a revision of part 七's period governs the notices of later revisions once it is in force", "[notice]") {
  Repo repo;
  std::string third = replace(revised(dated(agreement_source(), "2027-01-15", "2027-03-01")), "但会提前一个月通知贵公司", "但会提前两个月通知贵公司");
  repo.commit(third, "通知期限改为两个月");
  std::string fourth = replace(revised(dated(agreement_source(), "2027-02-20", "2027-06-01")), "但会提前一个月通知贵公司", "但会提前两个月通知贵公司");
  repo.commit(replace(fourth, "最多 20 万人民币", "最多 30 万人民币"), "赔偿上限改为30万");

  auto before = repo.json("--from HEAD~1 --to HEAD --date 2027-02-28");
  CHECK(before["period"]["text"] == "一个月");
  CHECK(before["period"]["commit"] == repo.head("HEAD~2"));
  CHECK(before["effective"] == "2027-03-30");  // 2027-03-28 is a Sunday

  auto after = repo.json("--from HEAD~1 --to HEAD --date 2027-03-01");
  CHECK(after["period"]["text"] == "两个月");
  CHECK(after["period"]["count"] == 2);
  CHECK(after["period"]["basis"] == "partner-framework#7.p1");
  CHECK(after["period"]["commit"] == repo.head("HEAD~1"));
  CHECK(after["effective"] == "2027-05-04");  // 2027-05-01 (劳动节) is a Saturday: the last day moves to Monday 05-03

  // Part 七 names the category 与安全和保障相关的条款 without being one: changing
  // its notice period is an ordinary change, effective after the period.
  auto own = repo.json("--from HEAD~2 --to HEAD~1 --date 2027-01-15");
  const nlohmann::json* change_clause = nullptr;
  for (const auto& c : own["changes"])
    if (!c["new"].is_null() && c["new"]["ref"] == "partner-framework#7.p1") change_clause = &c;
  REQUIRE(change_clause);
  CHECK((*change_clause)["security"] == false);
  CHECK((*change_clause)["effective"] == own["effective"]);
}

TEST_CASE("overrides flip a classification, and one naming no change is a usage error", "[notice]") {
  Repo repo;
  auto n = repo.json("--from HEAD~1 --to HEAD --date 2026-01-15 --not-security partner-framework#3.12 --security 9.p1");
  const auto* security = change_at(n, "partner-framework#3.12");
  CHECK((*security)["security"] == false);
  CHECK((*security)["reason"] == "classified by --not-security");
  CHECK((*security)["effective"] == "2026-02-25");
  const auto* cap = change_at(n, "partner-framework#9.p1");
  CHECK((*cap)["security"] == true);
  CHECK((*cap)["effective"] == "2026-01-15");

  auto bad = repo.notice("--from HEAD~1 --to HEAD --date 2026-01-15 --security partner-framework#5.1");
  CHECK(bad.status == 2);
  CHECK_THAT(bad.err, Catch::Contains("partner-framework#5.1") && Catch::Contains("names no change"));
}

TEST_CASE("no change clause in force on the notice date: a clear error", "[notice]") {
  Repo repo;
  std::string without = replace(revised(dated(agreement_source(), "2027-01-15", "2027-03-01")), "但会提前一个月通知贵公司", "但会通知贵公司");
  repo.commit(without, "删去通知期限");
  CHECK(repo.notice("--from HEAD~1 --to HEAD --date 2027-01-15").status == 0);  // its own notice: the period it replaces
  std::string later = replace(revised(dated(agreement_source(), "2027-03-02", "2027-06-01")), "但会提前一个月通知贵公司", "但会通知贵公司");
  repo.commit(replace(later, "最多 20 万人民币", "最多 30 万人民币"), "赔偿上限改为30万");
  auto r = repo.notice("--from HEAD~1 --to HEAD --date 2027-03-02");
  CHECK(r.status == 3);
  CHECK_THAT(r.err, Catch::Contains("partner-framework") && Catch::Contains("提前") && Catch::Contains("变更"));
}

TEST_CASE("the e-mail notice parses with Python's email package and reads as Chinese", "[notice][eml]") {
  Repo repo;
  auto r = repo.notice("--from HEAD~1 --to HEAD --date 2026-01-15 --format eml");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("\r\n") != std::string::npos);
  CHECK(r.out.find("Subject: =?") != std::string::npos);  // RFC 2047, not raw UTF-8
  TempDir tmp;
  write_file(tmp.path / "notice.eml", r.out);
  write_file(tmp.path / "check.py",
             "import email, email.policy, json, sys\n"
             "m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)\n"
             "parts = list(m.iter_parts())\n"
             "print(json.dumps({'subject': str(m['Subject']), 'from': str(m['From']), 'to': str(m['To']),\n"
             "  'from_name': m['From'].addresses[0].display_name, 'from_addr': m['From'].addresses[0].addr_spec,\n"
             "  'type': m.get_content_type(), 'mime': str(m['MIME-Version']), 'date': str(m['Date']), 'id': str(m['Message-ID']),\n"
             "  'parts': [{'type': p.get_content_type(), 'charset': p.get_content_charset(), 'text': p.get_content()} for p in parts],\n"
             "  'defects': len(m.defects)}, ensure_ascii=False))\n");
  std::string cmd = "python3 " + quote(tmp.path / "check.py") + " " + quote(tmp.path / "notice.eml") + " >" +
                    quote(tmp.path / "out.json") + " 2>" + quote(tmp.path / "err");
  int rc = std::system(cmd.c_str());
  INFO(read_file(tmp.path / "err"));
  REQUIRE(WEXITSTATUS(rc) == 0);
  auto m = nlohmann::json::parse(read_file(tmp.path / "out.json"));
  CHECK(m["subject"] == "关于修订《青云合作伙伴框架协议》的通知");
  CHECK(m["from_name"] == "渠道管理部");
  CHECK(m["from_addr"] == "channel@qingcloud.example");
  CHECK(m["to"] == "partners@qingcloud.example");
  CHECK(m["type"] == "multipart/alternative");
  CHECK(m["mime"] == "1.0");
  CHECK_FALSE(m["date"].get<std::string>().empty());
  CHECK_THAT(m["id"].get<std::string>(), Catch::Contains("@qingcloud.example>"));
  CHECK(m["defects"] == 0);
  REQUIRE(m["parts"].size() == 2);
  CHECK(m["parts"][0]["type"] == "text/plain");
  CHECK(m["parts"][0]["charset"] == "utf-8");
  CHECK(m["parts"][1]["type"] == "text/html");
  for (const auto& part : m["parts"]) {
    std::string body = part["text"];
    CHECK_THAT(body, Catch::Contains("尊敬的合作伙伴") && Catch::Contains("特此通知") && Catch::Contains("北京青云科技股份有限公司") &&
                         Catch::Contains("2026年1月15日") && Catch::Contains("2026年2月25日") && Catch::Contains("20 万人民币"));
  }
}

TEST_CASE("the e-mail notice needs notice.from and notice.to", "[notice][eml]") {
  Repo repo("notice:\n  to: partners@qingcloud.example\n");
  auto r = repo.notice("--from HEAD~1 --to HEAD --date 2026-01-15 --format eml");
  CHECK(r.status == 3);
  CHECK_THAT(r.err, Catch::Contains("notice.from") && Catch::Contains(".lexgit.yaml"));
  CHECK(repo.notice("--from HEAD~1 --to HEAD --date 2026-01-15 --format json").status == 0);  // only e-mail needs them
}

TEST_CASE("the Markdown and HTML notices: formal Chinese, grouped by part, quoted with a redline", "[notice]") {
  Repo repo;
  auto md = repo.notice("--from HEAD~1 --to HEAD --date 2026-01-15");
  INFO(md.err);
  REQUIRE(md.status == 0);
  CHECK(md.out.starts_with("# 关于修订《青云合作伙伴框架协议》的通知\n\n尊敬的合作伙伴：\n"));
  CHECK_THAT(md.out, Catch::Contains("提前一个月通知") && Catch::Contains("2026年2月25日起生效") && Catch::Contains("第七部分“协议条款的变更”"));
  CHECK_THAT(md.out, Catch::Contains("### 第九部分　赔偿责任") && Catch::Contains("### 第三部分　双方责任") &&
                         Catch::Contains("### 第十部分　协议的延期和终止"));
  CHECK_THAT(md.out, Catch::Contains("#### 1. 新增 第三部分第12项") && Catch::Contains("依本协议第七部分第一款的约定"));
  CHECK_THAT(md.out, Catch::Contains("<del>10 万人民币</del><ins>20 万人民币</ins>") && Catch::Contains("<del>三十日</del><ins>十五日</ins>"));
  CHECK_THAT(md.out, Catch::Contains("类别：与安全和保障相关的条款（修订后条款含“安全”一词）"));
  CHECK_THAT(md.out, Catch::Contains("不具有追溯力") && Catch::Contains("均属无效") && Catch::Contains("（见本协议第七部分第二款）"));
  CHECK_THAT(md.out, Catch::Contains("修订前版本为2025年1月1日发布的版本") && Catch::Contains("特此通知。") &&
                         Catch::EndsWith("北京青云科技股份有限公司  \n2026年1月15日\n"));
  // A partner reads no internal ids, hashes or English.
  CHECK(md.out.find(repo.head().substr(0, 7)) == std::string::npos);
  CHECK(md.out.find("partner") == std::string::npos);
  CHECK(md.out.find("HEAD") == std::string::npos);
  CHECK(md.out.find("in force") == std::string::npos);
  CHECK(md.out.find("### 第九部分") > md.out.find("### 第三部分"));  // in the agreement's order

  auto html = repo.notice("--from HEAD~1 --to HEAD --date 2026-01-15 --format html");
  REQUIRE(html.status == 0);
  CHECK(html.out.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
  CHECK_THAT(html.out, Catch::Contains("<style>") && Catch::Contains("<title>关于修订《青云合作伙伴框架协议》的通知</title>"));
  CHECK_THAT(html.out, Catch::Contains("<del>10 万人民币</del><ins>20 万人民币</ins>") && Catch::Contains("<h3>第九部分　赔偿责任</h3>"));
  CHECK_THAT(html.out, Catch::Contains("a) 任一方仅对另一方负担") && Catch::Contains("特此通知。"));
  CHECK(html.out.find("<script") == std::string::npos);
  CHECK(html.out.find("http") == std::string::npos);  // self-contained
}

namespace {

// A paragraph's text, runs joined.
std::string text_of(const nlohmann::json& paragraph) {
  std::string out;
  for (const auto& r : paragraph["runs"]) out += r["text"].get<std::string>();
  return out;
}

}  // namespace

TEST_CASE("the Word notice: the letter's text as the other formats word it, title centred, signature right, redline in colour", "[notice][docx]") {
  Repo repo;
  auto r = repo.notice("--from HEAD~1 --to HEAD --date 2026-01-15 --format docx -o " + quote(repo.dir.path / "notice.docx"));
  INFO(r.err);
  REQUIRE(r.status == 0);
  auto docx = nlohmann::json::parse(lexgit::test::read_docx_json(repo.dir.path / "notice.docx"));
  const auto& paragraphs = docx["paragraphs"];
  CHECK(docx["title"] == "关于修订《青云合作伙伴框架协议》的通知");
  CHECK(paragraphs[0]["style"] == "Title");  // centred by its style
  CHECK(text_of(paragraphs[0]) == "关于修订《青云合作伙伴框架协议》的通知");

  // Every line of the composed notice, in order, is a paragraph of the letter.
  text::Segmenter segmenter;
  notice::Notice n = notice::draft(repo.dir.path, {"HEAD~1", "HEAD", {2026, 1, 15}, {}}, segmenter).notice;
  std::vector<std::string> lines;
  for (const notice::Block& b : notice::compose(n)) {
    if (b.kind == notice::Block::Kind::Change) {
      lines.push_back(std::to_string(b.number) + ". " + notice::kind_zh(b.change->change.kind) + " " + notice::change_citation(*b.change));
      for (const std::string& fact : notice::change_facts(*b.change)) lines.push_back(fact);
    }
    for (const std::string& line : b.lines) lines.push_back(line);
  }
  std::size_t at = 0;
  for (const std::string& line : lines) {
    INFO(line);
    while (at < paragraphs.size() && text_of(paragraphs[at]) != line) ++at;
    CHECK(at < paragraphs.size());
  }
  // The signatory and the date, right-aligned at the end.
  const auto& last = paragraphs[paragraphs.size() - 1];
  CHECK(text_of(last) == "2026年1月15日");
  CHECK(last["align"].get<std::string>().starts_with("RIGHT"));
  CHECK(text_of(paragraphs[paragraphs.size() - 2]) == "北京青云科技股份有限公司");
  CHECK(paragraphs[paragraphs.size() - 2]["align"].get<std::string>().starts_with("RIGHT"));

  // The redline as formatting: red and struck through, green and underlined; a letter carries no tracked changes.
  bool deleted = false, inserted = false;
  for (const auto& p : paragraphs)
    for (const auto& run : p["runs"]) {
      deleted |= run["text"] == "10 万人民币" && run["strike"] == true && run["color"] == "C00000" && run["op"] == "equal";
      inserted |= run["text"] == "20 万人民币" && run["underline"] == true && run["color"] == "00703C" && run["op"] == "equal";
    }
  CHECK(deleted);
  CHECK(inserted);
  CHECK(docx["revisions"].empty());
  CHECK(docx["track_revisions"] == false);
  // The old and new clauses quoted in the Quote style.
  bool quoted = false;
  for (const auto& p : paragraphs) quoted |= p["style"] == "Quote" && lexgit::test::contains(text_of(p), "最多 20 万人民币");
  CHECK(quoted);

  // Never to a terminal; -o is for one notice, not for delivery.
  auto piped = repo.notice("--from HEAD~1 --to HEAD --date 2026-01-15 --format docx");
  REQUIRE(piped.status == 0);
  CHECK(piped.out == read_file(repo.dir.path / "notice.docx"));
  CHECK(repo.notice("--from HEAD~1 --to HEAD --date 2026-01-15 --format eml --send -o x.eml").status == 2);
}

TEST_CASE("publish records the new version dated by its notice, with the notice, in one commit", "[notice][publish]") {
  Repo repo;
  std::string before_head = repo.head();
  // The next version of the agreement: a higher cap again, its dates still the old ones.
  std::string next = replace(revised(agreement_source()), "最多 20 万人民币", "最多 30 万人民币");
  write_file(repo.dir.path / "partner-framework.md", next);

  auto bad = run_cli(repo.in() + "publish partner-framework.md --notice-date 2026-01-15 --security partner-framework#5.1");
  CHECK(bad.status == 2);
  CHECK(repo.head() == before_head);
  CHECK(read_file(repo.dir.path / "partner-framework.md") == next);

  auto r = run_cli(repo.in() + "publish partner-framework.md --notice-date 2026-01-15 --author '" + kAuthor + "'");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK(repo.head("HEAD~1") == before_head);  // one commit
  std::string on_disk = read_file(repo.dir.path / "partner-framework.md");
  CHECK_THAT(on_disk, Catch::Contains("published: 2026-01-15\neffective: 2026-02-25\n") && Catch::Contains("最多 30 万人民币"));
  std::optional<Repository> git = Repository::discover(repo.dir.path);
  CHECK(git->file_at(repo.head(), "partner-framework.md") == on_disk);
  auto notice = git->file_at(repo.head(), "notices/2026-01-15-partner-framework.md");
  REQUIRE(notice);
  CHECK_FALSE(is_lexgit_document(*notice));
  CHECK_THAT(*notice, Catch::Contains("<del>20 万人民币</del><ins>30 万人民币</ins>") && Catch::Contains("2026年2月25日"));
  CHECK(read_file(repo.dir.path / "notices/2026-01-15-partner-framework.md") == *notice);

  auto in_force = [&](const std::string& date) {
    auto ls = run_cli(repo.in() + "ls --at " + date + " --format json");
    REQUIRE(ls.status == 0);
    std::vector<std::string> in_force;
    for (const auto& d : nlohmann::json::parse(ls.out))
      if (!d["pending"]) in_force.push_back(d["effective"]);
    REQUIRE(in_force.size() == 1);
    return in_force[0];
  };
  CHECK(in_force("2026-02-24") == "2025-01-01");  // the revision before (effective 2027) is not yet in force either
  CHECK(in_force("2026-02-25") == "2026-02-25");
  CHECK(run_cli(repo.in() + "check").status == 0);  // the notice is not a document
}

TEST_CASE("a notice whose period reaches 2027 states that the 2027 schedule is not loaded, until it is", "[notice][schedule]") {
  Repo repo;
  const std::string caveat = "2027年国务院节假日安排尚未载入，本期间按周末及法定节假日计算，如有调休以国务院公布为准。";
  auto n = repo.json("--from HEAD~1 --to HEAD --date 2026-12-01");
  CHECK(n["last_day"] == "2027-01-04");  // 2027-01-01 is 元旦
  CHECK(n["effective"] == "2027-01-05");
  REQUIRE(n["warnings"].size() == 1);
  CHECK(n["warnings"][0]["zh"] == caveat);
  auto md = repo.notice("--from HEAD~1 --to HEAD --date 2026-12-01");
  REQUIRE(md.status == 0);
  CHECK(lexgit::test::contains(md.out, caveat));
  CHECK_THAT(md.err, Catch::Contains("lexgit: warning:") && Catch::Contains("2027"));
  auto html = repo.notice("--from HEAD~1 --to HEAD --date 2026-12-01 --format html");
  CHECK(lexgit::test::contains(html.out, caveat));

  // The 2027 schedule, committed in the document repository: 春节 2027-02-05 to 02-13.
  std::optional<Repository> git = Repository::discover(repo.dir.path);
  Repository::CommitRequest add;
  add.files["calendar/2027.yaml"] =
      "year: 2027\nsource: 国务院办公厅关于2027年部分节假日安排的通知（测试）\nholidays:\n"
      "  - name: 元旦\n    from: 2027-01-01\n    to: 2027-01-03\n"
      "  - name: 春节\n    from: 2027-02-05\n    to: 2027-02-13\n"
      "workdays: [2027-02-20]\n";
  add.message = "载入2027年节假日安排";
  add.author = kAuthor;
  git->commit(add);
  auto spring = repo.json("--from HEAD~2 --to HEAD --date 2027-01-05");
  CHECK(spring["last_day"] == "2027-02-15");  // not 2027-02-09, the statutory days alone
  CHECK(spring["warnings"].empty());
  auto loaded = repo.notice("--from HEAD~2 --to HEAD --date 2026-12-01");
  CHECK_FALSE(lexgit::test::contains(loaded.out, "尚未载入"));
}

namespace {

// The agreement with a higher cap (an ordinary change) and a new part 十二 on
// data security (security changes): case (b) of the notice issue.
std::string mixed_revision(const std::string& source) {
  return replace(source, "最多 10 万人民币", "最多 20 万人民币") +
         "\n### 十二． 数据安全\n\n1. 双方应采取必要的安全措施保障数据安全，防止数据泄露、毁损或丢失。\n\n"
         "2. 发生安全事件的，一方应在知悉后二十四小时内通知对方。\n";
}

struct Published {
  TempDir dir;
  std::string in() const { return "-C " + quote(dir.path) + " "; }
  Published() {
    REQUIRE(run_cli("init " + quote(dir.path)).status == 0);
    write_file(dir.path / "partner-framework.md", agreement_source());
    REQUIRE(run_cli(in() + "commit partner-framework.md -m 收录框架协议 --author '" + kAuthor + "'").status == 0);
    write_file(dir.path / "partner-framework.md", mixed_revision(agreement_source()));
  }
  lexgit::test::Run cli(const std::string& args) const { return run_cli(in() + args); }
};

}  // namespace

TEST_CASE("publish --dry-run prints the notice and every date, and writes nothing", "[notice][publish]") {
  Published repo;
  std::optional<Repository> git = Repository::discover(repo.dir.path);
  std::string head = git->resolve("HEAD");
  auto r = repo.cli("publish partner-framework.md --notice-date 2026-12-01 --dry-run");
  INFO(r.err);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("nothing was written") && Catch::Contains("effective 2026-12-01") &&
                        Catch::Contains("effective 2027-01-05") && Catch::Contains("# 关于修订《青云合作伙伴框架协议》的通知"));
  CHECK(git->resolve("HEAD") == head);
  CHECK_FALSE(std::filesystem::exists(repo.dir.path / "notices"));
  CHECK(read_file(repo.dir.path / "partner-framework.md") == mixed_revision(agreement_source()));
}

TEST_CASE("a revision mixing security and other changes: every command reads what the notice says on every day", "[notice][publish]") {
  Published repo;
  auto r = repo.cli("publish partner-framework.md --notice-date 2026-12-01 --author '" + kAuthor + "'");
  INFO(r.err);
  REQUIRE(r.status == 0);
  auto notice = nlohmann::json::parse(repo.cli("notice --from HEAD~2 --to HEAD --date 2026-12-01 --format json").out);
  // The period ends on 2027-01-01 (元旦), so on Monday 2027-01-04.
  CHECK(notice["last_day"] == "2027-01-04");
  CHECK((*change_at(notice, "partner-framework#12")).at("effective") == "2026-12-01");
  CHECK((*change_at(notice, "partner-framework#9.p1")).at("effective") == "2027-01-05");

  auto cap_on = [&](const std::string& day) { return repo.cli("show partner-framework#9.p1 --at " + day).out; };
  auto security_on = [&](const std::string& day) { return repo.cli("show partner-framework#12.1 --at " + day); };
  CHECK_THAT(cap_on("2026-11-30"), Catch::Contains("最多 10 万人民币"));
  CHECK(security_on("2026-11-30").status != 0);
  for (const char* day : {"2026-12-01", "2027-01-04"}) {
    INFO(day);
    CHECK_THAT(cap_on(day), Catch::Contains("最多 10 万人民币"));
    CHECK_THAT(security_on(day).out, Catch::Contains("保障数据安全"));
  }
  CHECK_THAT(cap_on("2027-01-05"), Catch::Contains("最多 20 万人民币"));
  CHECK_THAT(security_on("2027-01-05").out, Catch::Contains("保障数据安全"));

  // diff between two days shows what took effect between them.
  auto first_day = nlohmann::json::parse(repo.cli("diff 2026-11-30 2026-12-01 --format json").out)["documents"];
  REQUIRE(first_day.size() == 1);
  CHECK(first_day[0]["changes"].size() == 1);
  CHECK(first_day[0]["changes"][0]["kind"] == "added");
  auto period_end = nlohmann::json::parse(repo.cli("diff 2026-12-01 2027-01-05 --format json").out)["documents"];
  REQUIRE(period_end.size() == 1);
  CHECK(period_end[0]["changes"].size() == 1);
  CHECK(period_end[0]["changes"][0]["kind"] == "modified");

  // ls: the version in force, and the whole revision pending until 2027-01-05.
  auto ls = nlohmann::json::parse(repo.cli("ls --at 2026-12-15 --format json").out);
  REQUIRE(ls.size() == 2);
  CHECK(ls[0]["effective"] == "2026-12-01");
  CHECK(ls[0]["pending"] == false);
  CHECK(ls[1]["effective"] == "2027-01-05");
  CHECK(ls[1]["pending"] == true);
  CHECK_THAT(repo.cli("ls --at 2026-12-15").out, Catch::Contains("pending"));
  CHECK(nlohmann::json::parse(repo.cli("ls --at 2027-01-05 --format json").out).size() == 1);

  // One branch update: the security version and the whole revision, the notice in both.
  std::optional<Repository> git = Repository::discover(repo.dir.path);
  CHECK(git->file_at(git->resolve("HEAD~1"), "notices/2026-12-01-partner-framework.md"));
  CHECK_THAT(*git->file_at(git->resolve("HEAD~1"), "partner-framework.md"), Catch::Contains("effective: 2026-12-01"));
  CHECK_THAT(*git->file_at(git->resolve("HEAD"), "partner-framework.md"), Catch::Contains("effective: 2027-01-05"));
  CHECK(repo.cli("check").status == 0);
}

TEST_CASE("the security-only version keeps the old text line for line and takes the new clauses where they stand", "[notice][publish]") {
  std::string before = agreement_source();
  // A security clause inserted in the middle of part 三, and an ordinary change after it.
  std::string after = replace(replace(before, "11. 双方都将遵守所有适用的法律和条规，包括进出口法律；\n",
                                      "11. 双方都将遵守所有适用的法律和条规，包括进出口法律；\n\n12. 双方应采取必要的安全措施保障数据安全；\n"),
                              "最多 10 万人民币", "最多 20 万人民币");
  Document b = parse_document(before, "before.md"), a = parse_document(after, "after.md");
  text::Segmenter segmenter;
  diff::DocumentDiff d = diff::compare(b, a, segmenter);
  std::vector<const diff::Change*> security;
  for (const diff::Change& c : d.changes)
    if (c.kind == diff::ChangeKind::Added) security.push_back(&c);
  REQUIRE(security.size() == 1);
  std::string interim = publish::apply_changes(before, b, after, a, security, {}, d.matches);
  CHECK_THAT(interim, Catch::Contains("最多 10 万人民币") && Catch::Contains("12. 双方应采取必要的安全措施保障数据安全；"));
  Document i = parse_document(interim, "interim.md");
  REQUIRE(i.find("3.12"));
  CHECK(i.find("3.12")->text == a.find("3.12")->text);
  diff::DocumentDiff rest = diff::compare(i, a, segmenter);
  REQUIRE(rest.changes.size() == 1);
  CHECK(rest.changes[0].after->id == "9.p1");
}

TEST_CASE("a security part inserted before others: the version in force from the notice date is numbered as the notice cites it", "[notice][publish]") {
  Published repo;
  std::string s = replace(agreement_source(), "最多 10 万人民币", "最多 20 万人民币");
  s = replace(s, "### 十一． 适用法律与争议解决", "### 十二． 适用法律与争议解决");
  s = replace(s, "### 十． 协议的延期和终止", "### 十一． 协议的延期和终止");
  s = replace(s, "### 九． 赔偿责任", "### 十． 赔偿责任");
  s = replace(s, "### 八． 保密信息",
              "### 八． 数据安全\n\n1. 双方应采取必要的安全措施保障数据安全，防止数据泄露、毁损或丢失。\n\n"
              "2. 发生安全事件的，一方应在知悉后二十四小时内通知对方。\n\n### 九． 保密信息");
  write_file(repo.dir.path / "partner-framework.md", s);
  auto r = repo.cli("publish partner-framework.md --notice-date 2026-12-01 --author '" + kAuthor + "'");
  INFO(r.err);
  REQUIRE(r.status == 0);

  // The notice: the new part, the cap cited by its new number, the renumbered parts in one table.
  auto notice = read_file(repo.dir.path / "notices/2026-12-01-partner-framework.md");
  CHECK_THAT(notice, Catch::Contains("新增 第八部分") && Catch::Contains("修改 第十部分第一款（原第九部分第一款）") &&
                         Catch::Contains("## 条款序号调整") && Catch::Contains("| 第八部分 | 第九部分 |"));
  CHECK(notice.find("重新编号") == std::string::npos);

  // From the notice date: the security part in force, the parts numbered as the notice cites them, the old cap.
  auto outline = repo.cli("outline partner-framework --at 2026-12-15").out;
  CHECK_THAT(outline, Catch::Contains("八． 数据安全") && Catch::Contains("九． 保密信息") && Catch::Contains("十二． 适用法律与争议解决"));
  CHECK_THAT(repo.cli("show partner-framework#10.p1 --at 2026-12-15").out, Catch::Contains("最多 10 万人民币"));
  CHECK_THAT(repo.cli("show partner-framework#10.p1 --at 2027-01-05").out, Catch::Contains("最多 20 万人民币"));
  auto rest = nlohmann::json::parse(repo.cli("diff 2026-12-15 2027-01-05 --format json").out)["documents"];
  REQUIRE(rest.size() == 1);
  REQUIRE(rest[0]["changes"].size() == 1);
  CHECK(rest[0]["changes"][0]["kind"] == "modified");
}
