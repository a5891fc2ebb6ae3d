// Delivering a change notice to every partner: the partners file, one message
// per partner, SMTP to a real server on 127.0.0.1 (tests/smtp/sink.py), the
// committed delivery record, failures and --retry, STARTTLS, and each partner's
// period running from its delivery.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "lexgit/delivery.hpp"
#include "lexgit/store.hpp"
#include "support.hpp"

using namespace lexgit;
using lexgit::test::contains;
using lexgit::test::quote;
using lexgit::test::read_file;
using lexgit::test::run_cli;
using lexgit::test::TempDir;
using lexgit::test::write_file;

namespace {

const std::string kAuthor = "渠道管理部 <channel@qingcloud.example>";

// Ten partners as a channel team keeps them: full-width brackets, an ampersand
// (escaped in HTML), a tagged address, an upper-case domain, salutations given
// for some and left to the default for the others.
const std::string kPartners = R"(# 青云合作伙伴（送达名单）
- company: 北京云途科技有限公司
  contact: 张伟
  email: zhangwei@yuntu.example
- company: 上海数聚信息技术有限公司
  contact: 李娜
  email: lina@shujv.example
  salutation: 尊敬的李娜女士：
- company: 深圳市腾云&数据服务有限公司
  contact: 王强
  email: legal+notice@tengyun.example
- company: 杭州西溪网络有限公司
  contact: 欧阳娜娜
  email: ouyang@XIXI.example
- company: 成都天府云计算有限公司
  contact: 刘洋
  email: liuyang@tianfu.example
- company: 武汉光谷智算科技有限公司
  contact: 陈静
  email: chenjing@guanggu.example
- company: 南京紫金软件股份有限公司
  contact: 赵磊
  email: zhaolei@zijin.example
  salutation: 尊敬的赵总：
- company: 西安长安信息产业有限公司
  contact: 孙丽
  email: sunli@changan.example
- company: 广州（南沙）数据港有限公司
  contact: 周杰
  email: zhoujie@nansha.example
- company: 重庆两江云服务有限公司
  contact: 吴敏
  email: wumin@liangjiang.example
)";

std::string salutation_of(const std::string& company) {
  if (company == "上海数聚信息技术有限公司") return "尊敬的李娜女士：";
  if (company == "南京紫金软件股份有限公司") return "尊敬的赵总：";
  return "尊敬的" + company + "：";
}

// tests/smtp/sink.py on a free port of 127.0.0.1; stopped (stdin closed) when the test ends.
struct Sink {
  TempDir dir;
  FILE* control = nullptr;
  int port = 0;

