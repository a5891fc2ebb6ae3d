// The pages of lexgit serve, called through web::handle on a temporary
// document repository: each page's status and what it must show, escaping,
// errors as pages with their status, the language switch.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <regex>

#include "lexgit/store.hpp"
#include "lexgit/web.hpp"
#include "support.hpp"

using namespace lexgit;
using lexgit::test::contains;
using lexgit::test::quote;
using lexgit::test::read_file;
using lexgit::test::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kAuthor = "渠道管理部 <channel@qingcloud.example>";
const std::string kScript = "<script>alert(1)</script>";
// The same markup as a Markdown author writes it to mean the characters, not
// HTML (raw HTML in a document is not clause text).
const std::string kScriptSource = "\\<script\\>alert(1)\\</script\\>";

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  lexgit::test::replace(s, from, to);
  return s;
}

std::string dated(const std::string& s, const std::string& published, const std::string& effective) {
  return replaced(replaced(s, "published: 2025-01-01", "published: " + published), "effective: 2025-01-01", "effective: " + effective);
}

// The 2026 revision: a part inserted before 六 (parts 六–十一 renumbered 七–十二),
// a higher liability cap, and a clause whose text holds markup.
std::string revision_2026() {
  std::string s = dated(lexgit::test::agreement(), "2026-03-01", "2026-04-01");
  s = lexgit::test::with_part_before_six(s, "数据与安全", "双方应采取必要的安全措施保障数据安全。");
  s = replaced(s, "最多 10 万人民币", "最多 20 万人民币");
  return replaced(s, "11. 双方都将遵守所有适用的法律和条规，包括进出口法律；\n",
                  "11. 双方都将遵守所有适用的法律和条规，包括进出口法律；\n\n12. 合作伙伴不得在页面中嵌入" + kScriptSource + "代码；\n");
}

// A document repository: the bundled corpus (2025), the agreement's 2026
// revision, and a 2027 revision published in 2026 and pending until 2027.
struct Repo {
  TempDir dir;
  http::Site site;

  Repo() {
    Repository repo = Repository::init(dir.path);
    Repository::CommitRequest first;
    first.files["partner-framework.md"] = lexgit::test::agreement();
    for (const auto& f : fs::directory_iterator(lexgit::test::source_dir() / "corpus/samples"))
      if (f.path().filename() != "README.md") first.files[f.path().filename().string()] = read_file(f.path());
    commit(repo, first.files, "收录合作伙伴协议与规范性文件");
    commit(repo, {{"partner-framework.md", revision_2026()}}, "新增数据与安全部分，提高赔偿上限");
    std::string pending = replaced(revision_2026(), "published: 2026-03-01", "published: 2026-11-20");
    pending = replaced(pending, "effective: 2026-04-01", "effective: 2027-01-01");
    commit(repo, {{"partner-framework.md", replaced(pending, "最多 20 万人民币", "最多 30 万人民币")}}, "赔偿上限改为30万");
    site.repository = dir.path;
  }

  static void commit(Repository& repo, std::map<std::string, std::string> files, const std::string& message) {
    Repository::CommitRequest request;
    request.files = std::move(files);
    request.message = message;
    request.author = kAuthor;
    repo.commit(request);
  }

  http::Response send(const std::string& path, http::Request request) const {
    request.path = path;
    std::optional<http::Response> r = web::handle(site, request);
    REQUIRE(r);
    return *r;
  }
  http::Response get(const std::string& path, std::vector<std::pair<std::string, std::string>> params = {}) const {
    http::Request request;
    request.params = std::move(params);
    return send(path, request);
  }
};

// The page's text without its markup, entities decoded: what a reader sees.
std::string text_of(const std::string& html) {
  std::string out = std::regex_replace(html, std::regex("<[^>]*>"), "");
  for (auto [entity, ch] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}})
    out = std::regex_replace(out, std::regex(entity), ch);
  return out;
}

}  // namespace

TEST_CASE("web: the front page lists the documents in force on a date and the timeline of revisions", "[web]") {
  Repo repo;
  http::Response r = repo.get("/", {{"at", "2026-05-01"}});
  CHECK(r.status == 200);
  CHECK(contains(r.content_type, "text/html"));
  CHECK(contains(r.body, "<!DOCTYPE html>"));
  CHECK(contains(r.body, "<html lang=\"zh-CN\">"));
  CHECK(contains(r.body, "name=\"viewport\""));
  std::string text = text_of(r.body);
  CHECK(contains(text, "青云合作伙伴框架协议"));
  CHECK(contains(text, "青云合作伙伴返利政策"));
  CHECK(contains(text, "2026年5月1日"));
  CHECK(contains(text, "修订时间线"));
  // The timeline: the 2026 revision in force, the 2025 one superseded, the 2027 one not yet published on this date.
  CHECK(contains(r.body, "<tr class=\"in-force\">"));
  CHECK(contains(r.body, "<tr class=\"superseded\">"));
  CHECK(contains(r.body, "<tr class=\"future\">"));
  CHECK(contains(text, "新增数据与安全部分，提高赔偿上限"));
  CHECK(contains(r.body, "/diff?from="));
  CHECK(contains(r.body, "&amp;doc=partner-framework"));

  // On 2026-12-01 the 2027 revision is published and pending.
  http::Response later = repo.get("/", {{"at", "2026-12-01"}});
  CHECK(contains(text_of(later.body), "已发布、待生效"));
  CHECK(contains(later.body, "<span class=\"state pending\">待生效</span>"));
}

