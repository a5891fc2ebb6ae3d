// /period: when a period that starts on a day ends (Civil Code Art. 200–204):
// the last day, the day a change may take effect, the rules applied and the
// rest days the end moved past, counted with the repository's calendar.
#include "lexgit/period.hpp"
#include "web/page.hpp"

namespace lexgit::web {
namespace {

constexpr Phrase kTitle{"期限计算", "Periods"};
constexpr Phrase kStart{"起算日（通知日）", "Start (notice date)"};
constexpr Phrase kLength{"期间", "Length"};
constexpr Phrase kCompute{"计算", "Compute"};
constexpr Phrase kLengthHint{"一个月、30日、三个月、十五个工作日", "一个月, 30日, 三个月, 十五个工作日"};
constexpr Phrase kLastDay{"最后一日", "Last day"};
constexpr Phrase kEffective{"生效日", "Effective"};
constexpr Phrase kSteps{"计算依据", "How it is counted"};
constexpr Phrase kSkipped{"顺延跳过的休息日", "Rest days the end moved past"};
constexpr Phrase kNote{"注：", "Note: "};

}  // namespace

http::Response period_page(const Context& ctx) {
  std::optional<text::Date> start = ctx.date("start");
  std::string length = ctx.param("length");
  std::string body = "<form class=\"bar\" method=\"get\" action=\"/period\"><label>" + ctx.t(kStart) +
                     " <input type=\"date\" name=\"start\" value=\"" + (start ? text::format_iso(*start) : "") + "\"></label><label>" +
                     ctx.t(kLength) + " <input name=\"length\" value=\"" + escape(length) + "\" placeholder=\"" + ctx.t(kLengthHint) +
                     "\"></label>" + language_field(ctx) + "<button>" + ctx.t(kCompute) + "</button></form>\n";
  if (!start || length.empty()) return render_page(ctx, ctx.t(kTitle), body);
  auto duration = text::parse_duration(length);
  if (!duration) throw Error(ErrorCode::Usage, "cannot read '" + length + "' as a period: write 一个月, 30日, 三个月, 十五个工作日, 两年 …");
  DocumentSet set = ctx.open();
  period::Calendar calendar = period::calendar_for(set);
  period::Period p = period::compute(*start, *duration, calendar);
  body += "<dl class=\"result\"><dt>" + ctx.t(kLastDay) + "</dt><dd class=\"last-day\">" + date_text(p.last_day, ctx.language) +
          "</dd><dt>" + ctx.t(kEffective) + "</dt><dd class=\"effective\">" + date_text(p.effective, ctx.language) + "</dd></dl>\n";
  body += "<h2>" + ctx.t(kSteps) + "</h2>\n<ol class=\"steps\">\n";
  for (const period::Step& s : p.steps) body += "<li>" + escape(s.in(ctx.language)) + "</li>\n";
  body += "</ol>\n";
  if (p.nominal_last_day < p.last_day) {
    body += "<h2>" + ctx.t(kSkipped) + "</h2>\n<ul class=\"skipped\">\n";
    for (text::Date d = p.nominal_last_day; d < p.last_day; d = period::add_days(d, 1))
      body += "<li>" + date_text(d, ctx.language) + " " + escape(calendar.describe(d)) + "</li>\n";
    body += "</ul>\n";
  }
  for (const period::Step& w : p.warnings) body += "<p class=\"note\">" + ctx.t(kNote) + escape(w.in(ctx.language)) + "</p>\n";
  return render_page(ctx, ctx.t(kTitle), body);
}

}  // namespace lexgit::web
