// lexgit which: retrieval over the clauses in force, the subject rule, and the
// incremental index in the cache.
#include <functional>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "lexgit/store.hpp"
#include "lexgit/which.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using lexgit::test::run_cli;
using lexgit::test::TempDir;
using nlohmann::json;

namespace {

const std::string kAuthor = "测试 <test@example.com>";
const std::string kTermination = "终止本协议需要提前多久通知？";
const std::string kRebate = "返利比例是多少";
const std::string kEngineers = "合作伙伴需要配备的认证工程师人数是多少";

std::string quote(const fs::path& p) { return "'" + p.string() + "'"; }

// The agreement and the samples, copied into `dir` (outside any repository).
void copy_corpus(const fs::path& dir) {
  fs::path corpus = lexgit::test::source_dir() / "corpus";
  fs::copy_file(corpus / "agreement" / "partner-framework.md", dir / "partner-framework.md");
  for (const auto& e : fs::directory_iterator(corpus / "samples"))
    if (e.path().extension() == ".md" && e.path().filename() != "README.md") fs::copy_file(e.path(), dir / e.path().filename());
}

// A document repository holding the corpus in one commit.
void make_repository(const TempDir& dir) {
  lexgit::Repository::init(dir.path);
  copy_corpus(dir.path);
  auto r = run_cli("-C " + quote(dir.path) + " commit -m '收录' --author '" + kAuthor + "'");
  REQUIRE(r.status == 0);
}

json which(const TempDir& dir, const std::string& question, const std::string& extra = "--at 2026-01-01") {
  auto r = run_cli("-C " + quote(dir.path) + " which '" + question + "' --format json " + extra);
  INFO(r.err);
  REQUIRE(r.status == 0);
  return json::parse(r.out);
}

std::vector<std::string> refs(const json& clauses) {
  std::vector<std::string> out;
  for (const auto& c : clauses) out.push_back(c["ref"]);
  return out;
}

void check_termination(const json& a) {
  CHECK(a["status"] == "governed");
  CHECK(a["governing"]["ref"] == "partner-framework#10.3");
  REQUIRE(a["overridden"].size() == 1);
  CHECK(a["overridden"][0]["ref"].get<std::string>().rfind("end-user-terms#5", 0) == 0);  // 第五条
  CHECK(a["overridden"][0]["rule"] == "agreement-over-document");
  REQUIRE(a["excluded"].size() == 1);
  CHECK(a["excluded"][0]["ref"] == "partner-letter-2025-09#2");
  CHECK_THAT(a["excluded"][0]["reason"].get<std::string>(), Catch::Contains("void"));
}

void check_rebate(const json& a) {
  CHECK(a["status"] == "governed");
  CHECK(a["governing"]["ref"] == "rebate-policy-online#2.1");
  CHECK_THAT(a["governing"]["text"].get<std::string>(), Catch::Contains("3%"));
  REQUIRE(a["overridden"].size() == 1);
  CHECK(a["overridden"][0]["ref"] == "rebate-policy-paper#2.1");
  CHECK(a["overridden"][0]["rule"] == "online-over-paper");
}

void check_engineers(const json& a) {
  CHECK(a["status"] == "unresolved");
  CHECK(a["governing"].is_null());
  REQUIRE(a["unresolved"].size() == 1);
  std::vector<std::string> pair = a["unresolved"][0];
  std::sort(pair.begin(), pair.end());
  CHECK(pair == std::vector<std::string>{"certification-rules#3", "transaction-order-2025-017#4.1"});
}

// The answer without the candidate list, and the competing clauses without
// their order and reasons: BM25 statistics cover every version indexed so far,
// so scores, the order of close candidates, and which of two reasons a clause
// joined by first, move a little as the index grows.
json answer_of(json a) {
  a.erase("candidates");
  std::vector<std::string> competing = refs(a["competing"]);
  std::sort(competing.begin(), competing.end());
  a["competing"] = competing;
  return a;
}

long long fts_clauses(const TempDir& dir) {
  auto r = run_cli("-C " + quote(dir.path) + " cache --stats");
  REQUIRE(r.status == 0);
  auto at = r.out.find("fts:");
  REQUIRE(at != std::string::npos);
  return std::stoll(r.out.substr(at + 4));
}

}  // namespace

