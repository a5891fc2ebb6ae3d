#include "lexgit/serve.hpp"

#include <iostream>

#include "lexgit/error.hpp"
#include "modules/modules.hpp"
#include "serve/http_module.hpp"

namespace lexgit::serve {
namespace {

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

// The http::Request for the server's: the query's fields in their order,
// form fields after them, multipart text fields as fields and uploads as files.
http::Request to_request(const RawRequest& in) {
  http::Request out;
  out.method = in.method;
  out.path = in.path;
  out.params = parse_query(in.query);
  out.headers = in.headers;
  out.content_type = in.content_type;
  out.body = in.body;
  if (out.content_type.rfind("application/x-www-form-urlencoded", 0) == 0)
    for (auto& field : parse_query(in.body)) out.params.push_back(std::move(field));
  for (const RawRequest::Part& part : in.parts) {
    if (part.filename.empty()) out.params.emplace_back(part.name, part.content);
    else out.files[part.name] = {part.filename, part.content};
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
  ServerSettings settings;
  settings.bind = options.bind;
  settings.port = options.port;
  settings.max_body = options.max_body;
  settings.headers = security_headers();
  settings.log = options.log ? options.log : &std::cerr;
  settings.respond = [&options](const RawRequest& in) { return answer(options, to_request(in)); };
  settings.on_listening = options.on_listening;
  if (!modules::load<HttpModule>("http").serve(settings))
    throw Error(ErrorCode::Usage, "cannot listen on " + options.bind + ":" + std::to_string(options.port) +
                                      ": the port is taken or the address is not this machine's; choose another with --port or --bind");
}

}  // namespace lexgit::serve