  explicit Sink(const std::string& options = "") {
    std::string cmd = "/usr/bin/python3 " + quote(lexgit::test::source_dir() / "tests/smtp/sink.py") + " " + quote(dir.path) + " " + options +
                      " >" + quote(dir.path / "log") + " 2>&1";
    control = popen(cmd.c_str(), "w");
    REQUIRE(control);
    for (int i = 0; i < 300 && !std::filesystem::exists(dir.path / "port"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::string log = std::filesystem::exists(dir.path / "log") ? read_file(dir.path / "log") : "";
    INFO(log);
    REQUIRE(std::filesystem::exists(dir.path / "port"));
    port = std::stoi(read_file(dir.path / "port"));
  }
  ~Sink() { pclose(control); }

  void reject(const std::vector<std::string>& addresses) const {
    std::string list;
    for (const std::string& a : addresses) list += a + "\n";
    write_file(dir.path / "reject", list);
  }
  void accept_all() const { std::filesystem::remove(dir.path / "reject"); }

  // Every message received, decoded by tests/smtp/decode.py.
  nlohmann::json received() const {
    std::string out = (dir.path / "decoded.json").string();
    std::string cmd = "python3 " + quote(lexgit::test::source_dir() / "tests/smtp/decode.py") + " " + quote(dir.path) + " >" + out + " 2>" +
                      quote(dir.path / "decode.err");
    int rc = std::system(cmd.c_str());
    INFO(read_file(dir.path / "decode.err"));
    REQUIRE(WEXITSTATUS(rc) == 0);
    return nlohmann::json::parse(read_file(out));
  }
};

// A port on 127.0.0.1 that nothing listens on.
int closed_port() {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t length = sizeof addr;
  getsockname(s, reinterpret_cast<sockaddr*>(&addr), &length);
  close(s);
  return ntohs(addr.sin_port);
}

std::string smtp_config(int port, const std::string& extra = "    starttls: false\n") {
  return "notice:\n  from: \"渠道管理部 <channel@qingcloud.example>\"\n  to: partners@qingcloud.example\n  smtp:\n    host: 127.0.0.1\n    port: " +
         std::to_string(port) + "\n" + extra;
}

// A document repository: settings and partners, the agreement, and a revision
// raising the liability cap (published with its notice of 2026-12-25).
struct Repo {
  TempDir dir;
  std::string before, after;  // the two versions' commits

  explicit Repo(const std::string& config, const std::string& partners = kPartners) {
    Repository repo = Repository::init(dir.path);
    std::string agreement = lexgit::test::agreement();
    record(repo, {{".lexgit.yaml", config}, {"partners.yaml", partners}}, "通知设置与合作伙伴名单");
    before = record(repo, {{"partner-framework.md", agreement}}, "收录框架协议");
    lexgit::test::replace(agreement, "最多 10 万人民币", "最多 20 万人民币");
    lexgit::test::replace(agreement, "published: 2025-01-01", "published: 2026-12-25");
    lexgit::test::replace(agreement, "effective: 2025-01-01", "effective: 2027-01-26");
    after = record(repo, {{"partner-framework.md", agreement}}, "修订赔偿上限");
  }

  static std::string record(Repository& repo, std::map<std::string, std::string> files, const std::string& message) {
    Repository::CommitRequest request;
    request.files = std::move(files);
    request.message = message;
    request.author = kAuthor;
    return *repo.commit(request);
  }

  lexgit::test::Run notice(const std::string& args) const {
    return run_cli("-C " + quote(dir.path) + " notice --from " + before + " --to " + after + " --date 2026-12-25 " + args);
  }
  Repository git() const { return *Repository::discover(dir.path); }
  std::string head() const { return *git().head(); }
  std::vector<delivery::Delivery> record() const {
    auto yaml = git().file_at(head(), "notices/2026-12-25-partner-framework.delivery.yaml");
    REQUIRE(yaml);
    return delivery::parse_record(*yaml, "record");
  }
};

std::set<std::string> companies(const std::vector<delivery::Delivery>& record) {
  std::set<std::string> out;
  for (const auto& d : record) out.insert(d.company);
  return out;
}

std::map<std::string, std::string> ids_by_company(const std::vector<delivery::Delivery>& record) {
  std::map<std::string, std::string> out;
  for (const auto& d : record) out[d.company] = d.message_id;
  return out;
}

std::set<std::string> message_ids(const nlohmann::json& received) {
  std::set<std::string> out;
  for (const auto& m : received) out.insert(m["message_id"].get<std::string>());
  return out;
}

std::set<std::string> angle_bracketed(const std::vector<delivery::Delivery>& record) {
  std::set<std::string> out;
  for (const auto& d : record) out.insert("<" + d.message_id + ">");
  return out;
}

}  // namespace

TEST_CASE("the partners file is validated with the file and line of each problem", "[delivery]") {
  auto partners = delivery::load_partners(kPartners, "partners.yaml");
  REQUIRE(partners.size() == 10);
  CHECK(partners[0].salutation == "尊敬的北京云途科技有限公司：");
  CHECK(partners[1].salutation == "尊敬的李娜女士：");
  CHECK(partners[2].address == "legal+notice@tengyun.example");
  CHECK(partners[2].line == 9);

  auto error_of = [](const std::string& yaml) {
    try {
      delivery::load_partners(yaml, "partners.yaml");
    } catch (const Error& e) {
      return e.describe();
    }
    FAIL("expected an error");
    return std::string();
  };
  CHECK_THAT(error_of("- company: 北京云途科技有限公司\n  contact: 张伟\n- company: 上海数聚\n  contact: 李娜\n  email: lina@shujv.example\n"),
             Catch::StartsWith("partners.yaml:1: ") && Catch::Contains("北京云途科技有限公司") && Catch::Contains("missing email"));
  CHECK_THAT(error_of("- company: 北京云途科技有限公司\n  contact: 张伟\n  email: 张伟@云途\n"),
             Catch::StartsWith("partners.yaml:1: ") && Catch::Contains("'张伟@云途' is not an e-mail address"));
  CHECK_THAT(error_of("- company: 北京云途\n  contact: 张伟\n  email: \"张伟 <zhangwei@yuntu.example>\"\n"), Catch::Contains("is not an e-mail address"));
  CHECK_THAT(error_of("- company: 北京云途\n  contact: 张伟\n  email: zhangwei@yuntu.example\n"
                      "- company: 北京 云途\n  contact: 李娜\n  email: lina@yuntu.example\n"),
             Catch::StartsWith("partners.yaml:4: ") && Catch::Contains("listed twice (first at line 1)"));
  CHECK_THAT(error_of("- company: 北京云途\n  contact: 张伟\n  email: zhangwei@yuntu.example\n"
                      "- company: 上海数聚\n  contact: 李娜\n  email: ZhangWei@Yuntu.example\n"),
             Catch::StartsWith("partners.yaml:4: ") && Catch::Contains("address ZhangWei@Yuntu.example is listed twice"));
  CHECK_THAT(error_of("- company: 北京云途\n  contact: 张伟\n  mail: zhangwei@yuntu.example\n"),
             Catch::StartsWith("partners.yaml:3: ") && Catch::Contains("mail: unknown field"));
  CHECK_THAT(error_of("company: 北京云途\n"), Catch::Contains("expected a list of partners"));
}

TEST_CASE("the SMTP settings refuse a password kept in the repository", "[delivery]") {
  std::string yaml = "notice:\n  from: channel@qingcloud.example\n  smtp:\n    host: smtp.qingcloud.example\n    user: channel\n    password: 秘密123\n";
  try {
    notice::load_settings(yaml, ".lexgit.yaml");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK_THAT(e.describe(), Catch::StartsWith(".lexgit.yaml:6: notice.smtp.password:") && Catch::Contains("password_env"));
  }
  auto s = notice::load_settings("notice:\n  timezone: \"-0330\"\n  smtp:\n    host: smtp.qingcloud.example\n    password_env: LEXGIT_SMTP_PASSWORD\n",
                                 ".lexgit.yaml");
  CHECK(s.utc_offset_minutes == -210);
  REQUIRE(s.smtp);
  CHECK(s.smtp->port == 587);
  CHECK(s.smtp->starttls);  // STARTTLS unless turned off
  CHECK(s.smtp->verify);
  CHECK(s.smtp->password_env == "LEXGIT_SMTP_PASSWORD");
  CHECK_THROWS_WITH(notice::load_settings("notice:\n  timezone: 东八区\n", ".lexgit.yaml"), Catch::Contains("+0800"));
  CHECK_THROWS_WITH(notice::load_settings("notice:\n  smtp:\n    host: h\n    port: 七\n", ".lexgit.yaml"), Catch::Contains("port"));
}

TEST_CASE("each partner gets its own message: To the contact, the letter addressed to the company", "[delivery][eml]") {
  Repo repo(smtp_config(closed_port()));
  TempDir out;
  auto r = repo.notice("--format eml --each-partner " + quote(out.path / "mail"));
  INFO(r.err);
  REQUIRE(r.status == 0);
  auto partners = delivery::load_partners(kPartners, "partners.yaml");
  std::set<std::string> ids;
  for (const auto& p : partners) {
    std::filesystem::path file = out.path / "mail" / (p.address + ".eml");
    REQUIRE(std::filesystem::exists(file));
    std::string eml = read_file(file);
    CHECK(contains(eml, "X-Lexgit-To-Commit: " + repo.after));
    CHECK(contains(r.out, p.company));
  }
  CHECK(repo.notice("--format md --each-partner " + quote(out.path / "md")).status == 2);
  CHECK_FALSE(std::filesystem::exists(out.path / "md"));
}

TEST_CASE("send delivers the notice to ten partners over SMTP and commits the delivery record", "[delivery][smtp]") {
  Sink sink;
  Repo repo(smtp_config(sink.port));
  auto partners = delivery::load_partners(kPartners, "partners.yaml");

  // Before sending: every partner's period assumed to run from the notice date.
  auto before = nlohmann::json::parse(repo.notice("--format json").out);
  REQUIRE(before["partners"].size() == 10);
  for (const auto& p : before["partners"]) {
    CHECK(p["delivered"].is_null());
    CHECK(p["delivery_day"] == "2026-12-25");
    CHECK(p["effective"] == before["effective"]);
  }

  std::string tip = repo.head();
  auto r = repo.notice("--send");
  INFO(r.err);
  REQUIRE(r.status == 0);
  auto received = sink.received();
  REQUIRE(received.size() == 10);
  for (std::size_t i = 0; i < partners.size(); ++i) {
    const auto& m = received[i];
    const auto& p = partners[i];
    INFO(p.company);
    CHECK(m["envelope_to"] == nlohmann::json::array({p.address}));
    CHECK(m["envelope_from"] == "channel@qingcloud.example");
    CHECK(m["to_addr"] == p.address);
    CHECK(m["to_name"] == p.contact);
    CHECK(m["subject"] == "关于修订《青云合作伙伴框架协议》的通知");
    CHECK_THAT(m["date"].get<std::string>(), Catch::EndsWith("+0800"));
    CHECK(m["x_from_commit"] == repo.before);
    CHECK(m["x_to_commit"] == repo.after);
    CHECK(m["defects"] == 0);
    std::string text = m["text"];
    CHECK(contains(text, salutation_of(p.company) + "\n"));
    CHECK_FALSE(contains(text, "尊敬的合作伙伴"));
    CHECK(contains(text, "20 万人民币"));
    for (const std::string& visible : {text, m["html"].get<std::string>()}) {
      CHECK_FALSE(contains(visible, repo.before.substr(0, 7)));
      CHECK_FALSE(contains(visible, repo.after.substr(0, 7)));
    }
    CHECK_FALSE(contains(text, "<del>"));
    CHECK_FALSE(contains(text, "<ins>"));
  }
  CHECK(contains(received[2]["html"].get<std::string>(), "尊敬的深圳市腾云&amp;数据服务有限公司："));

  CHECK(repo.git().resolve("HEAD~1") == tip);  // one commit
  auto record = repo.record();
  REQUIRE(record.size() == 10);
  CHECK(angle_bracketed(record) == message_ids(received));
  for (const auto& d : record) {
    CHECK(d.reply == "250 2.0.0 Message accepted for delivery");
    CHECK_THAT(d.time, Catch::EndsWith("+08:00"));
  }
  CHECK(read_file(repo.dir.path / "notices/2026-12-25-partner-framework.delivery.yaml") ==
        *repo.git().file_at(repo.head(), "notices/2026-12-25-partner-framework.delivery.yaml"));

  // After: each partner's period runs from its day of delivery.
  auto after = nlohmann::json::parse(repo.notice("--format json").out);
  for (const auto& p : after["partners"]) {
    REQUIRE(p["delivered"].is_string());
    std::string day = p["delivered"].get<std::string>().substr(0, 10);
    CHECK(p["delivery_day"] == day);
    CHECK(p["effective"] == text::format_iso(period::compute(*parse_iso_date(day), {1, text::Unit::Month}).effective));
  }

  // Sending again is refused: nothing sent, nothing committed.
  std::string delivered_tip = repo.head();
  auto again = repo.notice("--send");
  CHECK(again.status == 3);
  CHECK_THAT(again.err, Catch::Contains("already delivered to 10 partners") && Catch::Contains("--retry"));
  CHECK(sink.received().size() == 10);
  CHECK(repo.head() == delivered_tip);
}

TEST_CASE("failed deliveries are reported and never recorded, and --retry sends only to them", "[delivery][smtp]") {
  Sink sink;
  Repo repo(smtp_config(sink.port));
  sink.reject({"legal+notice@tengyun.example", "zhoujie@nansha.example"});
  std::string tip = repo.head();

  auto r = repo.notice("--send");
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Catch::Contains("深圳市腾云&数据服务有限公司 <legal+notice@tengyun.example>") && Catch::Contains("550 5.1.1"));
  CHECK_THAT(r.err, Catch::Contains("广州（南沙）数据港有限公司"));
  CHECK(sink.received().size() == 8);
  CHECK(repo.git().resolve("HEAD~1") == tip);
  auto first = repo.record();
  REQUIRE(first.size() == 8);
  CHECK_FALSE(companies(first).count("深圳市腾云&数据服务有限公司"));
  CHECK_FALSE(companies(first).count("广州（南沙）数据港有限公司"));