TEST_CASE("question terms: words and bigrams, without punctuation and stop words", "[which]") {
  lexgit::text::Segmenter segmenter;
  auto terms = lexgit::which::question_terms(segmenter, "返利比例是多少？");
  CHECK(std::find(terms.begin(), terms.end(), "返利") != terms.end());
  CHECK(std::find(terms.begin(), terms.end(), "比例") != terms.end());
  CHECK(std::find(terms.begin(), terms.end(), "利比") != terms.end());  // a bigram across words
  for (const char* dropped : {"是", "多少", "？", "是多", "少"}) CHECK(std::find(terms.begin(), terms.end(), dropped) == terms.end());
  CHECK(lexgit::which::question_terms(segmenter, "是什么？").empty());
}

TEST_CASE("which answers over the bundled corpus outside git", "[which]") {
  TempDir dir;
  copy_corpus(dir.path);
  check_termination(which(dir, kTermination));
  check_rebate(which(dir, kRebate));
  check_engineers(which(dir, kEngineers));

  json none = which(dir, "今天天气怎么样");
  CHECK(none["status"] == "no-match");
  CHECK(none["governing"].is_null());

  // Candidates carry their scores and subjects, best first.
  json a = which(dir, kRebate, "--at 2026-01-01 -k 3");
  REQUIRE(a["candidates"].size() == 3);
  CHECK(a["candidates"][0]["score"].get<double>() >= a["candidates"][1]["score"].get<double>());
  CHECK(a["question"] == kRebate);

  // Text output: the governing clause, the rule in Chinese (English with --lang en), the exclusion.
  auto text = run_cli("-C " + quote(dir.path) + " which '" + kTermination + "' --at 2026-01-01");
  REQUIRE(text.status == 0);
  CHECK_THAT(text.out, Catch::Contains("partner-framework#10.3"));
  CHECK_THAT(text.out, Catch::Contains("三十日"));
  CHECK_THAT(text.out, Catch::Contains("依第二部分"));
  CHECK_FALSE(lexgit::test::contains(text.out, "Under part 二"));
  CHECK_THAT(text.out, Catch::Contains("partner-letter-2025-09#2"));
  auto unresolved = run_cli("-C " + quote(dir.path) + " which '" + kEngineers + "' --at 2026-01-01");
  CHECK_THAT(unresolved.out, Catch::Contains("无法确定适用条款"));
}

TEST_CASE("which leaves out documents not yet in force on --at", "[which]") {
  TempDir dir;
  copy_corpus(dir.path);
  // The paper rebate policy takes effect on 2025-06-01.
  json a = which(dir, kRebate, "--at 2025-05-01");
  CHECK(a["status"] == "governed");
  CHECK(a["governing"]["ref"] == "rebate-policy-online#2.1");
  CHECK(a["overridden"].empty());
  for (const std::string& ref : refs(a["candidates"])) CHECK(ref.rfind("rebate-policy-paper", 0) != 0);
}

