// lexgit period and lexgit holidays: periods under the Civil Code, and the rest
// days they are counted with (built-in schedules and the repository's calendar/).
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "lexgit/period.hpp"

namespace lexgit::cli {
namespace {

constexpr Phrase kNote{"注：", "Note: "};
constexpr Phrase kLastDay{"最后一日：", "Last day:  "};
constexpr Phrase kEffective{"生效日：", "Effective: "};

std::string date_in(text::Date d, Language language) {
  return language == Language::En ? text::format_iso(d) : text::format_zh_cn(d);
}

void print_period(const period::Period& p, const std::string& length, Language language, std::ostream& out) {
  if (language == Language::En)
    out << "Period: " << length << ", counted from " << text::format_iso(p.start) << "\n";
  else
    out << "期间：" << length << "，自" << text::format_zh_cn(p.start) << "起算\n";
  for (const period::Step& s : p.steps) out << "  " << s.in(language) << "\n";
  out << kLastDay.in(language) << date_in(p.last_day, language) << "\n"
      << kEffective.in(language) << date_in(p.effective, language) << "\n";
  for (const period::Step& w : p.warnings) out << kNote.in(language) << w.in(language) << "\n";
}

// The year's heading: the State Council schedule it is read with, or that there is none.
std::string year_heading(int year, const period::Calendar& calendar, Language language) {
  std::string y = std::to_string(year);
  bool loaded = calendar.has_year(year);
  if (language == Language::En)
    return y + ": " + (loaded ? "State Council schedule " + calendar.file(year) + " (" + calendar.source(year) + ")"
                              : "no State Council schedule loaded: statutory holidays only");
  return y + "年：" + (loaded ? "国务院节假日安排 " + calendar.file(year) + "（" + calendar.source(year) + "）"
                             : "国务院节假日安排尚未载入，仅列法定节假日");
}

// 元旦假期，星期四 / Thursday, day off (元旦); festivals keep their Chinese names.
std::string day_text(const period::Calendar::Day& d, const period::Calendar& calendar, Language language) {
  if (language == Language::Zh) return calendar.describe(d.day);
  static const char* names[] = {"", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  std::string day = names[period::weekday(d.day)];
  return d.rest ? day + ", day off (" + d.name + ")" : day + ", make-up working day";
}

std::string origin_text(const std::string& origin, Language language) {
  return origin == "statutory" && language == Language::Zh ? "法定" : origin;
}

}  // namespace

Action add_period(CLI::App& app, Globals& globals) {
  auto start = std::make_shared<std::string>();
  auto length = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  CLI::App* cmd = app.add_subcommand("period", "When a period ends under the Civil Code (Art. 200–204) and the official holidays");
  cmd->add_option("--start", *start, "The day of the event, e.g. the notice date (YYYY-MM-DD or 2026年1月31日)")->required();
  cmd->add_option("--length", *length, "一个月, 30日, 三个月, 十五个工作日, 两年 …")->required();
  cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  return [start, length, format, &globals] {
    text::Date date = date_option(*start, "--start");
    DocumentSet set = DocumentSet::open(".", {});
    period::Period p = period::compute(date, *length, period::calendar_for(set));
    for (const period::Step& w : p.warnings) std::cerr << "lexgit: warning: " << w.in(globals.language) << "\n";
    if (*format == "json") std::cout << period::to_json(p).dump(2) << "\n";
    else print_period(p, *length, globals.language, std::cout);
    return 0;
  };
}

Action add_holidays(CLI::App& app, Globals& globals) {
  auto year = std::make_shared<int>();
  auto format = std::make_shared<std::string>("text");
  CLI::App* cmd = app.add_subcommand("holidays", "A year's days off beyond weekends and its make-up working days, with their source");
  cmd->add_option("YEAR", *year, "The year, e.g. 2027")->required()->check(CLI::Range(1901, 2099));
  cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  return [year, format, &globals] {
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
    std::cout << year_heading(*year, calendar, globals.language) << "\n";
    for (const auto& d : days)
      std::cout << "  " << text::format_iso(d.day) << "  " << day_text(d, calendar, globals.language) << "  ["
                << origin_text(d.origin, globals.language) << "]\n";
    return 0;
  };
}

}  // namespace lexgit::cli