TEST_CASE("web: a document's outline cites each clause in Chinese and links to it", "[web]") {
  Repo repo;
  http::Response r = repo.get("/doc/partner-framework", {{"at", "2026-05-01"}});
  CHECK(r.status == 200);
  std::string text = text_of(r.body);
  CHECK(contains(text, "第十一部分第3项"));  // part 十 became 十一 in 2026
  CHECK(contains(r.body, "href=\"/clause/partner-framework/11.3?at=2026-05-01\""));
  CHECK(contains(text, "数据与安全"));
  // The 2025 version, by date: part 十 is still 十.
  http::Response old = repo.get("/doc/partner-framework", {{"at", "2025-06-01"}});
  CHECK(contains(text_of(old.body), "第十部分第3项"));
  CHECK_FALSE(contains(text_of(old.body), "数据与安全"));
}

TEST_CASE("web: a clause's page shows its text and its history through renumbering", "[web]") {
  Repo repo;
  http::Response r = repo.get("/clause/partner-framework/11.3", {{"at", "2026-05-01"}});
  CHECK(r.status == 200);
  std::string text = text_of(r.body);
  CHECK(contains(text, "应提前三十日向对方发出书面通知"));
  CHECK(contains(text, "第十一部分第3项"));
  // Added in 2025 as 10.3: followed back through the renumbering of its part.
  CHECK(contains(text, "partner-framework#10.3"));
  CHECK(contains(text, "2025年1月1日发布"));
  // A citation names the same clause.
  http::Response cited = repo.get("/clause/partner-framework/第十一部分第3项", {{"at", "2026-05-01"}});
  CHECK(cited.status == 200);
  CHECK(contains(text_of(cited.body), "应提前三十日向对方发出书面通知"));

  // The liability clause: 9.p1 in 2025, 10.p1 since 2026, its cap changed in each revision.
  http::Response cap = repo.get("/clause/partner-framework/10.p1", {{"at", "2026-05-01"}});
  CHECK(cap.status == 200);
  std::string history = text_of(cap.body);
  CHECK(contains(history, "最多 20 万人民币"));
  CHECK(contains(history, "partner-framework#9.p1"));
  CHECK(contains(history, "2026年3月1日发布"));
  CHECK(contains(history, "2026年11月20日发布"));
  CHECK(contains(history, "修改"));
  CHECK(contains(cap.body, "<ins>"));
}

TEST_CASE("web: the redline marks word changes, lists the changes and filters them by kind", "[web]") {
  Repo repo;
  http::Response r = repo.get("/diff", {{"from", "2025-06-01"}, {"to", "2026-05-01"}, {"doc", "partner-framework"}});
  CHECK(r.status == 200);
  CHECK((contains(r.body, "<del>10</del>") || contains(r.body, "<del>10 万人民币</del>")));
  CHECK((contains(r.body, "<ins>20</ins>") || contains(r.body, "<ins>20 万人民币</ins>")));
  CHECK(contains(r.body, "data-kind=\"renumbered\""));
  CHECK(contains(r.body, "data-kind=\"added\""));
  CHECK(contains(r.body, "<a href=\"#c1\">"));  // the list of changes jumps to each
  CHECK(contains(r.body, "id=\"c1\""));
  CHECK(contains(text_of(r.body), "第九部分第一款 → 第十部分第一款"));  // the liability clause, cited in each version
  CHECK(contains(text_of(r.body), "2026年5月1日有效的版本"));

  http::Response added = repo.get("/diff", {{"from", "2025-06-01"}, {"to", "2026-05-01"}, {"kind", "added"}});
  CHECK(contains(added.body, "<article class=\"change added\""));
  CHECK_FALSE(contains(added.body, "<article class=\"change modified"));
  CHECK_FALSE(contains(added.body, "<article class=\"change renumbered"));

  http::Response side = repo.get("/diff", {{"from", "2025-06-01"}, {"to", "2026-05-01"}, {"view", "side"}});
  CHECK(contains(side.body, "<table class=\"sbs\">"));
  CHECK(contains(side.body, "<ins>"));

  // Revisions work as sides too, and the form alone without them.
  CHECK(repo.get("/diff", {{"from", "HEAD~2"}, {"to", "HEAD~1"}}).status == 200);
  CHECK(repo.get("/diff").status == 200);
}

