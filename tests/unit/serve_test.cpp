// lexgit serve: the JSON API answers the CLI's --format json for the same
// arguments (handler level, on a temporary repository), its errors, publishing
// from the web, and the server itself through the binary — over a bare
// repository served by git daemon, seeing pushes without a restart.
#include <signal.h>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "lexgit/api.hpp"
#include "lexgit/serve.hpp"
#include "lexgit/store.hpp"
#include "support.hpp"

using namespace lexgit;
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

const std::string kAuthor = "渠道管理部 <channel@qingcloud.example>";
const std::string kConfig = "notice:\n  from: \"渠道管理部 <channel@qingcloud.example>\"\n  to: \"partners@qingcloud.example\"\n";
const std::string kToken = "s3cret-令牌-0123456789";

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  lexgit::test::replace(s, from, to);
  return s;
}

// Rules numbered by article, one inserted as 第十二条之一 (an article added
// between 十二 and 十三 without renumbering), its text holding markup.
std::string rules() {
  return "---\nid: deal-registration\ntitle: 青云商机报备规则\nkind: normative\nclass: partner-rules\npublished: 2025-02-01\n---\n\n"
         "# 青云商机报备规则\n\n"
         "第十一条 合作伙伴应当在首次拜访客户后五个工作日内报备商机。\n\n"
         "第十二条 报备的商机有效期为九十日。\n\n"
         "第十二条之一 商机有效期届满前三十日内，合作伙伴可以申请延期一次；<script>alert(1)</script>不作为延期理由。\n\n"
         "第十三条 本规则自发布之日起施行。\n";
}

std::string revision(const std::string& agreement) {
  std::string s = replaced(agreement, "published: 2025-01-01", "published: 2026-12-25");
  s = replaced(s, "effective: 2025-01-01", "effective: 2027-01-26");
  return replaced(s, "最多 10 万人民币", "最多 20 万人民币");
}

// A document repository: settings, the agreement (2025), the end-user terms,
// article-numbered rules, and a revision of the agreement published 2026-12-25.
struct ApiRepo {
  TempDir dir;
  http::Site site;

  ApiRepo() {
    lexgit::test::init_with_settings(dir.path, kConfig, kAuthor);
    write_file(dir.path / "partner-framework.md", lexgit::test::agreement());
    write_file(dir.path / "end-user-terms.md", lexgit::test::corpus_file("samples/end-user-terms.md"));
    write_file(dir.path / "deal-registration.md", rules());
    commit("partner-framework.md end-user-terms.md deal-registration.md", "收录框架协议、最终用户条款和商机报备规则");
    write_file(dir.path / "partner-framework.md", revision(lexgit::test::agreement()));
    commit("partner-framework.md", "修订赔偿上限");
    site.repository = dir.path;
  }

  void commit(const std::string& files, const std::string& message) const {
    Run r = run_cli(lexgit::test::in(dir) + "commit " + files + " -m '" + message + "' --author '" + kAuthor + "'");
    INFO(r.err);
    REQUIRE(r.status == 0);
  }

  // The CLI's JSON for `args` (shell-quoted) in this repository.
  nlohmann::json cli(const std::string& args) const {
    Run r = run_cli(lexgit::test::in(dir) + args + " --format json");
    INFO(args << "\n" << r.err);
    REQUIRE(r.status == 0);
    return nlohmann::json::parse(r.out);
  }

  http::Response get(const std::string& path, std::vector<std::pair<std::string, std::string>> params = {}) const {
    http::Request req;
    req.path = path;
    req.params = std::move(params);
    auto r = api::handle(site, req);
    REQUIRE(r);
    return *r;
  }

  nlohmann::json api(const std::string& path, std::vector<std::pair<std::string, std::string>> params = {}) const {
    http::Response r = get(path, std::move(params));
    INFO(path << "\n" << r.body);
    REQUIRE(r.status == 200);
    CHECK(r.content_type == "application/json; charset=utf-8");
    return nlohmann::json::parse(r.body);
  }

