#include "redline/lines.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "lexgit/redline.hpp"

namespace lexgit::redline {

using diff::ChangeKind;
using diff::Edit;
using diff::Op;

namespace {

void append_number(const diff::Side& before, const diff::Side& after, std::vector<Edit>& out) {
  if (before.number == after.number) {
    if (!after.number.empty()) out.push_back({Op::Equal, after.number + " "});
    return;
  }
  if (!before.number.empty()) out.push_back({Op::Delete, before.number});
  if (!after.number.empty()) out.push_back({Op::Insert, after.number});
  out.push_back({Op::Equal, " "});
}

// "doc#14 → doc#13, doc#38" for a split, "doc#14, doc#15 → doc#13" for a merge.
std::string parts_refs(const diff::Change& change) {
  std::string many;
  for (const diff::Side& p : change.parts) many += (many.empty() ? "" : ", ") + p.ref;
  if (change.kind == ChangeKind::Merged) return many + " → " + change.after->ref;
  return change.before->ref + " → " + many;
}

}  // namespace

std::vector<Edit> clause_edits(const diff::Change& change) {
  if (!change.before) return {{Op::Insert, change.after ? change.after->text : std::string()}};
  if (!change.after) return {{Op::Delete, change.before->text}};
  std::vector<Edit> out;
  append_number(*change.before, *change.after, out);
  if (change.edits.empty()) out.push_back({Op::Equal, change.after->text});
  else out.insert(out.end(), change.edits.begin(), change.edits.end());
  return out;
}

std::vector<Line> split_lines(const std::vector<Edit>& edits) {
  std::vector<Line> lines(1);
  for (const Edit& e : edits) {
    std::size_t start = 0;
    while (true) {
      std::size_t nl = e.text.find('\n', start);
      std::string piece = e.text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
      if (!piece.empty()) lines.back().push_back({e.op, std::move(piece)});
      if (nl == std::string::npos) break;
      lines.emplace_back();
      start = nl + 1;
    }
  }
  return lines;
}

std::string refs_of(const diff::Change& change) {
  if (!change.parts.empty()) return parts_refs(change);
  if (change.before && change.after && change.before->ref != change.after->ref)
    return change.before->ref + " → " + change.after->ref;
  return primary_ref(change);
}

const std::string& primary_ref(const diff::Change& change) { return change.after ? change.after->ref : change.before->ref; }

std::vector<KindCount> counts_of(const diff::Stat& s, bool articles) {
  std::vector<KindCount> out = {{ChangeKind::Added, s.added},
                                {ChangeKind::Removed, s.removed},
                                {ChangeKind::Modified, s.modified},
                                {ChangeKind::Moved, s.moved},
                                {ChangeKind::Renumbered, s.renumbered}};
  if (articles || s.split || s.merged) {
    out.push_back({ChangeKind::Split, s.split});
    out.push_back({ChangeKind::Merged, s.merged});
  }
  return out;
}

bool any_split_or_merge(const std::vector<diff::DocumentDiff>& diffs) {
  diff::Stat s = total(diffs);
  return s.split + s.merged > 0;
}

std::string AnchorSet::claim(const std::string& ref) {
  std::string base = anchor_of(ref), id = base;
  if (used_.contains(id)) {
    int& n = next_suffix_.try_emplace(base, 2).first->second;
    // "-n" may already be taken by a ref whose own anchor reads so: try the next.
    do id = base + "-" + std::to_string(n++);
    while (used_.contains(id));
  }
  used_.insert(id);
  return id;
}

// ---- shared public pieces ----

std::vector<std::vector<Edit>> change_lines(const diff::Change& change) { return split_lines(clause_edits(change)); }

std::string_view kind_label(ChangeKind kind, Language language) {
  static constexpr std::pair<ChangeKind, Phrase> kLabels[] = {
      {ChangeKind::Added, {"新增", "added"}},         {ChangeKind::Removed, {"删除", "removed"}},
      {ChangeKind::Modified, {"修改", "modified"}},   {ChangeKind::Moved, {"移动", "moved"}},
      {ChangeKind::Renumbered, {"重新编号", "renumbered"}}, {ChangeKind::Split, {"拆分", "split"}},
      {ChangeKind::Merged, {"合并", "merged"}}};
  for (const auto& [k, phrase] : kLabels)
    if (k == kind) return phrase.in(language);
  return diff::to_string(kind);
}

std::string_view absent_label(Language language) { return Phrase{"（不存在）", "(absent)"}.in(language); }

std::string describe(const diff::Stat& stat, Language language) {
  bool en = language == Language::En;
  std::string out;
  for (const KindCount& k : counts_of(stat)) {
    if (k.count == 0) continue;
    std::string label(kind_label(k.kind, language)), count = std::to_string(k.count);
    if (!out.empty()) out += en ? ", " : "、";
    out += en ? count + " " + label : label + " " + count + " 处";
  }
  return out.empty() ? (en ? "no changes" : "无变化") : out;
}

diff::Stat total(const std::vector<diff::DocumentDiff>& diffs) {
  diff::Stat sum;
  for (const diff::DocumentDiff& d : diffs) {
    diff::Stat s = d.stat();
    sum.modified += s.modified, sum.added += s.added, sum.removed += s.removed;
    sum.moved += s.moved, sum.renumbered += s.renumbered, sum.split += s.split, sum.merged += s.merged;
  }
  return sum;
}

std::string anchor_of(std::string_view ref) {
  std::string out;
  for (char c : ref) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '#') out += '-';
    else if (u <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '&') out += '_';
    else out += c;
  }
  return out.empty() ? "clause" : out;
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string escape_markdown(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char previous = '\0';
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\\': case '`': case '*': case '_': case '[': case ']': case '#': case '+': case '-':
      case '!': case '|': case '~': case '{': case '}':
        out += '\\';
        out += c;
        break;
      case '.': case ')':
        // "1." or "1)" would open a list at a line's start.
        if (previous >= '0' && previous <= '9') out += '\\';
        out += c;
        break;
      default: out += c;
    }
    previous = c;
  }
  return out;
}

// ---- JSON ----

nlohmann::json render_json(const std::vector<diff::DocumentDiff>& diffs, const Labels& labels) {
  nlohmann::json documents = nlohmann::json::array();
  for (const diff::DocumentDiff& d : diffs) documents.push_back(diff::to_json(d));
  return {{"from", labels.from}, {"to", labels.to}, {"documents", std::move(documents)}, {"stat", diff::to_json(total(diffs))}};
}

nlohmann::json render_stat_json(const std::vector<diff::DocumentDiff>& diffs, const Labels& labels) {
  nlohmann::json documents = nlohmann::json::array();
  for (const diff::DocumentDiff& d : diffs) documents.push_back({{"doc", d.doc}, {"stat", diff::to_json(d.stat())}});
  return {{"from", labels.from}, {"to", labels.to}, {"documents", std::move(documents)}, {"stat", diff::to_json(total(diffs))}};
}

}  // namespace lexgit::redline
