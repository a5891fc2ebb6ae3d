// lexgit period and lexgit holidays: periods under the Civil Code, and the rest
// days they are counted with (built-in schedules and the repository's calendar/).
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "lexgit/period.hpp"

namespace lexgit::cli {

Action add_period(CLI::App& app, Globals&) {
  auto start = std::make_shared<std::string>();
  auto length = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  CLI::App* cmd = app.add_subcommand("period", "When a period ends under the Civil Code (Art. 200–204) and the official holidays");
  cmd->add_option("--start", *start, "The day of the event, e.g. the notice date (YYYY-MM-DD or 2026年1月31日)")->required();
  cmd->add_option("--length", *length, "一个月, 30日, 三个月, 十五个工作日, 两年 …")->required();
  cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  return [start, length, format] {
    text::Date date = date_option(*start, "--start");
    auto duration = text::parse_duration(*length);
    if (!duration)
      throw Error(ErrorCode::Usage, "cannot read '" + *length + "' as a period: write 一个月, 30日, 三个月, 十五个工作日, 两年 …");
    DocumentSet set = DocumentSet::open(".", {});
    period::Period p = period::compute(date, *duration, period::calendar_for(set));
    for (const period::Step& w : p.warnings) std::cerr << "lexgit: warning: " << w.en << "\n";
    if (*format == "json") {
      std::cout << period::to_json(p).dump(2) << "\n";
      return 0;
    }
    std::cout << "期间 / period: " << *length << "，自" << text::format_zh_cn(p.start) << "起算\n";
    for (const period::Step& s : p.steps) std::cout << "  " << s.zh << "\n    " << s.en << "\n";
    std::cout << "最后一日 / last day: " << text::format_iso(p.last_day) << "\n"
              << "生效日 / effective:  " << text::format_iso(p.effective) << "\n";
    for (const period::Step& w : p.warnings) std::cout << "注 / note: " << w.zh << "\n    " << w.en << "\n";
    return 0;
  };
}

Action add_holidays(CLI::App& app, Globals&) {
  auto year = std::make_shared<int>();
  auto format = std::make_shared<std::string>("text");
  CLI::App* cmd = app.add_subcommand("holidays", "A year's days off beyond weekends and its make-up working days, with their source");
  cmd->add_option("YEAR", *year, "The year, e.g. 2027")->required()->check(CLI::Range(1901, 2099));
  cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  return [year, format] {
    DocumentSet set = DocumentSet::open(".", {});
    period::Calendar calendar = period::calendar_for(set);
    std::vector<period::Calendar::Day> days = calendar.special_days(*year);
    std::string schedule = calendar.has_year(*year) ? calendar.file(*year) : std::string();
    if (*format == "json") {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& d : days)
        list.push_back({{"date", text::format_iso(d.day)}, {"name", d.name}, {"rest", d.rest}, {"origin", d.origin}});
      nlohmann::json out = {{"year", *year}, {"schedule", schedule.empty() ? nlohmann::json(nullptr) : nlohmann::json(schedule)},
                            {"days", std::move(list)}};
      std::cout << out.dump(2) << "\n";
      return 0;
    }
    std::cout << *year << "年 / " << *year << ": "
              << (schedule.empty() ? "国务院节假日安排尚未载入，仅列法定节假日 / no State Council schedule loaded: statutory holidays only"
                                   : "国务院节假日安排 / State Council schedule: " + schedule + "（" + calendar.source(*year) + "）")
              << "\n";
    for (const auto& d : days)
      std::cout << "  " << text::format_iso(d.day) << "  " << calendar.describe(d.day) << "  [" << d.origin << "]\n";
    return 0;
  };
}

}  // namespace lexgit::cli
