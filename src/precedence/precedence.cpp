#include "lexgit/precedence.hpp"
#include "lexgit/lineage.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "yaml/yaml.hpp"

namespace lexgit::precedence {
namespace {

constexpr std::pair<Rule, std::string_view> kRules[] = {
    {Rule::AgreementOverDocument, "agreement-over-document"},
    {Rule::OnlineOverPaper, "online-over-paper"},
    {Rule::LaterPublication, "later-publication"},
};

std::string kind_en(std::string_view kind) {
  static const std::map<std::string_view, std::string> names{
      {"agreement", "the framework agreement"}, {"end-user-terms", "the end-user terms"},
      {"normative", "a normative document"},    {"annex", "an annex"},
      {"transaction", "a transaction document"}, {"correspondence", "correspondence"}};
  auto it = names.find(kind);
  return it == names.end() ? std::string(kind) : it->second;
}

bool is_reference(std::string_view ref) {
  auto hash = ref.find('#');
  return hash != std::string_view::npos && hash > 0 && hash + 1 < ref.size() && is_valid_doc_id(ref.substr(0, hash));
}


}  // namespace

std::string kind_zh(std::string_view kind) {
  static const std::map<std::string_view, std::string> names{
      {"agreement", "本协议"}, {"end-user-terms", "最终用户条款"}, {"normative", "规范性文件"},
      {"annex", "附件"},       {"transaction", "交易文件"},        {"correspondence", "往来函件"}};
  auto it = names.find(kind);
  return it == names.end() ? std::string(kind) : it->second;
}

std::string_view to_string(Rule rule) {
  for (const auto& [r, name] : kRules)
    if (r == rule) return name;
  return "?";
}

std::optional<Rule> parse_rule(std::string_view name) {
  for (const auto& [r, n] : kRules)
    if (n == name) return r;
  return std::nullopt;
}

std::string explain(Rule rule, const std::string& winner_kind, const std::string& loser_kind, Language language) {
  bool en = language == Language::En;
  switch (rule) {
    case Rule::AgreementOverDocument:
      return en ? "Under part 二, the framework agreement prevails over " + kind_en(loser_kind)
                : "依第二部分，本协议约定优先于" + kind_zh(loser_kind);
    case Rule::OnlineOverPaper:
      return en ? "Under part 二, the online version of a document class prevails over its paper version"
                : "依第二部分，同一类文档以系统线上版本为准";
    case Rule::LaterPublication:
      return en ? "Under part 二, the later-published document prevails (" + kind_en(winner_kind) + " was published later)"
                : "依第二部分，以发布时间在后的文档为准（" + kind_zh(winner_kind) + "后发布）";
  }
  return {};
}

Policy Policy::defaults(const std::string& agreement) {
  Policy p;
  p.agreement = agreement;
  p.rules = {{Rule::AgreementOverDocument, agreement + "#2.p3"},
             {Rule::OnlineOverPaper, agreement + "#2.p4"},
             {Rule::LaterPublication, agreement + "#2.p2"}};
  p.void_basis = agreement + "#7.p2";
  p.retroactivity_basis = agreement + "#7.p2";
  return p;
}

std::vector<std::string> rule_phrases(Rule rule) {
  switch (rule) {
    case Rule::AgreementOverDocument: return {"以本协议约定为准"};
    case Rule::OnlineOverPaper: return {"线上版本"};
    case Rule::LaterPublication: return {"发布时间在后"};
  }
  return {};
}

Policy load_policy(std::string_view yaml, const std::string& file, const std::string& default_agreement) {
  YAML::Node root = yaml::load(yaml, file);
  auto bad = [&](const YAML::Node& n, const std::string& key, const std::string& problem) {
    return Error(ErrorCode::BadInput, key + ": " + problem, {file, yaml::line(n)});
  };
  YAML::Node section = root.IsMap() ? root["precedence"] : YAML::Node();
  if (!section || section.IsNull()) return Policy::defaults(default_agreement);
  if (!section.IsMap()) throw bad(section, "precedence", "expected keys agreement and rules");
  std::string agreement = default_agreement;
  if (YAML::Node a = section["agreement"]) {
    if (!a.IsScalar() || !is_valid_doc_id(a.Scalar())) throw bad(a, "precedence.agreement", "expected a document id");
    agreement = a.Scalar();
  }
  if (agreement.empty()) throw bad(section, "precedence.agreement", "no document of kind agreement was found; name one");
  Policy policy = Policy::defaults(agreement);
  for (const auto& entry : section) {
    std::string key = entry.first.as<std::string>();
    if (key != "agreement" && key != "rules" && key != "void-basis" && key != "retroactivity-basis")
      throw bad(entry.first, "precedence." + key, "unknown key; expected agreement, rules, void-basis, retroactivity-basis");
  }
  for (const char* key : {"void-basis", "retroactivity-basis"}) {
    if (YAML::Node b = section[key]) {
      if (!b.IsScalar() || !is_reference(b.Scalar())) throw bad(b, std::string("precedence.") + key, "expected a clause reference DOC#ID");
      (std::string_view(key) == "void-basis" ? policy.void_basis : policy.retroactivity_basis) = b.Scalar();
    }
  }
  YAML::Node rules = section["rules"];
  if (!rules) return policy;
  if (!rules.IsSequence()) throw bad(rules, "precedence.rules", "expected a list of rules");
  policy.rules.clear();
  for (std::size_t i = 0; i < rules.size(); ++i) {
    YAML::Node r = rules[i];
    std::string where = "precedence.rules[" + std::to_string(i) + "]";
    YAML::Node name = r.IsMap() ? r["rule"] : r;
    if (!name || !name.IsScalar()) throw bad(r, where + ".rule", "missing");
    auto rule = parse_rule(name.Scalar());
    if (!rule) throw bad(name, where + ".rule", "unknown rule '" + name.Scalar() + "'; expected agreement-over-document, online-over-paper or later-publication");
    for (const RuleSpec& seen : policy.rules)
      if (seen.rule == *rule) throw bad(name, where + ".rule", "'" + name.Scalar() + "' is listed twice");
    std::string basis = Policy::defaults(agreement).rules[static_cast<std::size_t>(*rule)].basis;
    if (r.IsMap() && r["basis"]) {
      if (!r["basis"].IsScalar() || !is_reference(r["basis"].Scalar())) throw bad(r["basis"], where + ".basis", "expected a clause reference DOC#ID");
      basis = r["basis"].Scalar();
    }
    policy.rules.push_back({*rule, basis});
  }
  return policy;
}

std::optional<Decision> decide(const Policy& policy, const Candidate& a, const Candidate& b) {
  for (const RuleSpec& spec : policy.rules) {
    switch (spec.rule) {
      case Rule::AgreementOverDocument: {
        bool a_agreement = a.revision.doc == policy.agreement, b_agreement = b.revision.doc == policy.agreement;
        if (a_agreement != b_agreement) return Decision{spec.rule, a_agreement, spec.basis};
        break;
      }
      case Rule::OnlineOverPaper:
        if (a.revision.meta.doc_class == b.revision.meta.doc_class && a.revision.meta.medium != b.revision.meta.medium)
          return Decision{spec.rule, a.revision.meta.medium == Medium::Online, spec.basis};
        break;
      case Rule::LaterPublication:
        if (a.revision.meta.published != b.revision.meta.published)
          return Decision{spec.rule, b.revision.meta.published < a.revision.meta.published, spec.basis};
        break;
    }
  }
  return std::nullopt;
}

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::Governed: return "governed";
    case Outcome::Unresolved: return "unresolved";
    case Outcome::None: return "none";
  }
  return "?";
}

