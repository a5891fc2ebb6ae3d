// The HTTP module: lexgit serve's server on cpp-httplib (request threads,
// sockets, signals). Built as lexgit-http.so (see src/modules); serve.cpp
// decodes what it hands over and answers.
#include <atomic>
#include <cctype>
#include <chrono>
#include <csignal>
#include <map>
#include <mutex>
#include <thread>

#include <httplib.h>
#include <netinet/tcp.h>
#include <pthread.h>

#include "modules/modules.hpp"
#include "serve/http_module.hpp"

namespace lexgit::serve {
namespace {

using Clock = std::chrono::steady_clock;

std::map<std::string, std::string> lower_case_headers(const httplib::Headers& headers) {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : headers) {
    std::string key = name;
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.emplace(std::move(key), value);
  }
  return out;
}

RawRequest raw(const httplib::Request& in) {
  RawRequest out;
  out.method = in.method;
  out.path = in.path;
  if (auto q = in.target.find('?'); q != std::string::npos) out.query = in.target.substr(q + 1);
  out.headers = lower_case_headers(in.headers);
  out.content_type = in.get_header_value("Content-Type");
  out.body = in.body;
  for (const auto& [name, part] : in.files) out.parts.push_back({name, part.filename, part.content});
  return out;
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

bool serve(const ServerSettings& settings) {
  // Blocked before cpp-httplib starts its threads, which inherit the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  httplib::Server server;
  std::ostream& log = *settings.log;
  std::mutex log_mutex;
  httplib::Headers defaults;
  for (const auto& [name, value] : settings.headers) defaults.emplace(name, value);
  server.set_default_headers(defaults);
  server.set_payload_max_length(settings.max_body);
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
  auto dispatch = [&settings](const httplib::Request& in, httplib::Response& out) {
    http::Response r = settings.respond(raw(in));
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

  int port = settings.port;
  if (port == 0) port = server.bind_to_any_port(settings.bind);
  else if (!server.bind_to_port(settings.bind, port)) port = -1;
  if (port <= 0) {
    pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
    return false;
  }
  if (settings.on_listening) settings.on_listening(port);

  std::atomic<bool> done{false};
  std::thread watcher([&] { wait_for_signal(server, done); });
  server.listen_after_bind();  // returns once stopped, the requests under way answered
  done = true;
  watcher.join();
  pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
  return true;
}


const HttpModule table{HttpModule::kVersion, serve};

}  // namespace
}  // namespace lexgit::serve

LEXGIT_MODULE(http, lexgit::serve::table)
