#include "diff/paragraphs.hpp"

#include <cmath>

namespace lexgit::diff::paragraphs {

namespace {
// Fewer common bigrams than this are no evidence of a paragraph's way.
constexpr std::size_t kLinkMinCommon = 4;
const std::vector<int> kNone;
}  // namespace

std::vector<std::string_view> sentences(std::string_view paragraph) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < paragraph.size();) {
    bool end = paragraph.compare(i, 3, "。") == 0 || paragraph.compare(i, 3, "；") == 0;
    i += end ? 3 : 1;
    if (end) out.push_back(paragraph.substr(start, i - start)), start = i;
  }
  if (start < paragraph.size()) out.push_back(paragraph.substr(start));
  return out;
}

void Links::add(Version version, int article, std::string_view text) {
  grams::Grams g = grams::gram_set(grams::without_citation_numbers(text));
  if (g.empty()) return;
  for (std::uint32_t gram : g) ++frequency_[gram];
  ++count_;
  Sideset& s = side(version);
  s.by_article[article].push_back(static_cast<int>(s.grams.size()));
  s.grams.push_back(std::move(g));
  s.article.push_back(article);
  s.closest.push_back(-2);
}

const std::vector<int>& Links::of_article(Version version, int article) const {
  const Sideset& s = side(version);
  auto it = s.by_article.find(article);
  return it == s.by_article.end() ? kNone : it->second;
}

// The most alike paragraph of the other version (the first of equals; for
// sentences, none when two are equally alike), at least kLink alike, or -1;
// computed once per unit.
int Links::closest(Version version, int paragraph) {
  Sideset& s = side(version);
  int& cached = s.closest[static_cast<std::size_t>(paragraph)];
  if (cached != -2) return cached;
  const grams::Grams& mine = s.grams[static_cast<std::size_t>(paragraph)];
  const Sideset& others = side(other(version));
  int best = -1;
  double best_score = kLink;
  bool tied = false;
  for (std::size_t q = 0; q < others.grams.size(); ++q) {
    double score = grams::dice(mine, others.grams[q]);
    if (score > best_score || (best < 0 && score >= best_score)) best_score = score, best = static_cast<int>(q), tied = false;
    else if (best >= 0 && score == best_score) tied = true;
  }
  if (tied && unit_ == Unit::Sentence) best = -1;
  if (best >= 0 && grams::common_count(mine, others.grams[static_cast<std::size_t>(best)]) < kLinkMinCommon) best = -1;
  return cached = best;
}

int Links::partner(Version version, int paragraph) {
  int q = closest(version, paragraph);
  return q >= 0 && closest(other(version), q) == paragraph ? q : -1;
}

int Links::host(Version version, int article) {
  int found = -1;
  for (int p : of_article(version, article)) {
    int q = partner(version, p);
    if (q < 0) continue;
    int a = article_of(other(version), q);
    if (found >= 0 && a != found) return -1;
    found = a;
  }
  return found;
}

int Links::resembled(Version version, int source, const grams::Grams& part) const {
  int best = -1;
  std::size_t most = 0;
  for (int p : of_article(version, source)) {
    std::size_t common = grams::common_count(part, grams_of(version, p));
    if (common > most) most = common, best = p;
  }
  return best;
}

double Links::weighted_share(const grams::Grams& part, const grams::Grams& whole) const {
  double total = 0, found = 0;
  std::size_t j = 0;
  for (std::uint32_t g : part) {
    auto it = frequency_.find(g);
    if (it == frequency_.end()) continue;
    double weight = std::log(static_cast<double>(count_) / it->second);
    total += weight;
    while (j < whole.size() && whole[j] < g) ++j;
    if (j < whole.size() && whole[j] == g) found += weight;
  }
  return total > 0 ? found / total : 0.0;
}

}  // namespace lexgit::diff::paragraphs
