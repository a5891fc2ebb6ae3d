// Segmentation quality: boundary precision, recall and F1 against a gold standard.
// Boundaries are counted between non-whitespace characters, so that segmenters
// that differ only in how they treat spaces are compared on the words themselves.
#include "lexgit/text.hpp"

#include <algorithm>

namespace lexgit::text {
namespace {

bool is_blank_cp(char32_t cp) { return cp == U' ' || cp == U'\t' || cp == U'\r' || cp == U'\n' || cp == U'\u3000'; }

// The number of non-whitespace code points in `s`.
std::size_t visible_length(std::string_view s) {
  std::size_t count = 0, pos = 0;
  while (pos < s.size()) {
    if (!is_blank_cp(next_code_point(s, pos))) ++count;
  }
  return count;
}

std::vector<std::string_view> split_words(std::string_view line) {
  std::vector<std::string_view> words;
  while (true) {
    const std::size_t bar = line.find('|');
    words.push_back(line.substr(0, bar));
    if (bar == std::string_view::npos) break;
    line.remove_prefix(bar + 1);
  }
  return words;
}

// Internal boundaries (1 … total-1) after each word of a sequence of word lengths.
std::vector<std::size_t> internal_boundaries(const std::vector<std::size_t>& lengths, std::size_t total) {
  std::vector<std::size_t> bounds;
  std::size_t at = 0;
  for (std::size_t length : lengths) {
    at += length;
    if (length > 0 && at > 0 && at < total) bounds.push_back(at);
  }
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  return bounds;
}

void score_sentence(std::string_view line, const std::function<std::vector<Token>(std::string_view)>& segment,
                    SegmentationScore& score) {
  std::string sentence;
  std::vector<std::size_t> gold_lengths;
  for (std::string_view word : split_words(line)) {
    const std::size_t length = visible_length(word);
    if (length == 0) continue;  // an empty field ("a||b") or spaces only
    sentence.append(word);
    gold_lengths.push_back(length);
  }
  if (gold_lengths.empty()) return;
  const std::size_t total = visible_length(sentence);
  const auto gold = internal_boundaries(gold_lengths, total);

  // The segmenter's tokens, mapped onto the same whitespace-free positions; any
  // text a segmenter leaves out (it should only be whitespace) counts as its own span.
  std::vector<std::size_t> predicted_lengths;
  std::size_t covered = 0;
  for (const Token& token : segment(sentence)) {
    if (token.offset > covered) predicted_lengths.push_back(visible_length(std::string_view(sentence).substr(covered, token.offset - covered)));
    predicted_lengths.push_back(visible_length(token.text));
    covered = token.offset + token.text.size();
  }
  const auto predicted = internal_boundaries(predicted_lengths, total);

  std::vector<std::size_t> both;
  std::set_intersection(gold.begin(), gold.end(), predicted.begin(), predicted.end(), std::back_inserter(both));
  score.matched_boundaries += both.size();
  score.predicted_boundaries += predicted.size();
  score.gold_boundaries += gold.size();
  score.sentences += 1;
  score.gold_words += gold_lengths.size();
}

// Precision, recall and F1 from the boundary counts. With no boundary to find or
// none found, the score is perfect only if both agree.
void compute_ratios(SegmentationScore& score) {
  const auto matched = static_cast<double>(score.matched_boundaries);
  score.precision = score.predicted_boundaries == 0 ? (score.gold_boundaries == 0 ? 1.0 : 0.0)
                                                    : matched / static_cast<double>(score.predicted_boundaries);
  score.recall = score.gold_boundaries == 0 ? 1.0 : matched / static_cast<double>(score.gold_boundaries);
  const double sum = score.precision + score.recall;
  score.f1 = sum == 0 ? 0.0 : 2 * score.precision * score.recall / sum;
}

}  // namespace

SegmentationScore score_segmentation(std::string_view gold,
                                     const std::function<std::vector<Token>(std::string_view)>& segment) {
  SegmentationScore score;
  while (!gold.empty()) {
    const std::size_t newline = gold.find('\n');
    std::string_view line = gold.substr(0, newline);
    gold.remove_prefix(newline == std::string_view::npos ? gold.size() : newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    score_sentence(line, segment, score);
  }
  compute_ratios(score);
  return score;
}

SegmentationScore combine_scores(std::span<const SegmentationScore> parts) {
  SegmentationScore total;
  for (const SegmentationScore& part : parts) {
    total.sentences += part.sentences;
    total.gold_words += part.gold_words;
    total.matched_boundaries += part.matched_boundaries;
    total.predicted_boundaries += part.predicted_boundaries;
    total.gold_boundaries += part.gold_boundaries;
  }
  compute_ratios(total);
  return total;
}

}  // namespace lexgit::text
