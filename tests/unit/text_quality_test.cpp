// Segmentation quality against tests/data/gold-segmentation.txt: lexgit must stay
// well above plain ICU. Each document's sentences are segmented with the terms that
// document defines, as lexgit does for real documents.
#include <catch2/catch.hpp>

#include "lexgit/text.hpp"

#include <fstream>
#include <sstream>

using namespace lexgit::text;

namespace {

std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(LEXGIT_SOURCE_DIR) + "/" + relative, std::ios::binary);
  if (!in) FAIL("cannot read " << relative);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The gold file split at its "## source: PATH" comments.
struct GoldSection {
  std::string source;
  std::string lines;
};

std::vector<GoldSection> gold_sections(const std::string& gold) {
  std::vector<GoldSection> sections(1);
  std::istringstream in(gold);
  std::string line;
  constexpr std::string_view kSource = "## source: ";
  while (std::getline(in, line)) {
    if (line.starts_with(kSource)) {
      sections.push_back(GoldSection{line.substr(kSource.size()), {}});
    } else {
      sections.back().lines += line + '\n';
    }
  }
  return sections;
}

}  // namespace

TEST_CASE("boundary scoring", "[text][quality]") {
  auto by_chars = [](std::string_view s) {
    std::vector<Token> tokens;
    std::size_t pos = 0;
    while (pos < s.size()) {
      const std::size_t start = pos;
      next_code_point(s, pos);
      tokens.push_back(Token{s.substr(start, pos - start), start, TokenKind::Word});
    }
    return tokens;
  };
  // Gold 违约金|和|10 万人民币: 10 visible characters, boundaries after 3 and 4.
  const auto chars = score_segmentation("# comment\n违约金|和|10 万人民币\n\n", by_chars);
  CHECK(chars.sentences == 1);
  CHECK(chars.gold_words == 3);
  CHECK(chars.gold_boundaries == 2);
  CHECK(chars.predicted_boundaries == 9);
  CHECK(chars.recall == Approx(1.0));
  CHECK(chars.precision == Approx(2.0 / 9.0));
  const Segmenter segmenter;
  const auto lexgit = score_segmentation("违约金|和|10 万人民币", [&](std::string_view s) { return segmenter.words(s); });
  CHECK(lexgit.f1 == Approx(1.0));
  const auto both = combine_scores(std::vector<SegmentationScore>{chars, lexgit});
  CHECK(both.sentences == 2);
  CHECK(both.recall == Approx(1.0));
  CHECK(both.precision == Approx(4.0 / 11.0));
}

TEST_CASE("lexgit segments the gold standard far better than plain ICU", "[text][quality]") {
  const std::string gold = read_source_file("tests/data/gold-segmentation.txt");
  const Segmenter segmenter;
  std::vector<SegmentationScore> lexgit_parts, icu_parts;
  for (const GoldSection& section : gold_sections(gold)) {
    const std::vector<std::string> terms =
        section.source.empty() ? std::vector<std::string>{} : defined_terms(read_source_file(section.source));
    lexgit_parts.push_back(
        score_segmentation(section.lines, [&](std::string_view s) { return segmenter.words(s, terms); }));
    icu_parts.push_back(score_segmentation(section.lines, [](std::string_view s) { return icu_words(s); }));
  }
  const SegmentationScore lexgit = combine_scores(lexgit_parts);
  const SegmentationScore icu = combine_scores(icu_parts);
  WARN("gold: " << lexgit.sentences << " sentences, " << lexgit.gold_words << " words");
  WARN("lexgit boundary F1 " << lexgit.f1 << " (P " << lexgit.precision << ", R " << lexgit.recall << ")");
  WARN("ICU    boundary F1 " << icu.f1 << " (P " << icu.precision << ", R " << icu.recall << ")");
  REQUIRE(lexgit.sentences >= 200);
  REQUIRE(lexgit.f1 >= 0.95);
  CHECK(lexgit.f1 > icu.f1);
}

TEST_CASE("the agreement alone, with the agreement's defined terms", "[text][quality]") {
  const std::string agreement = read_source_file("corpus/source/qingcloud-partner-framework-agreement.txt");
  const std::vector<std::string> terms = defined_terms(agreement);
  for (const GoldSection& section : gold_sections(read_source_file("tests/data/gold-segmentation.txt"))) {
    if (section.source != "corpus/source/qingcloud-partner-framework-agreement.txt") continue;
    const Segmenter segmenter;
    const auto lexgit = score_segmentation(section.lines, [&](std::string_view s) { return segmenter.words(s, terms); });
    WARN("agreement: lexgit boundary F1 " << lexgit.f1 << " over " << lexgit.sentences << " sentences");
    CHECK(lexgit.f1 >= 0.95);
    return;
  }
  FAIL("the gold standard has no section for the agreement");
}
