// lexgit's word segmenter. ICU's dictionary word break does the heavy lifting;
// lexgit then corrects it in one forward pass over ICU's boundaries:
//   - numbers, dates, amounts and numerals with their counter become one token
//     (三十日, 10 万人民币, 第十一条, 2026年1月31日), since a comparison must see
//     三十日 → 十五日 as one change;
//   - URLs stay whole;
//   - adjacent ICU tokens are merged by longest match against the lexicon and the
//     text's own defined terms (文|档 → 文档, 违约|金 → 违约金, 董事|会 → 董事会).
// Only listed words and defined terms steer the finer repairs (乙|方向 → 乙方|向,
// 另一|方 → 另|一方): dictionary words are many, and a repair that trusted them
// would cut ordinary words to make room for them (相关|文 → 相|关文).
// ICU reads the text as UTF-16: over UTF-8 its dictionary engine copies every
// run of Han characters into a UTF-16 string and builds an index map on the way,
// which costs more than converting the whole text once (ICU runs about a third
// faster on the benchmark, conversion included).
// Tokens are views into the input; the pass allocates only the result vector.
#include "lexgit/error.hpp"
#include "lexgit/text.hpp"
#include "text/dictionary.hpp"
#include "text/scan.hpp"

#include <array>
#include <bitset>
#include <optional>
#include <climits>
#include <unordered_set>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/utext.h>

namespace lexgit::text {
namespace {

// ---- ICU boundaries over UTF-8 ------------------------------------------------

struct UTextCloser {
  void operator()(UText* text) const { utext_close(text); }
};
using UTextPtr = std::unique_ptr<UText, UTextCloser>;

// The end of one ICU segment (a byte offset) and the rule status ICU gave it.
struct Boundary {
  std::size_t end;
  int32_t status;
};

bool is_number_status(int32_t status) { return status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT; }
bool is_none_status(int32_t status) { return status < UBRK_WORD_NONE_LIMIT; }

// One ICU word BreakIterator (locale zh) over the text converted to UTF-16;
// boundaries come back as byte offsets into the UTF-8.
class IcuWordBreaks {
 public:
  IcuWordBreaks() {
    UErrorCode status = U_ZERO_ERROR;
    iterator_.reset(icu::BreakIterator::createWordInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status) || !iterator_) throw Error(ErrorCode::Internal, "ICU word break iterator unavailable");
  }

  // Every segment end of `text`, in order; the last one is text.size().
  void boundaries(std::string_view text, std::vector<Boundary>& out) {
    out.clear();
    if (text.empty()) return;
    if (text.size() > static_cast<std::size_t>(INT32_MAX)) {
      throw Error(ErrorCode::BadInput, "text too large to segment (over 2 GiB)");
    }
    to_utf16(text);
    UErrorCode status = U_ZERO_ERROR;
    // Re-opening the same UText re-uses it: no allocation after the first text.
    UText* opened = utext_openUChars(utext_.get(), utf16_.data(), static_cast<int64_t>(utf16_.size()), &status);
    if (U_FAILURE(status)) throw Error(ErrorCode::Internal, "ICU could not open the text");
    if (!utext_) utext_.reset(opened);
    iterator_->setText(utext_.get(), status);
    if (U_FAILURE(status)) throw Error(ErrorCode::Internal, "ICU could not set the text to segment");
    out.reserve(text.size() / 3 + 1);
    iterator_->first();
    for (int32_t end = iterator_->next(); end != icu::BreakIterator::DONE; end = iterator_->next()) {
      out.push_back(Boundary{byte_offsets_[static_cast<std::size_t>(end)], iterator_->getRuleStatus()});
    }
  }

