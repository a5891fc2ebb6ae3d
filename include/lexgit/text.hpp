// The Chinese text layer: normalisation, numerals, durations, dates and word
// segmentation. Everything takes and returns UTF-8; ICU stays behind this header.
#pragma once

#include <compare>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace lexgit::text {

// ---- Normalisation ---------------------------------------------------------

// True when the bytes are well-formed UTF-8.
bool is_valid_utf8(std::string_view bytes);

// Unicode NFC. Throws Error(BadInput) on ill-formed UTF-8.
std::string nfc(std::string_view utf8);

// Folds full-width ASCII variants (U+FF01..U+FF5E) to ASCII and U+3000 to a space.
// Used only where numbering and numbers are read; clause text keeps its width.
std::string fold_width(std::string_view utf8);

// Decodes the code point at `pos` and advances `pos`. Ill-formed bytes yield U+FFFD;
// at the end of `utf8` it returns U+0000 and leaves `pos` where it is.
char32_t next_code_point(std::string_view utf8, std::size_t& pos);

// Han ideographs, CJK punctuation and full-width forms: characters between which
// a re-joined line break must not become a space.
// Inline: the PDF module (src/modules) uses it and shares no code with lexgit.
constexpr bool is_cjk(char32_t cp) {
  if (cp < 0x2E80) {
    // General punctuation used in Chinese text: quotes, dashes, ellipsis.
    return (cp >= 0x2014 && cp <= 0x2026);
  }
  return (cp >= 0x2E80 && cp <= 0x9FFF) ||   // radicals, CJK symbols/punct, kana, unified ideographs
         (cp >= 0xF900 && cp <= 0xFAFF) ||   // compatibility ideographs
         (cp >= 0xFE30 && cp <= 0xFE4F) ||   // compatibility forms
         (cp >= 0xFF00 && cp <= 0xFFEF) ||   // half/full-width forms
         (cp >= 0x20000 && cp <= 0x3FFFF);   // supplementary ideographs
}

// Columns on a terminal: 2 for East Asian wide, full-width and ambiguous characters.
int display_width(std::string_view utf8);

// White space and characters that show nothing: ASCII white space, U+3000,
// NBSP, the typographic spaces U+2000–U+200A, U+202F, U+205F, zero-width
// spaces and joiners, word joiner, BOM.
bool is_blank(char32_t cp);

// `utf8` without the blank characters (is_blank) at either end. Text copied from
// official databases and PDFs indents with full-width spaces and leaves
// zero-width spaces on otherwise empty lines.
std::string_view trim_blank(std::string_view utf8);

// Removes the blank characters between two CJK characters: headings spaced out
// for emphasis (总　　则, 通 用 条 款) read as written without the spacing.
std::string squeeze_cjk_spacing(std::string_view utf8);

// Re-joins hard-wrapped lines: nothing between two CJK characters, one space
// between two non-CJK characters (English words wrapped at a space).
std::string join_wrapped(std::span<const std::string_view> lines);

// ---- Numerals ---------------------------------------------------------------

struct Numeral {
  long long value = 0;
  std::size_t length = 0;  // bytes consumed from the start of the input
};

// Reads the numeral at the start of `utf8`: ASCII or full-width digits, or Chinese
// numerals (一二三…十百千万亿, 两, 〇/零, 廿卅, financial 壹贰叁…). Longest match;
// nullopt when the input does not start with a numeral.
std::optional<Numeral> read_numeral(std::string_view utf8);

// `n` (1..9999) in Chinese numerals as statutes write them: 十一, 一百零二,
// 一千二百六十; other values in Arabic digits.
std::string chinese_numeral(long long n);

// ---- Durations --------------------------------------------------------------

enum class Unit { Year, Month, Week, Day, WorkingDay, Hour };

struct Duration {
  long long count = 0;
  Unit unit = Unit::Day;
  friend bool operator==(const Duration&, const Duration&) = default;
};

// "year", "month", "week", "day", "working-day", "hour".
std::string_view unit_name(Unit unit);

// The whole (trimmed) text as a duration: 一个月, 两个月, 三十日, 30 天, 三个月,
// 两年, 十五个工作日, 1 个月, 48小时. nullopt when it is not one.
std::optional<Duration> parse_duration(std::string_view utf8);

struct DurationMatch {
  Duration duration;
  std::size_t offset = 0;  // bytes
  std::size_t length = 0;  // bytes
};

// Every duration inside running text, in order (提前一个月通知 → 一个月).
std::vector<DurationMatch> find_durations(std::string_view utf8);

// ---- Dates ------------------------------------------------------------------

struct Date {
  int year = 0, month = 0, day = 0;
  friend auto operator<=>(const Date&, const Date&) = default;
};

// 2026-01-31, 2026/1/31, 2026年1月31日, 二〇二六年一月三十一日 (also 二零二六…).
// Validated against the calendar; nullopt otherwise.
std::optional<Date> parse_date(std::string_view utf8);

std::string format_iso(Date date);     // 2026-01-31
// Today's date on this machine's clock and time zone.
Date today();
std::string format_zh_cn(Date date);   // 2026年1月31日 (ICU zh_CN long style)


// ---- Words ------------------------------------------------------------------

enum class TokenKind {
  Word,    // a word (Han, Latin, mixed)
  Number,  // a number, date, amount (10 万人民币) or numeral with its counter (三十日)
  Punct,   // punctuation and symbols
};

struct Token {
  std::string_view text;  // a view into the segmented text
  std::size_t offset = 0; // bytes from the start of that text
  TokenKind kind = TokenKind::Word;
};

namespace dictionary {
struct Trie;
}