TEST_CASE("which in a repository: same answers, an incremental index, the cache only a cache", "[which]") {
  TempDir dir;
  make_repository(dir);
  CHECK(fts_clauses(dir) == 0);
  json t1 = which(dir, kTermination);
  check_termination(t1);
  check_rebate(which(dir, kRebate));
  check_engineers(which(dir, kEngineers));
  CHECK(which(dir, "今天天气怎么样")["status"] == "no-match");
  long long indexed = fts_clauses(dir);
  CHECK(indexed > 100);

  // Asking again indexes nothing.
  which(dir, kRebate);
  CHECK(fts_clauses(dir) == indexed);

  // A changed document: only its new blob is indexed.
  fs::path eut = dir.path / "end-user-terms.md";
  std::string text = lexgit::read_file(eut);
  text += "\n## 第八条 其他\n\n本条款未尽事宜，双方另行协商。\n";
  lexgit::test::write_file(eut, text);
  REQUIRE(run_cli("-C " + quote(dir.path) + " commit -m '增加第八条' --author '" + kAuthor + "'").status == 0);
  json t2 = which(dir, kTermination);
  check_termination(t2);
  auto doc = run_cli("-C " + quote(dir.path) + " outline end-user-terms --format json");
  long long clauses = 0;
  std::function<void(const json&)> count = [&](const json& cs) {
    for (const auto& c : cs) {
      bool heading_only = c["heading"].is_string() && c["heading"] != "" && c["text"] == "" && !c["children"].empty();
      if (!c["id"].is_null() && !heading_only) ++clauses;
      count(c["children"]);
    }
  };
  count(json::parse(doc.out)["clauses"]);
  CHECK(fts_clauses(dir) == indexed + clauses);

  // Deleting the cache changes no answer.
  json before = which(dir, kRebate);
  fs::remove_all(dir.path / ".git" / "lexgit");
  CHECK(answer_of(which(dir, kTermination)) == answer_of(t2));
  CHECK(answer_of(which(dir, kRebate)) == answer_of(before));
  check_engineers(which(dir, kEngineers));
  auto cleared = run_cli("-C " + quote(dir.path) + " cache --clear");
  REQUIRE(cleared.status == 0);
  CHECK(fts_clauses(dir) == 0);
  CHECK(answer_of(which(dir, kRebate)) == answer_of(before));
}

TEST_CASE("question intent: what a question asks for, from its wording", "[which]") {
  using lexgit::which::Intent;
  using lexgit::which::intent_of;
  CHECK(intent_of("技术认证丢了以后多久内必须重新取得？") == Intent::Duration);
  CHECK(intent_of("营销活动的方案要提前多少天提交？") == Intent::Duration);  // 多少天: a duration, not an amount
  CHECK(intent_of("返利政策什么时候开始实施？") == Intent::Duration);
  CHECK(intent_of("一方违约最多赔多少钱？") == Intent::Amount);
  CHECK(intent_of("合作伙伴至少要有几名认证工程师？") == Intent::Amount);
  CHECK(intent_of("合作协议发生纠纷去哪里打官司？") == Intent::Forum);
  CHECK(intent_of("协议争议能不能申请仲裁？") == Intent::Forum);  // a forum before a permission
  CHECK(intent_of("试用获得的程序可以转让吗？") == Intent::Permission);
  CHECK(intent_of("我们能以青云的名义对外做承诺吗？") == Intent::Permission);
  CHECK(intent_of("加盟方是什么意思？") == Intent::Definition);
  CHECK(intent_of("双方履行协议的费用谁承担？") == Intent::None);
}

TEST_CASE("what a clause states: durations, amounts, forum, permissions, definitions", "[which]") {
  using lexgit::which::Intent;
  using lexgit::which::states;
  CHECK(states(Intent::Duration, "贵公司须在丧失该技术认证三个月内重新获取这种技术认证。"));
  CHECK(states(Intent::Duration, "本规则自2025年5月10日起施行。"));  // a date answers 什么时候
  CHECK_FALSE(states(Intent::Duration, "认证工程师应当在认证证书有效期届满前参加复审。"));
  CHECK(states(Intent::Amount, "任一方仅对另一方负担最多 10 万人民币的实际直接损失"));
  CHECK(states(Intent::Amount, "本订单总价为人民币1,280,000元（含税）"));
  CHECK(states(Intent::Amount, "合作伙伴应当至少配备三名认证工程师。"));
  CHECK(states(Intent::Amount, "按照实际发生费用的百分之五十予以报销"));
  CHECK_FALSE(states(Intent::Amount, "应提前三十日向对方发出书面通知"));  // a duration, not an amount
  CHECK_FALSE(states(Intent::Amount, "任何一方宣布破产或进入清算或解散程序；"));  // 一方 is no count
  CHECK(states(Intent::Forum, "可向本协议签订地有管辖权的人民法院提出诉讼。"));
  CHECK(states(Intent::Permission, "贵公司不能委托、转包或分配本协议。"));
  CHECK(states(Intent::Definition, "本规则所称认证工程师，是指通过青云技术认证考试的在职员工。"));
  CHECK_FALSE(states(Intent::Definition, "披露方提供信息，但不做任何保证。"));
}