 private:
  // Fills utf16_ and, for every UTF-16 index, the byte offset it starts at (one
  // past the end included). Ill-formed bytes become U+FFFD, as in next_code_point().
  void to_utf16(std::string_view text) {
    utf16_.clear();
    byte_offsets_.clear();
    utf16_.reserve(text.size());
    byte_offsets_.reserve(text.size() + 1);
    std::size_t pos = 0;
    while (pos < text.size()) {
      const std::size_t start = pos;
      const auto byte = static_cast<unsigned char>(text[pos]);
      const char32_t cp = byte < 0x80 ? (++pos, char32_t{byte}) : next_code_point(text, pos);
      if (cp < 0x10000) {
        utf16_.push_back(static_cast<UChar>(cp));
      } else {
        utf16_.push_back(static_cast<UChar>(U16_LEAD(cp)));
        utf16_.push_back(static_cast<UChar>(U16_TRAIL(cp)));
        byte_offsets_.push_back(start);
      }
      byte_offsets_.push_back(start);
    }
    byte_offsets_.push_back(text.size());
  }

  std::unique_ptr<icu::BreakIterator> iterator_;
  UTextPtr utext_;
  std::vector<UChar> utf16_;               // reused from text to text
  std::vector<std::size_t> byte_offsets_;  // UTF-16 index -> byte offset
};

bool is_space(char32_t cp) { return u_isUWhiteSpace(static_cast<UChar32>(cp)); }

// ---- Rules for numbers --------------------------------------------------------

// Words that count something after a numeral: 三十日, 十五个工作日, 第十一条, 第八部分.
// Longest first where one is a prefix of another's start (工作日 before 工…, 部分 before 部).
constexpr std::array<std::string_view, 36> kCounters{
    "工作日", "自然日", "小时", "分钟", "星期", "部分", "年", "月", "日", "天", "周", "时",
    "秒",     "号",     "条",   "款",   "项",   "章",   "节", "编", "部", "目", "段", "页",
    "次",     "倍",     "名",   "位",   "家",   "份",   "种", "类", "件", "套", "批", "笔"};
// Magnitudes written after Arabic digits (10 万, 3 亿).
constexpr std::array<std::string_view, 5> kMagnitudes{"百万", "千万", "万", "亿", "千"};
// 元整 closes an amount written out in full (壹佰贰拾捌万元整).
constexpr std::array<std::string_view, 7> kCurrencies{"元人民币", "元整", "人民币", "美元", "港元", "欧元", "元"};
// Written before the numeral: 百分之五十 (a percentage), 人民币1,280,000元 (an amount).
constexpr std::array<std::string_view, 3> kPercentLeads{"百分之", "千分之", "万分之"};
constexpr std::array<std::string_view, 3> kCurrencyLeads{"人民币", "￥", "¥"};
constexpr std::array<std::string_view, 2> kPercents{"%", "％"};
constexpr std::string_view kOrdinal = "第";
constexpr std::string_view kGe = "个";  // the general measure word: 一个月, 两个

template <std::size_t N>
std::size_t match_any(std::string_view s, std::size_t pos, const std::array<std::string_view, N>& words) {
  const std::string_view rest = s.substr(pos);
  for (std::string_view w : words) {
    if (rest.starts_with(w)) return w.size();
  }
  return 0;
}

bool counter_follows(std::string_view s, std::size_t pos) {
  return s.substr(pos).starts_with(kGe) || match_any(s, pos, kCounters) > 0 || match_any(s, pos, kCurrencies) > 0;
}

struct RuleMatch {
  std::size_t length = 0;         // 0: no match
  bool bare = false;              // a numeral alone: only valid where ICU also ends a token
  std::size_t counter_start = 0;  // where 个 or the counter begins (0: none)
};

// The numeral run at the start of `s` (Chinese numeral characters only), in bytes.
std::size_t chinese_numeral_run(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t next = pos;
    if (!scan::continues_chinese_numeral(next_code_point(s, next))) break;
    pos = next;
  }
  return pos;
}

// After the numeral: percent, magnitude and currency, or 个 and a counter.
RuleMatch numeral_suffix(std::string_view s, std::size_t numeral_end, bool arabic) {
  if (std::size_t percent = match_any(s, numeral_end, kPercents)) return {numeral_end + percent, false};
  // Arabic numbers may stand apart from their unit: 最多 10 万人民币, 30 天.
  const std::size_t unit_start = arabic ? scan::skip_spaces(s, numeral_end) : numeral_end;
  std::size_t magnitude = arabic ? match_any(s, unit_start, kMagnitudes) : 0;
  const std::size_t amount_end = unit_start + magnitude;
  if (std::size_t currency = match_any(s, amount_end, kCurrencies)) return {amount_end + currency, false};
  if (magnitude > 0) return {amount_end, false};
  std::size_t counter_start = unit_start;
  const bool ge = s.substr(counter_start).starts_with(kGe);
  if (ge) counter_start += kGe.size();
  if (std::size_t counter = match_any(s, counter_start, kCounters)) return {counter_start + counter, false, unit_start};
  if (ge) return {counter_start, false, unit_start};  // 一个, 两个
  return {numeral_end, true, 0};
}

