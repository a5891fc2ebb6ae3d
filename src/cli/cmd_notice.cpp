// lexgit notice and lexgit publish: the change notice part 七 requires, and
// recording a new version of the agreement together with its notice.
#include <ctime>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/notice_delivery.hpp"
#include "lexgit/delivery.hpp"
#include "lexgit/notice.hpp"
#include "lexgit/publish.hpp"

namespace lexgit::cli {
namespace {

std::string render(const notice::Notice& n, const std::string& format, const notice::Settings& settings) {
  if (format == "json") return notice::to_json(n).dump(2) + "\n";
  if (format == "html") return notice::render_html(n);
  if (format == "docx") return notice::render_docx(n);
  if (format == "eml") return notice::render_eml(n, settings, static_cast<long long>(std::time(nullptr)));
  return notice::render_markdown(n);
}

struct OverrideArgs {
  std::vector<std::string> security, ordinary;
  void add_to(CLI::App* cmd) {
    cmd->add_option("--security", security, "Treat the change to this clause (new or old ref, DOC#ID or ID) as security-related");
    cmd->add_option("--not-security", ordinary, "Treat the change to this clause as not security-related");
  }
  notice::Overrides get() const { return {security, ordinary}; }
};

}  // namespace

Action add_notice(CLI::App& app, Globals&) {
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  auto date = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("md");
  auto output = std::make_shared<std::string>();
  auto overrides = std::make_shared<OverrideArgs>();
  CLI::App* cmd = app.add_subcommand("notice", "The change notice for the agreement's changes between two versions (part 七); writes nothing");
  cmd->add_option("--from", *from, "The version before: a git revision, a date (the version in force then), or a file")->required();
  cmd->add_option("--to", *to, "The version after: a git revision, a date, or a file (a draft, committed or not)")->required();
  cmd->add_option("--date", *date, "The notice date, YYYY-MM-DD")->required();
  cmd->add_option("--format", *format, "md, html, json, eml or docx (a Word letter; with -o)")
      ->check(CLI::IsMember({"md", "html", "json", "eml", "docx"}));
  add_output_option(cmd, *output);
  overrides->add_to(cmd);
  auto delivery = std::make_shared<DeliveryArgs>();
  delivery->add_to(cmd);
  return [from, to, date, format, output, overrides, delivery] {
    if (delivery->requested() && !output->empty())
      throw Error(ErrorCode::Usage, "-o writes one notice: --send and --each-partner write their own messages");
    notice::Request request{*from, *to, date_option(*date, "--date"), overrides->get()};
    text::Segmenter segmenter;
    notice::Draft d = notice::draft(".", request, segmenter);
    print_warnings(d.warnings);
    if (delivery->requested() || *format == "json") {
      DocumentSet head = DocumentSet::open(".", {});
      if (delivery->requested()) return delivery->run(head.repository(), d.notice, d.settings, *format);
      write_output(delivery::notice_json(head.repository(), d.notice, d.settings).dump(2) + "\n", *output, false);
      return 0;
    }
    write_output(render(d.notice, *format, d.settings), *output, *format == "docx");
    return 0;
  };
}

Action add_publish(CLI::App& app, Globals&) {
  auto request = std::make_shared<publish::Request>();
  auto file = std::make_shared<std::string>();
  auto date = std::make_shared<std::string>();
  auto dry_run = std::make_shared<bool>(false);
  auto overrides = std::make_shared<OverrideArgs>();
  CLI::App* cmd = app.add_subcommand("publish", "Record a new version of the agreement, dated by its notice, with the notice (one update)");
  cmd->add_option("FILE", *file, "The new version of the agreement, in the work tree")->required();
  cmd->add_option("--notice-date", *date, "The day the notice goes out, YYYY-MM-DD")->required();
  cmd->add_option("-m,--message", request->message, "Commit message (default: one naming the notice)");
  cmd->add_option("--author", request->author, "\"Name <email>\" (default: git's user.name and user.email)");
  cmd->add_flag("--dry-run", *dry_run, "Print the notice and every date; write nothing");
  overrides->add_to(cmd);
  return [request, file, date, dry_run, overrides] {
    request->file = *file;
    request->notice_date = date_option(*date, "--notice-date");
    request->overrides = overrides->get();
    request->dry_run = *dry_run;
    text::Segmenter segmenter;
    publish::Publication p = publish::publish(".", *request, segmenter);
    print_warnings(p.warnings);
    const notice::Notice& n = p.notice;
    std::cout << (p.commit ? "[" + p.commit->substr(0, 12) + "] " + p.message.substr(0, p.message.find('\n'))
                           : std::string("publish --dry-run: nothing was written"))
              << "\n";
    for (const publish::Version& v : p.versions)
      std::cout << "  " << n.agreement << "  " << p.path << "  " << v.what << "  published " << text::format_iso(v.published)
                << ", effective " << text::format_iso(v.effective) << "\n";
    std::cout << "  notice  " << p.notice_path << "  (period " << n.period.text << " from " << text::format_iso(n.date) << ", last day "
              << text::format_iso(n.computed.last_day) << ")\n";
    if (!p.commit) std::cout << "\n" << p.notice_text;
    return 0;
  };
}

}  // namespace lexgit::cli
