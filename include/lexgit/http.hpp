// What `lexgit serve` hands to the parts that answer a request: the JSON API
// (/api/...) and the pages a browser reads. Plain values, no HTTP library in
// sight, so both are tested without a socket and the server stays a thin layer.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lexgit/error.hpp"
#include "lexgit/language.hpp"

namespace lexgit::http {

struct Request {
  std::string method = "GET";  // GET or POST
  std::string path;            // decoded, e.g. "/api/show/partner-framework/七.2"
  // Query-string and form fields, decoded, in the order given (a name may repeat:
  // /api/resolve?ref=A&ref=B).
  std::vector<std::pair<std::string, std::string>> params;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string content_type;
  // Uploaded files (multipart/form-data): field name -> (file name, bytes).
  std::map<std::string, std::pair<std::string, std::string>> files;

  // The first value of a field, or nullopt.
  std::optional<std::string> param(std::string_view name) const {
    for (const auto& [k, v] : params)
      if (k == name) return v;
    return std::nullopt;
  }
  // Every value of a field, in order.
  std::vector<std::string> params_named(std::string_view name) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : params)
      if (k == name) out.push_back(v);
    return out;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// What every request runs against: the repository served (normal or bare) and
// what the server allows. Read anew for each request, so pushes show at once.
struct Site {
  std::filesystem::path repository;
  bool allow_publish = false;     // --allow-publish
  std::string publish_token;      // LEXGIT_SERVE_TOKEN; publishing needs it
  Language default_language = Language::Zh;
};

// The HTTP status of an error, for the API and the pages alike: a wrong
// request or value 400, something absent 404, a conflict 409, lexgit's own
// failure 500 (the exit statuses 2/3, 3, 4 and 1).
inline int status_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::Usage:
    case ErrorCode::BadInput: return 400;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::Conflict: return 409;
    case ErrorCode::Internal: return 500;
  }
  return 500;
}

// One part of the site: answers the requests it owns, nullopt for the others.
using Handler = std::function<std::optional<Response>(const Site&, const Request&)>;

}  // namespace lexgit::http
