// lexgit serve's JSON API: each endpoint calls the library function the CLI's
// --format json calls, with the request's parameters for the command's options.
#include "lexgit/api.hpp"

#include <charconv>
#include <filesystem>
#include <map>

#include <nlohmann/json.hpp>

#include "lexgit/delivery.hpp"
#include "lexgit/docset.hpp"
#include "lexgit/history.hpp"
#include "lexgit/importer.hpp"
#include "lexgit/lineage.hpp"
#include "lexgit/notice.hpp"
#include "lexgit/period.hpp"
#include "lexgit/precedence.hpp"
#include "lexgit/publish.hpp"
#include "lexgit/compare.hpp"
#include "lexgit/redline.hpp"
#include "lexgit/which.hpp"

namespace lexgit::api {
namespace {
namespace fs = std::filesystem;

using Params = http::Request;

// One segmenter per server thread: segmenting reuses its buffers, so threads
// must not share one, and building one per request would cost each request.
const text::Segmenter& segmenter() {
  thread_local const text::Segmenter s;
  return s;
}

http::Response json_response(const nlohmann::json& j, int status = 200) {
  http::Response r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = j.dump(2) + "\n";  // as the CLI prints it
  return r;
}

std::string required(const Params& req, std::string_view name) {
  auto v = req.param(name);
  if (!v || v->empty()) throw Error(ErrorCode::Usage, "the parameter '" + std::string(name) + "' is required");
  return *v;
}

std::optional<text::Date> date_param(const Params& req, std::string_view name) {
  auto v = req.param(name);
  if (!v || v->empty()) return std::nullopt;
  return named_date(*v, name);
}

// ?rev=R&at=D, as --rev and --at.
Selection selection(const Params& req) {
  Selection s;
  if (auto rev = req.param("rev"); rev && !rev->empty()) s.rev = *rev;
  s.at = date_param(req, "at");
  return s;
}

// The CLI reads files where a revision or date is expected; a web client must
// not read the server's files: a side that names a file is refused.
std::string side_argument(const http::Site& site, const Params& req, std::string_view name) {
  std::string arg = required(req, name);
  if (date_argument(arg)) return arg;
  fs::path p(arg);
  std::error_code ec;
  if (p.is_absolute() || fs::exists(site.repository / p, ec))
    throw Error(ErrorCode::Usage, std::string(name) + ": '" + arg + "' names a file; the API compares revisions and dates");
  return arg;
}

// A DOC or REF in the path must be an id: paths name the server's files.
std::string id_argument(const std::string& arg) {
  if (arg.empty()) throw Error(ErrorCode::Usage, "the path names no document: /api/outline/DOC");
  if (parse_reference(arg).is_path()) throw Error(ErrorCode::Usage, "'" + arg + "' is a file path; the API reads documents by id");
  return arg;
}

// /api/show/DOC#ID (the # sent as %23) or /api/show/DOC/ID.
std::string ref_argument(std::string rest) {
  if (rest.find('#') == std::string::npos)
    if (auto slash = rest.find('/'); slash != std::string::npos) rest[slash] = '#';
  return id_argument(rest);
}

// lang=en|zh, else the first of Accept-Language that lexgit speaks, else the site's.
Language language(const http::Site& site, const Params& req) {
  if (auto lang = req.param("lang")) return *lang == "en" ? Language::En : Language::Zh;
  auto accept = req.headers.find("accept-language");
  if (accept != req.headers.end()) {
    std::string first = accept->second.substr(0, accept->second.find_first_of(",;"));
    if (first.rfind("en", 0) == 0) return Language::En;
    if (first.rfind("zh", 0) == 0) return Language::Zh;
  }
  return site.default_language;
}

nlohmann::json ls(const http::Site& site, const Params& req) {
  Selection sel = selection(req);
  bool by_date = !sel.rev;
  if (by_date && !sel.at) sel.at = text::today();
  DocumentSet set = DocumentSet::open(site.repository, sel);
  return to_json(list_documents(set, by_date ? sel.at : std::nullopt));
}

nlohmann::json outline(const http::Site& site, const Params& req, const std::string& doc) {
  DocumentSet set = DocumentSet::open(site.repository, selection(req));
  return to_json(read_outline(set, id_argument(doc), text::today()));
}

nlohmann::json show(const http::Site& site, const Params& req, const std::string& ref) {
  DocumentSet set = DocumentSet::open(site.repository, selection(req));
  return to_json(read_clause(set, ref_argument(ref), text::today()));
}

nlohmann::json log(const http::Site& site, const Params& req, const std::string& target) {
  Selection sel;
  if (auto rev = req.param("rev"); rev && !rev->empty()) sel.rev = *rev;
  DocumentSet set = DocumentSet::open(site.repository, sel);
  return to_json(history::read(set, ref_argument(target), date_param(req, "at"), text::today()));
}

nlohmann::json diff(const http::Site& site, const Params& req) {
  Side a = Side::open(site.repository, side_argument(site, req, "from"));
  Side b = Side::open(site.repository, side_argument(site, req, "to"));
  std::vector<std::string> docs;
  for (const std::string& d : req.params_named("doc")) docs.push_back(id_argument(d));
  auto pairs = redline::compare_sides(a, b, docs, language(site, req), segmenter());
  return redline::render_json(redline::diffs_of(pairs), {a.label(), b.label()});
}

nlohmann::json resolve(const http::Site& site, const Params& req) {
  std::vector<std::string> refs = req.params_named("ref");
  if (refs.empty()) throw Error(ErrorCode::Usage, "the parameter 'ref' is required: /api/resolve?ref=DOC%23ID&ref=DOC%23ID");
  text::Date at = date_param(req, "at").value_or(text::today());
  Selection sel;
  if (auto rev = req.param("rev"); rev && !rev->empty()) sel.rev = *rev;
  DocumentSet set = DocumentSet::open(site.repository, sel);
  return precedence::to_json(precedence::resolve_refs(set, refs, at));
}

std::size_t count_param(const Params& req, std::string_view name, std::size_t fallback, std::size_t most) {
  auto v = req.param(name);
  if (!v || v->empty()) return fallback;
  std::size_t n = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || end != v->data() + v->size() || n < 1 || n > most)
    throw Error(ErrorCode::Usage, std::string(name) + ": '" + *v + "' is not a number from 1 to " + std::to_string(most));
  return n;
}

nlohmann::json which(const http::Site& site, const Params& req) {
  std::string question = required(req, "q");
  text::Date at = date_param(req, "at").value_or(text::today());
  which::Options options;
  options.k = count_param(req, "k", options.k, 1000);
  DocumentSet set = DocumentSet::open(site.repository, Selection{.rev = std::nullopt, .at = at});
  return which::to_json(which::ask(set, question, at, options));
}

nlohmann::json period(const http::Site& site, const Params& req) {
  text::Date start = named_date(required(req, "start"), "start");
  std::string length = required(req, "length");
  DocumentSet set = DocumentSet::open(site.repository, {});
  return period::to_json(period::compute(start, length, period::calendar_for(set)));
}

notice::Overrides overrides(const Params& req) { return {req.params_named("security"), req.params_named("not_security")}; }

nlohmann::json notice(const http::Site& site, const Params& req) {
  notice::Request request{side_argument(site, req, "from"), side_argument(site, req, "to"),
                          named_date(required(req, "date"), "date"), overrides(req)};
  notice::Draft d = notice::draft(site.repository, request, segmenter());
  DocumentSet head = DocumentSet::open(site.repository, {});
  return delivery::notice_json(head.repository(), d.notice, d.settings);
}

// ---- publishing ----------------------------------------------------------------

http::Response refused(const std::string& message) {
  return json_response({{"error", {{"code", "forbidden"}, {"message", message}}}}, 403);
}

// Why a publish request may not publish, or nullopt when it may.
std::optional<std::string> publish_refusal(const http::Site& site, const http::Request& req) {
  if (!site.allow_publish) return "this server is read-only: start it with lexgit serve --allow-publish to publish from the web";
  if (site.publish_token.empty()) return "publishing needs LEXGIT_SERVE_TOKEN set where the server runs";
  auto auth = req.headers.find("authorization");
  const std::string prefix = "Bearer ";
  if (auth == req.headers.end() || auth->second.rfind(prefix, 0) != 0)
    return "publishing needs the header Authorization: Bearer <LEXGIT_SERVE_TOKEN>";
  if (!same_token(std::string_view(auth->second).substr(prefix.size()), site.publish_token)) return "the token is wrong";
  return std::nullopt;
}

// The draft: an uploaded file ("draft"; Markdown, .docx or .pdf through the
// importer, dated by the notice), the form field "draft", or the body itself.
std::string draft_text(const http::Site& site, const http::Request& req, text::Date notice_date) {
  if (auto f = req.files.find("draft"); f != req.files.end()) {
    DocumentSet set = DocumentSet::open(site.repository, {});
    std::string agreement = precedence::policy_for(set).agreement;
    ImportOptions options;
    options.meta = set.load(agreement).meta;
    options.meta.published = notice_date;
    options.title_given = options.class_given = true;
    return import_document(f->second.second, options, f->second.first.empty() ? "draft" : f->second.first);
  }
  if (auto field = req.param("draft"); field && !field->empty()) return *field;
  if (!req.body.empty() && req.content_type.rfind("multipart/", 0) != 0 &&
      req.content_type.rfind("application/x-www-form-urlencoded", 0) != 0)
    return req.body;
  throw Error(ErrorCode::Usage, "no draft: send the agreement's new version as the body, the form field 'draft' or an upload named 'draft'");
}

bool flag(const Params& req, std::string_view name) {
  auto v = req.param(name);
  return v && (*v == "1" || *v == "true" || *v == "yes" || v->empty());
}

http::Response publish(const http::Site& site, const http::Request& req) {
  if (req.method != "POST") throw Error(ErrorCode::Usage, "publish is a POST request");
  if (auto why = publish_refusal(site, req)) return refused(*why);
  publish::Request request;
  request.notice_date = named_date(required(req, "notice_date"), "notice_date");
  request.message = req.param("message").value_or("");
  request.author = req.param("author").value_or("");
  request.overrides = overrides(req);
  request.dry_run = flag(req, "dry_run");
  request.contents = draft_text(site, req, request.notice_date);
  publish::Publication p = publish::publish(site.repository, request, segmenter());
  return json_response(publish::to_json(p), p.commit ? 201 : 200);
}

// ---- routing -------------------------------------------------------------------

using Endpoint = nlohmann::json (*)(const http::Site&, const Params&);
using PathEndpoint = nlohmann::json (*)(const http::Site&, const Params&, const std::string&);

http::Response route(const http::Site& site, const http::Request& req) {
  std::string rest = req.path.substr(std::string_view("/api/").size());
  std::string name = rest.substr(0, rest.find('/'));
  std::string tail = rest.size() > name.size() ? rest.substr(name.size() + 1) : std::string();
  if (name == "publish") return publish(site, req);
  static const std::map<std::string, Endpoint, std::less<>> plain{
      {"ls", ls}, {"diff", diff}, {"resolve", resolve}, {"which", which}, {"period", period}, {"notice", notice}};
  static const std::map<std::string, PathEndpoint, std::less<>> with_path{{"outline", outline}, {"show", show}, {"log", log}};
  if (req.method != "GET") throw Error(ErrorCode::Usage, "/api/" + name + " answers GET requests");
  if (auto it = plain.find(name); it != plain.end() && tail.empty()) return json_response(it->second(site, req));
  if (auto it = with_path.find(name); it != with_path.end()) return json_response(it->second(site, req, tail));
  throw Error(ErrorCode::NotFound, "no such API: " + req.path +
                                       " (the API has /api/ls, /api/outline/DOC, /api/show/REF, /api/log/DOC, /api/diff, "
                                       "/api/resolve, /api/which, /api/period, /api/notice and POST /api/publish)");
}

std::string_view code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::Usage: return "usage";
    case ErrorCode::BadInput: return "bad-input";
    case ErrorCode::NotFound: return "not-found";
    case ErrorCode::Conflict: return "conflict";
    case ErrorCode::Internal: return "internal";
  }
  return "internal";
}

}  // namespace


