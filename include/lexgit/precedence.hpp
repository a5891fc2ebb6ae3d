// Which clause governs: the agreement's own precedence rules (part 二), applied
// as of a date, with the reasons shown. A conflict that no rule settles is
// reported as unresolved, never decided.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "lexgit/docset.hpp"
#include "lexgit/document.hpp"
#include "lexgit/language.hpp"
#include "lexgit/versions.hpp"

namespace lexgit::precedence {

enum class Rule {
  AgreementOverDocument,  // rule 2: a document in conflict with the framework agreement: the agreement governs
  OnlineOverPaper,        // rule 3: one document class in paper and online versions: the online version governs
  LaterPublication,       // rule 1: otherwise the document published later governs
};
std::string_view to_string(Rule rule);                 // "agreement-over-document", …
// A document kind as the agreement names it: agreement → 本协议, normative → 规范性文件 …
std::string kind_zh(std::string_view kind);
std::optional<Rule> parse_rule(std::string_view name);
// The rule in plain words for partners, in Chinese (依第二部分，本协议约定优先于规范性文件)
// or English (Under part 二, the framework agreement prevails over a normative document).
std::string explain(Rule rule, const std::string& winner_kind, const std::string& loser_kind, Language language);

struct RuleSpec {
  Rule rule;
  std::string basis;  // DOC#ID of the sentence that states the rule
};

struct Policy {
  std::string agreement;          // the framework agreement's document id
  std::vector<RuleSpec> rules;    // applied in this order; the first that orders a pair decides
  std::string void_basis;         // the clause that voids the partner's correspondence (part 七)
  std::string retroactivity_basis;  // the clause that says changes are not retroactive (part 七)

  // The built-in policy for an agreement: rules 2, 3, 1 with their sentences in part 二.
  static Policy defaults(const std::string& agreement);
};

// The policy from .lexgit.yaml's `precedence:` section over the defaults:
//   precedence:
//     agreement: partner-framework
//     rules:                       # order matters; leave one out to drop it
//       - rule: agreement-over-document
//         basis: partner-framework#2.p3
// Throws Error(BadInput) naming the file, line and key of anything invalid.
Policy load_policy(std::string_view yaml, const std::string& file, const std::string& default_agreement);

// The words each rule's basis sentence must contain to still state the rule.
std::vector<std::string> rule_phrases(Rule rule);

// A clause competing to govern, in the version in force on the date.
struct Candidate {
  std::string ref;     // DOC#ID
  Revision revision;   // the document version it comes from
  std::string text;    // the clause's text (heading and text)
};

struct Overridden {
  Candidate clause;
  std::string by;    // the ref of the clause that beats it
  std::string by_kind;  // that clause's document kind
  Rule rule;
  std::string basis; // the rule's basis clause
};

struct Excluded {
  std::string ref;
  std::optional<Candidate> clause;  // when a version exists to show
  std::string reason;               // in English; see reason_zh
  std::string reason_zh;
};

enum class Outcome { Governed, Unresolved, None };
std::string_view to_string(Outcome outcome);  // "governed", "unresolved", "none"

struct Resolution {
  text::Date at;
  Outcome status = Outcome::None;
  std::optional<Candidate> governing;
  std::vector<Overridden> overridden;
  std::vector<std::pair<std::string, std::string>> unresolved;  // pairs no rule orders
  std::vector<Excluded> excluded;
  std::vector<Bilingual> notes;  // e.g. "the version in force on D is …, not the latest"
};

// Which rule decides between two clauses, and who wins; nullopt when none applies.
struct Decision {
  Rule rule;
  bool first_wins;
  std::string basis;
};
std::optional<Decision> decide(const Policy& policy, const Candidate& a, const Candidate& b);

// Orders the candidates by the policy. `excluded` are carried into the result.
Resolution resolve(const Policy& policy, std::vector<Candidate> candidates, std::vector<Excluded> excluded,
                   text::Date at);

// ---- gathering clauses from a document set -------------------------------------------

// The policy for a document set: `precedence:` in .lexgit.yaml (committed at
// the tip in a git repository, else the file in the directory) over the
// defaults, whose agreement is the one document of kind agreement.
Policy policy_for(DocumentSet& set);

struct Gathered {
  std::vector<Candidate> candidates;
  std::vector<Excluded> excluded;
  std::vector<Bilingual> notes;
};

// The clauses named by `refs` (DOC#ID) as of `at`: each in the version of its
// document in force on that date. A clause of the partner's correspondence is
// excluded as void; a clause whose document has no version in force (not yet
// effective — changes are not retroactive — withdrawn, draft) is excluded with
// the reason; when the version in force is not the latest, a note says so.
// Ids are the latest version's and are followed to the version in force (its
// lineage), unless `ids_in_force` (ids found in the versions in force, as
// `which` finds them): then a note gives the clause's id in the latest version.
Gathered gather(DocumentSet& set, const Policy& policy, const std::vector<std::string>& refs, text::Date at,
                bool ids_in_force = false);

// resolve: the clauses `refs` names gathered as of `at` with the set's policy,
// and which of them governs, with the notes gathering made.
Resolution resolve_refs(DocumentSet& set, const std::vector<std::string>& refs, text::Date at);

// Warnings `check` gives about precedence: a basis clause that, in the version
// given, no longer states its rule; two documents of one class and medium with
// the same publication date (rule 3 cannot order them and rule 1 neither).
std::vector<Diagnostic> lint(const Policy& policy, const std::vector<Document>& documents);

// {"at", "status", "governing": clause|null, "overridden": [{clause…, "by", "rule", "basis"}],
//  "unresolved": [[ref, ref]…], "excluded": [{clause…, "reason", "reason_zh"}], "notes": [English…],
//  "notes_zh": [Chinese…]}; a clause is
// {"ref", "doc", "kind", "class", "medium", "published", "effective", "revision", "text"}.
nlohmann::json to_json(const Resolution& r);
nlohmann::json to_json(const Candidate& c);

}  // namespace lexgit::precedence