Resolution resolve(const Policy& policy, std::vector<Candidate> candidates, std::vector<Excluded> excluded, text::Date at) {
  Resolution r;
  r.at = at;
  r.excluded = std::move(excluded);
  const std::size_t n = candidates.size();
  if (n == 0) return r;
  // beats[i][j]: the decision by which i beats j, if it does.
  std::vector<std::vector<std::optional<Decision>>> beats(n, std::vector<std::optional<Decision>>(n));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (i != j)
        if (auto d = decide(policy, candidates[i], candidates[j]); d && d->first_wins) beats[i][j] = d;

  auto beats_all = [&](std::size_t g) {
    for (std::size_t j = 0; j < n; ++j)
      if (j != g && !beats[g][j]) return false;
    return true;
  };
  for (std::size_t g = 0; g < n; ++g) {
    if (!beats_all(g)) continue;
    r.status = Outcome::Governed;
    for (std::size_t j = 0; j < n; ++j)
      if (j != g) r.overridden.push_back({candidates[j], candidates[g].ref, std::string(lexgit::to_string(candidates[g].revision.meta.kind)), beats[g][j]->rule, beats[g][j]->basis});
    r.governing = candidates[g];
    return r;
  }

  // No clause beats all the others. Those that nobody beats are left facing
  // each other; report the pairs no rule orders, never pick one.
  r.status = Outcome::Unresolved;
  std::vector<std::size_t> top;
  for (std::size_t i = 0; i < n; ++i) {
    std::optional<std::size_t> beaten_by;
    for (std::size_t j = 0; j < n && !beaten_by; ++j)
      if (beats[j][i]) beaten_by = j;
    if (beaten_by)
      r.overridden.push_back({candidates[i], candidates[*beaten_by].ref,
                              std::string(lexgit::to_string(candidates[*beaten_by].revision.meta.kind)),
                              beats[*beaten_by][i]->rule, beats[*beaten_by][i]->basis});
    else top.push_back(i);
  }
  auto add_pairs = [&](const std::vector<std::size_t>& set, bool undecided_only) {
    for (std::size_t x = 0; x < set.size(); ++x)
      for (std::size_t y = x + 1; y < set.size(); ++y)
        if (!undecided_only || (!beats[set[x]][set[y]] && !beats[set[y]][set[x]]))
          r.unresolved.emplace_back(candidates[set[x]].ref, candidates[set[y]].ref);
  };
  add_pairs(top, true);
  if (r.unresolved.empty()) {
    // Every clause is beaten by another: the rules run in a circle.
    std::vector<std::size_t> all(n);
    for (std::size_t i = 0; i < n; ++i) all[i] = i;
    add_pairs(all, false);
  }
  return r;
}

