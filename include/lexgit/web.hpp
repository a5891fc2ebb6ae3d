// The pages of `lexgit serve`: what a channel manager or a lawyer with only a
// browser reads — the corpus on a date with its timeline of revisions, a
// document's outline, a clause with its history, a redline between any two
// revisions or dates, which clause governs, the period calculator and a notice
// preview. Server-rendered HTML in Chinese (English with ?lang=en, kept in a
// cookie), a little plain JavaScript, the CSS and scripts compiled into lexgit.
#pragma once

#include <optional>

#include "lexgit/http.hpp"

namespace lexgit::web {

// Answers every path outside /api/: a page, an asset (/static/…), or a page
// saying what is wrong with the right status (400 for a bad date or value,
// 404 for an unknown document, clause, revision or page). nullopt for /api/….
// The repository is read anew from `site.repository` (normal or bare) for each request.
std::optional<http::Response> handle(const http::Site& site, const http::Request& request);

// handle() as the server's handler, after the JSON API's.
http::Handler handler();

}  // namespace lexgit::web