  std::string head() const { return Repository::discover(dir.path)->resolve("HEAD"); }
};

}  // namespace

TEST_CASE("the API's ls, outline and show answer the CLI's JSON for the same arguments", "[serve]") {
  ApiRepo repo;
  CHECK(repo.api("/api/ls", {{"at", "2026-06-01"}}) == repo.cli("ls --at 2026-06-01"));
  nlohmann::json ls = repo.api("/api/ls", {{"at", "2027-01-01"}});
  CHECK(ls == repo.cli("ls --at 2027-01-01"));
  REQUIRE(ls.size() == 4);  // three documents in force and the agreement's revision, published, pending
  CHECK(ls[3]["pending"] == true);
  CHECK(repo.api("/api/ls", {{"rev", "HEAD~1"}}) == repo.cli("ls --rev HEAD~1"));
  CHECK(repo.api("/api/outline/partner-framework", {{"at", "2026-06-01"}}) == repo.cli("outline partner-framework --at 2026-06-01"));
  CHECK(repo.api("/api/outline/partner-framework", {{"rev", "HEAD"}}) == repo.cli("outline partner-framework --rev HEAD"));
  nlohmann::json shown = repo.api("/api/show/partner-framework#11.2", {{"at", "2027-02-01"}});
  CHECK(shown == repo.cli("show partner-framework#11.2 --at 2027-02-01"));
  CHECK(shown["ref"] == "partner-framework#11.2");
  // DOC/ID stands for DOC#ID: a browser never sends what follows a '#'.
  CHECK(repo.api("/api/show/partner-framework/11.2", {{"at", "2027-02-01"}}) == shown);
}

TEST_CASE("the API reads Chinese refs: a citation like 第七部分第二款 and an article 第十二条之一", "[serve]") {
  ApiRepo repo;
  // What cpp-httplib's decoding and parse_query give for the URL-encoded refs.
  auto fields = serve::parse_query("ref=partner-framework%23%E7%AC%AC%E4%B8%83%E9%83%A8%E5%88%86%E7%AC%AC%E4%BA%8C%E6%AC%BE&ref=deal-registration%23%E7%AC%AC%E5%8D%81%E4%BA%8C%E6%9D%A1%E4%B9%8B%E4%B8%80&at=2026-06-01");
  REQUIRE(fields.size() == 3);
  CHECK(fields[0] == std::pair<std::string, std::string>{"ref", "partner-framework#第七部分第二款"});
  CHECK(fields[1] == std::pair<std::string, std::string>{"ref", "deal-registration#第十二条之一"});
  nlohmann::json seven = repo.api("/api/show/partner-framework#第七部分第二款", {{"at", "2026-06-01"}});
  CHECK(seven == repo.cli("show 'partner-framework#第七部分第二款' --at 2026-06-01"));
  CHECK(seven["ref"] == "partner-framework#7.p2");
  nlohmann::json article = repo.api("/api/show/deal-registration/第十二条之一");
  CHECK(article == repo.cli("show 'deal-registration#第十二条之一'"));
  CHECK(repo.api("/api/log/deal-registration#第十二条之一") == repo.cli("log 'deal-registration#第十二条之一'"));
}

TEST_CASE("the API's log of a document and of a clause answer the CLI's JSON", "[serve]") {
  ApiRepo repo;
  nlohmann::json log = repo.api("/api/log/partner-framework");
  CHECK(log == repo.cli("log partner-framework"));
  REQUIRE(log.size() == 2);
  CHECK(log[0]["message"] == "修订赔偿上限");
  CHECK(repo.api("/api/log/partner-framework#11.2", {{"at", "2027-02-01"}}) == repo.cli("log partner-framework#11.2 --at 2027-02-01"));
  CHECK(repo.api("/api/log/partner-framework/11.2", {{"rev", "HEAD"}}) == repo.cli("log partner-framework#11.2 --rev HEAD"));
}

