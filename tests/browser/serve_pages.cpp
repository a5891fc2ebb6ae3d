// A test-only HTTP server for the browser tests: cpp-httplib serving lexgit's
// pages (web::handler) over a repository, on 127.0.0.1 and a free port it
// prints first. Stands in for `lexgit serve` until that command exists.
// Usage: lexgit_test_serve REPOSITORY
#include <iostream>

#include <httplib.h>

#include "lexgit/web.hpp"

namespace {

lexgit::http::Request request_of(const httplib::Request& req) {
  lexgit::http::Request r;
  r.method = req.method;
  r.path = req.path;
  for (const auto& [k, v] : req.params) r.params.emplace_back(k, v);
  for (const auto& [k, v] : req.headers) {
    std::string name = k;
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = v;
  }
  r.body = req.body;
  r.content_type = req.get_header_value("Content-Type");
  for (const auto& [name, part] : req.files) {
    if (part.filename.empty()) r.params.emplace_back(name, part.content);  // a text field of a multipart form
    else r.files[name] = {part.filename, part.content};
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: lexgit_test_serve REPOSITORY\n";
    return 2;
  }
  lexgit::http::Site site;
  site.repository = argv[1];
  lexgit::http::Handler pages = lexgit::web::handler();
  httplib::Server server;
  auto answer = [&](const httplib::Request& req, httplib::Response& res) {
    std::optional<lexgit::http::Response> r = pages(site, request_of(req));
    if (!r) {
      res.status = 404;
      return;
    }
    res.status = r->status;
    for (const auto& [k, v] : r->headers) res.set_header(k.c_str(), v);
    res.set_content(r->body, r->content_type.c_str());
  };
  server.Get(".*", answer);
  server.Post(".*", answer);
  int port = server.bind_to_any_port("127.0.0.1");
  if (port < 0) {
    std::cerr << "lexgit_test_serve: cannot bind 127.0.0.1\n";
    return 1;
  }
  std::cout << port << std::endl;
  server.listen_after_bind();
  return 0;
}
