// Word's automatic numbering (numbering.xml) rendered to the numbers Word
// displays: 一、 （一） 1. ① A. and bullets, with levels and restarts.
//
// A paragraph names a numbering instance (w:num, by numId) and a level
// (w:ilvl). Instances share the counters of their abstract definition
// (w:abstractNum), so a second list on the same definition continues the
// first unless the instance restarts a level with lvlOverride/startOverride,
// which is how Word writes "restart at 1". Numbering a level restarts the
// levels below it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pugi {
class xml_node;
}

namespace lexgit::importer {

// `value` in a WordprocessingML number format (numFmt): decimal,
// chineseCounting, upperLetter, decimalEnclosedCircle, ideographTraditional, …
// Formats lexgit does not know are written as decimal.
std::string format_word_number(long long value, const std::string& num_fmt);

class WordNumbering {
 public:
  WordNumbering() = default;
  explicit WordNumbering(const pugi::xml_node& numbering);  // the w:numbering element

  struct Label {
    std::string text;  // "一、", "（三）", "2."; empty for a level without text
    bool bullet = false;
    std::string suffix = " ";  // after the label: w:suff tab or space is " ", nothing is ""
  };

  // Counts the paragraph and returns its label; nullopt when the instance or
  // level is not defined (numId 0 switches numbering off).
  std::optional<Label> next(int num_id, int ilvl);

 private:
  struct Level {
    long long start = 1;
    std::string format = "decimal";
    std::string text;
    std::string suffix = " ";
    bool legal = false;   // w:isLgl: every level's number in decimal
    int restart = -1;     // w:lvlRestart; -1: after any higher level
  };
  struct Abstract {
    std::vector<Level> levels = std::vector<Level>(9);
    std::vector<long long> counters = std::vector<long long>(9, 0);
    std::vector<bool> started = std::vector<bool>(9, false);
  };
  struct Instance {
    int abstract_id = 0;
    std::map<int, long long> start_overrides;
    std::map<int, Level> level_overrides;
    bool used = false;
  };
  std::map<int, Abstract> abstracts_;
  std::map<int, Instance> instances_;

  Level level_of(const Instance& num, int ilvl) const;
};

}  // namespace lexgit::importer
