#include "lexgit/serve.hpp"

#include <atomic>
#include <cctype>
#include <chrono>
#include <csignal>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include <httplib.h>
#include <netinet/tcp.h>
#include <pthread.h>

#include "lexgit/error.hpp"

namespace lexgit::serve {
namespace {

using Clock = std::chrono::steady_clock;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string decode_component(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::map<std::string, std::string> lower_case_headers(const httplib::Headers& headers) {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : headers) {
    std::string key = name;
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.emplace(std::move(key), value);
  }
  return out;
}

// The http::Request for cpp-httplib's: the path decoded, the query's fields in
// their order (cpp-httplib keeps them sorted by name), form fields after them,
// multipart text fields as fields and uploads as files.
http::Request to_request(const httplib::Request& in) {
  http::Request out;
  out.method = in.method;
  out.path = in.path;
  auto q = in.target.find('?');
  if (q != std::string::npos) out.params = parse_query(std::string_view(in.target).substr(q + 1));
  out.headers = lower_case_headers(in.headers);
  out.content_type = in.get_header_value("Content-Type");
  out.body = in.body;
  if (out.content_type.rfind("application/x-www-form-urlencoded", 0) == 0)
    for (auto& field : parse_query(in.body)) out.params.push_back(std::move(field));
  for (const auto& [name, part] : in.files) {
    if (part.filename.empty()) out.params.emplace_back(name, part.content);
    else out.files[name] = {part.filename, part.content};
  }
  return out;
}

http::Response not_found(const http::Request& req) {
  http::Response r;
  r.status = 404;
  r.content_type = "text/plain; charset=utf-8";
  r.body = "404: nothing at " + req.path + "\n";
  return r;
}

http::Response answer(const Options& options, const http::Request& req) {
  for (const http::Handler& handler : options.handlers) {
    try {
      if (auto r = handler(options.site, req)) return *r;
    } catch (const std::exception& e) {
      // A handler's own errors are its answer; one that escapes is the server's fault.
      http::Response r;
      r.status = 500;
      r.content_type = "text/plain; charset=utf-8";
      r.body = std::string("500: internal error: ") + e.what() + "\n";
      return r;
    }
  }
  return not_found(req);
}

// When each request began, for the log line (cpp-httplib runs a request on one thread).
thread_local Clock::time_point request_start{};

// Waits for SIGINT or SIGTERM (blocked in every thread, so only this one takes
// them) and stops the server; `done` ends the wait when the server stops otherwise.
void wait_for_signal(httplib::Server& server, const std::atomic<bool>& done) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  timespec tick{0, 200'000'000};
  while (!done) {
    if (sigtimedwait(&set, nullptr, &tick) > 0) {
      server.stop();
      return;
    }
  }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view field = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (field.empty()) continue;
    std::size_t eq = field.find('=');
    out.emplace_back(decode_component(field.substr(0, eq)),
                     eq == std::string_view::npos ? std::string() : decode_component(field.substr(eq + 1)));
  }
  return out;
}

const std::vector<std::pair<std::string, std::string>>& security_headers() {
  static const std::vector<std::pair<std::string, std::string>> headers{
      {"X-Content-Type-Options", "nosniff"},
      {"Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
  };
  return headers;
}

void run(const Options& options) {
  // Blocked before cpp-httplib starts its threads, which inherit the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  httplib::Server server;
  std::ostream& log = options.log ? *options.log : std::cerr;
  std::mutex log_mutex;
  httplib::Headers defaults;
  for (const auto& [name, value] : security_headers()) defaults.emplace(name, value);
  server.set_default_headers(defaults);
  server.set_payload_max_length(options.max_body);
  // cpp-httplib's default also sets SO_REUSEPORT, with which a second server
  // on a taken port starts silently and shares it: only SO_REUSEADDR. And
  // TCP_NODELAY (accepted sockets inherit it): a response is written as
  // headers then body, and Nagle's algorithm held the body until the
  // client's delayed ACK, 40 ms on every request.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  });
  server.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    request_start = Clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  auto dispatch = [&options](const httplib::Request& in, httplib::Response& out) {
    http::Response r = answer(options, to_request(in));
    out.status = r.status;
    for (const auto& [name, value] : r.headers) out.set_header(name, value);
    out.set_content(r.body, r.content_type);
  };
  server.Get(".*", dispatch);
  server.Post(".*", dispatch);
  server.set_logger([&](const httplib::Request& req, const httplib::Response& res) {
    std::string ms = "-";
    if (request_start != Clock::time_point{}) {
      auto us = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - request_start).count();
      ms = std::to_string(us / 1000) + "." + std::to_string(us % 1000 / 100);
    }
    request_start = {};
    std::lock_guard lock(log_mutex);
    log << req.method << " " << req.path << " " << res.status << " " << ms << " ms" << std::endl;
  });

  int port = options.port;
  if (port == 0) port = server.bind_to_any_port(options.bind);
  else if (!server.bind_to_port(options.bind, port)) port = -1;
  if (port <= 0)
    throw Error(ErrorCode::Usage, "cannot listen on " + options.bind + ":" + std::to_string(options.port) +
                                      ": the port is taken or the address is not this machine's; choose another with --port or --bind");
  if (options.on_listening) options.on_listening(port);

  std::atomic<bool> done{false};
  std::thread watcher([&] { wait_for_signal(server, done); });
  server.listen_after_bind();  // returns once stopped, the requests under way answered
  done = true;
  watcher.join();
  pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
}

}  // namespace lexgit::serve
