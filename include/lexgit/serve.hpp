// lexgit serve: an HTTP server over a document repository (normal or bare),
// a thin layer that turns each request into an http::Request and tries the
// handlers (the JSON API, the pages) in order. Every request reads the
// repository anew, so a push shows without a restart.
#pragma once

#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "lexgit/http.hpp"

namespace lexgit::serve {

struct Options {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: a free port chosen by the system
  http::Site site;
  std::vector<http::Handler> handlers;  // tried in order; none answering: 404
  std::size_t max_body = 8u << 20;      // larger request bodies: 413
  std::ostream* log = nullptr;          // one line per request (default: stderr)
  // Called once the port is bound, with the port, before the first request.
  std::function<void(int port)> on_listening;
};

// Serves until SIGINT or SIGTERM, then finishes the requests under way and
// returns. Error(Usage) naming the address when the port is taken or the
// address cannot be bound.
void run(const Options& options);

// A query string or form body, decoded (%XX and '+'), fields in the order given.
std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query);

// The headers every response carries: no MIME sniffing, scripts and styles
// only from the server itself, no referrer sent off the site.
const std::vector<std::pair<std::string, std::string>>& security_headers();

}  // namespace lexgit::serve
