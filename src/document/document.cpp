#include "lexgit/document.hpp"

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "document/clause_tree.hpp"
#include "document/front_matter.hpp"
#include "text/normalise.hpp"

namespace lexgit {
namespace {

template <typename E, std::size_t N>
std::optional<E> lookup(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view s) {
  for (const auto& [value, name] : table)
    if (name == s) return value;
  return std::nullopt;
}
template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E e) {
  for (const auto& [value, name] : table)
    if (value == e) return name;
  return "?";
}

constexpr std::array<std::pair<DocKind, std::string_view>, 6> kKinds{{
    {DocKind::Agreement, "agreement"}, {DocKind::EndUserTerms, "end-user-terms"},
    {DocKind::Normative, "normative"}, {DocKind::Annex, "annex"},
    {DocKind::Transaction, "transaction"}, {DocKind::Correspondence, "correspondence"}}};
constexpr std::array<std::pair<Medium, std::string_view>, 2> kMedia{{{Medium::Online, "online"}, {Medium::Paper, "paper"}}};
constexpr std::array<std::pair<Channel, std::string_view>, 4> kChannels{{
    {Channel::Website, "website"}, {Channel::Email, "email"}, {Channel::System, "system"}, {Channel::Signed, "signed"}}};
constexpr std::array<std::pair<Status, std::string_view>, 3> kStatuses{{
    {Status::InForce, "in-force"}, {Status::Draft, "draft"}, {Status::Withdrawn, "withdrawn"}}};

// Documents are read with LF line ends and without a byte-order mark. A line
// ends at LF, CR LF or a lone CR, as CommonMark (cmark) counts lines, so that
// lexgit's line numbers and cmark's agree.
std::string canonical_source(std::string_view source) {
  if (source.starts_with("\xEF\xBB\xBF")) source.remove_prefix(3);
  std::string out;
  out.reserve(source.size());
  // Runs without a carriage return are copied whole: a lone \r ends a line as
  // cmark reads it, and \r\n is one line end.
  std::size_t start = 0;
  for (std::size_t cr = source.find('\r'); cr != std::string_view::npos; cr = source.find('\r', start)) {
    out.append(source.substr(start, cr - start));
    if (cr + 1 == source.size() || source[cr + 1] != '\n') out.push_back('\n');
    start = cr + 1;  // a \n after the \r stays
  }
  out.append(source.substr(start));
  return out;
}

void collect(const std::vector<Clause>& units, std::vector<const Clause*>& out) {
  for (const Clause& c : units) {
    if (!c.is_group()) out.push_back(&c);
    collect(c.children, out);
  }
}

}  // namespace

// Front matter dates are strictly YYYY-MM-DD, so that files sort and diff cleanly.
std::optional<text::Date> parse_iso_date(std::string_view s) {
  bool shape = s.size() == 10 && s[4] == '-' && s[7] == '-';
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) shape = shape && s[i] >= '0' && s[i] <= '9';
  return shape ? text::parse_date(s) : std::nullopt;
}

std::string_view to_string(DocKind kind) { return name_of(kKinds, kind); }
std::string_view to_string(Medium medium) { return name_of(kMedia, medium); }
std::string_view to_string(Channel channel) { return name_of(kChannels, channel); }
std::string_view to_string(Status status) { return name_of(kStatuses, status); }
std::optional<DocKind> parse_kind(std::string_view s) { return lookup(kKinds, s); }
std::optional<Medium> parse_medium(std::string_view s) { return lookup(kMedia, s); }
std::optional<Channel> parse_channel(std::string_view s) { return lookup(kChannels, s); }
std::optional<Status> parse_status(std::string_view s) { return lookup(kStatuses, s); }

bool is_valid_doc_id(std::string_view id) {
  if (id.empty()) return false;
  auto ok = [](char c, bool first) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (!first && c == '-');
  };
  for (std::size_t i = 0; i < id.size(); ++i)
    if (!ok(id[i], i == 0)) return false;
  return true;
}

std::string Diagnostic::describe() const {
  std::string s;
  if (!where.file.empty()) {
    s = where.file;
    if (where.line > 0) s += ":" + std::to_string(where.line);
    s += ": ";
  }
  s += severity == Severity::Error ? "error: " : "warning: ";
  return s + message;
}