TEST_CASE("conditions questions, periods named in a question, definitions and asking phrases", "[which]") {
  using lexgit::which::Intent;
  using lexgit::which::intent_of;
  using lexgit::which::states;
  // 哪些情况 asks for the cases, though 上限 would ask for an amount.
  CHECK(intent_of("哪些情况不受赔偿上限的限制？") == Intent::Conditions);
  CHECK(intent_of("认证工程师的证书在什么情况下会被撤销？") == Intent::Conditions);
  CHECK(intent_of("提前终止到底要提前15天还是30天通知？") == Intent::Duration);  // names periods, no cue word
  CHECK(intent_of("订单的最终用户是谁？") == Intent::Definition);
  CHECK(states(Intent::Conditions, "有下列情形之一的，青云可以撤销相关人员的认证证书："));
  CHECK(states(Intent::Conditions, "前述限制不适用于 1) 贵公司由于本协议下的行为引起的第三方对青云科技的索赔"));
  CHECK_FALSE(states(Intent::Conditions, "与安全和保障相关的条款可能会在没有提前通知的情况下随时发生变化。"));
  CHECK(states(Intent::Duration, "本订单一式两份，经双方签字盖章后生效。"));  // the event it takes effect on
  CHECK(states(Intent::Duration, "为上述目的而获得的产品必须在青云科技规定的期限内保留用于上述限定目的。"));

  using lexgit::which::defines;
  CHECK(defines("“最终用户”是指为自身使用目的购买青云产品和服务的法人", "最终用户"));
  CHECK(defines("本规则所称认证工程师，是指通过青云技术认证考试的员工。", "认证工程师"));
  CHECK(defines("“加盟方”是一个实体，按照本协议，它控制某一方", "加盟方"));
  CHECK_FALSE(defines("最终用户应当履行下列义务：", "最终用户"));
  CHECK_FALSE(defines("最终用户：杭州安康医疗科技有限公司", "最终用户"));
  CHECK(defines("最终用户：杭州安康医疗科技有限公司", "最终用户", /*labels=*/true));

  using lexgit::which::without_asking;
  CHECK(without_asking("返点是百分之几？").find("百分之几") == std::string::npos);
  CHECK(without_asking("返点是百分之几？").find("返点") != std::string::npos);
  CHECK(without_asking("协议在哪些情况下终止？") == "协议在，终止？");
}

TEST_CASE("which: a lead-in answers for its list, a one-character verb finds the word it begins", "[which]") {
  TempDir dir;
  copy_corpus(dir.path);
  // 本协议于下列任一情形出现时终止： holds the grounds in its list.
  json grounds = which(dir, "协议在哪些情况下终止？");
  CHECK(grounds["intent"] == "conditions");
  CHECK(grounds["governing"]["ref"] == "partner-framework#10.p1");
  // 有下列情形之一的，青云可以撤销相关人员的认证证书：
  CHECK(which(dir, "认证工程师的证书在什么情况下会被撤销？")["governing"]["ref"] == "certification-rules#7");
  // 转 matches 转让 and 转包 (三.8), not only the word 转.
  CHECK(which(dir, "我们能把合作协议转给关联公司吗？")["governing"]["ref"] == "partner-framework#3.8");
  // 百分之几 says what is asked: 返点 (返利) decides, not the order's 百分之三十.
  CHECK(which(dir, "返点是百分之几？")["governing"]["ref"] == "rebate-policy-online#2.1");
  // A definition by its words (“最终用户”是指) rises over a label (最终用户：杭州安康…).
  CHECK(which(dir, "什么是最终用户？")["governing"]["ref"] == "end-user-terms#1.p2");
}

