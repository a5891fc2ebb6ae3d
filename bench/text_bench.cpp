// Text-layer throughput: lexgit's segmenter against plain ICU on ~4 MB of the
// framework agreement. Usage: lexgit_bench_text AGREEMENT.txt [megabytes]
#include "lexgit/error.hpp"
#include "lexgit/document.hpp"
#include "lexgit/importer.hpp"
#include "lexgit/text.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <unicode/brkiter.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
namespace text = lexgit::text;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw lexgit::Error(lexgit::ErrorCode::NotFound, "cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The agreement's paragraphs with their hard wraps re-joined, as lexgit stores clauses.
std::string rejoined(const std::string& source) {
  std::vector<std::string_view> lines;
  std::string out;
  std::string_view rest = source;
  while (!rest.empty()) {
    const std::size_t newline = rest.find('\n');
    std::string_view line = rest.substr(0, newline);
    rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);
    if (!line.empty() && line.front() == ' ') line.remove_prefix(1);  // page-break indent
    if (!line.empty()) lines.push_back(line);
  }
  out = text::join_wrapped(lines);
  out.push_back('\n');
  return out;
}

std::string repeat_to(const std::string& unit, std::size_t bytes) {
  std::string out;
  out.reserve(bytes + unit.size());
  while (out.size() < bytes) out += unit;
  return out;
}

// Best of `repetitions` timed runs, in MB/s (10^6 bytes).
double megabytes_per_second(const std::string& input, int repetitions, const std::function<std::size_t()>& run) {
  double best = 0;
  std::size_t sink = 0;
  for (int i = 0; i < repetitions; ++i) {
    const auto start = Clock::now();
    sink += run();
    const std::chrono::duration<double> seconds = Clock::now() - start;
    best = std::max(best, static_cast<double>(input.size()) / 1e6 / seconds.count());
  }
  if (sink == 0) std::cerr << "(nothing segmented)\n";
  return best;
}

// The honest baseline: ICU's word BreakIterator over the same UTF-8, only walking boundaries.
std::size_t icu_boundaries(icu::BreakIterator& iterator, const std::string& input) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UText, decltype(&utext_close)> ut(
      utext_openUTF8(nullptr, input.data(), static_cast<int64_t>(input.size()), &status), &utext_close);
  iterator.setText(ut.get(), status);
  if (U_FAILURE(status)) throw lexgit::Error(lexgit::ErrorCode::Internal, "ICU setText failed");
  std::size_t count = 0;
  iterator.first();
  while (iterator.next() != icu::BreakIterator::DONE) ++count;
  return count;
}

// ICU over UTF-16, conversion included: how lexgit's segmenter feeds ICU (its
// dictionary engine copies Han runs of UTF-8 text to UTF-16 one character at a time).
// Printed for comparison; the target ratio stays against the UTF-8 baseline above.
std::size_t icu_boundaries_utf16(icu::BreakIterator& iterator, const std::string& input) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString utf16 = icu::UnicodeString::fromUTF8(input);
  iterator.setText(utf16);
  std::size_t count = 0;
  iterator.first();
  while (iterator.next() != icu::BreakIterator::DONE) ++count;
  if (U_FAILURE(status)) throw lexgit::Error(lexgit::ErrorCode::Internal, "ICU setText failed");
  return count;
}

