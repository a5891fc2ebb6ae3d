// lexgit serve: the JSON API (and the pages) over this repository, on HTTP.
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "lexgit/api.hpp"
#include "lexgit/serve.hpp"
#include "lexgit/web.hpp"

namespace lexgit::cli {

Action add_serve(CLI::App& app, Globals& globals) {
  auto options = std::make_shared<serve::Options>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the repository (normal or bare) on HTTP: the pages in a browser and the JSON API under /api/, read-only by default");
  cmd->add_option("--bind", options->bind, "Address to listen on (default: 127.0.0.1, this machine only)")->type_name("ADDR");
  cmd->add_option("--port", options->port, "Port (default: 8080; 0: any free port, printed)")->check(CLI::Range(0, 65535));
  cmd->add_flag("--allow-publish", options->site.allow_publish,
                "Allow POST /api/publish with Authorization: Bearer $LEXGIT_SERVE_TOKEN");
  return [options, &globals] {
    serve::Options o = *options;
    if (!Repository::discover(".")) throw Error(ErrorCode::Usage, "lexgit serve serves a git repository, and this directory is not in one");
    o.site.repository = std::filesystem::current_path();
    o.site.default_language = globals.language;
    if (o.site.allow_publish) {
      const char* token = std::getenv("LEXGIT_SERVE_TOKEN");
      if (!token || !*token)
        throw Error(ErrorCode::Usage, "--allow-publish needs the publishing token in the environment: set LEXGIT_SERVE_TOKEN");
      o.site.publish_token = token;
    }
    o.handlers = {api::handle, web::handler()};
    o.on_listening = [&o](int port) {
      std::cout << "lexgit serve: http://" << o.bind << ":" << port << "/ (" << (o.site.allow_publish ? "可发布" : "只读") << ")"
                << std::endl;
    };
    serve::run(o);
    return 0;
  };
}

}  // namespace lexgit::cli