TEST_CASE("the API's diff, resolve and which answer the CLI's JSON", "[serve]") {
  ApiRepo repo;
  nlohmann::json diff = repo.api("/api/diff", {{"from", "HEAD~1"}, {"to", "HEAD"}});
  CHECK(diff == repo.cli("diff HEAD~1 HEAD"));
  CHECK_THAT(diff.dump(), Catch::Contains("20 万人民币"));
  CHECK(repo.api("/api/diff", {{"from", "2026-06-01"}, {"to", "2027-02-01"}, {"doc", "partner-framework"}, {"doc", "end-user-terms"}}) ==
        repo.cli("diff 2026-06-01 2027-02-01 partner-framework end-user-terms"));
  // Labels in the reader's language, as --lang gives them.
  CHECK(repo.api("/api/diff", {{"from", "2026-06-01"}, {"to", "2027-02-01"}, {"lang", "en"}}) ==
        repo.cli("--lang en diff 2026-06-01 2027-02-01"));
  nlohmann::json resolved = repo.api("/api/resolve", {{"ref", "partner-framework#11.2"}, {"ref", "end-user-terms#1"}, {"at", "2026-06-01"}});
  CHECK(resolved == repo.cli("resolve partner-framework#11.2 end-user-terms#1 --at 2026-06-01"));
  CHECK(repo.api("/api/which", {{"q", "终止本协议需要提前多久通知？"}, {"at", "2026-06-01"}, {"k", "3"}}) ==
        repo.cli("which '终止本协议需要提前多久通知？' --at 2026-06-01 -k 3"));
}

TEST_CASE("the API's period and notice answer the CLI's JSON", "[serve]") {
  ApiRepo repo;
  CHECK(repo.api("/api/period", {{"start", "2026-01-31"}, {"length", "一个月"}}) ==
        repo.cli("period --start 2026-01-31 --length 一个月"));
  CHECK(repo.api("/api/period", {{"start", "2026年9月30日"}, {"length", "十五个工作日"}}) ==
        repo.cli("period --start 2026年9月30日 --length 十五个工作日"));
  nlohmann::json notice = repo.api("/api/notice", {{"from", "HEAD~1"}, {"to", "HEAD"}, {"date", "2026-12-25"}});
  CHECK(notice == repo.cli("notice --from HEAD~1 --to HEAD --date 2026-12-25"));
  CHECK_THAT(notice.dump(), Catch::Contains("20 万人民币"));
}

TEST_CASE("API errors are the CLI's errors as JSON, the exit status mapped to the HTTP status", "[serve]") {
  ApiRepo repo;
  auto error_of = [&](const std::string& path, std::vector<std::pair<std::string, std::string>> params, int status) {
    http::Response r = repo.get(path, std::move(params));
    INFO(path << " " << r.body);
    CHECK(r.status == status);
    CHECK(r.content_type == "application/json; charset=utf-8");
    return nlohmann::json::parse(r.body)["error"];
  };
  nlohmann::json unknown = error_of("/api/outline/partner-framwork", {}, 404);
  Run cli = run_cli(lexgit::test::in(repo.dir) + "outline partner-framwork --format json");
  CHECK(cli.status == 3);
  CHECK(cli.err == "lexgit: " + unknown["message"].get<std::string>() + "\n");
  CHECK(unknown["code"] == "not-found");
  CHECK(unknown["exit_status"] == 3);
  CHECK_THAT(unknown["message"].get<std::string>(), Catch::Contains("did you mean 'partner-framework'"));

  nlohmann::json bad_date = error_of("/api/ls", {{"at", "2026-02-30"}}, 400);
  CHECK(bad_date["code"] == "usage");
  CHECK_THAT(bad_date["message"].get<std::string>(), Catch::Contains("'2026-02-30' is not a date"));
  CHECK(error_of("/api/show/partner-framework#99.9", {}, 404)["code"] == "not-found");
  CHECK(error_of("/api/resolve", {}, 400)["code"] == "usage");
  CHECK(error_of("/api/which", {{"q", "终止"}, {"k", "0"}}, 400)["code"] == "usage");
  CHECK(error_of("/api/period", {{"start", "2026-01-31"}, {"length", "三小时"}}, 400)["code"] == "usage");
  // A side or a document naming a file of the server is refused: the API reads revisions and dates.
  CHECK_THAT(error_of("/api/diff", {{"from", "/etc/passwd"}, {"to", "HEAD"}}, 400)["message"].get<std::string>(),
             Catch::Contains("names a file"));
  CHECK(error_of("/api/diff", {{"from", "partner-framework.md"}, {"to", "HEAD"}}, 400)["code"] == "usage");
  CHECK(error_of("/api/outline/partner-framework.md", {}, 400)["code"] == "usage");

  // Each error code's status; a file and line travel with the error.
  CHECK(api::error_response(Error(ErrorCode::Conflict, "main moved")).status == 409);
  CHECK(api::error_response(Error(ErrorCode::Internal, "libgit2 failed")).status == 500);
  nlohmann::json located = api::error_json(Error(ErrorCode::BadInput, "no front matter", {"合作协议.md", 3}));
  CHECK(located["error"]["file"] == "合作协议.md");
  CHECK(located["error"]["line"] == 3);
  CHECK(http::status_of(ErrorCode::BadInput) == 400);
}

