// Change notices: what the agreement's change clause (part 七) requires when
// QingCloud changes the agreement's terms. The notice period is read from the
// change clause in force on the notice date; each change is classified as
// security-related (effective on the notice date) or not (effective when the
// period has run, Civil Code Articles 200–204); the notice is written as formal
// Chinese in Markdown, HTML, JSON or as an e-mail message.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "lexgit/diff.hpp"
#include "lexgit/docset.hpp"
#include "lexgit/document.hpp"
#include "lexgit/period.hpp"
#include "lexgit/precedence.hpp"
#include "lexgit/versions.hpp"

namespace lexgit::notice {

// ---- The notice period ------------------------------------------------------------

// The period of notice the agreement gives itself: the duration right after
// 提前 in a clause of the part whose heading contains 变更.
struct NoticePeriod {
  text::Duration duration;
  std::string text;         // as written: 一个月
  std::string basis;        // DOC#ID of the clause
  std::string citation;     // the clause as a lawyer cites it: 第七部分第一款
  std::string part;         // the part that states it: 第七部分“协议条款的变更”
  std::string clause_text;  // the clause's text
  std::string commit;       // the commit that recorded the version read (empty for a file)
  text::Date effective;     // that version's effective date
};

// The notice period stated by this version of the agreement. Error(BadInput)
// naming the document and what was looked for when it states none.
NoticePeriod find_notice_period(const Document& agreement);

// The notice period in force on `date`: read from the version of the agreement
// in force on that date among `revisions` (one document's revisions) recorded
// before `notified`, the revision the notice is for. A revision never governs
// its own notice: one that shortens the period is notified under the period it
// replaces, even when it is dated to take effect on the notice day. A revision
// that changes the period governs the notices of later revisions dated on or
// after its effective date. Error(NotFound) when no version is in force.
NoticePeriod notice_period_on(Versions& versions, const std::vector<Revision>& revisions, text::Date date,
                              const std::optional<Revision>& notified = std::nullopt);

// ---- Classification ----------------------------------------------------------------

// The words that make a change security-related (与安全和保障相关的条款):
// 安全, 保障, 信息安全, 数据安全, 网络安全, 安全事件, 个人信息, 个人信息保护,
// 安全保护, 安全措施. Matched against lexgit's words of the old and new text.
const std::vector<std::string>& security_words();

enum class Basis {
  Keyword,            // a security word occurs in the old or new text
  NoKeyword,          // none occurs
  OverrideSecurity,   // --security REF
  OverrideOrdinary,   // --not-security REF
};

struct Classification {
  bool security = false;
  Basis basis = Basis::NoKeyword;
  std::string word;  // the word that matched (Keyword)
  std::string side;  // "old" or "new": where it matched first (Keyword)
  std::string reason_zh() const;
  std::string reason_en() const;
};

// Refs (old or new clause refs) a reviewer has classified by hand.
struct Overrides {
  std::vector<std::string> security;
  std::vector<std::string> ordinary;
};

Classification classify(const diff::Change& change, const text::Segmenter& segmenter,
                        const std::vector<std::string>& terms = {});

// ---- The notice -------------------------------------------------------------------

struct NoticeChange {
  diff::Change change;
  std::string old_citation, new_citation;  // 第十部分第3项, as each version numbers it; empty for the absent side
  Classification classification;
  text::Date effective;
  std::string part;  // the part it belongs to, as headed: "九． 赔偿责任"; "序言" before part 一
};

struct Part {
  std::string heading;
  std::vector<NoticeChange> changes;
};

// A renumbered unit, as the notice's 条款序号调整 table lists it.
struct Renumbering {
  std::string old_citation, new_citation;
  bool references_updated = false;  // only its cross-references to renumbered units changed
};

struct Notice {
  std::string agreement;  // document id
  std::string title;      // the agreement's title (front matter)
  text::Date date;        // the notice date D
  NoticePeriod period;
  period::Period computed;  // the period from D
  std::vector<Part> parts;  // changes grouped by part, in the new version's order
  std::string from_label, to_label;    // what was compared (for messages, never in the letter)
  std::string from_commit, to_commit;  // the commits that recorded the two versions; to_commit may be empty (not yet recorded)
  FrontMatter before_meta;             // the version before: its publication and effective dates name it
  std::vector<Renumbering> renumbered;  // units only renumbered: listed once, in 条款序号调整, not as revisions
  std::string void_basis, retroactivity_basis;  // from the precedence policy, cited: 第七部分第二款
  std::string signatory = "北京青云科技股份有限公司";
  std::string salutation = "尊敬的合作伙伴：";  // a partner's own in its e-mail

