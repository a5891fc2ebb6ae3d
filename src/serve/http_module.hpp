// The HTTP module (lexgit-http.so, see src/modules): cpp-httplib's server, its
// threads, sockets and signal handling. It hands each request over as it came
// (decoding the query and forms is lexgit's, serve.cpp) and writes the answer.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "lexgit/http.hpp"

namespace lexgit::serve {

struct RawRequest {
  struct Part {  // a multipart/form-data part
    std::string name, filename, content;
  };
  std::string method;
  std::string path;   // decoded by the server
  std::string query;  // after '?', as sent
  std::map<std::string, std::string> headers;  // names in lower case
  std::string content_type;
  std::string body;
  std::vector<Part> parts;
};

struct ServerSettings {
  std::string bind;
  int port = 0;  // 0: a free port
  std::size_t max_body = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // on every response
  std::ostream* log = nullptr;                                 // one line per request
  std::function<http::Response(const RawRequest&)> respond;     // must not throw
  std::function<void(int port)> on_listening;
};

struct HttpModule {
  static constexpr int kVersion = 1;
  int version = kVersion;
  // Serves until SIGINT or SIGTERM, the requests under way answered. false
  // when the address cannot be bound (the port is taken, or not this machine's).
  bool (*serve)(const ServerSettings& settings);
};

}  // namespace lexgit::serve
