// lexgit notice --each-partner DIR and --send [--retry]: the workflows live in
// the delivery library; this file reads the options and prints the outcomes.
#include "cli/notice_delivery.hpp"

#include <ctime>
#include <iostream>

#include "lexgit/delivery.hpp"

namespace lexgit::cli {
namespace {
namespace fs = std::filesystem;

long long now() { return static_cast<long long>(std::time(nullptr)); }

int write_letters(const Repository& repo, const notice::Notice& n, const notice::Settings& settings, const fs::path& dir) {
  std::vector<delivery::Letter> letters = delivery::letters(n, settings, delivery::partners(repo, settings), now());  // all or nothing
  fs::create_directories(dir);
  for (const delivery::Letter& l : letters) {
    write_file_atomically(dir / l.file_name, l.message.eml);
    std::cout << (dir / l.file_name).string() << "  " << l.partner.company << " <" << l.partner.address << ">\n";
  }
  return 0;
}

int send(Repository& repo, const notice::Notice& n, const notice::Settings& settings, bool retry) {
  std::unique_ptr<delivery::Transport> smtp = delivery::smtp_transport(settings);
  delivery::Sent sent = delivery::send(repo, n, settings, *smtp, {.retry = retry}, now);
  for (const delivery::Outcome& o : sent.outcomes) {
    if (o.delivered)
      std::cout << "delivered  " << o.partner.company << " <" << o.partner.address << ">  " << o.delivery.time << "  <" << o.delivery.message_id
                << ">  " << o.delivery.reply << "\n";
    else
      std::cerr << "lexgit: error: not delivered to " << o.partner.company << " <" << o.partner.address << ">: " << o.failure << "\n";
  }
  if (!sent.already.empty()) std::cout << "already delivered (recorded in " << sent.record_path << "): " << sent.already.size() << " partners\n";
  if (sent.outcomes.empty()) std::cout << "every partner already has a delivery record in " << sent.record_path << ": nothing was sent\n";
  if (sent.commit) {
    if (!repo.is_bare()) {
      fs::create_directories((repo.workdir() / sent.record_path).parent_path());
      write_file_atomically(repo.workdir() / sent.record_path, sent.record);
    }
    std::cout << "[" << sent.commit->substr(0, 12) << "] record  " << sent.record_path << "\n";
  }
  return sent.all_delivered() ? 0 : 1;
}

}  // namespace

void DeliveryArgs::add_to(CLI::App* notice_cmd) {
  cmd = notice_cmd;
  auto* each = cmd->add_option("--each-partner", each_partner, "With --format eml: write one message per partner (partners.yaml) into DIR");
  auto* send_flag = cmd->add_flag("--send", send, "Send the notice to every partner by SMTP (notice.smtp) and commit the delivery record");
  cmd->add_flag("--retry", retry, "With --send: send only to the partners without a delivery record")->needs(send_flag);
  each->excludes(send_flag);
}

int DeliveryArgs::run(Repository& repo, const notice::Notice& n, const notice::Settings& settings, const std::string& format) const {
  bool eml = format == "eml";
  if (!each_partner.empty() && !eml) throw Error(ErrorCode::Usage, "--each-partner writes e-mail messages: add --format eml");
  if (send && cmd->count("--format") && !eml) throw Error(ErrorCode::Usage, "--send sends e-mail messages: --format " + format + " does not apply");
  return send ? cli::send(repo, n, settings, retry) : write_letters(repo, n, settings, each_partner);
}

}  // namespace lexgit::cli