// The words the segmenter keeps whole, in two tiers:
//  - listed words: corpus/lexicon/*.txt (or load()/add()), curated by hand. They
//    also steer the segmenter's repairs of ICU (乙|方向 → 乙方|向) and are the gold
//    standard's convention: each is one word there;
//  - dictionary words (builtin() only): nouns from jieba's dictionary that ICU cuts
//    (董事|会, 公|积|金), compiled into lexgit at build time. They only merge ICU's
//    pieces back together.
// Lookups take string_views without allocating.
class Lexicon {
 public:
  void add(std::string_view word);
  // One word per line; '#' starts a comment line; blank lines ignored.
  // Throws Error(BadInput) naming file and line on ill-formed UTF-8.
  void load(const std::filesystem::path& file);
  void load_text(std::string_view contents, const std::string& name);
  // A listed word or a dictionary word.
  bool contains(std::string_view word) const;
  // A listed word (not only a dictionary word).
  bool is_listed(std::string_view word) const;
  // True when `text` is a proper prefix (whole code points) of some word: the
  // segmenter stops widening a candidate as soon as this is false.
  bool has_prefix(std::string_view text) const;
  // Both questions in one lookup, for the segmenter's inner loop.
  struct Match {
    bool word = false;    // `text` is a word
    bool prefix = false;  // `text` begins a longer word
  };
  Match match(std::string_view text) const;         // both tiers
  Match match_listed(std::string_view text) const;  // listed words only
  // False when no word begins with `cp`: tests that cost no hashing. The
  // segmenter asks each tier apart, so that it looks up only the tiers that can match.
  bool may_begin_with(char32_t cp) const { return listed_may_begin_with(cp) || dictionary_may_begin_with(cp); }
  bool listed_may_begin_with(char32_t cp) const { return may_begin(listed_first_, cp); }
  bool dictionary_may_begin_with(char32_t cp) const { return may_begin(dictionary_first_, cp); }
  // The compiled dictionary (null when there is none), for the segmenter's walk
  // along it (src/text/dictionary.hpp).
  const dictionary::Trie* dictionary() const { return dictionary_; }
  std::size_t size() const { return words_.size(); }  // listed words
  std::size_t dictionary_size() const;
  std::size_t max_bytes() const { return max_bytes_; }

  // The lexicon compiled into lexgit: corpus/lexicon/*.txt and the dictionary.
  static const Lexicon& builtin();

 private:
  void use_dictionary(const dictionary::Trie& trie);
  Match match_dictionary(std::string_view text) const;
  static void mark_first_code_point(std::vector<bool>& first, char32_t cp);
  static bool may_begin(const std::vector<bool>& first, char32_t cp) {
    if (cp >= 0x10000) return !first.empty();
    return !first.empty() && first[cp];
  }

  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_set<std::string, Hash, std::equal_to<>> words_;
  // Every word and every proper prefix of one, with kWord / kPrefix flags.
  static constexpr unsigned char kWord = 1, kPrefix = 2;
  std::unordered_map<std::string, unsigned char, Hash, std::equal_to<>> index_;
  // First code points of listed and of dictionary words, indexed by code point
  // (BMP; others pass once the tier has a word).
  std::vector<bool> listed_first_, dictionary_first_;
  std::size_t max_bytes_ = 0;
  const dictionary::Trie* dictionary_ = nullptr;  // compiled in; never owned
};

// lexgit's word segmenter: ICU's dictionary BreakIterator, refined by the lexicon
// (adjacent ICU tokens merged by longest match) and by rules that keep numbers,
// dates, amounts and numerals with counters whole. Whitespace is not returned.
// Not thread-safe (it reuses an ICU iterator); use one per thread.
class Segmenter {
 public:
  explicit Segmenter(const Lexicon& lexicon = Lexicon::builtin());
  ~Segmenter();
  Segmenter(Segmenter&&) noexcept;
  Segmenter& operator=(Segmenter&&) noexcept;

  // `extra_terms`: words that hold only for this text, such as a document's
  // defined terms (see defined_terms()).
  std::vector<Token> words(std::string_view utf8,
                           const std::vector<std::string>& extra_terms = {}) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Plain ICU word segmentation (whitespace dropped), the baseline lexgit is measured against.
std::vector<Token> icu_words(std::string_view utf8);

// The terms a text defines: （简称“青云科技”或“青云”） → 青云科技, 青云; （统称“本协议”）;
// （“披露方”）; “加盟方”是… . In order of first appearance, without duplicates.
std::vector<std::string> defined_terms(std::string_view utf8);

// ---- Evaluation --------------------------------------------------------------

struct SegmentationScore {
  double precision = 0, recall = 0, f1 = 0;
  std::size_t sentences = 0, gold_words = 0;
  // The counts behind the ratios, so that scores of several parts can be combined.
  std::size_t matched_boundaries = 0, predicted_boundaries = 0, gold_boundaries = 0;
};

// Scores a segmenter against a gold standard. `gold`: one sentence per line, words
// separated by '|' (spaces inside a word are kept, e.g. "10 万人民币"); '#' lines
// are comments. Word boundaries are compared between non-whitespace characters
// (punctuation counts as its own word): the boundaries inside each sentence, from
// the gold words and from `segment` run on the sentence, micro-averaged into
// precision, recall and F1 over all sentences.
SegmentationScore score_segmentation(std::string_view gold,
                                     const std::function<std::vector<Token>(std::string_view)>& segment);

// The micro-average of several scores (e.g. one per document, each segmented with
// that document's own defined terms).
SegmentationScore combine_scores(std::span<const SegmentationScore> parts);

}  // namespace lexgit::text
