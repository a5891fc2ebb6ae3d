// The partners file: who receives the notices, validated entry by entry so
// that a typo in an address is caught before anything is sent.
#include <algorithm>
#include <cctype>
#include <map>

#include "yaml/yaml.hpp"
#include "lexgit/delivery.hpp"

namespace lexgit::delivery {
namespace {

std::string lowercase(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// "  北京示例科技 有限公司 " and "北京示例科技有限公司" are one company.
std::string company_key(const std::string& company) {
  std::string out;
  for (char c : company)
    if (c != ' ' && c != '\t') out += c;
  return out;
}

Partner read_partner(const YAML::Node& entry, const std::string& file) {
  Partner p;
  p.line = yaml::line(entry);
  auto bad = [&](const std::string& problem, int line) { return Error(ErrorCode::BadInput, problem, {file, line}); };
  if (!entry.IsMap()) throw bad("expected a partner: company, contact, email and optionally salutation", p.line);
  for (const auto& field : entry) {
    std::string key = field.first.as<std::string>();
    std::string* target = key == "company" ? &p.company : key == "contact" ? &p.contact : key == "email" ? &p.address
                        : key == "salutation" ? &p.salutation : nullptr;
    if (!target) throw bad(key + ": unknown field; expected company, contact, email, salutation", yaml::line(field.first));
    if (!field.second.IsScalar()) throw bad(key + ": expected text", yaml::line(field.second));
    *target = field.second.Scalar();
    if (target->find_first_of("\r\n") != std::string::npos) throw bad(key + ": expected one line", yaml::line(field.second));
  }
  const std::pair<const std::string*, const char*> required[] = {{&p.company, "company"}, {&p.contact, "contact"}, {&p.address, "email"}};
  for (auto [value, name] : required)
    if (value->empty()) throw bad("partner " + (p.company.empty() ? "entry" : p.company) + ": missing " + name, p.line);
  if (!notice::is_address(p.address)) throw bad(p.company + ": '" + p.address + "' is not an e-mail address", p.line);
  if (p.salutation.empty()) p.salutation = "尊敬的" + p.company + "：";
  return p;
}

}  // namespace

std::vector<Partner> load_partners(std::string_view yaml, const std::string& file) {
  YAML::Node root = yaml::load(yaml, file);
  if (!root.IsSequence() || root.size() == 0)
    throw Error(ErrorCode::BadInput, "expected a list of partners (- company: …, contact: …, email: …)", {file, 1});
  std::vector<Partner> partners;
  std::map<std::string, int> companies, addresses;  // → line
  for (const YAML::Node& entry : root) {
    Partner p = read_partner(entry, file);
    auto repeated = [&](std::map<std::string, int>& seen, const std::string& key, const std::string& what) {
      auto [it, added] = seen.emplace(key, p.line);
      if (!added) throw Error(ErrorCode::BadInput, what + " is listed twice (first at line " + std::to_string(it->second) + ")", {file, p.line});
    };
    repeated(companies, company_key(p.company), "partner " + p.company);
    repeated(addresses, lowercase(p.address), "address " + p.address);
    partners.push_back(std::move(p));
  }
  return partners;
}

std::optional<std::vector<Partner>> partners_at(const Repository& repo, const std::string& commit, const notice::Settings& settings) {
  if (commit.empty()) return std::nullopt;
  auto yaml = repo.file_at(commit, settings.partners);
  if (!yaml) return std::nullopt;
  return load_partners(*yaml, settings.partners);
}

std::vector<Partner> partners(const Repository& repo, const notice::Settings& settings) {
  std::optional<std::string> tip = repo.head();
  std::optional<std::vector<Partner>> listed = tip ? partners_at(repo, *tip, settings) : std::nullopt;
  if (!listed)
    throw Error(ErrorCode::NotFound, settings.partners + " is not committed in the repository: list the partners there (see README, Delivery to every partner)");
  return *listed;
}

}  // namespace lexgit::delivery