// ---- gathering ----------------------------------------------------------------------------

Policy policy_for(DocumentSet& set) {
  std::string agreement;
  int agreements = 0;
  for (const Revision& r : set.entries())
    if (r.meta.kind == DocKind::Agreement) agreement = r.doc, ++agreements;
  if (agreements > 1) agreement.clear();
  std::optional<DocumentSet::Config> config = set.config();
  if (!config) {
    if (agreement.empty())
      throw Error(ErrorCode::BadInput, agreements > 1 ? "several documents of kind agreement: name the framework agreement as precedence.agreement in .lexgit.yaml"
                                                      : "no document of kind agreement: the precedence rules need the framework agreement");
    return Policy::defaults(agreement);
  }
  return load_policy(config->yaml, config->file, agreement);
}

Gathered gather(DocumentSet& set, const Policy& policy, const std::vector<std::string>& refs, text::Date at,
                bool ids_in_force) {
  Gathered g;
  for (const std::string& ref_text : refs) {
    Reference ref = parse_reference(ref_text);
    if (ref.id.empty()) throw Error(ErrorCode::Usage, "'" + ref_text + "' names no clause: write DOC#ID");
    std::vector<Revision> revisions;
    if (set.in_git()) {
      if (set.tip().empty()) throw Error(ErrorCode::NotFound, "the repository has no commits yet");
      revisions = set.versions().revisions(set.tip(), ref.doc);
    } else {
      for (const Revision& r : set.entries())
        if (r.doc == ref.doc) revisions.push_back(r);
    }
    if (revisions.empty()) {
      Error unknown = set.no_document(ref.doc);
      throw Error(unknown.code(), unknown.message() + " (in " + ref_text + ")");
    }
    const Revision& latest = latest_revision(revisions);
    std::string canonical = ref.doc + "#" + ref.id;

    auto version = version_in_force(revisions, at);
    if (!version) {
      Absence why = why_not_in_force(revisions, at);
      g.excluded.push_back({canonical, std::nullopt, "not in force on " + text::format_iso(at) + ": " + why.en, "不在有效期内：" + why.zh});
      continue;
    }
    // The REF is written against the latest version and followed to the one in force (its lineage).
    Lineage lineage(set, ref.doc);
    std::size_t read = lineage.in_force(at).value_or(lineage.latest());
    const Document& doc = lineage.document(read);
    std::optional<Located> located;
    std::vector<Bilingual> lineage_notes;
    try {
      if (ids_in_force) {
        located = Located{clause_id(doc, ref.id).value_or(ref.id), {}};
        auto now = lineage.follow(located->id, read, lineage.latest());
        if (!now) lineage_notes.push_back({"该条款在最新版本中已不存在", "the clause is no longer in the latest version"});
        else if (*now != located->id)
          lineage_notes.push_back({"该条款在最新版本中为" + cite(lineage.document(lineage.latest()), *now) + "（" + *now + "）",
                                   "the clause is " + ref.doc + "#" + *now + " in the latest version"});
      } else {
        located = lineage.locate(ref.id, read);
        // Lineage words its notes in Chinese; what they say, in English, is where the id led.
        for (const std::string& note : located->notes)
          lineage_notes.push_back({note, "the latest version's " + ref.id + " is " + located->id + " in the version in force on " +
                                             text::format_iso(at)});
      }
    } catch (const Error& e) {
      // A clause in no version is a mistake in the question, not an exclusion.
      if (e.code() != ErrorCode::NotFound || !clause_id(lineage.document(lineage.latest()), ref.id)) throw;
    }
    const Clause* clause = located ? doc.find(located->id) : nullptr;
    if (!clause) {
      g.excluded.push_back({canonical, std::nullopt, "the version in force on " + text::format_iso(at) + " (effective " +
                                                         text::format_iso(version->meta.effective) + ") has no clause " + ref.id,
                            "生效版本中没有该条款"});
      continue;
    }
    canonical = ref.doc + "#" + clause->id;
    for (const Bilingual& note : lineage_notes)
      g.notes.push_back({ref.doc + "#" + ref.id + "：" + note.zh, ref.doc + "#" + ref.id + ": " + note.en});
    Candidate c{canonical, *version, clause->own_text()};
    if (version->blob != latest.blob && !latest.removed) {
      std::string commit = version->commit.substr(0, 12);
      g.notes.push_back({canonical + "：" + text::format_zh_cn(at) + "有效的是" + text::format_zh_cn(version->meta.effective) +
                             "生效的版本（提交 " + commit + "），而非" + text::format_zh_cn(latest.meta.effective) +
                             "生效的最新版本；据此适用",
                         canonical + ": the version in force on " + text::format_iso(at) + " is the one effective " +
                             text::format_iso(version->meta.effective) + " (commit " + commit + "), not the latest, effective " +
                             text::format_iso(latest.meta.effective) + "; using it"});
    }
    if (version->meta.kind == DocKind::Correspondence) {
      g.excluded.push_back({canonical, c,
                            "void: supplementary or different terms in the partner's correspondence are void (" + policy.void_basis + ")",
                            "无效：贵公司书面往来中的补充或不同条款无效（" + policy.void_basis + "）"});
      continue;
    }
    g.candidates.push_back(std::move(c));
  }
  return g;
}

