// Paragraph links between two versions of a statute. An amendment moves
// paragraphs (款), items (项) and an article's first paragraph between
// articles — two articles merged keep their paragraphs side by side, an
// article split gives a paragraph to a new article — while the article as a
// whole may share too little with the other to be recognised. A paragraph of
// one version is linked to the paragraph of the other version that it reads
// most like, when that one reads most like it as well and they share enough
// (mutually closest across the whole document, so that a paragraph goes to
// the one place it went, not to every article that copies its frame).
//
// The links also weigh words by how rare they are across the document's
// paragraphs (inverse document frequency): 董事、监事、高级管理人员 or
// 由有关主管部门责令改正 recur in dozens of articles and say little about
// where an article went.
//
// The same links are drawn between sentences (句, ended by 。 or ；): an
// amendment also moves one sentence of a paragraph to another article (the
// Company Law's 清算组 article gave its sentences on the court's appointment of
// a 清算组 to a new article of their own). A sentence is a smaller piece of
// evidence than a paragraph, so a sentence that reads equally like two
// others — a formula repeated in many articles, 但是，有下列情形之一的除外 —
// is linked with neither.
#pragma once

#include <string_view>
#include <unordered_map>
#include <vector>

#include "diff/grams.hpp"

namespace lexgit::diff::paragraphs {

enum class Version { Old, New };

// What the links are drawn between.
enum class Unit { Paragraph, Sentence };

// The sentences of a paragraph, each with its closing 。 or ；; the text after
// the last one is a sentence too.
std::vector<std::string_view> sentences(std::string_view paragraph);

// Paragraphs at least this alike (bigram Dice, citation numbers aside) may be linked.
constexpr double kLink = 0.4;

class Links {
 public:
  explicit Links(Unit unit = Unit::Paragraph) : unit_(unit) {}

  // Adds a paragraph (a sentence, for sentence links) of the article numbered `article` (the caller's own
  // numbering) of one version; empty paragraphs are left out.
  void add(Version version, int article, std::string_view text);

  // The paragraph of the other version linked with `paragraph`, or -1.
  int partner(Version version, int paragraph);
  // The paragraphs of an article, in the order added.
  const std::vector<int>& of_article(Version version, int article) const;
  int article_of(Version version, int paragraph) const { return side(version).article[static_cast<std::size_t>(paragraph)]; }

  // The article of the other version that every link of `article`'s
  // paragraphs leads to, when there is at least one link and they all lead to
  // one article; -1 otherwise.
  int host(Version version, int article);
  // The paragraph of `source` (an article of `version`) that holds most of
  // `part`'s bigrams, or -1.
  int resembled(Version version, int source, const grams::Grams& part) const;
  const grams::Grams& grams_of(Version version, int paragraph) const { return side(version).grams[static_cast<std::size_t>(paragraph)]; }

  // How much of `part` is made of `whole`'s bigrams, each weighted by its
  // rarity across the paragraphs added (bigrams in none weigh nothing).
  double weighted_share(const grams::Grams& part, const grams::Grams& whole) const;

 private:
  struct Sideset {
    std::vector<grams::Grams> grams;
    std::vector<int> article;
    std::vector<int> closest;  // -2 until computed
    std::unordered_map<int, std::vector<int>> by_article;
  };
  Unit unit_;
  Sideset old_, new_;
  std::unordered_map<std::uint32_t, int> frequency_;  // bigram → paragraphs holding it
  int count_ = 0;

  Sideset& side(Version v) { return v == Version::Old ? old_ : new_; }
  const Sideset& side(Version v) const { return v == Version::Old ? old_ : new_; }
  static Version other(Version v) { return v == Version::Old ? Version::New : Version::Old; }
  int closest(Version version, int paragraph);
};

}  // namespace lexgit::diff::paragraphs
