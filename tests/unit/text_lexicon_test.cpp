#include <catch2/catch.hpp>

#include "lexgit/error.hpp"
#include "lexgit/text.hpp"

#include <filesystem>
#include <fstream>

using lexgit::Error;
using lexgit::ErrorCode;
using lexgit::text::Lexicon;

TEST_CASE("a lexicon reads one word per line, skipping comments and blanks", "[text][lexicon]") {
  Lexicon lexicon;
  lexicon.load_text("# legal terms\n违约金\r\n\n  保密信息  \n#不是词\n", "legal.txt");
  CHECK(lexicon.size() == 2);
  CHECK(lexicon.contains("违约金"));
  CHECK(lexicon.contains(std::string_view("保密信息")));
  CHECK_FALSE(lexicon.contains("#不是词"));
  CHECK_FALSE(lexicon.contains("违约"));
  CHECK(lexicon.max_bytes() == std::string_view("保密信息").size());
}

TEST_CASE("prefix lookups tell the segmenter when to stop widening", "[text][lexicon]") {
  Lexicon lexicon;
  lexicon.add("实际直接损失");
  lexicon.add("实际");
  CHECK(lexicon.has_prefix("实际直接"));
  CHECK(lexicon.has_prefix("实际"));
  CHECK_FALSE(lexicon.has_prefix("实际直接损失"));
  CHECK_FALSE(lexicon.has_prefix("直接"));
  const auto both = lexicon.match("实际");
  CHECK(both.word);
  CHECK(both.prefix);
  CHECK(lexicon.may_begin_with(U'实'));
  CHECK_FALSE(lexicon.may_begin_with(U'直'));
}

TEST_CASE("ill-formed UTF-8 is reported with file and line", "[text][lexicon]") {
  Lexicon lexicon;
  try {
    lexicon.load_text("违约金\n\xE8\xBF\n", "broken.txt");
    FAIL("no error thrown");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::BadInput);
    CHECK(e.where().file == "broken.txt");
    CHECK(e.where().line == 2);
  }
  CHECK_THROWS_AS(lexicon.load_text("\xFF", "x.txt"), Error);
}

TEST_CASE("a lexicon loads from a file", "[text][lexicon]") {
  const auto path = std::filesystem::temp_directory_path() / "lexgit-lexicon-test.txt";
  {
    std::ofstream out(path, std::ios::binary);
    out << "# test\n歧义\n文档\n";
  }
  Lexicon lexicon;
  lexicon.load(path);
  std::filesystem::remove(path);
  CHECK(lexicon.contains("歧义"));
  CHECK(lexicon.contains("文档"));
  CHECK_THROWS_AS(Lexicon().load(path), Error);
}

TEST_CASE("the built-in lexicon carries corpus/lexicon", "[text][lexicon]") {
  const Lexicon& builtin = Lexicon::builtin();
  CHECK(&builtin == &Lexicon::builtin());
  CHECK(builtin.size() > 100);
  for (const char* word : {"违约金", "甲方", "文档", "歧义", "业务合作伙伴", "不可抗力"}) {
    INFO(word);
    CHECK(builtin.contains(word));
  }
}

TEST_CASE("the built-in lexicon carries jieba's nouns that ICU cuts", "[text][lexicon]") {
  const Lexicon& builtin = Lexicon::builtin();
  REQUIRE(builtin.dictionary() != nullptr);
  CHECK(builtin.dictionary_size() > 10000);
  // ICU alone: 董事|长, 公|积|金, 子|公司.
  for (const char* word : {"董事长", "公积金", "子公司", "出资额", "清算组"}) {
    INFO(word);
    CHECK(builtin.contains(word));
  }
  CHECK(builtin.match("公积").prefix);
  CHECK(builtin.may_begin_with(U'董'));
  // Listed words steer the segmenter's repairs of ICU; dictionary words only merge.
  CHECK(builtin.is_listed("违约金"));
  CHECK(builtin.contains("营业额"));  // ICU: 营业|额
  CHECK_FALSE(builtin.is_listed("营业额"));
  CHECK_FALSE(builtin.match_listed("营业额").word);
  // Phrases and verbs stay out: the gold standard's convention splits them.
  for (const char* phrase : {"官方网站", "期限内", "发送至", "停止使用", "发给"}) {
    INFO(phrase);
    CHECK_FALSE(builtin.contains(phrase));
  }
}

TEST_CASE("a lexicon of its own has no dictionary", "[text][lexicon]") {
  Lexicon lexicon;
  lexicon.add("违约金");
  CHECK(lexicon.dictionary() == nullptr);
  CHECK(lexicon.dictionary_size() == 0);
  CHECK_FALSE(lexicon.contains("董事长"));
  CHECK_FALSE(lexicon.dictionary_may_begin_with(U'董'));
  CHECK(lexicon.listed_may_begin_with(U'违'));
}