std::vector<Diagnostic> lint(const Policy& policy, const std::vector<Document>& documents) {
  std::vector<Diagnostic> out;
  std::map<std::string, const Document*> by_id;
  for (const Document& d : documents) by_id[d.meta.id] = &d;
  for (const RuleSpec& spec : policy.rules) {
    Reference basis = parse_reference(spec.basis);
    auto it = by_id.find(basis.doc);
    if (it == by_id.end()) continue;  // the agreement is not among these documents
    const Clause* c = it->second->find(basis.id);
    bool states_rule = c != nullptr;
    for (const std::string& phrase : rule_phrases(spec.rule))
      states_rule = states_rule && (c->text.find(phrase) != std::string::npos || c->heading.find(phrase) != std::string::npos);
    if (!states_rule)
      out.push_back({Severity::Warning, {it->second->path, c ? c->first_line : 0},
                     "precedence rule " + std::string(to_string(spec.rule)) + " cites " + spec.basis + " as its basis, but " +
                         (c ? "that clause no longer states it (expected \"" + rule_phrases(spec.rule).front() + "\")" : "there is no such clause") +
                         "; update precedence.rules in .lexgit.yaml"});
  }
  std::map<std::tuple<std::string, Medium, text::Date>, const Document*> seen;
  for (const Document& d : documents) {
    if (d.meta.kind == DocKind::Agreement) continue;
    auto key = std::make_tuple(d.meta.doc_class, d.meta.medium, d.meta.published);
    auto [it, inserted] = seen.emplace(key, &d);
    if (!inserted)
      out.push_back({Severity::Warning, {d.path, 0},
                     "documents " + it->second->meta.id + " and " + d.meta.id + " are of one class (" + d.meta.doc_class + ") and medium (" +
                         std::string(lexgit::to_string(d.meta.medium)) + ") and were published the same day, " +
                         text::format_iso(d.meta.published) + ": no precedence rule can order them"});
  }
  return out;
}

