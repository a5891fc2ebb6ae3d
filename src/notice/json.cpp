#include <nlohmann/json.hpp>

#include "lexgit/notice.hpp"

namespace lexgit::notice {
namespace {

nlohmann::json side_json(const std::optional<diff::Side>& s) {
  if (!s) return nullptr;
  return {{"ref", s->ref}, {"text", s->text}};
}

nlohmann::json change_json(const NoticeChange& c) {
  return {{"kind", diff::to_string(c.change.kind)},
          {"old", side_json(c.change.before)},
          {"new", side_json(c.change.after)},
          {"part", c.part},
          {"security", c.classification.security},
          {"reason", c.classification.reason_en()},
          {"reason_zh", c.classification.reason_zh()},
          {"effective", text::format_iso(c.effective)}};
}

}  // namespace

nlohmann::json to_json(const Notice& n) {
  nlohmann::json changes = nlohmann::json::array();
  for (const NoticeChange* c : n.changes()) changes.push_back(change_json(*c));
  return {{"notice_date", text::format_iso(n.date)},
          {"agreement", n.agreement},
          {"title", title_of(n)},
          {"revision", {{"from", n.from_commit}, {"to", n.to_commit.empty() ? nlohmann::json(nullptr) : nlohmann::json(n.to_commit)}}},
          {"period",
           {{"text", n.period.text},
            {"count", n.period.duration.count},
            {"unit", text::unit_name(n.period.duration.unit)},
            {"basis", n.period.basis},
            {"commit", n.period.commit}}},
          {"last_day", text::format_iso(n.computed.last_day)},
          {"effective", text::format_iso(n.computed.effective)},
          {"version_effective", text::format_iso(n.effective())},
          {"changes", std::move(changes)},
          {"warnings", period::to_json(n.computed)["warnings"]}};
}

}  // namespace lexgit::notice
