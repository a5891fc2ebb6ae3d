// The wording of a notice, shared by every format: a list of blocks that each
// renderer writes out (escaping text as its format needs).
#pragma once

#include <string>
#include <vector>

#include "lexgit/notice.hpp"

namespace lexgit::notice {

struct Block {
  enum class Kind {
    Title,       // 关于修订《…》的通知
    Salutation,  // 尊敬的合作伙伴：
    Paragraph,   // a paragraph of the letter
    Section,     // 修订内容
    Part,        // 九． 赔偿责任
    Change,      // one change (see `change`)
    Renumbering,  // the table of units only renumbered (Notice::renumbered)
    Closing,     // 特此通知。
    Signature,   // the signatory, then the date (two lines)
  };
  Kind kind;
  std::vector<std::string> lines;        // plain text, unescaped
  const NoticeChange* change = nullptr;  // Change
  int number = 0;                        // Change: 1, 2, …
};

std::vector<Block> compose(const Notice& n);

// Lines describing a change, before its text: 修订类型, 分类 (with the reason), 生效日期.
std::vector<std::string> change_facts(const NoticeChange& c);
// 修改 / 新增 / 删除 / 移动 / 重新编号
std::string kind_zh(diff::ChangeKind kind);
// The clause a change is known by, cited: the new citation; the old one for a
// removal; 第十部分第3项（原第九部分第3项） when the number changed.
std::string change_citation(const NoticeChange& c);
// A clause's text with its number as that version wrote it: （三） …, 3. …
std::string numbered(const diff::Side& side);
// What a change quotes: the old clause, the new one, and for a kept clause the
// redline, each under its label (修订对照 for the redline).
struct Quotes {
  std::string old_label, new_label;
  bool redline = false;
};
Quotes quotes_of(const diff::Change& c);
// A quoted clause's lines, empty ones left out.
std::vector<std::string> quote_lines(const std::string& text);
// The heading row of the renumbering table.
inline const char* kRenumberingHeader[] = {"原序号", "现序号", "说明"};
// A row's note: 条款内引用的序号相应调整, or empty.
inline std::string renumbering_note(const Renumbering& r) { return r.references_updated ? "条款内引用的序号相应调整" : ""; }

}  // namespace lexgit::notice
