// The delivery workflow: one message per partner, sent one by one; the
// deliveries that succeeded committed as the record, the failures reported
// and never recorded, so that --retry knows whom to send to.
#include <algorithm>
#include <cctype>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "lexgit/delivery.hpp"

namespace lexgit::delivery {
namespace {

const Delivery* delivery_of(const std::vector<Delivery>& deliveries, const Partner& p) {
  auto it = std::find_if(deliveries.begin(), deliveries.end(), [&](const Delivery& d) { return d.company == p.company; });
  return it == deliveries.end() ? nullptr : &*it;
}

// A character an address may hold that a file name should not: %XX.
std::string file_name_for(const std::string& address) {
  std::string out;
  for (unsigned char c : address) {
    if (std::isalnum(c) || c == '.' || c == '@' || c == '-' || c == '_' || c == '+') {
      out += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out + ".eml";
}

std::string commit_message(const notice::Notice& n, const Sent& sent) {
  std::string delivered, failed;
  int count = 0;
  for (const Outcome& o : sent.outcomes) {
    std::string& list = o.delivered ? delivered : failed;
    list += "\n  " + o.partner.company + " <" + o.partner.address + ">" + (o.delivered ? "" : ": " + o.failure);
    count += o.delivered;
  }
  std::string m = "送达记录：" + notice::title_of(n) + "\n\nThe notice of " + text::format_iso(n.date) + " delivered to " +
                  std::to_string(count) + " of " + std::to_string(sent.outcomes.size()) + " partners sent to:" + delivered;
  if (!failed.empty()) m += "\n\nNot delivered (not recorded; lexgit notice --send --retry sends to them):" + failed;
  return m + "\n";
}

}  // namespace

bool Sent::all_delivered() const {
  return std::all_of(outcomes.begin(), outcomes.end(), [](const Outcome& o) { return o.delivered; });
}

std::vector<Letter> letters(const notice::Notice& n, const notice::Settings& settings, const std::vector<Partner>& partners, long long now) {
  std::vector<Letter> out;
  for (const Partner& p : partners) {
    notice::Addressee to = p.addressee();
    out.push_back({p, notice::render_message(n, settings, now, &to), file_name_for(p.address)});
  }
  return out;
}

Sent send(Repository& repo, const notice::Notice& n, const notice::Settings& settings, Transport& transport, SendOptions options,
          const std::function<long long()>& clock) {
  std::optional<std::string> tip = repo.head();  // the record's commit starts from here
  std::vector<Partner> listed = partners(repo, settings);
  std::string from = notice::sender_address(settings);
  Sent sent;
  sent.record_path = record_path(n);
  std::vector<Delivery> deliveries = recorded(repo, *tip, n);
  if (!deliveries.empty() && !options.retry)
    throw Error(ErrorCode::BadInput, "the notice of " + text::format_iso(n.date) + " was already delivered to " + std::to_string(deliveries.size()) +
                                         " partners (" + sent.record_path + "): nothing was sent; --retry sends it to the partners without a delivery record");

  for (const Partner& p : listed) {
    if (delivery_of(deliveries, p)) {
      sent.already.push_back(p);
      continue;
    }
    notice::Addressee to = p.addressee();
    notice::Message message = notice::render_message(n, settings, clock(), &to);
    Reply reply = transport.send(from, p.address, message.eml);
    Outcome o{p, reply.accepted, {}, {}};
    if (reply.accepted) {
      o.delivery = {p.company, p.contact, p.address, format_time(clock()), message.id, reply.reply};
      deliveries.push_back(o.delivery);
    } else {
      o.failure = reply.error + (reply.reply.empty() ? "" : "; the server replied: " + reply.reply);
    }
    sent.outcomes.push_back(std::move(o));
  }

  if (std::none_of(sent.outcomes.begin(), sent.outcomes.end(), [](const Outcome& o) { return o.delivered; })) return sent;
  Repository::CommitRequest request;
  sent.record = render_record(n, deliveries);
  request.files[sent.record_path] = sent.record;
  request.message = commit_message(n, sent);
  request.base = *tip;
  sent.commit = repo.commit(request);
  return sent;
}

nlohmann::json partners_json(const notice::Notice& n, const std::vector<Partner>& partners, const std::vector<Delivery>& deliveries) {
  nlohmann::json out = nlohmann::json::array();
  for (const Partner& p : partners) {
    const Delivery* d = delivery_of(deliveries, p);
    text::Date day = d ? *parse_iso_date(d->time.substr(0, 10)) : n.date;
    period::Period runs = period::compute(day, n.period.duration);
    out.push_back({{"company", p.company},
                   {"contact", p.contact},
                   {"address", p.address},
                   {"delivered", d ? nlohmann::json(d->time) : nlohmann::json(nullptr)},
                   {"message_id", d ? nlohmann::json(d->message_id) : nlohmann::json(nullptr)},
                   {"delivery_day", text::format_iso(day)},
                   {"last_day", text::format_iso(runs.last_day)},
                   {"effective", text::format_iso(runs.effective)}});
  }
  return out;
}

nlohmann::json notice_json(const Repository& repo, const notice::Notice& n, const notice::Settings& settings) {
  nlohmann::json out = notice::to_json(n);
  std::optional<std::string> tip = repo.head();
  if (!tip) return out;
  if (auto partners = partners_at(repo, *tip, settings)) out["partners"] = partners_json(n, *partners, recorded(repo, *tip, n));
  return out;
}

}  // namespace lexgit::delivery
