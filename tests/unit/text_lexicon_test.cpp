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