// A Number token at the start of `s`. `ends_token(n)` tells whether ICU has a
// boundary n bytes in; it guards numerals inside words (一致, 零售, 第三方).
// What stands before a numeral and belongs to its token.
struct Lead {
  std::size_t length = 0;
  bool closed = false;  // the numeral ends the token (百分之五十): no counter follows
};

Lead numeral_lead(std::string_view s) {
  if (s.starts_with(kOrdinal)) return {kOrdinal.size(), false};
  if (std::size_t percent = match_any(s, 0, kPercentLeads)) return {percent, true};
  // A currency before the amount only when the digits follow at once (人民币1,280,000元).
  if (std::size_t currency = match_any(s, 0, kCurrencyLeads)) {
    std::size_t after = currency;
    if (after < s.size() && scan::is_digit(next_code_point(s, after))) return {currency, false};
  }
  return {};
}

// A Number token at the start of `s`. `ends_token(n)` tells whether ICU has a
// boundary n bytes in; it guards numerals inside words (一致, 零售, 第三方).
template <typename EndsToken>
RuleMatch number_rule(std::string_view s, const EndsToken& ends_token) {
  const Lead lead = numeral_lead(s);
  const std::size_t start = lead.length;
  std::size_t after_first = start;
  const char32_t first = next_code_point(s, after_first);
  const bool arabic = scan::is_digit(first);
  std::size_t numeral_end = 0;
  if (arabic) {
    if (start == 0) {
      if (auto date = scan::date(s)) return {date->length, false, 0};
    }
    auto numeral = scan::number(s.substr(start));
    if (!numeral) return {};
    numeral_end = start + numeral->length;
  } else {
    if (!scan::begins_chinese_numeral(first)) return {};
    // Cheap tests before ICU reads the numeral: most 一 in running text begin a
    // word (一致, 一切), and a lone numeral character needs no reading at all.
    const std::size_t run_end = start + chinese_numeral_run(s.substr(start));
    if (!lead.closed && !ends_token(run_end) && !counter_follows(s, run_end)) return {};
    if (start == 0 && s.substr(run_end).starts_with("年")) {
      if (auto date = scan::date(s)) return {date->length, false, 0};
    }
    if (run_end == after_first) {
      numeral_end = run_end;
    } else {
      auto numeral = scan::number(s.substr(start));
      if (!numeral) return {};
      numeral_end = start + numeral->length;
    }
  }
  if (lead.closed) return {numeral_end, false, 0};
  RuleMatch match = numeral_suffix(s, numeral_end, arabic);
  if (match.bare && start > 0 && !s.starts_with(kOrdinal)) match.bare = false;  // 人民币100
  if (match.bare && !ends_token(match.length)) return {};
  return match;
}

// Codes of Latin letters and digits joined by hyphens (QC-PO-2025-017, ISO-9001):
// one word, where ICU would cut at every hyphen. At least one letter, so that
// numeric ranges and dates are left to the number rules.
std::size_t code_rule(std::string_view s) {
  auto is_alnum = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  auto is_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  std::size_t end = 0, hyphens = 0;
  bool letter = false;
  while (true) {
    const std::size_t run_start = end;
    for (; end < s.size() && is_alnum(s[end]); ++end) {
      if (is_letter(s[end])) letter = true;
    }
    if (end == run_start) return 0;  // a hyphen with nothing after it: not a code
    if (end + 1 < s.size() && s[end] == '-' && is_alnum(s[end + 1])) {
      ++end;
      ++hyphens;
      continue;
    }
    break;
  }
  return hyphens > 0 && letter ? end : 0;
}

