// Build-time tool: chooses the words of jieba's dictionary that lexgit's segmenter
// needs and writes them as a compiled trie in C++ source (see src/text/dictionary.hpp).
// Usage: lexgit_compile_dictionary DICT.txt OUT.cpp MIN_FREQUENCY
//
// jieba's dict.txt has ~350k lines "word frequency tag". lexgit keeps ICU's word
// break and only merges ICU's pieces back into words, so a word is taken when
//  - it is two or more Han characters (BMP), tagged as a noun (n, nz, nt, j, ns):
//    the terms a redline must not cut; verbs, verbal nouns, adverbs and phrases
//    (发给, 应立即, 停止使用) are what the PKU convention of lexgit's gold standard splits;
//  - jieba counted it at least MIN_FREQUENCY times: about 200k entries of frequency
//    2 or 3 are jieba's machine-made compounds (期限内, 类产品, 变本);
//  - ICU cuts it, and one of the pieces is a single character that is no word of
//    its own (董事|会, 监|事|会, 公|积|金, 清算|组). A word ICU keeps whole needs no
//    entry; a word cut into words (官方|网站, 资质|证书) is a phrase under the PKU
//    convention; a piece that is a function character or a productive affix
//    (发送|至, 期限|内, 加入|者) stands alone under it.
// Terms of art that are phrases (股东大会, 公司章程, 注册资本) belong in
// corpus/lexicon/legal.txt, which is curated by hand.
#include "lexgit/error.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>
#include <unicode/brkiter.h>
#include <unicode/unistr.h>

namespace {

using lexgit::Error;
using lexgit::ErrorCode;

struct Entry {
  std::u16string word;
  long frequency = 0;
  std::string tag;
};

// "word frequency tag"; the tag may be missing in user dictionaries.
bool parse_line(const std::string& line, Entry& entry) {
  std::istringstream fields(line);
  std::string word;
  if (!(fields >> word >> entry.frequency)) return false;
  entry.tag.clear();
  fields >> entry.tag;
  const icu::UnicodeString utf16 = icu::UnicodeString::fromUTF8(word);
  entry.word.assign(utf16.getBuffer(), static_cast<std::size_t>(utf16.length()));
  return true;
}

bool is_noun_tag(const std::string& tag) {
  static const std::set<std::string> kNouns{"n", "nz", "nt", "j", "ns"};
  return kNouns.count(tag) > 0;
}

bool is_han(char16_t unit) { return (unit >= 0x3400 && unit <= 0x4DBF) || (unit >= 0x4E00 && unit <= 0x9FFF); }

bool all_han(const std::u16string& word) {
  for (char16_t unit : word) {
    if (!is_han(unit)) return false;
  }
  return true;
}

// Characters that stand alone in lexgit's segmentation convention: function words,
// localisers, determiners and productive affixes. A piece of one of them means the
// jieba entry is a phrase around a word (发送至, 期限内, 该项), not a term.
bool stands_alone(char16_t unit) {
  static const std::u16string_view kAlone = u"的了将在与和或对及之于被把向按从至内者项为等中上下前后时此该各每其本类种个非";
  return kAlone.find(unit) != std::u16string_view::npos;
}

class IcuPieces {
 public:
  IcuPieces() {
    UErrorCode status = U_ZERO_ERROR;
    iterator_.reset(icu::BreakIterator::createWordInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status) || !iterator_) throw Error(ErrorCode::Internal, "ICU word break iterator unavailable");
  }

  // The lengths of the pieces ICU cuts `word` into.
  std::vector<int32_t> lengths(const std::u16string& word) {
    text_.setTo(false, word.data(), static_cast<int32_t>(word.size()));
    iterator_->setText(text_);
    std::vector<int32_t> out;
    int32_t start = iterator_->first();
    for (int32_t end = iterator_->next(); end != icu::BreakIterator::DONE; end = iterator_->next()) {
      out.push_back(end - start);
      start = end;
    }
    return out;
  }

 private:
  std::unique_ptr<icu::BreakIterator> iterator_;
  icu::UnicodeString text_;
};

// ICU cuts the word, and one piece is a lone character that is no function word.
bool icu_cuts_off_a_bound_character(IcuPieces& icu, const std::u16string& word) {
  const std::vector<int32_t> lengths = icu.lengths(word);
  if (lengths.size() < 2) return false;
  bool bound = false;
  std::size_t offset = 0;
  for (int32_t length : lengths) {
    if (length == 1) {
      if (stands_alone(word[offset])) return false;
      bound = true;
    }
    offset += static_cast<std::size_t>(length);
  }
  return bound;
}

