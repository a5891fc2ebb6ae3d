// Delivering a change notice to every partner: the recipients kept in the
// document repository, one message per partner, sending through SMTP, and the
// delivery record (送达记录) committed beside the notice. A notice reaches a
// partner when it is delivered, so the partner's period runs from that day
// (Asia/Shanghai), not from the notice date.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "lexgit/notice.hpp"
#include "lexgit/store.hpp"

namespace lexgit::delivery {

// ---- Partners ---------------------------------------------------------------------

// One entry of the partners file (partners.yaml, or notice.partners):
//   - company: 北京示例科技有限公司
//     contact: 张伟
//     email: zhang.wei@example.com
//     salutation: 尊敬的张伟先生：      # optional; default 尊敬的<company>：
struct Partner {
  std::string company, contact, address, salutation;
  int line = 0;
  notice::Addressee addressee() const { return {contact, address, salutation}; }
};

// Error(BadInput) naming the file and line of an entry that lacks a field, has
// an unknown one, gives an address that is not one, or repeats a company or an
// address (case aside) of an earlier entry.
std::vector<Partner> load_partners(std::string_view yaml, const std::string& file);

// The partners file committed at `commit`; nullopt when there is none.
std::optional<std::vector<Partner>> partners_at(const Repository& repo, const std::string& commit, const notice::Settings& settings);
// The partners file at the branch tip; Error(NotFound) when there is none.
std::vector<Partner> partners(const Repository& repo, const notice::Settings& settings);

// ---- Messages ---------------------------------------------------------------------

struct Letter {
  Partner partner;
  notice::Message message;
  std::string file_name;  // <address>.eml, safe as a file name
};

// The notice addressed to each partner, in the partners file's order.
std::vector<Letter> letters(const notice::Notice& n, const notice::Settings& settings, const std::vector<Partner>& partners, long long now);

// ---- Sending ----------------------------------------------------------------------

struct Reply {
  bool accepted = false;
  std::string reply;  // the server's last reply: "250 Message accepted for delivery", "550 …"
  std::string error;  // why it failed, when it did: "connection refused", "RCPT rejected" …
};

// Hands one message to a mail server.
class Transport {
 public:
  virtual ~Transport() = default;
  virtual Reply send(const std::string& from, const std::string& to, const std::string& message) = 0;
};

// SMTP through libcurl: one connection per message, STARTTLS when configured
// (required then: the message is never sent in the clear), the password from
// the environment variable notice.smtp.password_env names, 10 s to connect and
// 60 s in all. Error(BadInput) naming .lexgit.yaml when notice.smtp is missing;
// Error(Usage) when the password variable is not set.
std::unique_ptr<Transport> smtp_transport(const notice::Settings& settings);

// ---- The delivery record ------------------------------------------------------------

struct Delivery {
  std::string company, contact, address;
  std::string time;        // ISO 8601 in Asia/Shanghai: 2026-12-25T10:31:02+08:00
  std::string message_id;  // without angle brackets
  std::string reply;       // the server's reply to the message
};

// notices/<notice date>-<agreement>.delivery.yaml, beside the notice publish writes.
std::string record_path(const notice::Notice& n);
// The deliveries recorded at `commit`; empty when there is no record.
std::vector<Delivery> recorded(const Repository& repo, const std::string& commit, const notice::Notice& n);
std::string render_record(const notice::Notice& n, const std::vector<Delivery>& deliveries);
// Error(BadInput) naming the file and line of a malformed record.
std::vector<Delivery> parse_record(std::string_view yaml, const std::string& file);

// ---- The workflow -------------------------------------------------------------------

struct Outcome {
  Partner partner;
  bool delivered = false;
  Delivery delivery;    // when delivered
  std::string failure;  // when not: the error and the server's reply
};

struct Sent {
  std::vector<Outcome> outcomes;      // the partners sent to, in order
  std::vector<Partner> already;       // partners skipped by retry: delivered before
  std::optional<std::string> commit;  // the commit recording the deliveries (none when nothing was delivered)
  std::string record_path;
  std::string record;                 // the record as committed
  bool all_delivered() const;
};

struct SendOptions {
  bool retry = false;  // send only to partners without a delivery record
};

// Sends the notice to every partner of the partners file at the branch tip and
// commits the record of those delivered (all earlier deliveries kept) as one
// commit. A failed delivery is reported in its Outcome and never recorded.
// Error(BadInput) before anything is sent when the notice was already
// delivered to a partner and `retry` is off, or when there is no partners file.
Sent send(Repository& repo, const notice::Notice& n, const notice::Settings& settings, Transport& transport, SendOptions options,
          const std::function<long long()>& clock);

// ---- Effective dates per partner ------------------------------------------------------

// The day a delivery at `time` (seconds since the epoch) happened in Asia/Shanghai.
text::Date delivery_day(long long time);
// ISO 8601 in Asia/Shanghai.
std::string format_time(long long time);

// [{"company", "contact", "address", "delivered": time or null, "message_id",
//   "delivery_day", "last_day", "effective"}]: each partner's period runs from
// the day of its delivery; a partner not yet delivered is listed with the
// notice date as its assumed delivery day.
nlohmann::json partners_json(const notice::Notice& n, const std::vector<Partner>& partners, const std::vector<Delivery>& deliveries);

// to_json(n) with "partners" added when the repository has a partners file at its tip.
nlohmann::json notice_json(const Repository& repo, const notice::Notice& n, const notice::Settings& settings);

}  // namespace lexgit::delivery