nlohmann::json error_json(const Error& error) {
  nlohmann::json e = {{"code", code_name(error.code())}, {"message", error.message()}, {"exit_status", error.exit_status()}};
  e["file"] = error.where().file.empty() ? nlohmann::json(nullptr) : nlohmann::json(error.where().file);
  e["line"] = error.where().line > 0 ? nlohmann::json(error.where().line) : nlohmann::json(nullptr);
  return {{"error", e}};
}

http::Response error_response(const Error& error) { return json_response(error_json(error), http::status_of(error.code())); }

bool same_token(std::string_view given, std::string_view expected) {
  // Every byte of the longer is looked at whatever the others hold.
  std::size_t n = std::max(given.size(), expected.size());
  unsigned char differ = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < n; ++i) {
    unsigned char a = i < given.size() ? static_cast<unsigned char>(given[i]) : 0;
    unsigned char b = i < expected.size() ? static_cast<unsigned char>(expected[i]) : 0;
    differ |= static_cast<unsigned char>(a ^ b);
  }
  return differ == 0 && !expected.empty();
}

std::optional<http::Response> handle(const http::Site& site, const http::Request& request) {
  if (request.path != "/api" && request.path.rfind("/api/", 0) != 0) return std::nullopt;
  if (request.path == "/api") return error_response(Error(ErrorCode::NotFound, "no such API: /api"));
  try {
    return route(site, request);
  } catch (const Error& e) {
    return error_response(e);
  } catch (const std::exception& e) {
    return error_response(Error(ErrorCode::Internal, std::string("internal error: ") + e.what()));
  }
}

}  // namespace lexgit::api