TEST_CASE("an unknown API path is a 404 JSON, and paths outside /api/ are left to the other handlers", "[serve]") {
  ApiRepo repo;
  http::Response r = repo.get("/api/governs");
  CHECK(r.status == 404);
  CHECK_THAT(nlohmann::json::parse(r.body)["error"]["message"].get<std::string>(), Catch::Contains("/api/ls"));
  http::Request page;
  page.path = "/docs/partner-framework";
  CHECK_FALSE(api::handle(repo.site, page));
  http::Request post;
  post.method = "POST";
  post.path = "/api/ls";
  CHECK(api::handle(repo.site, post)->status == 400);
}

TEST_CASE("the query string keeps repeated fields in order and decodes percent escapes and plus signs", "[serve]") {
  auto fields = serve::parse_query("ref=b%231&at=2026-01-01&ref=a%232&q=%E7%BB%88%E6%AD%A2+%E9%80%9A%E7%9F%A5&empty&bad=%E4%");
  REQUIRE(fields.size() == 6);
  CHECK(fields[0].second == "b#1");
  CHECK(fields[2] == std::pair<std::string, std::string>{"ref", "a#2"});
  CHECK(fields[3].second == "终止 通知");
  CHECK(fields[4] == std::pair<std::string, std::string>{"empty", ""});
  CHECK(fields[5].second == "\xE4%");  // a broken escape is kept as it is
  http::Request req;
  req.params = fields;
  CHECK(req.params_named("ref") == std::vector<std::string>{"b#1", "a#2"});
}

TEST_CASE("tokens are compared whole: a prefix, a longer token or an empty one never matches", "[serve]") {
  CHECK(api::same_token(kToken, kToken));
  CHECK_FALSE(api::same_token(kToken.substr(0, 5), kToken));
  CHECK_FALSE(api::same_token(kToken + "x", kToken));
  CHECK_FALSE(api::same_token("", ""));
  CHECK_FALSE(api::same_token("s3cret-令牌-0123456780", kToken));
}

namespace {

std::string next_version() { return replaced(revision(lexgit::test::agreement()), "最多 20 万人民币", "最多 30 万人民币"); }

http::Request publish_request(const std::string& authorization, bool dry_run) {
  http::Request req;
  req.method = "POST";
  req.path = "/api/publish";
  req.params = {{"notice_date", "2027-03-01"}, {"author", kAuthor}};
  if (dry_run) req.params.emplace_back("dry_run", "1");
  if (!authorization.empty()) req.headers["authorization"] = authorization;
  req.content_type = "text/markdown; charset=utf-8";
  req.body = next_version();
  return req;
}

}  // namespace

