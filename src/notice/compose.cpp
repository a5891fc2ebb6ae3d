// The notice's wording, in formal Chinese.
#include "notice/compose.hpp"

#include <sstream>

#include "lexgit/redline.hpp"

namespace lexgit::notice {
namespace {

std::string zh(text::Date d) { return text::format_zh_cn(d); }

bool any_security(const Notice& n) {
  for (const NoticeChange* c : n.changes())
    if (c->classification.security) return true;
  return false;
}

bool all_security(const Notice& n) { return n.effective() == n.date; }

std::string intro(const Notice& n) {
  return "根据《" + n.title + "》（以下简称“本协议”）" + n.period.part + "的约定，" + n.signatory +
         "（以下简称“青云科技”）现对本协议的条款作出修订，并就修订内容及其生效日期通知如下。";
}

std::string period_paragraph(const Notice& n) {
  const period::Period& p = n.computed;
  std::string s = "依本协议" + n.period.citation + "的约定，青云科技变更本协议条款，应提前" + n.period.text +
                  "通知贵公司；与安全和保障相关的条款可随时变更。本通知发出之日为" + zh(n.date) + "，通知期间自次日起算，至" +
                  zh(p.last_day) + "届满";
  if (p.last_day != p.nominal_last_day)
    s += "（期间最后一日" + zh(p.nominal_last_day) + "为法定休假日，依《中华人民共和国民法典》第二百零三条，以法定休假日结束的次日为期间的最后一日）";
  s += "。";
  if (all_security(n)) return s + "本次修订均为与安全和保障相关的条款，自本通知发出之日（" + zh(n.date) + "）起生效。";
  s += "除与安全和保障相关的条款外，下列修订自" + zh(p.effective) + "起生效";
  if (any_security(n)) s += "；与安全和保障相关的条款的修订自本通知发出之日（" + zh(n.date) + "）起生效";
  return s + "。各项修订的类别及生效日期见下文。";
}

std::string retroactivity_paragraph(const Notice& n) {
  return "本次修订不具有追溯力：各项修订仅自其生效之日起适用，此前已发生的事项仍适用修订前的条款（见本协议" + n.retroactivity_basis + "）。";
}

std::string void_paragraph(const Notice& n) {
  return "贵公司任何书面往来中的补充或不同条款均属无效，不构成对本协议条款的变更；本协议条款的变更以青云科技的通知为准（见本协议" +
         n.void_basis + "）。";
}

// The versions, named as a partner knows them: by their publication and effective dates.
std::string revision_paragraph(const Notice& n) {
  std::string s = "本通知所涉协议版本：修订前版本为" + zh(n.before_meta.published) + "发布";
  if (n.before_meta.effective != n.before_meta.published) s += "、自" + zh(n.before_meta.effective) + "起生效";
  s += "的版本；修订后版本于本通知发出之日（" + zh(n.date) + "）发布，";
  if (all_security(n)) return s + "自同日起生效。";
  if (any_security(n)) return s + "其中与安全和保障相关的条款自同日起生效，其余条款自" + zh(n.effective()) + "起生效。";
  return s + "自" + zh(n.effective()) + "起生效。";
}

std::string renumbering_paragraph() {
  return "下列条款仅调整序号，内容未作修订（条款内对其他条款的引用随之调整的，一并注明）：";
}

}  // namespace

std::string kind_zh(diff::ChangeKind kind) { return std::string(redline::kind_label(kind, Language::Zh)); }

std::string change_citation(const NoticeChange& c) {
  if (c.old_citation.empty()) return c.new_citation;
  if (c.new_citation.empty()) return c.old_citation;
  if (c.old_citation != c.new_citation) return c.new_citation + "（原" + c.old_citation + "）";
  return c.new_citation;
}

std::string numbered(const diff::Side& side) {
  if (side.number.empty() || side.number == "-" || side.text.starts_with(side.number)) return side.text;
  return side.number + (side.number.ends_with("、") || side.number.ends_with("．") ? "" : " ") + side.text;
}

Quotes quotes_of(const diff::Change& c) {
  if (!c.before) return {"", "新增条款：", false};
  if (!c.after) return {"删除条款：", "", false};
  return {"原条款：", "修订后条款：", true};
}

std::vector<std::string> quote_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(line);
  return out;
}

std::vector<std::string> change_facts(const NoticeChange& c) {
  const Classification& k = c.classification;
  return {"类别：" + std::string(k.security ? "与安全和保障相关的条款" : "一般条款") + "（" + k.reason_zh() + "）",
          "生效日期：" + zh(c.effective)};
}

std::vector<Block> compose(const Notice& n) {
  using K = Block::Kind;
  std::vector<Block> out;
  out.push_back({K::Title, {title_of(n)}});
  out.push_back({K::Salutation, {n.salutation}});
  out.push_back({K::Paragraph, {intro(n)}});
  out.push_back({K::Paragraph, {period_paragraph(n)}});
  for (const period::Step& caveat : n.computed.warnings) out.push_back({K::Paragraph, {caveat.zh}});
  out.push_back({K::Section, {"修订内容"}});
  int number = 0;
  for (const Part& part : n.parts) {
    out.push_back({K::Part, {part.heading}});
    for (const NoticeChange& c : part.changes) out.push_back({K::Change, {}, &c, ++number});
  }
  if (!n.renumbered.empty()) {
    out.push_back({K::Section, {"条款序号调整"}});
    out.push_back({K::Paragraph, {renumbering_paragraph()}});
    out.push_back({K::Renumbering, {}});
  }
  out.push_back({K::Section, {"其他事项"}});
  out.push_back({K::Paragraph, {retroactivity_paragraph(n)}});
  out.push_back({K::Paragraph, {void_paragraph(n)}});
  out.push_back({K::Paragraph, {revision_paragraph(n)}});
  out.push_back({K::Closing, {"特此通知。"}});
  out.push_back({K::Signature, {n.signatory, zh(n.date)}});
  return out;
}

}  // namespace lexgit::notice
