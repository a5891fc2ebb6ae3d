// Which clause governs: the rules of part 二, the exclusions of part 七.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "lexgit/precedence.hpp"
#include "support.hpp"

using namespace lexgit;
using namespace lexgit::precedence;
using lexgit::test::run_cli;
using lexgit::test::TempDir;
using lexgit::test::write_file;

namespace {

Candidate candidate(const std::string& doc, DocKind kind, const std::string& doc_class, Medium medium, text::Date published) {
  Candidate c;
  c.ref = doc + "#1";
  c.revision.doc = doc;
  c.revision.meta.id = doc;
  c.revision.meta.kind = kind;
  c.revision.meta.doc_class = doc_class;
  c.revision.meta.medium = medium;
  c.revision.meta.published = published;
  c.revision.meta.effective = published;
  c.text = "条款";
  return c;
}

const Policy kPolicy = Policy::defaults("partner-framework");
const std::string kCorpus = "-C '" + (lexgit::test::source_dir() / "corpus").string() + "' ";

nlohmann::json resolve_cli(const std::string& args) {
  auto r = run_cli(kCorpus + "resolve " + args + " --format json");
  INFO(r.err);
  REQUIRE(r.status == 0);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("the agreement governs a document that conflicts with it, even a later one", "[precedence]") {
  auto agreement = candidate("partner-framework", DocKind::Agreement, "partner-framework", Medium::Online, {2025, 1, 1});
  auto terms = candidate("end-user-terms", DocKind::EndUserTerms, "end-user-terms", Medium::Online, {2025, 3, 1});
  auto d = decide(kPolicy, terms, agreement);
  REQUIRE(d);
  CHECK(d->rule == Rule::AgreementOverDocument);
  CHECK_FALSE(d->first_wins);
  CHECK(d->basis == "partner-framework#2.p3");
}

TEST_CASE("online beats paper within a class even when the paper one is later, and otherwise later wins", "[precedence]") {
  auto online = candidate("policy-online", DocKind::Normative, "rebate", Medium::Online, {2025, 4, 1});
  auto paper = candidate("policy-paper", DocKind::Normative, "rebate", Medium::Paper, {2025, 6, 1});
  auto other = candidate("rules", DocKind::Normative, "rules", Medium::Online, {2025, 5, 10});
  CHECK(decide(kPolicy, online, paper)->rule == Rule::OnlineOverPaper);
  CHECK(decide(kPolicy, online, paper)->first_wins);
  CHECK(decide(kPolicy, online, other)->rule == Rule::LaterPublication);
  CHECK_FALSE(decide(kPolicy, online, other)->first_wins);
}

TEST_CASE("same publication date and no other rule: unresolved, never picked", "[precedence]") {
  auto annex = candidate("annex", DocKind::Annex, "annex", Medium::Online, {2025, 2, 1});
  auto rules = candidate("rules", DocKind::Normative, "rules", Medium::Online, {2025, 5, 10});
  auto order = candidate("order", DocKind::Transaction, "order", Medium::Paper, {2025, 5, 10});
  Resolution r = resolve(kPolicy, {annex, rules, order}, {}, {2025, 10, 1});
  CHECK(r.status == Outcome::Unresolved);
  CHECK_FALSE(r.governing);
  REQUIRE(r.unresolved.size() == 1);
  CHECK(r.unresolved[0] == std::pair<std::string, std::string>{"rules#1", "order#1"});
  REQUIRE(r.overridden.size() == 1);
  CHECK(r.overridden[0].clause.ref == "annex#1");
  CHECK(r.overridden[0].rule == Rule::LaterPublication);
}

TEST_CASE("a policy may reorder, drop and re-basis rules, and an invalid one names the key and line", "[precedence]") {
  Policy p = load_policy(
      "precedence:\n  agreement: partner-framework\n  rules:\n    - rule: later-publication\n      basis: partner-framework#2.p2\n"
      "    - rule: agreement-over-document\n",
      ".lexgit.yaml", "");
  REQUIRE(p.rules.size() == 2);
  CHECK(p.rules[0].rule == Rule::LaterPublication);
  CHECK(p.rules[1].basis == "partner-framework#2.p3");
  // With later publication first, a later end-user clause now beats the agreement.
  auto agreement = candidate("partner-framework", DocKind::Agreement, "partner-framework", Medium::Online, {2025, 1, 1});
  auto terms = candidate("end-user-terms", DocKind::EndUserTerms, "end-user-terms", Medium::Online, {2025, 3, 1});
  CHECK(decide(p, terms, agreement)->first_wins);
  try {
    load_policy("precedence:\n  rules:\n    - rule: newest-wins\n", ".lexgit.yaml", "partner-framework");
    FAIL("accepted an unknown rule");
  } catch (const Error& e) {
    CHECK(e.where().file == ".lexgit.yaml");
    CHECK(e.where().line == 3);
    CHECK_THAT(e.message(), Catch::Contains("precedence.rules[0].rule") && Catch::Contains("newest-wins"));
  }
  CHECK_THROWS_AS(load_policy("precedence:\n  agreemnt: x\n", ".lexgit.yaml", "partner-framework"), Error);
}

TEST_CASE("on the bundled corpus every rule decides a case", "[precedence][cli]") {
  auto termination = resolve_cli("partner-framework#10.3 end-user-terms#5.p1 partner-letter-2025-09#2 --at 2025-10-01");
  CHECK(termination["status"] == "governed");
  CHECK(termination["governing"]["ref"] == "partner-framework#10.3");
  CHECK(termination["overridden"][0]["rule"] == "agreement-over-document");
  CHECK(termination["overridden"][0]["basis"] == "partner-framework#2.p3");
  REQUIRE(termination["excluded"].size() == 1);
  CHECK(termination["excluded"][0]["ref"] == "partner-letter-2025-09#2");
  CHECK_THAT(termination["excluded"][0]["reason"].get<std::string>(), Catch::Contains("void"));

  auto rebate = resolve_cli("rebate-policy-paper#2.1 rebate-policy-online#2.1 --at 2025-10-01");
  CHECK(rebate["governing"]["ref"] == "rebate-policy-online#2.1");
  CHECK(rebate["overridden"][0]["rule"] == "online-over-paper");

  auto engineers = resolve_cli("marketing-fund-annex#4 certification-rules#3 transaction-order-2025-017#4.1 --at 2025-10-01");
  CHECK(engineers["status"] == "unresolved");
  CHECK(engineers["governing"].is_null());
  CHECK(engineers["unresolved"] == nlohmann::json::array({{"certification-rules#3", "transaction-order-2025-017#4.1"}}));
  CHECK(engineers["overridden"][0]["rule"] == "later-publication");

  auto early = resolve_cli("partner-framework#10.3 end-user-terms#5.p1 --at 2025-02-01");
  CHECK(early["governing"]["ref"] == "partner-framework#10.3");
  CHECK(early["overridden"].empty());
  CHECK_THAT(early["excluded"][0]["reason"].get<std::string>(), Catch::Contains("not in force on 2025-02-01") && Catch::Contains("takes effect on 2025-03-01"));

  auto typo = run_cli(kCorpus + "resolve partner-framework#99 end-user-terms#5.p1 --at 2025-10-01");
  CHECK(typo.status == 3);  // never a governing answer that rests on a mistyped reference
  CHECK_THAT(typo.err, Catch::Contains("no clause '99' in document 'partner-framework'"));

  auto text = run_cli(kCorpus + "resolve partner-framework#10.3 end-user-terms#5.p1 --at 2025-10-01");
  CHECK_THAT(text.out, Catch::Contains("依第二部分，本协议约定优先于最终用户条款"));
}

TEST_CASE("in a repository, --at before a revision takes effect uses the older version, and says so", "[precedence][store]") {
  TempDir dir;
  run_cli("init '" + dir.path.string() + "'");
  auto in = "-C '" + dir.path.string() + "' ";
  std::string agreement = read_file(lexgit::test::source_dir() / "corpus/agreement/partner-framework.md");
  write_file(dir.path / "partner-framework.md", agreement);
  write_file(dir.path / "end-user-terms.md", read_file(lexgit::test::source_dir() / "corpus/samples/end-user-terms.md"));
  REQUIRE(run_cli(in + "commit -m v1 --author 'A <a@example.com>'").status == 0);
  std::string revised = agreement;
  revised.replace(revised.find("应提前三十日"), std::string("应提前三十日").size(), "应提前六十日");
  revised.replace(revised.find("effective: 2025-01-01"), std::string("effective: 2025-01-01").size(), "effective: 2026-03-01");
  revised.replace(revised.find("published: 2025-01-01"), std::string("published: 2025-01-01").size(), "published: 2026-01-15");
  write_file(dir.path / "partner-framework.md", revised);
  REQUIRE(run_cli(in + "commit -m v2 --author 'A <a@example.com>'").status == 0);

  auto before = nlohmann::json::parse(run_cli(in + "resolve partner-framework#10.3 end-user-terms#5.p1 --at 2026-02-01 --format json").out);
  CHECK_THAT(before["governing"]["text"].get<std::string>(), Catch::Contains("三十日"));
  REQUIRE(before["notes"].size() == 1);
  CHECK_THAT(before["notes"][0].get<std::string>(), Catch::Contains("not the latest"));
  auto after = nlohmann::json::parse(run_cli(in + "resolve partner-framework#10.3 end-user-terms#5.p1 --at 2026-03-01 --format json").out);
  CHECK_THAT(after["governing"]["text"].get<std::string>(), Catch::Contains("六十日"));
  CHECK(after["notes"].empty());
}

TEST_CASE("check warns when a basis clause no longer states its rule, and about same-day twins", "[precedence][check]") {
  TempDir dir;
  std::string agreement = read_file(lexgit::test::source_dir() / "corpus/agreement/partner-framework.md");
  agreement.replace(agreement.find("则以发布时间在后的文档约定为准"), std::string("则以发布时间在后的文档约定为准").size(), "由双方协商解决");
  write_file(dir.path / "partner-framework.md", agreement);
  std::string twin = "---\nid: twin-a\ntitle: 甲\nkind: normative\nclass: rules\npublished: 2025-05-10\n---\n正文。\n";
  write_file(dir.path / "a.md", twin);
  twin.replace(twin.find("twin-a"), 6, "twin-b");
  write_file(dir.path / "b.md", twin);
  auto r = run_cli("-C '" + dir.path.string() + "' check");
  CHECK(r.status == 0);  // warnings only
  CHECK_THAT(r.out, Catch::Contains("later-publication cites partner-framework#2.p2") && Catch::Contains("no longer states it"));
  CHECK_THAT(r.out, Catch::Contains("twin-a and twin-b are of one class"));
}

TEST_CASE("resolve prints Chinese by default and English with --lang en", "[precedence][cli][lang]") {
  const std::string termination = "resolve partner-framework#10.3 end-user-terms#5.p1 partner-letter-2025-09#2 --at 2025-10-01";
  auto zh = run_cli(kCorpus + termination);
  INFO(zh.out << zh.err);
  REQUIRE(zh.status == 0);
  CHECK_THAT(zh.out, Catch::StartsWith("截至2025年10月1日\n\n适用条款：\n  partner-framework#10.3  "));
  CHECK_THAT(zh.out, Catch::Contains("（本协议，") && Catch::Contains("三十日") && Catch::Contains("\n不予适用：\n  end-user-terms#5.p1  ") &&
                         Catch::Contains("（最终用户条款，"));
  CHECK_THAT(zh.out, Catch::Contains("    被 partner-framework#10.3 排除：依第二部分，本协议约定优先于最终用户条款（依据：partner-framework#2.p3）\n"));
  CHECK_THAT(zh.out, Catch::Contains("\n不予考虑：\n  partner-letter-2025-09#2：无效：贵公司书面往来中的补充或不同条款无效（partner-framework#7.p2）\n"));
  for (const char* english : {"Governing", "Overridden", "Excluded", "Under part", "beaten by", "void", " / ", "agreement"})
    CHECK_FALSE(lexgit::test::contains(zh.out, english));

  auto en = run_cli(kCorpus + termination + " --lang en");
  INFO(en.out << en.err);
  REQUIRE(en.status == 0);
  CHECK_THAT(en.out, Catch::StartsWith("As of 2025-10-01\n\nGoverning clause:\n  partner-framework#10.3  "));
  CHECK_THAT(en.out, Catch::Contains(" (agreement, published 2025-01-01, effective 2025-01-01)") && Catch::Contains("三十日") &&
                         Catch::Contains("\nOverridden:\n  end-user-terms#5.p1  "));
  CHECK_THAT(en.out, Catch::Contains("    beaten by partner-framework#10.3: Under part 二, the framework agreement prevails over the end-user terms "
                                     "[basis: partner-framework#2.p3]\n"));
  CHECK_THAT(en.out, Catch::Contains("\nExcluded:\n  partner-letter-2025-09#2: void: supplementary or different terms"));
  for (const char* chinese : {"截至", "适用条款", "不予", "依第二部分", "排除", "本协议，", "无效："}) CHECK_FALSE(lexgit::test::contains(en.out, chinese));

  // A conflict no rule settles, in each language.
  const std::string engineers = "resolve marketing-fund-annex#4 certification-rules#3 transaction-order-2025-017#4.1 --at 2025-10-01";
  CHECK_THAT(run_cli(kCorpus + engineers).out, Catch::Contains("无法确定适用条款：") &&
                                                   Catch::Contains("  certification-rules#3  ↔  transaction-order-2025-017#4.1\n") &&
                                                   Catch::Contains("依第二部分，以发布时间在后的文档为准"));
  CHECK_THAT(run_cli(kCorpus + engineers + " --lang en").out, Catch::Contains("UNRESOLVED: no precedence rule orders these clauses") &&
                                                                  Catch::Contains("the later-published document prevails"));

  // JSON keeps its English keys and both languages, whatever --lang says.
  CHECK(nlohmann::json::parse(run_cli(kCorpus + termination + " --format json --lang en").out) ==
        nlohmann::json::parse(run_cli(kCorpus + termination + " --format json").out));
}

TEST_CASE("the language comes from LEXGIT_LANG unless --lang is given, and anything but zh or en is refused", "[precedence][cli][lang]") {
  const std::string rebate = "resolve rebate-policy-paper#2.1 rebate-policy-online#2.1 --at 2025-10-01";
  setenv("LEXGIT_LANG", "en", 1);
  auto from_env = run_cli(kCorpus + rebate);
  auto overridden = run_cli(kCorpus + rebate + " --lang zh");
  setenv("LEXGIT_LANG", "fr", 1);
  auto bad_env = run_cli(kCorpus + rebate);
  unsetenv("LEXGIT_LANG");
  CHECK_THAT(from_env.out, Catch::Contains("Under part 二, the online version of a document class prevails over its paper version"));
  CHECK_THAT(overridden.out, Catch::Contains("依第二部分，同一类文档以系统线上版本为准"));
  CHECK(bad_env.status == 2);
  CHECK(bad_env.out.empty());

  auto bad = run_cli(kCorpus + rebate + " --lang fr");
  CHECK(bad.status == 2);
  CHECK_THAT(bad.err, Catch::Contains("--lang") && Catch::Contains("fr"));
  CHECK(bad.out.empty());
}
