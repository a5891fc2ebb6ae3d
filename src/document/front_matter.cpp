#include "document/front_matter.hpp"

#include <set>

#include <yaml-cpp/yaml.h>

namespace lexgit::front_matter {

Split split(std::string_view source) {
  Split s;
  if (!source.starts_with("---\n")) return s;
  std::size_t pos = 4;
  int line = 2;
  while (pos <= source.size()) {
    std::size_t eol = source.find('\n', pos);
    std::string_view current = source.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    if (current == "---" || current == "...") {
      s.yaml = source.substr(4, pos - 4);
      s.body = eol == std::string_view::npos ? std::string_view() : source.substr(eol + 1);
      s.body_line = line + 1;
      s.found = true;
      return s;
    }
    if (eol == std::string_view::npos) break;
    pos = eol + 1;
    ++line;
  }
  return s;  // an opening "---" without a closing one is not front matter
}

namespace {

// YAML lines are 0-based and the YAML starts on the file's second line.
int file_line(const YAML::Mark& mark) { return mark.line >= 0 ? mark.line + 2 : 0; }

struct Reader {
  const std::string& path;
  std::vector<Diagnostic>& out;

  void error(int line, const std::string& message) {
    out.push_back({Severity::Error, {path, line}, message});
  }
  void warning(int line, const std::string& message) {
    out.push_back({Severity::Warning, {path, line}, message});
  }

  std::optional<std::string> scalar(const YAML::Node& map, const char* key, int map_line, bool required) {
    YAML::Node node = map[key];
    if (!node) {
      if (required) error(map_line, std::string("front matter: missing required field '") + key + "'");
      return std::nullopt;
    }
    if (!node.IsScalar()) {
      error(file_line(node.Mark()), std::string("front matter: '") + key + "' must be a single value");
      return std::nullopt;
    }
    return node.Scalar();
  }

  std::optional<text::Date> date(const YAML::Node& map, const char* key, int map_line, bool required) {
    auto value = scalar(map, key, map_line, required);
    if (!value) return std::nullopt;
    auto d = parse_iso_date(*value);
    if (!d) {
      error(file_line(map[key].Mark()), std::string("front matter: '") + key + "' must be a date YYYY-MM-DD, not '" + *value + "'");
      return std::nullopt;
    }
    return d;
  }

  template <typename T>
  std::optional<T> choice(const YAML::Node& map, const char* key, int map_line, bool required,
                          std::optional<T> (*parse)(std::string_view), const char* allowed) {
    auto value = scalar(map, key, map_line, required);
    if (!value) return std::nullopt;
    auto parsed = parse(*value);
    if (!parsed) {
      error(file_line(map[key].Mark()),
            std::string("front matter: '") + key + "' is '" + *value + "'; expected one of: " + allowed);
    }
    return parsed;
  }
};

const std::set<std::string>& known_keys() {
  static const std::set<std::string> keys{"id", "title", "kind", "class", "medium", "channel",
                                          "published", "effective", "status", "sample"};
  return keys;
}

}  // namespace

FrontMatter read(std::string_view yaml, const std::string& path, std::vector<Diagnostic>& out) {
  FrontMatter meta;
  Reader r{path, out};
  YAML::Node map;
  try {
    map = YAML::Load(std::string(yaml));
  } catch (const YAML::ParserException& e) {
    r.error(file_line(e.mark), "front matter: invalid YAML: " + e.msg);
    return meta;
  }
  if (!map.IsMap()) {
    r.error(2, "front matter: expected 'key: value' lines");
    return meta;
  }
  const int top = 1;  // a missing key is reported at the opening "---"

  if (auto id = r.scalar(map, "id", top, true)) {
    if (is_valid_doc_id(*id)) meta.id = *id;
    else r.error(file_line(map["id"].Mark()), "front matter: id '" + *id + "' must match [a-z0-9][a-z0-9-]*");
  }
  if (auto title = r.scalar(map, "title", top, true)) {
    if (title->empty()) r.error(file_line(map["title"].Mark()), "front matter: title is empty");
    meta.title = *title;
  }
  if (auto kind = r.choice<DocKind>(map, "kind", top, true, parse_kind,
                                    "agreement, end-user-terms, normative, annex, transaction, correspondence"))
    meta.kind = *kind;
  meta.doc_class = r.scalar(map, "class", top, false).value_or(meta.id);
  if (meta.doc_class.empty() || !is_valid_doc_id(meta.doc_class)) {
    if (map["class"]) r.error(file_line(map["class"].Mark()), "front matter: class '" + meta.doc_class + "' must match [a-z0-9][a-z0-9-]*");
    meta.doc_class = meta.id;
  }
  if (auto m = r.choice<Medium>(map, "medium", top, false, parse_medium, "online, paper")) meta.medium = *m;
  meta.channel = r.choice<Channel>(map, "channel", top, false, parse_channel, "website, email, system, signed");
  if (auto d = r.date(map, "published", top, true)) meta.published = *d;
  meta.effective = r.date(map, "effective", top, false).value_or(meta.published);
  if (auto s = r.choice<Status>(map, "status", top, false, parse_status, "in-force, draft, withdrawn")) meta.status = *s;
  if (auto sample = r.scalar(map, "sample", top, false)) {
    if (*sample == "true") meta.sample = true;
    else if (*sample != "false") r.error(file_line(map["sample"].Mark()), "front matter: sample must be true or false");
  }

  for (const auto& entry : map) {
    // A complex key (`? [a, b]`, a map as a key) names no field.
    if (!entry.first.IsScalar()) {
      r.error(file_line(entry.first.Mark()), "front matter: a key must be a plain name");
      continue;
    }
    std::string key = entry.first.as<std::string>();
    if (known_keys().count(key)) continue;
    YAML::Emitter e;
    e << entry.second;
    meta.extra.emplace_back(key, e.c_str());
    r.warning(file_line(entry.first.Mark()), "front matter: unknown key '" + key + "' (kept)");
  }
  return meta;
}

}  // namespace lexgit::front_matter