  sink.accept_all();
  auto retry = repo.notice("--send --retry");
  INFO(retry.err);
  REQUIRE(retry.status == 0);
  auto received = sink.received();
  REQUIRE(received.size() == 10);  // the two, and no second message to the eight
  CHECK(received[8]["to_addr"] == "legal+notice@tengyun.example");
  CHECK(received[9]["to_addr"] == "zhoujie@nansha.example");
  auto all = repo.record();
  REQUIRE(all.size() == 10);
  for (const auto& [company, id] : ids_by_company(first)) CHECK(ids_by_company(all)[company] == id);
  CHECK(angle_bracketed(all) == message_ids(received));
  CHECK(repo.git().resolve("HEAD~2") == tip);

  auto nothing_left = repo.notice("--send --retry");
  CHECK(nothing_left.status == 0);
  CHECK_THAT(nothing_left.out, Catch::Contains("nothing was sent"));
  CHECK(sink.received().size() == 10);
}

TEST_CASE("a server that is not there: every partner reported, nothing recorded", "[delivery][smtp]") {
  Repo repo(smtp_config(closed_port()));
  std::string tip = repo.head();
  auto r = repo.notice("--send");
  CHECK(r.status == 1);
  CHECK_THAT(r.err, Catch::Contains("北京云途科技有限公司 <zhangwei@yuntu.example>") && Catch::Contains("onnect"));
  CHECK(repo.head() == tip);
  CHECK_FALSE(repo.git().file_at(repo.head(), "notices/2026-12-25-partner-framework.delivery.yaml"));
}

