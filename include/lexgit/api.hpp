// The JSON API of lexgit serve: /api/ls, /api/outline/DOC, /api/show/REF,
// /api/log/DOC, /api/log/REF, /api/diff, /api/resolve, /api/which,
// /api/period, /api/notice and POST /api/publish. Each answers exactly the
// JSON the CLI prints with --format json for the same arguments, from the same
// library functions; an error is lexgit::Error as JSON with the exit status
// mapped to an HTTP status (README.md, "Web service").
#pragma once

#include <optional>

#include <nlohmann/json_fwd.hpp>

#include "lexgit/error.hpp"
#include "lexgit/http.hpp"

namespace lexgit::api {

// The API's handler: a response for every path under /api/ (an unknown one:
// 404 JSON), nullopt for the others. Reads the site's repository anew for each
// request, so that a push shows at once.
std::optional<http::Response> handle(const http::Site& site, const http::Request& request);

// {"error": {"code": "not-found", "message", "file", "line", "exit_status"}}
nlohmann::json error_json(const Error& error);
// The JSON error response for `error`.
http::Response error_response(const Error& error);
// Bearer tokens compared in time independent of where they differ.
bool same_token(std::string_view given, std::string_view expected);

}  // namespace lexgit::api