TEST_CASE("publishing from the web is refused on a read-only server, without the token and with a wrong one", "[serve][publish]") {
  ApiRepo repo;
  std::string head = repo.head();
  auto refused = [&](const http::Site& site, const std::string& authorization, const std::string& why) {
    auto r = api::handle(site, publish_request(authorization, false));
    REQUIRE(r);
    CHECK(r->status == 403);
    CHECK_THAT(nlohmann::json::parse(r->body)["error"]["message"].get<std::string>(), Catch::Contains(why));
  };
  refused(repo.site, "Bearer " + kToken, "read-only");
  http::Site open = repo.site;
  open.allow_publish = true;
  open.publish_token = kToken;
  refused(open, "", "Authorization: Bearer");
  refused(open, "Bearer " + kToken.substr(0, kToken.size() - 1), "wrong");
  refused(open, "Basic " + kToken, "Authorization: Bearer");
  http::Site no_token = open;
  no_token.publish_token.clear();
  refused(no_token, "Bearer ", "LEXGIT_SERVE_TOKEN");
  CHECK(repo.head() == head);
}

TEST_CASE("publishing from the web with the token records the draft as lexgit publish does, after a dry run", "[serve][publish]") {
  ApiRepo repo;
  http::Site open = repo.site;
  open.allow_publish = true;
  open.publish_token = kToken;
  std::string head = repo.head();
  auto dry = api::handle(open, publish_request("Bearer " + kToken, true));
  REQUIRE(dry);
  INFO(dry->body);
  REQUIRE(dry->status == 200);
  nlohmann::json preview = nlohmann::json::parse(dry->body);
  CHECK(preview["commit"].is_null());
  CHECK(preview["notice_path"] == "notices/2027-03-01-partner-framework.md");
  CHECK(repo.head() == head);

  auto done = api::handle(open, publish_request("Bearer " + kToken, false));
  REQUIRE(done);
  INFO(done->body);
  REQUIRE(done->status == 201);
  nlohmann::json published = nlohmann::json::parse(done->body);
  CHECK(published["commit"] == repo.head());
  CHECK(Repository::discover(repo.dir.path)->resolve("HEAD~1") == head);
  std::optional<Repository> git = Repository::discover(repo.dir.path);
  auto recorded = git->file_at(repo.head(), "partner-framework.md");
  REQUIRE(recorded);
  CHECK_THAT(*recorded, Catch::Contains("最多 30 万人民币") && Catch::Contains("published: 2027-03-01"));
  CHECK(git->file_at(repo.head(), "notices/2027-03-01-partner-framework.md") == published["notice_text"].get<std::string>());
  CHECK(read_file(repo.dir.path / "partner-framework.md") == *recorded);  // the work tree follows
  // What the API now answers shows the publication.
  CHECK(repo.api("/api/log/partner-framework")[0]["commit"] == repo.head());

  // Another draft with a notice the same day: the library's refusal, as JSON.
  http::Request second = publish_request("Bearer " + kToken, false);
  second.body = replaced(second.body, "最多 30 万人民币", "最多 40 万人民币");
  auto again = api::handle(open, second);
  CHECK(again->status == 400);
  CHECK_THAT(again->body, Catch::Contains("already exists"));
}

TEST_CASE("publishing into a bare repository is refused with a clear message, nothing written", "[serve][publish]") {
  ApiRepo repo;
  TempDir bare_root;
  fs::path bare = bare_root.path / "partners.git";
  REQUIRE(std::system(("git clone -q --bare " + quote(repo.dir.path) + " " + quote(bare)).c_str()) == 0);
  http::Site site{bare, true, kToken, Language::Zh};
  std::string head = Repository::discover(bare)->resolve("HEAD");
  auto r = api::handle(site, publish_request("Bearer " + kToken, false));
  REQUIRE(r);
  CHECK(r->status == 400);
  CHECK_THAT(r->body, Catch::Contains("bare"));
  CHECK(Repository::discover(bare)->resolve("HEAD") == head);
  // Reading works on the bare repository as on its clone.
  http::Request ls;
  ls.path = "/api/log/partner-framework";
  auto log = api::handle(site, ls);
  REQUIRE(log);
  CHECK(log->status == 200);
  CHECK(nlohmann::json::parse(log->body) == repo.cli("log partner-framework"));
}