  std::vector<const NoticeChange*> changes() const;
  // The day the revision as a whole takes effect: the period's effective day,
  // or the notice date when every change is security-related.
  text::Date effective() const;
};

struct Inputs {
  const Document* before = nullptr;
  const Document* after = nullptr;
  text::Date date;
  NoticePeriod period;
  precedence::Policy policy;
  Overrides overrides;
  std::string from_label, to_label, from_commit, to_commit;
  // The rest days the period is counted with: the repository's (period::calendar_for).
  const period::Calendar* calendar = &period::Calendar::builtin();
};

// Compares the two versions, classifies and dates every change. An override
// naming no change is Error(Usage); so is a change named by both kinds of
// override. Error(BadInput) when the versions do not differ.
Notice prepare(const Inputs& inputs, const text::Segmenter& segmenter);

// ---- Renderings ----------------------------------------------------------------------

// 关于修订《青云合作伙伴框架协议》的通知
std::string title_of(const Notice& n);

std::string render_markdown(const Notice& n);
std::string render_text(const Notice& n);  // plain text, for e-mail
std::string render_html(const Notice& n);  // one self-contained page
// The letter alone, as render_html's page holds it (title, paragraphs, the
// changes quoted with their redline, the signature): for a page of lexgit serve.
std::string render_html_body(const Notice& n);
// The notice as a Word letter (the .docx file's bytes), the same text as the
// other formats: the title centred, the signature right-aligned, the old and
// new clauses quoted, and each kept clause's redline as coloured runs (deleted
// words red and struck through, inserted ones green and underlined) rather
// than tracked changes: a letter sent out carries no pending revisions.
std::string render_docx(const Notice& n);
// {"notice_date", "agreement", "title", "revision", "period": {"text", "count", "unit", "basis"},
//  "last_day", "effective", "changes": [{"kind", "old", "new", "part", "security", "reason",
//  "reason_zh", "effective"}], "warnings": [{"zh", "en"}]}
nlohmann::json to_json(const Notice& n);

// ---- E-mail --------------------------------------------------------------------------

// The notice section of .lexgit.yaml:
//   notice:
//     from: "渠道管理部 <channel@qingcloud.example>"   # the e-mail's sender
//     to: "partners@qingcloud.example"               # one address or a comma-separated list
//     signatory: 北京青云科技股份有限公司               # who signs (this is the default)
//     timezone: "+0800"                              # the Date header's zone (this is the default)
//     partners: partners.yaml                        # the recipients (see delivery.hpp; the default)
//     smtp:                                          # for notice --send
//       host: smtp.qingcloud.example
//       port: 587
//       starttls: true                               # the default; false only for a local relay
//       user: channel@qingcloud.example              # optional
//       password_env: LEXGIT_SMTP_PASSWORD           # the environment variable holding the password
//       verify: true                                 # false: accept any server certificate
struct Smtp {
  std::string host;
  int port = 587;
  bool starttls = true;
  std::optional<std::string> user;
  std::optional<std::string> password_env;
  bool verify = true;
  int line = 0;  // of the smtp section
};

struct Settings {
  std::optional<std::string> from, to, signatory;
  int utc_offset_minutes = 8 * 60;         // notice.timezone: China Standard Time unless configured
  std::string partners = "partners.yaml";  // notice.partners
  std::optional<Smtp> smtp;
  std::string file = ".lexgit.yaml";  // for messages
  int line = 0;                       // of the notice section
};

// Error(BadInput) naming the file, line and key of a value that is invalid, of
// an unknown key, and of a `password` under smtp (passwords never live in the
// repository: password_env names the environment variable that holds it).
Settings load_settings(std::string_view yaml, const std::string& file);

// Whether `s` is one bare e-mail address (local@domain, no display name).
bool is_address(std::string_view s);

// The sender's address (notice.from without its display name), for SMTP's MAIL FROM.
// Error(BadInput) as render_eml when notice.from is missing or not an address.
std::string sender_address(const Settings& settings);

// One recipient of a message addressed to a partner: the To header and the
// letter's salutation (in place of 尊敬的合作伙伴：).
struct Addressee {
  std::string name;        // the contact, shown in To
  std::string address;
  std::string salutation;  // 尊敬的北京示例科技有限公司：
};

struct Message {
  std::string id;   // the Message-ID, without angle brackets
  std::string eml;  // the whole message
};

// An RFC 5322 message (CRLF line ends): UTF-8, the Subject encoded per RFC 2047,
// multipart/alternative with the plain-text and the HTML notice, each
// base64-encoded; the Date in notice.timezone; a new Message-ID; the commits
// compared only in X-Lexgit-From-Commit and X-Lexgit-To-Commit, never in the
// text a reader sees. To: `to` when given (the salutation addressed to it),
// else notice.to. `now`: seconds since the epoch. Error(BadInput) naming the
// key (notice.from, notice.to) when one is missing or is not an address.
Message render_message(const Notice& n, const Settings& settings, long long now, const Addressee* to = nullptr);
std::string render_eml(const Notice& n, const Settings& settings, long long now);

// ---- Drafting a notice in a repository -------------------------------------------

// What `lexgit notice` is asked: the two versions (each a revision, a date —
// the version in force —, or a file: a draft not yet committed) and the
// notice date.
struct Request {
  std::string from, to;
  text::Date date;
  Overrides overrides;
};

struct Draft {
  Notice notice;
  Settings settings;                  // the notice section of .lexgit.yaml
  std::vector<std::string> warnings;  // for the user, not the partner
};

// Reads both versions of the agreement (the repository's .lexgit.yaml names
// it), the notice period from the agreement in force on the notice date before
// the revision notified, and prepares the notice. Writes nothing.
Draft draft(const std::filesystem::path& dir, const Request& request, const text::Segmenter& segmenter);

// The same from versions already read: `before` and `after` sides of the
// comparison, `head` the repository as committed.
Draft draft(DocumentSet& head, Side& before, Side& after, text::Date date, const Overrides& overrides,
            const text::Segmenter& segmenter);

}  // namespace lexgit::notice