TEST_CASE("legal synonyms expand a question, from corpus/lexicon/synonyms.txt", "[which]") {
  auto in = [](const std::vector<std::string>& words, const std::string& w) {
    return std::find(words.begin(), words.end(), w) != words.end();
  };
  auto confidential = lexgit::which::synonyms_in("保密义务持续多久？");
  CHECK(in(confidential, "机密"));
  CHECK(in(confidential, "保密信息"));
  CHECK_FALSE(in(confidential, "保密"));  // already asked
  auto ending = lexgit::which::synonyms_in("我们想提前解约，要提前几天告诉对方？");
  CHECK(in(ending, "终止"));
  CHECK(in(ending, "解除"));
  auto assign = lexgit::which::synonyms_in("青云可以把它的义务分包给别人吗？");
  CHECK(in(assign, "转包"));
  CHECK(in(assign, "转让"));
  CHECK(in(lexgit::which::synonym_group("返点"), "返利"));
  CHECK(lexgit::which::synonym_group("今天") == std::vector<std::string>{"今天"});
  CHECK(lexgit::which::synonyms_in("今天天气怎么样").empty());
}

TEST_CASE("which says why each clause competes", "[which]") {
  TempDir dir;
  copy_corpus(dir.path);
  json a = which(dir, kTermination);
  REQUIRE(a["competing"].size() == 3);
  for (const auto& c : a["competing"]) {
    CHECK(c["ref"].is_string());
    CHECK_FALSE(c["reason"].get<std::string>().empty());
  }
  CHECK(a["intent"] == "duration");
  CHECK(a["competing"][0]["ref"] == "partner-framework#10.3");
  CHECK_THAT(a["competing"][0]["reason"].get<std::string>(), Catch::StartsWith("best answer"));
  // The agreement is never tagged: its clause joins the certification rules'
  // tagged one by stating the subject's words (重新, 认证) and a duration.
  json cert = which(dir, "技术认证丢了以后多久内必须重新取得？");
  std::string agreement_reason;
  for (const auto& c : cert["competing"])
    if (c["ref"] == "partner-framework#1.p4") agreement_reason = c["reason"];
  CHECK_THAT(agreement_reason, Catch::Contains("重新认证期限"));
  CHECK(cert["governing"]["ref"] == "partner-framework#1.p4");
}

TEST_CASE("which prints Chinese by default and English with --lang en", "[which][lang]") {
  TempDir dir;
  copy_corpus(dir.path);
  std::string ask = "-C " + quote(dir.path) + " which '" + kTermination + "' --at 2026-01-01 -k 3";
  auto zh = run_cli(ask);
  INFO(zh.out << zh.err);
  REQUIRE(zh.status == 0);
  CHECK_THAT(zh.out, Catch::StartsWith("问题：" + kTermination + "\n候选条款（相关度）：\n"));
  CHECK_THAT(zh.out, Catch::Contains("\n同一主题的条款：partner-framework#10.3") && Catch::Contains("\n截至2026年1月1日\n\n适用条款：\n  partner-framework#10.3  ") &&
                         Catch::Contains("依第二部分"));
  for (const char* english : {"Question", "Candidates", "same subject", "Governing", "Under part", " / "})
    CHECK_FALSE(lexgit::test::contains(zh.out, english));

  auto en = run_cli(ask + " --lang en");
  INFO(en.out << en.err);
  REQUIRE(en.status == 0);
  CHECK_THAT(en.out, Catch::StartsWith("Question: " + kTermination + "\nCandidates (relevance):\n"));
  CHECK_THAT(en.out, Catch::Contains("\nClauses on the same subject:") && Catch::Contains("\nAs of 2026-01-01\n\nGoverning clause:\n  partner-framework#10.3  ") &&
                         Catch::Contains("Under part 二") && Catch::Contains("三十日"));
  for (const char* chinese : {"问题：", "候选条款", "同一主题", "适用条款", "依第二部分"}) CHECK_FALSE(lexgit::test::contains(en.out, chinese));

  std::string weather = "-C " + quote(dir.path) + " which '今天天气怎么样' --at 2026-01-01";
  CHECK_THAT(run_cli(weather).out, Catch::StartsWith("问题：今天天气怎么样\n\n没有找到相关条款：2026年1月1日有效的条款与该问题的相关度均低于 "));
  CHECK_THAT(run_cli(weather + " --lang en").out,
             Catch::StartsWith("Question: 今天天气怎么样\n\nNo match: no clause in force on 2026-01-01 is relevant enough to answer this question"));
}