nlohmann::json to_json(const Candidate& c) {
  return {{"ref", c.ref},
          {"doc", c.revision.doc},
          {"kind", lexgit::to_string(c.revision.meta.kind)},
          {"class", c.revision.meta.doc_class},
          {"medium", lexgit::to_string(c.revision.meta.medium)},
          {"published", text::format_iso(c.revision.meta.published)},
          {"effective", text::format_iso(c.revision.meta.effective)},
          {"revision", c.revision.commit.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.revision.commit)},
          {"text", c.text}};
}

namespace {
nlohmann::json notes_in(const std::vector<Bilingual>& notes, Language language) {
  nlohmann::json out = nlohmann::json::array();
  for (const Bilingual& note : notes) out.push_back(note.in(language));
  return out;
}
}  // namespace

nlohmann::json to_json(const Resolution& r) {
  nlohmann::json overridden = nlohmann::json::array(), excluded = nlohmann::json::array(), unresolved = nlohmann::json::array();
  for (const Overridden& o : r.overridden) {
    nlohmann::json j = to_json(o.clause);
    j["by"] = o.by;
    j["rule"] = to_string(o.rule);
    j["basis"] = o.basis;
    overridden.push_back(std::move(j));
  }
  for (const Excluded& e : r.excluded) {
    nlohmann::json j = e.clause ? to_json(*e.clause) : nlohmann::json{{"ref", e.ref}};
    j["reason"] = e.reason;
    j["reason_zh"] = e.reason_zh;
    excluded.push_back(std::move(j));
  }
  for (const auto& [a, b] : r.unresolved) unresolved.push_back({a, b});
  return {{"at", text::format_iso(r.at)},
          {"status", to_string(r.status)},
          {"governing", r.governing ? to_json(*r.governing) : nlohmann::json(nullptr)},
          {"overridden", std::move(overridden)},
          {"unresolved", std::move(unresolved)},
          {"excluded", std::move(excluded)},
          {"notes", notes_in(r.notes, Language::En)},
          {"notes_zh", notes_in(r.notes, Language::Zh)}};
}

Resolution resolve_refs(DocumentSet& set, const std::vector<std::string>& refs, text::Date at) {
  Policy policy = policy_for(set);
  Gathered g = gather(set, policy, refs, at);
  Resolution r = resolve(policy, std::move(g.candidates), std::move(g.excluded), at);
  r.notes = std::move(g.notes);
  return r;
}

}  // namespace lexgit::precedence
