// lexgit notice's delivery options: --each-partner DIR, --send, --retry. Kept
// apart from cmd_notice.cpp, which only adds them and calls run().
#pragma once

#include <string>

#include "cli/commands.hpp"
#include "lexgit/notice.hpp"

namespace lexgit::cli {

struct DeliveryArgs {
  std::string each_partner;  // a directory for one message per partner
  bool send = false;
  bool retry = false;
  CLI::App* cmd = nullptr;

  void add_to(CLI::App* notice_cmd);
  bool requested() const { return send || !each_partner.empty(); }
  // Writes the messages or sends them; returns the exit status.
  int run(Repository& repo, const notice::Notice& n, const notice::Settings& settings, const std::string& format) const;
};

}  // namespace lexgit::cli