std::set<std::u16string> choose_words(const std::string& dict_path, long min_frequency) {
  std::ifstream in(dict_path, std::ios::binary);
  if (!in) throw Error(ErrorCode::NotFound, "cannot read jieba's dictionary (Debian package python3-jieba)", {dict_path, 0});
  IcuPieces icu;
  std::set<std::u16string> words;
  std::string line;
  Entry entry;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty()) continue;
    if (!parse_line(line, entry)) throw Error(ErrorCode::BadInput, "not a dictionary line", {dict_path, line_number});
    if (entry.word.size() < 2 || !all_han(entry.word)) continue;
    if (entry.frequency < min_frequency || !is_noun_tag(entry.tag)) continue;
    if (!icu_cuts_off_a_bound_character(icu, entry.word)) continue;
    words.insert(entry.word);
  }
  return words;
}

// ---- The trie ----------------------------------------------------------------

struct BuildNode {
  std::map<char16_t, std::unique_ptr<BuildNode>> children;
  bool word = false;
};

struct Flat {
  std::vector<std::uint32_t> nodes;
  std::vector<char16_t> labels;
};

// Breadth first, so that every node's children are consecutive and sorted.
Flat flatten(const BuildNode& root) {
  Flat flat;
  std::vector<const BuildNode*> queue{&root};
  flat.labels.push_back(0);
  std::uint32_t next_free = 1;
  for (std::size_t i = 0; i < queue.size(); ++i) {
    const BuildNode* node = queue[i];
    flat.nodes.push_back(next_free << 1 | (node->word ? 1U : 0U));
    for (const auto& [unit, child] : node->children) {
      queue.push_back(child.get());
      flat.labels.push_back(unit);
      ++next_free;
    }
  }
  flat.nodes.push_back(next_free << 1);
  return flat;
}

Flat compile(const std::set<std::u16string>& words) {
  BuildNode root;
  for (const std::u16string& word : words) {
    BuildNode* node = &root;
    for (char16_t unit : word) {
      auto& child = node->children[unit];
      if (!child) child = std::make_unique<BuildNode>();
      node = child.get();
    }
    node->word = true;
  }
  return flatten(root);
}

template <typename T>
void write_array(std::ostream& out, const char* type, const char* name, const std::vector<T>& values) {
  out << "const " << type << ' ' << name << "[] = {";
  for (std::size_t i = 0; i < values.size(); ++i) {
    out << (i % 16 == 0 ? "\n" : "") << static_cast<std::uint32_t>(values[i]) << ',';
  }
  out << "\n};\n";
}

void write_source(const std::string& out_path, const Flat& flat, std::size_t word_count, long min_frequency) {
  std::ostringstream out;
  out << "// Generated by lexgit_compile_dictionary from jieba's dict.txt (python3-jieba,\n"
      << "// MIT licence), nouns ICU cuts, frequency >= " << min_frequency << ": do not edit.\n"
      << "#include \"text/dictionary.hpp\"\n\nnamespace lexgit::text::dictionary {\nnamespace {\n";
  write_array(out, "std::uint32_t", "kNodes", flat.nodes);
  write_array(out, "char16_t", "kLabels", flat.labels);
  out << "}  // namespace\n\nconst Trie& builtin() {\n  static const Trie trie{kNodes, kLabels, "
      << flat.nodes.size() - 1 << "U, " << word_count << "U};\n  return trie;\n}\n\n"
      << "}  // namespace lexgit::text::dictionary\n";
  // Written whole or not at all: a half-written source must not survive a failed build.
  const std::string temporary = out_path + ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary);
    file << out.str();
    if (!file) throw Error(ErrorCode::Internal, "cannot write the compiled dictionary", {temporary, 0});
  }
  if (std::rename(temporary.c_str(), out_path.c_str()) != 0) {
    throw Error(ErrorCode::Internal, "cannot write the compiled dictionary", {out_path, 0});
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: lexgit_compile_dictionary DICT.txt OUT.cpp MIN_FREQUENCY\n";
    return 2;
  }
  try {
    const long min_frequency = std::strtol(argv[3], nullptr, 10);
    const std::set<std::u16string> words = choose_words(argv[1], min_frequency);
    const Flat flat = compile(words);
    write_source(argv[2], flat, words.size(), min_frequency);
    std::cout << "dictionary: " << words.size() << " words, " << flat.nodes.size() - 1 << " trie nodes\n";
  } catch (const Error& e) {
    std::cerr << "lexgit_compile_dictionary: " << e.describe() << "\n";
    return e.exit_status();
  }
  return 0;
}