TEST_CASE("web: a clause holding markup is shown as text everywhere", "[web]") {
  Repo repo;
  for (const auto& [path, params] : std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>>{
           {"/doc/partner-framework", {{"at", "2026-05-01"}}},
           {"/clause/partner-framework/3.12", {{"at", "2026-05-01"}}},
           {"/diff", {{"from", "2025-06-01"}, {"to", "2026-05-01"}}},
           {"/diff", {{"from", "2025-06-01"}, {"to", "2026-05-01"}, {"view", "side"}}}}) {
    INFO(path);
    http::Response r = repo.get(path, params);
    CHECK(r.status == 200);
    CHECK(contains(text_of(r.body), kScript));  // shown as text
    CHECK_FALSE(contains(r.body, kScript));
  }
  // A value the user typed is escaped too.
  http::Response q = repo.get("/ask", {{"q", kScript}, {"at", "2026-05-01"}});
  CHECK_FALSE(contains(q.body, kScript));
  http::Response bad = repo.get("/", {{"at", "<b>2026</b>"}});
  CHECK(bad.status == 400);
  CHECK_FALSE(contains(bad.body, "<b>2026</b>"));
}

TEST_CASE("web: errors are pages with their status", "[web]") {
  Repo repo;
  http::Response unknown = repo.get("/doc/partner-framwork");
  CHECK(unknown.status == 404);
  CHECK(contains(unknown.body, "<html lang=\"zh-CN\">"));
  CHECK(contains(text_of(unknown.body), "partner-framwork"));
  CHECK(repo.get("/clause/partner-framework/99.9").status == 404);
  http::Response bad_date = repo.get("/", {{"at", "2026-13-01"}});
  CHECK(bad_date.status == 400);
  CHECK(contains(text_of(bad_date.body), "'2026-13-01' is not a date"));
  CHECK(repo.get("/diff", {{"from", "2026-02-30"}, {"to", "HEAD"}}).status == 400);
  CHECK(repo.get("/diff", {{"from", "no-such-revision"}, {"to", "HEAD"}}).status == 404);
  // A side is a revision or a date, never a file of the server.
  CHECK(repo.get("/diff", {{"from", "/etc/passwd"}, {"to", "HEAD"}}).status == 400);
  CHECK(repo.get("/no/such/page").status == 404);
  CHECK(repo.get("/period", {{"start", "2026-01-15"}, {"length", "一会儿"}}).status == 400);
}

TEST_CASE("web: ?lang=en switches to English, kept in a cookie and in links", "[web]") {
  Repo repo;
  http::Response en = repo.get("/", {{"at", "2026-05-01"}, {"lang", "en"}});
  CHECK(contains(en.body, "<html lang=\"en\">"));
  CHECK(contains(en.body, "Timeline of revisions"));
  CHECK(contains(en.body, "/doc/partner-framework?at=2026-05-01&amp;lang=en"));
  bool cookie = false;
  for (const auto& [name, value] : en.headers) cookie |= name == "Set-Cookie" && value.starts_with("lang=en");
  CHECK(cookie);
  // Contract text is never translated.
  CHECK(contains(en.body, "青云合作伙伴框架协议"));

  http::Request with_cookie;
  with_cookie.headers["cookie"] = "theme=dark; lang=en";
  CHECK(contains(repo.send("/period", with_cookie).body, "<html lang=\"en\">"));
  // The switch back.
  http::Response zh = repo.get("/", {{"lang", "zh"}});
  CHECK(contains(zh.body, "<html lang=\"zh-CN\">"));
  CHECK(contains(zh.body, "修订时间线"));
}

TEST_CASE("web: ask shows the governing clause, the rule, its basis and the clause it beat", "[web]") {
  Repo repo;
  http::Response r = repo.get("/ask", {{"q", "终止本协议需要提前多久通知？"}, {"at", "2026-01-01"}});
  CHECK(r.status == 200);
  std::string text = text_of(r.body);
  CHECK(contains(text, "适用条款"));
  CHECK(contains(text, "partner-framework#10.3"));
  CHECK(contains(text, "三十日"));
  CHECK(contains(text, "依第二部分"));
  CHECK(contains(text, "end-user-terms#5"));
  CHECK(contains(r.body, "href=\"/clause/partner-framework/10.3?at=2026-01-01\""));

  // Two clauses no rule orders: unresolved, shown as such.
  http::Response unresolved = repo.get("/ask", {{"q", "合作伙伴需要配备的认证工程师人数是多少"}, {"at", "2026-01-01"}});
  CHECK(contains(text_of(unresolved.body), "无法确定适用条款"));
  CHECK(contains(unresolved.body, "class=\"resolution unresolved\""));
}

