// lexgit serve's pages: the route of each path, the assets compiled into
// lexgit, and errors shown as a page with the status they deserve.
#include "lexgit/web.hpp"

#include "web/page.hpp"

namespace lexgit::embedded {
const std::vector<std::pair<std::string_view, std::string_view>>& web_files();
}

namespace lexgit::web {
namespace {

constexpr Phrase kError{"出错了", "Something is wrong"};
constexpr Phrase kNoPage{"没有这个页面：", "No such page: "};
constexpr Phrase kBack{"返回文档列表", "Back to the documents"};


http::Response error_page(const Context& ctx, int status, const std::string& message) {
  return render_page(ctx, ctx.t(kError),
                     "<p class=\"error\" role=\"alert\">" + escape(message) + "</p>\n<p><a href=\"" + ctx.href("/") + "\">" +
                         ctx.t(kBack) + "</a></p>\n",
                     status);
}

std::optional<http::Response> asset(std::string_view name) {
  for (const auto& [file, contents] : embedded::web_files()) {
    if (file != name) continue;
    http::Response r;
    r.content_type = name.ends_with(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
    r.body = std::string(contents);
    r.headers.emplace_back("Cache-Control", "max-age=300");
    return r;
  }
  return std::nullopt;
}

// /clause/DOC/ID, or /clause/DOC#ID as a decoded path gives it.
std::pair<std::string, std::string> clause_path(std::string_view rest) {
  std::size_t cut = rest.find_first_of("/#");
  if (cut == std::string_view::npos) return {std::string(rest), ""};
  return {std::string(rest.substr(0, cut)), std::string(rest.substr(cut + 1))};
}

http::Response route(const Context& ctx) {
  const std::string& path = ctx.request.path;
  if (path.starts_with("/doc/") && path.size() > 5) return document_page(ctx, path.substr(5));
  if (path.starts_with("/clause/")) {
    auto [doc, id] = clause_path(std::string_view(path).substr(8));
    if (!doc.empty() && !id.empty()) return clause_page(ctx, doc, id);
  }
  if (ctx.request.method == "POST" && path != "/notice") return error_page(ctx, 405, "POST " + path);
  if (path == "/" || path == "/index.html") return corpus_page(ctx);
  if (path == "/diff") return diff_page(ctx);
  if (path == "/ask") return ask_page(ctx);
  if (path == "/resolve") return resolve_page(ctx);
  if (path == "/period") return period_page(ctx);
  if (path == "/notice") return notice_page(ctx);
  return error_page(ctx, 404, ctx.t(kNoPage) + path);
}

}  // namespace

std::optional<http::Response> handle(const http::Site& site, const http::Request& request) {
  if (request.path == "/api" || request.path.starts_with("/api/")) return std::nullopt;
  if (request.path.starts_with("/static/"))
    if (auto a = asset(std::string_view(request.path).substr(8))) return a;
  Context ctx{site, request, language_of(site, request), text::today()};
  try {
    return route(ctx);
  } catch (const Error& e) {
    return error_page(ctx, http::status_of(e.code()), e.describe());
  } catch (const std::exception& e) {
    return error_page(ctx, 500, e.what());
  }
}

http::Handler handler() { return handle; }

}  // namespace lexgit::web
