#include "versions/serialize.hpp"

namespace lexgit::serialize {
namespace {

text::Date date(const nlohmann::json& j) { return {j.at(0).get<int>(), j.at(1).get<int>(), j.at(2).get<int>()}; }
nlohmann::json date(text::Date d) { return {d.year, d.month, d.day}; }

nlohmann::json clause(const Clause& c) {
  nlohmann::json children = nlohmann::json::array();
  for (const Clause& child : c.children) children.push_back(clause(child));
  return {{"i", c.id}, {"n", c.number}, {"h", c.heading}, {"t", c.text}, {"l", {c.first_line, c.last_line}},
          {"s", static_cast<int>(c.style)}, {"v", c.value}, {"x", c.insertion}, {"j", c.subjects}, {"c", std::move(children)}};
}

Clause clause(const nlohmann::json& j) {
  Clause c;
  c.id = j.at("i").get<std::string>();
  c.number = j.at("n").get<std::string>();
  c.heading = j.at("h").get<std::string>();
  c.text = j.at("t").get<std::string>();
  c.first_line = j.at("l").at(0).get<int>();
  c.last_line = j.at("l").at(1).get<int>();
  c.style = static_cast<NumberStyle>(j.at("s").get<int>());
  c.value = j.at("v").get<long long>();
  c.insertion = j.at("x").get<int>();
  c.subjects = j.at("j").get<std::vector<std::string>>();
  for (const auto& child : j.at("c")) c.children.push_back(clause(child));
  return c;
}

}  // namespace

nlohmann::json front_matter(const FrontMatter& m) {
  return {{"id", m.id}, {"title", m.title}, {"kind", static_cast<int>(m.kind)}, {"class", m.doc_class},
          {"medium", static_cast<int>(m.medium)}, {"channel", m.channel ? static_cast<int>(*m.channel) : -1},
          {"published", date(m.published)}, {"effective", date(m.effective)}, {"status", static_cast<int>(m.status)},
          {"sample", m.sample}, {"extra", m.extra}};
}

FrontMatter front_matter(const nlohmann::json& j) {
  FrontMatter m;
  m.id = j.at("id").get<std::string>();
  m.title = j.at("title").get<std::string>();
  m.kind = static_cast<DocKind>(j.at("kind").get<int>());
  m.doc_class = j.at("class").get<std::string>();
  m.medium = static_cast<Medium>(j.at("medium").get<int>());
  if (int ch = j.at("channel").get<int>(); ch >= 0) m.channel = static_cast<Channel>(ch);
  m.published = date(j.at("published"));
  m.effective = date(j.at("effective"));
  m.status = static_cast<Status>(j.at("status").get<int>());
  m.sample = j.at("sample").get<bool>();
  m.extra = j.at("extra").get<std::vector<std::pair<std::string, std::string>>>();
  return m;
}

nlohmann::json document(const Document& doc) {
  nlohmann::json clauses = nlohmann::json::array();
  for (const Clause& c : doc.clauses) clauses.push_back(clause(c));
  nlohmann::json diagnostics = nlohmann::json::array();
  for (const Diagnostic& d : doc.diagnostics)
    diagnostics.push_back({static_cast<int>(d.severity), d.where.line, d.message});
  return {{"meta", front_matter(doc.meta)}, {"clauses", std::move(clauses)}, {"diagnostics", std::move(diagnostics)}};
}

Document document(const nlohmann::json& j) {
  Document doc;
  doc.meta = front_matter(j.at("meta"));
  for (const auto& c : j.at("clauses")) doc.clauses.push_back(clause(c));
  for (const auto& d : j.at("diagnostics"))
    doc.diagnostics.push_back({static_cast<Severity>(d.at(0).get<int>()), {"", d.at(1).get<int>()}, d.at(2).get<std::string>()});
  return doc;
}

nlohmann::json revision(const Revision& r) {
  return {{"doc", r.doc}, {"path", r.path}, {"commit", r.commit}, {"blob", r.blob}, {"seq", r.sequence},
          {"removed", r.removed}, {"meta", front_matter(r.meta)}};
}

Revision revision(const nlohmann::json& j) {
  Revision r;
  r.doc = j.at("doc").get<std::string>();
  r.path = j.at("path").get<std::string>();
  r.commit = j.at("commit").get<std::string>();
  r.blob = j.at("blob").get<std::string>();
  r.sequence = j.at("seq").get<std::size_t>();
  r.removed = j.at("removed").get<bool>();
  r.meta = front_matter(j.at("meta"));
  return r;
}

namespace {

constexpr char kField = '\x1f', kRecord = '\x1e';

bool clean(std::string_view s) { return s.find(kField) == std::string_view::npos && s.find(kRecord) == std::string_view::npos; }

text::Date iso_date(std::string_view s) {
  auto number = [&](std::size_t from, std::size_t len) {
    int v = 0;
    for (std::size_t i = from; i < from + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  return {number(0, 4), number(5, 2), number(8, 2)};
}

int to_int(std::string_view s) {
  bool negative = !s.empty() && s[0] == '-';
  int v = 0;
  for (char ch : s.substr(negative ? 1 : 0)) v = v * 10 + (ch - '0');
  return negative ? -v : v;
}

}  // namespace

std::string revisions(const std::vector<Revision>& list) {
  std::string out;
  for (const Revision& r : list) {
    const FrontMatter& m = r.meta;
    if (!out.empty()) out += kRecord;
    bool compact = clean(r.doc) && clean(r.path) && clean(m.id) && clean(m.title) && clean(m.doc_class) && m.extra.empty();
    if (!compact) {
      out += "J" + revision(r).dump();
      continue;
    }
    std::string fields[] = {"C" + r.doc, r.path, r.commit, r.blob, std::to_string(r.sequence), r.removed ? "1" : "0",
                            m.id, m.title, std::to_string(static_cast<int>(m.kind)), m.doc_class,
                            std::to_string(static_cast<int>(m.medium)), std::to_string(m.channel ? static_cast<int>(*m.channel) : -1),
                            text::format_iso(m.published), text::format_iso(m.effective),
                            std::to_string(static_cast<int>(m.status)), m.sample ? "1" : "0"};
    for (std::size_t i = 0; i < std::size(fields); ++i) {
      if (i) out += kField;
      out += fields[i];
    }
  }
  return out;
}

std::vector<Revision> revisions(std::string_view encoded) {
  std::vector<Revision> out;
  while (!encoded.empty()) {
    std::size_t end = encoded.find(kRecord);
    std::string_view record = encoded.substr(0, end);
    encoded.remove_prefix(end == std::string_view::npos ? encoded.size() : end + 1);
    if (record.starts_with("J")) {
      out.push_back(revision(nlohmann::json::parse(record.substr(1))));
      continue;
    }
    std::vector<std::string_view> f;
    record.remove_prefix(1);
    while (true) {
      std::size_t sep = record.find(kField);
      f.push_back(record.substr(0, sep));
      if (sep == std::string_view::npos) break;
      record.remove_prefix(sep + 1);
    }
    if (f.size() != 16) throw Error(ErrorCode::Internal, "the cache holds a revision record it cannot read");
    Revision r;
    r.doc = f[0], r.path = f[1], r.commit = f[2], r.blob = f[3];
    r.sequence = static_cast<std::size_t>(to_int(f[4]));
    r.removed = f[5] == "1";
    FrontMatter& m = r.meta;
    m.id = f[6], m.title = f[7];
    m.kind = static_cast<DocKind>(to_int(f[8]));
    m.doc_class = f[9];
    m.medium = static_cast<Medium>(to_int(f[10]));
    if (int ch = to_int(f[11]); ch >= 0) m.channel = static_cast<Channel>(ch);
    m.published = iso_date(f[12]);
    m.effective = iso_date(f[13]);
    m.status = static_cast<Status>(to_int(f[14]));
    m.sample = f[15] == "1";
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace lexgit::serialize
