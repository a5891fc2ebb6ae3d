#include "versions/serialize.hpp"

namespace lexgit::serialize {
namespace {

text::Date date(const nlohmann::json& j) { return {j.at(0).get<int>(), j.at(1).get<int>(), j.at(2).get<int>()}; }
nlohmann::json date(text::Date d) { return {d.year, d.month, d.day}; }

nlohmann::json clause(const Clause& c) {
  nlohmann::json children = nlohmann::json::array();
  for (const Clause& child : c.children) children.push_back(clause(child));
  return {{"i", c.id}, {"n", c.number}, {"h", c.heading}, {"t", c.text}, {"l", {c.first_line, c.last_line}},
          {"s", static_cast<int>(c.style)}, {"v", c.value}, {"j", c.subjects}, {"c", std::move(children)}};
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

}  // namespace lexgit::serialize
