// /notice: the change notice for a draft of the agreement pasted or uploaded
// (.md, .docx, .pdf), against the version in force on the notice date — the
// library's notice draft, as `lexgit notice --to FILE` makes it — shown as the
// formal Chinese letter. Nothing is written.
#include "lexgit/importer.hpp"
#include "lexgit/notice.hpp"
#include "web/page.hpp"

namespace lexgit::web {
namespace {

constexpr Phrase kTitle{"变更通知", "Change notice"};
constexpr Phrase kDraft{"修订稿（粘贴协议全文）", "The revised agreement (paste its text)"};
constexpr Phrase kUpload{"或上传文件（.md、.docx、.pdf）", "or upload a file (.md, .docx, .pdf)"};
constexpr Phrase kDate{"通知日期", "Notice date"};
constexpr Phrase kFrom{"对照版本（默认：通知日有效的版本）", "Compared with (default: the version in force on the notice date)"};
constexpr Phrase kPreview{"预览通知", "Preview the notice"};
constexpr Phrase kNothing{"请粘贴修订稿或上传文件。", "Paste the revised agreement or upload a file."};
constexpr Phrase kWarnings{"提示（不会发给合作伙伴）", "For you (not sent to partners)"};
constexpr Phrase kLetter{"通知预览", "The notice"};

struct Draft {
  std::string bytes;
  std::string name;
  bool pasted = false;  // typed into the textarea (shown there again), not uploaded
};

Draft draft_given(const Context& ctx) {
  auto upload = ctx.request.files.find("file");
  if (upload != ctx.request.files.end() && !upload->second.second.empty())
    return {upload->second.second, upload->second.first.empty() ? "upload" : upload->second.first};
  return {ctx.param("draft"), ctx.t(kDraft), true};
}

// The draft as a document: a lexgit document as it is; other Markdown, text,
// Word or PDF imported as the agreement (its id, kind and class), published on
// the notice date.
Document document_of(const Draft& draft, const Revision& agreement, text::Date date) {
  if (is_lexgit_document(draft.bytes)) return parse_document(draft.bytes, draft.name);
  ImportOptions options;
  options.meta = agreement.meta;
  options.meta.published = date;
  options.meta.effective = date;
  options.title_given = options.class_given = options.effective_given = true;
  return parse_document(import_document(draft.bytes, options, draft.name), draft.name);
}

std::string form_html(const Context& ctx, text::Date date, const Draft& draft) {
  return "<form method=\"post\" action=\"/notice" + std::string(ctx.language == Language::En ? "?lang=en" : "") +
         "\" enctype=\"multipart/form-data\"><label class=\"block\">" + ctx.t(kDraft) +
         "<textarea name=\"draft\" rows=\"10\">" + escape(draft.pasted ? draft.bytes : "") +
         "</textarea></label><label class=\"block\">" + ctx.t(kUpload) +
         " <input type=\"file\" name=\"file\" accept=\".md,.txt,.docx,.pdf\"></label><div class=\"bar\"><label>" + ctx.t(kDate) +
         " <input type=\"date\" name=\"date\" value=\"" + text::format_iso(date) + "\"></label><label>" + ctx.t(kFrom) +
         " <input name=\"from\" value=\"" + escape(ctx.param("from")) + "\"></label><button>" + ctx.t(kPreview) + "</button></div></form>\n";
}

}  // namespace

http::Response notice_page(const Context& ctx) {
  text::Date date = ctx.date("date").value_or(ctx.today);
  Draft draft = draft_given(ctx);
  std::string body = form_html(ctx, date, draft);
  if (ctx.request.method != "POST") return render_page(ctx, ctx.t(kTitle), body);
  if (draft.bytes.find_first_not_of(" \t\r\n") == std::string::npos) throw Error(ErrorCode::Usage, ctx.t(kNothing));
  DocumentSet head = ctx.open();
  if (head.tip().empty()) throw Error(ErrorCode::NotFound, "the repository has no commits yet: commit the agreement first");
  std::string agreement = precedence::policy_for(head).agreement;
  std::vector<Revision> revisions = head.versions().revisions(head.tip(), agreement);
  if (revisions.empty()) throw head.no_document(agreement);
  Document doc = document_of(draft, latest_revision(revisions), date);
  doc.require_valid();
  std::string from = ctx.param("from");
  Side before = revision_side(ctx, from.empty() ? text::format_iso(date) : from);
  Side after = Side::of_document(std::move(doc), draft.name);
  notice::Draft d = notice::draft(head, before, after, date, {}, segmenter());
  if (!d.warnings.empty()) {
    body += "<h2>" + ctx.t(kWarnings) + "</h2>\n<ul class=\"warnings\">\n";
    for (const std::string& w : d.warnings) body += "<li>" + escape(w) + "</li>\n";
    body += "</ul>\n";
  }
  body += "<h2>" + ctx.t(kLetter) + "</h2>\n<article class=\"letter\" lang=\"zh-CN\">\n" + notice::render_html_body(d.notice) + "</article>\n";
  return render_page(ctx, ctx.t(kTitle), body);
}

}  // namespace lexgit::web