std::string render_front_matter(const FrontMatter& m) {
  std::ostringstream out;
  out << "---\n";
  out << "id: " << m.id << "\n";
  out << "title: " << m.title << "\n";
  out << "kind: " << to_string(m.kind) << "\n";
  out << "class: " << (m.doc_class.empty() ? m.id : m.doc_class) << "\n";
  out << "medium: " << to_string(m.medium) << "\n";
  if (m.channel) out << "channel: " << to_string(*m.channel) << "\n";
  out << "published: " << text::format_iso(m.published) << "\n";
  out << "effective: " << text::format_iso(m.effective) << "\n";
  out << "status: " << to_string(m.status) << "\n";
  if (m.sample) out << "sample: true\n";
  for (const auto& [key, value] : m.extra) out << key << ": " << value << "\n";
  out << "---\n";
  return out.str();
}

bool is_lexgit_document(std::string_view source) {
  if (source.starts_with("\xEF\xBB\xBF")) source.remove_prefix(3);
  if (!source.starts_with("---\n") && !source.starts_with("---\r\n")) return false;
  std::string_view yaml = source.substr(0, source.find("\n---", 3));
  return yaml.find("\nid:") != std::string_view::npos || yaml.find("\nkind:") != std::string_view::npos;
}

bool Document::has_errors() const {
  for (const auto& d : diagnostics)
    if (d.severity == Severity::Error) return true;
  return false;
}

void Document::require_valid() const {
  for (const auto& d : diagnostics)
    if (d.severity == Severity::Error) throw Error(ErrorCode::BadInput, d.message, d.where);
}

const Clause* Document::find(std::string_view id) const {
  for (const Clause* c : all_clauses())
    if (c->id == id) return c;
  return nullptr;
}

std::vector<const Clause*> Document::all_clauses() const {
  std::vector<const Clause*> out;
  collect(clauses, out);
  return out;
}

Document parse_document(std::string_view raw, const std::string& path) {
  Document doc;
  doc.path = path;
  if (!text::is_valid_utf8(raw)) {
    doc.diagnostics.push_back({Severity::Error, {path, 0}, "not valid UTF-8 (lexgit documents are UTF-8; use 'lexgit import' for other encodings)"});
    return doc;
  }
  std::string source = text::nfc_of_valid(canonical_source(raw));
  auto split = front_matter::split(source);
  if (!split.found) {
    doc.diagnostics.push_back({Severity::Error, {path, 1}, "no front matter: a document starts with a '---' line, YAML fields, and a closing '---' line"});
    return doc;
  }
  doc.meta = front_matter::read(split.yaml, path, doc.diagnostics);
  try {
    doc.clauses = clause_tree::build(split.body, split.body_line);
  } catch (const Error& e) {  // a body lexgit cannot read: an error of this file, at its line
    doc.diagnostics.push_back({Severity::Error, {path, e.where().line}, e.message()});
  }
  return doc;
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in || std::filesystem::is_directory(file)) throw Error(ErrorCode::NotFound, "cannot read file", {file.string(), 0});
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

Document load_document(const std::filesystem::path& file) { return parse_document(read_file(file), file.string()); }

bool Reference::is_path() const {
  return doc.find('/') != std::string::npos || doc.ends_with(".md") || !is_valid_doc_id(doc);
}

Reference parse_reference(std::string_view ref) {
  Reference r;
  std::size_t hash = ref.rfind('#');
  if (std::size_t colon = ref.find(':'); hash == std::string_view::npos && colon != std::string_view::npos &&
                                         looks_like_citation(ref.substr(colon + 1))) {
    hash = colon;  // partner-framework:第十部分第3项
  }
  if (hash == std::string_view::npos) {
    r.doc = std::string(ref);
  } else {
    r.doc = std::string(ref.substr(0, hash));
    r.id = std::string(ref.substr(hash + 1));
  }
  return r;
}

nlohmann::json to_json(const FrontMatter& m) {
  nlohmann::json j = {
      {"id", m.id}, {"title", m.title}, {"kind", to_string(m.kind)}, {"class", m.doc_class},
      {"medium", to_string(m.medium)}, {"channel", m.channel ? nlohmann::json(to_string(*m.channel)) : nlohmann::json(nullptr)},
      {"published", text::format_iso(m.published)}, {"effective", text::format_iso(m.effective)}, {"status", to_string(m.status)},
  };
  if (m.sample) j["sample"] = true;
  for (const auto& [key, value] : m.extra) j[key] = value;
  return j;
}

nlohmann::json to_json(const Clause& c) {
  nlohmann::json children = nlohmann::json::array();
  for (const Clause& child : c.children) children.push_back(to_json(child));
  nlohmann::json j = {
      {"id", c.is_group() ? nlohmann::json(nullptr) : nlohmann::json(c.id)},
      {"number", c.number},
      {"heading", c.heading},
      {"text", c.text},
      {"lines", {c.first_line, c.last_line}},
      {"children", std::move(children)},
  };
  if (!c.subjects.empty()) j["subjects"] = c.subjects;
  return j;
}

}  // namespace lexgit
