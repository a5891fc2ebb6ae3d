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
    period::Period p = period::compute(date, *duration);
    for (const std::string& w : p.warnings) std::cerr << "lexgit: warning: " << w << "\n";
    if (*format == "json") {
      std::cout << period::to_json(p).dump(2) << "\n";
      return 0;
    }
    std::cout << "期间 / period: " << *length << "，自" << text::format_zh_cn(p.start) << "起算\n";
    for (const period::Step& s : p.steps) std::cout << "  " << s.zh << "\n    " << s.en << "\n";
    std::cout << "最后一日 / last day: " << text::format_iso(p.last_day) << "\n"
              << "生效日 / effective:  " << text::format_iso(p.effective) << "\n";
    return 0;
  };
}

}  // namespace lexgit::cli