TEST_CASE("web: resolve between chosen clauses", "[web]") {
  Repo repo;
  http::Response r = repo.get("/resolve", {{"ref", "partner-framework#10.3"}, {"ref", "end-user-terms#5.p1"}, {"at", "2026-01-01"}});
  CHECK(r.status == 200);
  std::string text = text_of(r.body);
  CHECK(contains(text, "适用条款"));
  CHECK(contains(text, "依第二部分，本协议约定优先于最终用户条款"));
  // One field, a ref per line, as the form sends it.
  http::Response lines = repo.get("/resolve", {{"ref", "partner-framework#10.3\r\nend-user-terms#5.p1\r\n"}, {"at", "2026-01-01"}});
  CHECK(text_of(lines.body) == text);
  CHECK(repo.get("/resolve", {{"ref", "no-such-doc#1"}, {"at", "2026-01-01"}}).status == 404);
}

TEST_CASE("web: the period calculator moves the end past Spring Festival 2026", "[web]") {
  Repo repo;
  http::Response r = repo.get("/period", {{"start", "2026-01-15"}, {"length", "一个月"}});
  CHECK(r.status == 200);
  std::string text = text_of(r.body);
  CHECK(contains(r.body, "<dd class=\"last-day\">2026年2月24日</dd>"));
  CHECK(contains(r.body, "<dd class=\"effective\">2026年2月25日</dd>"));
  CHECK(contains(text, "春节"));
  CHECK(contains(text, "顺延跳过的休息日"));
  CHECK(contains(text, "2026年2月15日"));  // the nominal last day, a rest day skipped
}

TEST_CASE("web: a notice preview for a pasted or uploaded draft, as the formal letter", "[web]") {
  Repo repo;
  http::Response form = repo.get("/notice");
  CHECK(form.status == 200);
  CHECK(contains(form.body, "enctype=\"multipart/form-data\""));

  // The agreement in force on 2026-05-01, with a new cap and a shorter termination notice.
  std::string draft = replaced(revision_2026(), "最多 20 万人民币", "最多 50 万人民币");
  draft = replaced(draft, "应提前三十日向对方发出书面通知", "应提前十五日向对方发出书面通知");
  http::Request post;
  post.method = "POST";
  post.params = {{"draft", draft}, {"date", "2026-05-06"}};
  http::Response r = repo.send("/notice", post);
  INFO(text_of(r.body));
  CHECK(r.status == 200);
  std::string text = text_of(r.body);
  CHECK(contains(text, "关于修订《青云合作伙伴框架协议》的通知"));
  CHECK(contains(text, "尊敬的合作伙伴："));
  CHECK(contains(r.body, "<ins>"));
  CHECK(contains(text, "50 万人民币"));

  // The same as an uploaded file without front matter: imported as the agreement.
  http::Request upload;
  upload.method = "POST";
  upload.params = {{"date", "2026-05-06"}};
  std::string body = draft.substr(draft.find("---", 4) + 4);
  upload.files["file"] = {"修订稿.md", body};
  http::Response u = repo.send("/notice", upload);
  INFO(text_of(u.body));
  CHECK(u.status == 200);
  CHECK(contains(text_of(u.body), "50 万人民币"));

  // Nothing given: a clear 400.
  http::Request empty;
  empty.method = "POST";
  CHECK(repo.send("/notice", empty).status == 400);
}

TEST_CASE("web: the assets are served, /api is left to the API, a bare repository is read", "[web]") {
  Repo repo;
  http::Response css = repo.get("/static/style.css");
  CHECK(css.status == 200);
  CHECK(contains(css.content_type, "text/css"));
  CHECK(contains(css.body, "Noto Sans CJK SC"));
  CHECK(contains(repo.get("/static/site.js").content_type, "javascript"));
  http::Request api;
  api.path = "/api/ls";
  CHECK_FALSE(web::handle(repo.site, api));

  TempDir bare;
  std::string cmd = "git clone -q --bare " + quote(repo.dir.path) + " " + quote(bare.path / "docs.git");
  REQUIRE(std::system(cmd.c_str()) == 0);
  http::Site site;
  site.repository = bare.path / "docs.git";
  http::Request front;
  front.path = "/";
  front.params = {{"at", "2026-05-01"}};
  std::optional<http::Response> r = web::handle(site, front);
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(contains(text_of(r->body), "青云合作伙伴框架协议"));
}