// ---- through the binary --------------------------------------------------------

namespace {

bool alive(pid_t pid) { return ::kill(pid, 0) == 0; }

// `lexgit serve --port 0` started in the background in `dir`; the port is read
// from the line it prints. Stopped with SIGTERM (by its pid) at the end.
struct Server {
  TempDir logs;
  pid_t pid = 0;
  int port = 0;

  explicit Server(const fs::path& dir, const std::string& options = "", const std::string& env = "") {
    fs::path out = logs.path / "out", err = logs.path / "err", pid_file = logs.path / "pid";
    std::string cmd = env + " " + std::string(LEXGIT_CLI) + " -C " + quote(dir) + " serve --port 0 " + options + " >" + quote(out) +
                      " 2>" + quote(err) + " </dev/null & echo $! >" + quote(pid_file);
    REQUIRE(std::system(cmd.c_str()) == 0);  // the shell starts it in the background and returns
    pid = std::stoi(read_file(pid_file));
    for (int wait = 0; wait < 250 && port == 0 && alive(pid); ++wait) {
      std::string printed = fs::exists(out) ? read_file(out) : std::string();  // the shell may not have opened it yet
      if (auto at = printed.find("http://127.0.0.1:"); at != std::string::npos && printed.find('\n', at) != std::string::npos)
        port = std::stoi(printed.substr(at + 17));
      else std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  ~Server() {
    if (pid > 0 && alive(pid)) ::kill(pid, SIGTERM);
  }
  std::string out() const { return fs::exists(logs.path / "out") ? read_file(logs.path / "out") : std::string(); }
  std::string err() const { return fs::exists(logs.path / "err") ? read_file(logs.path / "err") : std::string(); }

  // curl's answer: the body, then the status on a last line; `extra` adds options.
  std::pair<int, std::string> get(const std::string& target, const std::string& extra = "") const {
    Run r = sh("curl -s -g -w '\\n%{http_code}' " + extra + " " + quote("http://127.0.0.1:" + std::to_string(port) + target));
    REQUIRE(r.status == 0);
    auto nl = r.out.rfind('\n');
    return {std::stoi(r.out.substr(nl + 1)), r.out.substr(0, nl)};
  }
  nlohmann::json json(const std::string& target) const {
    auto [status, body] = get(target);
    INFO(target << "\n" << body);
    REQUIRE(status == 200);
    return nlohmann::json::parse(body);
  }
  bool stop() {
    REQUIRE(pid > 0);
    ::kill(pid, SIGTERM);
    for (int wait = 0; wait < 250 && alive(pid); ++wait) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return !alive(pid);
  }
};

}  // namespace

TEST_CASE("the serve process sees the pushes to a bare repository served by git daemon", "[serve][e2e]") {
  ApiRepo seed;
  TempDir root;
  fs::path bare = root.path / "partners.git";
  REQUIRE(sh("git clone -q --bare " + quote(seed.dir.path) + " " + quote(bare)).status == 0);
  lexgit::test::GitDaemon daemon(root.path);

  Server server(bare);
  INFO(server.err());
  REQUIRE(server.port > 0);
  CHECK(contains(server.out(), "(只读)"));
  nlohmann::json before = server.json("/api/log/deal-registration");
  CHECK(before.size() == 1);
  CHECK(server.json("/api/ls?at=2026-06-01").size() == 3);

  // A clone pushes a revision of the rules and a new document through git daemon.
  fs::path clone = root.path / "clone";
  REQUIRE(sh("git clone -q " + daemon.url("partners.git") + " " + quote(clone)).status == 0);
  write_file(clone / "deal-registration.md",
             replaced(replaced(rules(), "published: 2025-02-01", "published: 2026-03-01"), "有效期为九十日", "有效期为一百二十日"));
  write_file(clone / "rebate-policy-online.md", lexgit::test::corpus_file("samples/rebate-policy-online.md"));
  Run committed = run_cli("-C " + quote(clone) + " commit deal-registration.md rebate-policy-online.md -m '商机有效期延长' --author '" +
                          kAuthor + "'");
  INFO(committed.err);
  REQUIRE(committed.status == 0);
  REQUIRE(sh("git -C " + quote(clone) + " push -q origin HEAD").status == 0);

  // The same server process answers with the push.
  nlohmann::json after = server.json("/api/log/deal-registration");
  REQUIRE(after.size() == 2);
  CHECK(after[0]["message"] == "商机有效期延长");
  nlohmann::json ls = server.json("/api/ls?at=2026-06-01");
  CHECK(ls.size() == 4);
  CHECK(ls == nlohmann::json::parse(run_cli("-C " + quote(bare) + " ls --at 2026-06-01 --format json").out));
  // A Chinese REF sent URL-encoded in the path.
  nlohmann::json article = server.json("/api/show/deal-registration%23%E7%AC%AC%E5%8D%81%E4%BA%8C%E6%9D%A1");
  CHECK_THAT(article["text"].get<std::string>(), Catch::Contains("一百二十日"));
  CHECK(server.stop());
  CHECK_THAT(server.err(), Catch::Contains("GET /api/log/deal-registration 200 "));
}

TEST_CASE("the server sends security headers, refuses oversized bodies with 413, and stops on SIGTERM", "[serve][e2e]") {
  ApiRepo repo;
  Server server(repo.dir.path);
  INFO(server.err());
  REQUIRE(server.port > 0);
  Run headers = sh("curl -s -D - -o /dev/null " + quote("http://127.0.0.1:" + std::to_string(server.port) + "/nowhere"));
  CHECK_THAT(headers.out, Catch::Contains("404") && Catch::Contains("X-Content-Type-Options: nosniff") &&
                              Catch::Contains("Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'") &&
                              Catch::Contains("Referrer-Policy: no-referrer"));
  TempDir big;
  write_file(big.path / "draft.md", std::string(9u << 20, 'x'));
  auto [status, body] = server.get("/api/publish", "-X POST -H 'Content-Type: text/markdown' --data-binary @" + quote(big.path / "draft.md"));
  CHECK(status == 413);
  auto [read_only, refusal] = server.get("/api/publish?notice_date=2027-03-01", "-X POST -H 'Content-Type: text/markdown' --data-binary x");
  CHECK(read_only == 403);
  CHECK_THAT(refusal, Catch::Contains("read-only"));
  CHECK(server.stop());
}

TEST_CASE("serve refuses to start with --allow-publish and no token, and on a port that is taken", "[serve][e2e]") {
  ApiRepo repo;
  Run no_token = run_cli("-C " + quote(repo.dir.path) + " serve --port 0 --allow-publish");
  CHECK(no_token.status == 2);
  CHECK_THAT(no_token.err, Catch::Contains("LEXGIT_SERVE_TOKEN"));

  Server first(repo.dir.path, "--allow-publish", "LEXGIT_SERVE_TOKEN=" + quote(kToken));
  INFO(first.err());
  REQUIRE(first.port > 0);
  CHECK(contains(first.out(), "(可发布)"));
  Run taken = run_cli("-C " + quote(repo.dir.path) + " serve --port " + std::to_string(first.port));
  CHECK(taken.status == 2);
  CHECK_THAT(taken.err, Catch::Contains("cannot listen on 127.0.0.1:" + std::to_string(first.port)));
  // A draft uploaded as a form's file, published through HTTP with the token (a dry run).
  TempDir upload;
  write_file(upload.path / "新版协议.md", next_version());
  auto [status, body] = first.get("/api/publish", "-X POST -H 'Authorization: Bearer " + kToken +
                                                      "' -F notice_date=2027-03-01 -F dry_run=1 -F " +
                                                      quote("draft=@" + (upload.path / "新版协议.md").string()));
  INFO(body);
  CHECK(status == 200);
  nlohmann::json preview = nlohmann::json::parse(body);
  CHECK(preview["commit"].is_null());
  CHECK_THAT(preview["notice_text"].get<std::string>(), Catch::Contains("30 万人民币"));
}