TEST_CASE("STARTTLS with a password from the environment, the certificate checked unless verify is off", "[delivery][smtp][tls]") {
  TempDir certs;
  std::string openssl = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout " + quote(certs.path / "key.pem") +
                        " -out " + quote(certs.path / "cert.pem") + " >/dev/null 2>&1";
  REQUIRE(std::system(openssl.c_str()) == 0);
  Sink sink("--tls " + quote(certs.path / "cert.pem") + " " + quote(certs.path / "key.pem") + " --auth channel:口令-2026");
  std::string two = "- company: 北京云途科技有限公司\n  contact: 张伟\n  email: zhangwei@yuntu.example\n"
                    "- company: 上海数聚信息技术有限公司\n  contact: 李娜\n  email: lina@shujv.example\n";
  std::string login = "    user: channel\n    password_env: LEXGIT_TEST_SMTP_PASSWORD\n";

  unsetenv("LEXGIT_TEST_SMTP_PASSWORD");
  Repo checked(smtp_config(sink.port, login), two);
  auto no_password = checked.notice("--send");
  CHECK(no_password.status == 2);
  CHECK_THAT(no_password.err, Catch::Contains("LEXGIT_TEST_SMTP_PASSWORD"));

  setenv("LEXGIT_TEST_SMTP_PASSWORD", "口令-2026", 1);
  auto refused = checked.notice("--send");  // self-signed: refused by default
  CHECK(refused.status == 1);
  CHECK(sink.received().empty());

  Repo unchecked(smtp_config(sink.port, login + "    verify: false\n"), two);
  auto r = unchecked.notice("--send");
  INFO(r.err);
  CHECK(r.status == 0);
  CHECK(sink.received().size() == 2);
  CHECK(unchecked.record().size() == 2);

  unsetenv("LEXGIT_TEST_SMTP_PASSWORD");
}