void bench_segmentation(const std::string& input, int repetitions) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> iterator(icu::BreakIterator::createWordInstance(icu::Locale("zh"), status));
  if (U_FAILURE(status)) throw lexgit::Error(lexgit::ErrorCode::Internal, "ICU word break iterator unavailable");
  text::Segmenter segmenter;
  const std::vector<std::string> terms = text::defined_terms(input.substr(0, 20000));

  auto icu_run = [&] { return icu_boundaries(*iterator, input); };
  auto icu_utf16_run = [&] { return icu_boundaries_utf16(*iterator, input); };
  auto icu_words_run = [&] { return text::icu_words(input).size(); };
  auto lexgit_run = [&] { return segmenter.words(input, terms).size(); };
  // Warm-up: ICU's dictionary, the lexicon and the page cache are loaded before timing.
  icu_run();
  icu_words_run();
  lexgit_run();

  const double icu = megabytes_per_second(input, repetitions, icu_run);
  const double icu_utf16 = megabytes_per_second(input, repetitions, icu_utf16_run);
  const double icu_words = megabytes_per_second(input, repetitions, icu_words_run);
  const double lexgit = megabytes_per_second(input, repetitions, lexgit_run);
  std::printf("input: %.2f MB, best of %d runs\n", static_cast<double>(input.size()) / 1e6, repetitions);
  std::printf("ICU BreakIterator: %.1f MB/s\n", icu);
  std::printf("ICU BreakIterator over UTF-16 (conversion included): %.1f MB/s\n", icu_utf16);
  std::printf("icu_words(): %.1f MB/s\n", icu_words);
  std::printf("Segmenter::words(): %.1f MB/s\n", lexgit);
  std::printf("segmentation: lexgit %.1f MB/s, ICU %.1f MB/s, ratio %.2f (target >= 0.8)\n", lexgit, icu,
              lexgit / icu);
}

// The whole document pipeline on the agreement, repeated to about as many bytes
// as the segmentation run: import (decode, re-join, structure), parse (front
// matter, cmark, clause tree, NFC) and parse plus the words of every clause.
void bench_pipeline(const std::string& seed_text, std::size_t bytes) {
  const std::string markdown = read_file("corpus/agreement/partner-framework.md");
  lexgit::ImportOptions options;
  options.meta.id = "partner-framework";
  options.meta.kind = lexgit::DocKind::Agreement;
  options.meta.published = options.meta.effective = {2025, 1, 1};
  text::Segmenter segmenter;
  const std::size_t rounds = std::max<std::size_t>(1, bytes / markdown.size());
  auto timed = [&](std::size_t unit, const std::function<std::size_t()>& once) {
    once();  // warm-up
    double best = 0;
    for (int rep = 0; rep < 3; ++rep) {
      const auto start = Clock::now();
      std::size_t sink = 0;
      for (std::size_t i = 0; i < rounds; ++i) sink += once();
      const std::chrono::duration<double> seconds = Clock::now() - start;
      if (sink == 0) std::cerr << "(nothing done)\n";
      best = std::max(best, static_cast<double>(unit * rounds) / 1e6 / seconds.count());
    }
    return best;
  };
  const double import_rate = timed(seed_text.size(), [&] {
    return lexgit::import_document(seed_text, options, "seed.txt").size();
  });
  const double parse_rate = timed(markdown.size(), [&] {
    return lexgit::parse_document(markdown, "partner-framework.md").all_clauses().size();
  });
  const double words_rate = timed(markdown.size(), [&] {
    lexgit::Document doc = lexgit::parse_document(markdown, "partner-framework.md");
    std::size_t words = 0;
    for (const lexgit::Clause* c : doc.all_clauses()) words += segmenter.words(c->text).size();
    return words;
  });
  std::printf("pipeline (the agreement, %zu rounds): import %.1f MB/s, parse %.1f MB/s, parse + words %.1f MB/s\n",
              rounds, import_rate, parse_rate, words_rate);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: lexgit_bench_text AGREEMENT.txt [megabytes]\n";
    return 2;
  }
  try {
    const double megabytes = argc > 2 ? std::stod(argv[2]) : 4.0;
    const std::string seed = read_file(argv[1]);
    const std::string input = repeat_to(rejoined(seed), static_cast<std::size_t>(megabytes * 1e6));
    bench_segmentation(input, 5);
    bench_pipeline(seed, input.size());
  } catch (const lexgit::Error& e) {
    std::cerr << "lexgit_bench_text: " << e.what() << "\n";
    return e.exit_status();
  }
  return 0;
}
