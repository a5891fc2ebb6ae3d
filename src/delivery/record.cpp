// The delivery record (送达记录): which partner was sent the notice, at which
// address, when, under which Message-ID, and what the server answered. It is
// committed beside the notice, so the history shows when each partner's period
// began.
#include <ctime>

#include "yaml/yaml.hpp"
#include "lexgit/delivery.hpp"

namespace lexgit::delivery {
namespace {

constexpr long long kShanghaiOffset = 8 * 3600;  // Asia/Shanghai has kept UTC+8 without daylight saving since 1991

std::tm shanghai(long long time) {
  std::time_t t = static_cast<std::time_t>(time + kShanghaiOffset);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}

// The fields of one delivery, in the record's order.
std::vector<std::pair<const char*, std::string Delivery::*>> fields() {
  return {{"company", &Delivery::company}, {"contact", &Delivery::contact}, {"address", &Delivery::address},
          {"time", &Delivery::time},       {"message_id", &Delivery::message_id}, {"reply", &Delivery::reply}};
}

Delivery read_delivery(const YAML::Node& entry, const std::string& file) {
  if (!entry.IsMap()) throw Error(ErrorCode::BadInput, "expected a delivery (company, contact, address, time, message_id, reply)", {file, yaml::line(entry)});
  Delivery d;
  for (auto [key, member] : fields()) {
    const YAML::Node value = entry[key];
    if (!value || !value.IsScalar()) throw Error(ErrorCode::BadInput, std::string("delivery: missing ") + key, {file, yaml::line(entry)});
    d.*member = value.Scalar();
  }
  if (!parse_iso_date(d.time.substr(0, 10)))
    throw Error(ErrorCode::BadInput, "time: '" + d.time + "' is not an ISO 8601 time", {file, yaml::line(entry["time"])});
  return d;
}

}  // namespace

text::Date delivery_day(long long time) {
  std::tm tm = shanghai(time);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

std::string format_time(long long time) {
  std::tm tm = shanghai(time);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%S+08:00", &tm);
  return out;
}

std::string record_path(const notice::Notice& n) { return "notices/" + text::format_iso(n.date) + "-" + n.agreement + ".delivery.yaml"; }

std::string render_record(const notice::Notice& n, const std::vector<Delivery>& deliveries) {
  YAML::Emitter out;
  out << YAML::Comment("送达记录：" + notice::title_of(n) + "（lexgit notice --send）") << YAML::Newline;
  out << YAML::BeginMap;
  out << YAML::Key << "agreement" << YAML::Value << n.agreement;
  out << YAML::Key << "notice_date" << YAML::Value << text::format_iso(n.date);
  out << YAML::Key << "from_commit" << YAML::Value << n.from_commit;
  out << YAML::Key << "to_commit" << YAML::Value << n.to_commit;
  out << YAML::Key << "deliveries" << YAML::Value << YAML::BeginSeq;
  for (const Delivery& d : deliveries) {
    out << YAML::BeginMap;
    for (auto [key, member] : fields()) out << YAML::Key << key << YAML::Value << YAML::DoubleQuoted << d.*member;
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

std::vector<Delivery> parse_record(std::string_view yaml, const std::string& file) {
  YAML::Node root = yaml::load(yaml, file);
  YAML::Node list = root.IsMap() ? root["deliveries"] : YAML::Node();
  if (!list || !list.IsSequence()) throw Error(ErrorCode::BadInput, "expected deliveries: a list of deliveries", {file, 1});
  std::vector<Delivery> out;
  for (const YAML::Node& entry : list) out.push_back(read_delivery(entry, file));
  return out;
}

std::vector<Delivery> recorded(const Repository& repo, const std::string& commit, const notice::Notice& n) {
  if (commit.empty()) return {};
  std::string path = record_path(n);
  auto yaml = repo.file_at(commit, path);
  return yaml ? parse_record(*yaml, path) : std::vector<Delivery>{};
}

}  // namespace lexgit::delivery
