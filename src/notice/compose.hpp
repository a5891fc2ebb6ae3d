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
// The ref a change is known by: the new one; the old one for a removal; "old → new" when they differ.
std::string change_refs(const diff::Change& c);

}  // namespace lexgit::notice