// http://…, https://…, www.…: up to the first character that cannot be in a URL
// (Chinese brackets included), without trailing sentence punctuation.
std::size_t url_rule(std::string_view s) {
  if (!(s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www."))) return 0;
  static constexpr std::string_view kUrlChars =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'*+,;=%";
  std::size_t end = 0;
  while (end < s.size() && kUrlChars.find(s[end]) != std::string_view::npos) ++end;
  while (end > 0 && std::string_view(".,;:!?'").find(s[end - 1]) != std::string_view::npos) --end;
  return end;
}

// ---- Words of one text --------------------------------------------------------

// The caller's extra terms, looked up like the lexicon (views into the caller's strings).
class TermSet {
 public:
  explicit TermSet(const std::vector<std::string>& terms) {
    for (const std::string& term : terms) {
      if (term.empty()) continue;
      words_.insert(term);
      max_bytes_ = std::max(max_bytes_, term.size());
      std::size_t pos = 0;
      const char32_t first = next_code_point(term, pos);
      first_code_points_.insert(first);
      first_filter_.set(first % first_filter_.size());
      while (pos < term.size()) {
        prefixes_.insert(std::string_view(term).substr(0, pos));
        next_code_point(term, pos);
      }
    }
  }
  bool empty() const { return words_.empty(); }
  // The bit filter answers most questions without hashing.
  bool may_begin_with(char32_t cp) const {
    return first_filter_.test(cp % first_filter_.size()) && first_code_points_.count(cp) > 0;
  }
  bool contains(std::string_view s) const { return words_.count(s) > 0; }
  bool has_prefix(std::string_view s) const { return prefixes_.count(s) > 0; }
  std::size_t max_bytes() const { return max_bytes_; }

 private:
  std::unordered_set<std::string_view> words_, prefixes_;
  std::unordered_set<char32_t> first_code_points_;
  std::bitset<1024> first_filter_;  // bit cp % 1024 for every first code point
  std::size_t max_bytes_ = 0;
};

class Pass {
 public:
  Pass(std::string_view text, const std::vector<Boundary>& bounds, const Lexicon& lexicon, const TermSet& terms)
      : text_(text), bounds_(bounds), lexicon_(lexicon), terms_(terms),
        max_bytes_(std::max(lexicon.max_bytes(), terms.max_bytes())) {}

  std::vector<Token> run() {
    std::vector<Token> tokens;
    tokens.reserve(bounds_.size());
    std::size_t pos = 0;
    while (pos < text_.size()) {
      const std::size_t next = step(pos, tokens);
      // Every rule consumes at least one character; should one ever fail to, the
      // pass still moves on rather than looping.
      if (next > pos) {
        pos = next;
      } else {
        next_code_point(text_, pos);
      }
    }
    return tokens;
  }

 private:
  // Emits the token at `pos` (if not whitespace) and returns where the next one starts.
  std::size_t step(std::size_t pos, std::vector<Token>& tokens) {
    while (bounds_[piece_].end <= pos) ++piece_;
    const Boundary piece = bounds_[piece_];
    std::size_t after_cp = pos;
    const char32_t cp = next_code_point(text_, after_cp);
    if (is_none_status(piece.status)) {
      if (is_space(cp)) return after_cp;
      // Punctuation and symbols: one token per mark (ICU may group "……" or "——").
      return emit(tokens, pos, after_cp, TokenKind::Punct);
    }
    std::size_t end = piece.end;
    TokenKind kind = is_number_status(piece.status) ? TokenKind::Number : TokenKind::Word;
    if (const std::size_t number = number_end(pos)) {
      end = number;
      kind = TokenKind::Number;
    } else if (const std::size_t url = url_rule(text_.substr(pos))) {
      end = pos + url;
    } else if (const std::size_t code = code_rule(text_.substr(pos))) {
      end = pos + code;
    }
    if (const std::size_t merged = longest_word_end(pos, Words::WithDictionary); merged > end) {
      return emit(tokens, pos, merged, TokenKind::Word);
    }
    if (kind == TokenKind::Word && end == piece.end) {
      if (const std::size_t overlap = word_ending_inside_next(pos); overlap > end) {
        return emit(tokens, pos, overlap, TokenKind::Word);
      }
      end = split_icu_word(pos, end, after_cp);
    }
    return emit(tokens, pos, end, kind);
  }

  // ICU sometimes attaches the last character of a lexicon word to the next word:
  // 乙|方向 for 乙方|向, 披露|方向 for 披露方|向. When the following ICU word has two
  // characters, the lexicon word takes the first and the second is a function word
  // that stands alone anyway, the lexicon word wins (but 被|告知 stays: 知 is no
  // function word). Returns the end of that word, or 0.
  std::size_t word_ending_inside_next(std::size_t pos) const {
    const std::size_t next_piece = piece_ + 1;
    if (next_piece >= bounds_.size() || is_none_status(bounds_[next_piece].status)) return 0;
    std::size_t after_first = bounds_[piece_].end;
    next_code_point(text_, after_first);
    if (after_first >= bounds_[next_piece].end) return 0;  // one character: nothing to look ahead at (丧|f)
    std::size_t after_second = after_first;
    next_code_point(text_, after_second);
    if (after_second != bounds_[next_piece].end) return 0;  // not exactly two characters
    std::size_t second = after_first;
    if (!is_function_word(next_code_point(text_, second))) return 0;
    const std::string_view candidate = text_.substr(pos, after_first - pos);
    return candidate.size() <= max_bytes_ && is_term(candidate) ? after_first : 0;
  }

  // The end of the Number token at `pos`, or 0. A counter that begins a longer
  // lexicon word is left to that word: 任|一|条款, not 任|一条|款.
  std::size_t number_end(std::size_t pos) const {
    const RuleMatch number = number_rule(text_.substr(pos), [&](std::size_t n) { return ends_token(pos + n); });
    if (number.length == 0) return 0;
    if (number.counter_start > 0 && longest_word_end(pos + number.counter_start) > pos + number.length) {
      return pos + number.counter_start;
    }
    return pos + number.length;
  }

  // Where to cut the ICU word [pos, end) that ICU's dictionary glued together
  // wrongly; `end` when it stands. `second` is where its second character begins.
  //  - a negation stands alone (PKU convention): 不|是, 未|完成, and an adverb before
  //    it too: 并|不, 也|不|会; lexicalised words (不得, 不可, 未能) are in the lexicon;
  //  - of two characters, the second may begin a lexicon word that ICU split off:
  //    另一|方 → 另|一方, 某一|方 → 某|一方.
  std::size_t split_icu_word(std::size_t pos, std::size_t end, std::size_t second) const {
    if (second >= end || is_term(text_.substr(pos, end - pos))) return end;
    std::size_t third = second;
    const char32_t first_cp = next_code_point(text_, pos);
    const char32_t second_cp = next_code_point(text_, third);
    if (is_negation(first_cp)) return second;
    if (is_adverb_before_negation(first_cp) && is_negation(second_cp)) return second;
    if (third == end && longest_word_end(second) > end) return second;
    return end;
  }

  static bool is_function_word(char32_t cp) {
    static constexpr std::u32string_view kFunctionWords = U"的了将在与和或对及之于被把向按从";
    return kFunctionWords.find(cp) != std::u32string_view::npos;
  }
  static bool is_negation(char32_t cp) { return cp == U'不' || cp == U'未'; }
  static bool is_adverb_before_negation(char32_t cp) {
    return cp == U'并' || cp == U'也' || cp == U'均' || cp == U'都';
  }

  std::size_t emit(std::vector<Token>& tokens, std::size_t begin, std::size_t end, TokenKind kind) {
    tokens.push_back(Token{text_.substr(begin, end - begin), begin, kind});
    return end;
  }

  bool ends_token(std::size_t offset) const {
    for (std::size_t i = piece_; i < bounds_.size() && bounds_[i].end <= offset; ++i) {
      if (bounds_[i].end == offset) return true;
    }
    return false;
  }

  // A listed word or a defined term: what the finer repairs may trust.
  bool is_term(std::string_view candidate) const {
    std::size_t after_first = 0;
    const char32_t first = next_code_point(candidate, after_first);
    return (lexicon_.listed_may_begin_with(first) && lexicon_.is_listed(candidate)) ||
           (!terms_.empty() && terms_.may_begin_with(first) && terms_.contains(candidate));
  }

  // Which words longest_word_end() may merge into.
  enum class Words { WithDictionary, ListedOnly };

  // The end of the longest lexicon word or extra term that starts at `from` and
  // ends on an ICU boundary; 0 when there is none. Most positions are ruled out by
  // their first character. Each source of words (listed words, dictionary, the
  // text's terms) drops out of the widening as soon as no word of it can start
  // like the candidate; the dictionary is walked piece by piece, never from its root again.
  std::size_t longest_word_end(std::size_t from, Words words = Words::ListedOnly) const {
    std::size_t after_first = from;
    const char32_t first = next_code_point(text_, after_first);
    bool listed = lexicon_.listed_may_begin_with(first);
    bool in_terms = !terms_.empty() && terms_.may_begin_with(first);
    const bool with_dictionary = words == Words::WithDictionary && lexicon_.dictionary() != nullptr &&
                                 lexicon_.dictionary_may_begin_with(first);
    if (!listed && !in_terms && !with_dictionary) return 0;
    std::optional<dictionary::Walk> walk;
    if (with_dictionary) walk.emplace(*lexicon_.dictionary(), text_, from);
    std::size_t i = piece_;
    while (i < bounds_.size() && bounds_[i].end <= from) ++i;
    std::size_t best = 0;
    for (; i < bounds_.size(); ++i) {
      const std::size_t end = bounds_[i].end;
      if (end - from > max_bytes_) break;
      const std::string_view candidate = text_.substr(from, end - from);
      bool word = false;
      if (listed) {
        const Lexicon::Match match = lexicon_.match_listed(candidate);
        word = match.word;
        listed = match.prefix;
      }
      if (walk && walk->alive()) {
        const Lexicon::Match match = walk->to(end);
        word = word || match.word;
        if (!match.prefix) walk.reset();
      }
      if (in_terms) {
        word = word || terms_.contains(candidate);
        in_terms = terms_.has_prefix(candidate);
      }
      if (word) best = end;
      if (!listed && !walk && !in_terms) break;
    }
    return best;
  }

  std::string_view text_;
  const std::vector<Boundary>& bounds_;
  const Lexicon& lexicon_;
  const TermSet& terms_;
  std::size_t max_bytes_;
  std::size_t piece_ = 0;  // the ICU segment containing the current position
};

}  // namespace

struct Segmenter::Impl {
  explicit Impl(const Lexicon& lex) : lexicon(&lex) {}
  const Lexicon* lexicon;
  IcuWordBreaks breaks;
  std::vector<Boundary> bounds;  // reused from text to text
};

Segmenter::Segmenter(const Lexicon& lexicon) : impl_(std::make_unique<Impl>(lexicon)) {}
Segmenter::~Segmenter() = default;
Segmenter::Segmenter(Segmenter&&) noexcept = default;
Segmenter& Segmenter::operator=(Segmenter&&) noexcept = default;

std::vector<Token> Segmenter::words(std::string_view utf8, const std::vector<std::string>& extra_terms) const {
  if (utf8.empty()) return {};
  impl_->breaks.boundaries(utf8, impl_->bounds);
  const TermSet terms(extra_terms);
  return Pass(utf8, impl_->bounds, *impl_->lexicon, terms).run();
}

std::vector<Token> icu_words(std::string_view utf8) {
  thread_local IcuWordBreaks breaks;
  thread_local std::vector<Boundary> bounds;
  breaks.boundaries(utf8, bounds);
  std::vector<Token> tokens;
  tokens.reserve(bounds.size());
  std::size_t begin = 0;
  for (const Boundary& b : bounds) {
    std::size_t after_cp = begin;
    const char32_t first = next_code_point(utf8, after_cp);
    if (!(is_none_status(b.status) && is_space(first))) {
      const TokenKind kind = is_number_status(b.status) ? TokenKind::Number
                             : is_none_status(b.status)  ? TokenKind::Punct
                                                         : TokenKind::Word;
      tokens.push_back(Token{utf8.substr(begin, b.end - begin), begin, kind});
    }
    begin = b.end;
  }
  return tokens;
}

}  // namespace lexgit::text
