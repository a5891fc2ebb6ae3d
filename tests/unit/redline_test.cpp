// Redlines in every format, from hand-built diffs and from the agreement.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "lexgit/redline.hpp"
#include "support.hpp"

using lexgit::test::agreement;
using lexgit::test::contains;
using lexgit::test::replace;
using lexgit::test::with_part_before_six;
using lexgit::test::segmenter;

using namespace lexgit;
using namespace lexgit::diff;

namespace {


Side side(const std::string& id, const std::string& number, const std::string& text, const std::string& heading = "") {
  Side s;
  s.ref = "partner-framework#" + id;
  s.id = id;
  s.number = number;
  s.heading = heading;
  s.text = text;
  return s;
}

Change modified_notice() {
  Change c;
  c.kind = ChangeKind::Modified;
  c.before = side("7.p1", "", "青云科技可能会改变本协议的条款，但会提前一个月通知贵公司。");
  c.after = side("7.p1", "", "青云科技可能会改变本协议的条款，但会提前两个月通知贵公司。");
  c.similarity = 0.9;
  c.edits = {{Op::Equal, "青云科技可能会改变本协议的条款，但会提前"}, {Op::Delete, "一个月"}, {Op::Insert, "两个月"}, {Op::Equal, "通知贵公司。"}};
  return c;
}

Change renumbered_part() {
  Change c;
  c.kind = ChangeKind::Renumbered;
  c.before = side("6", "六．", "市场营销基金和推广计划", "市场营销基金和推广计划");
  c.after = side("7", "七．", "市场营销基金和推广计划", "市场营销基金和推广计划");
  return c;
}

Change consequential_reference() {
  Change c;
  c.kind = ChangeKind::Modified;
  c.consequential = true;
  c.before = side("8.p8", "", "此部分（第八部分）和按此部分条款披露任何信息都并不授予接受方使用披露方的任何商标的权利。");
  c.after = side("9.p8", "", "此部分（第九部分）和按此部分条款披露任何信息都并不授予接受方使用披露方的任何商标的权利。");
  c.edits = {{Op::Equal, "此部分（"}, {Op::Delete, "第八部分"}, {Op::Insert, "第九部分"},
             {Op::Equal, "）和按此部分条款披露任何信息都并不授予接受方使用披露方的任何商标的权利。"}};
  return c;
}

Change added_part() {
  Change c;
  c.kind = ChangeKind::Added;
  c.after = side("6", "六．", "六． 数据安全与个人信息保护\n贵公司发现数据泄露的，应当在二十四小时内书面通知青云科技。");
  c.similarity = 0;
  return c;
}

Change removed_item() {
  Change c;
  c.kind = ChangeKind::Removed;
  c.before = side("8.3", "3.", "3. 业务计划；");
  c.similarity = 0;
  return c;
}

// Contract text that must never be read as markup: a tag, an ampersand, Markdown syntax.
Change hostile_text() {
  Change c;
  c.kind = ChangeKind::Modified;
  c.before = side("9.p1", "", "1. 甲方 & 乙方 <script>alert(1)</script> *重要* [附件]");
  c.after = side("9.p1", "", "1. 甲方 & 丙方 <script>alert(1)</script> *重要* [附件]");
  c.edits = {{Op::Equal, "1. 甲方 & "}, {Op::Delete, "乙方 <b>"}, {Op::Insert, "丙方"}, {Op::Equal, " <script>alert(1)</script> *重要* [附件]"}};
  return c;
}

DocumentDiff sample_diff() {
  DocumentDiff d;
  d.doc = "partner-framework";
  d.before_label = "HEAD~1";
  d.after_label = "HEAD";
  d.changes = {added_part(), renumbered_part(), modified_notice(), consequential_reference(), removed_item()};
  return d;
}

const redline::Labels labels{"HEAD~1 (7acae7bde53e)", "HEAD (5741e0ce84a6)"};




// A second document in a redline: the end-user terms with these changes.
DocumentDiff end_user_terms(std::vector<Change> changes) {
  DocumentDiff d;
  d.doc = "end-user-terms";
  d.changes = std::move(changes);
  return d;
}

// Part 六 inserted (六–十一 become 七–十二), the liability cap raised.
std::string with_new_part_six(std::string s) {
  s = with_part_before_six(std::move(s), "数据安全与个人信息保护", "贵公司发现数据泄露或者安全事件的，应当在二十四小时内书面通知青云科技。");
  replace(s, "此部分（第八部分）", "此部分（第九部分）");
  replace(s, "最多 10 万人民币", "最多 20 万人民币");
  return s;
}

}  // namespace

TEST_CASE("text redline: kind and refs head each change, word edits marked as git's plain word diff", "[redline]") {
  std::string out = redline::render_text({sample_diff()}, labels, {.language = Language::En});
  CHECK(contains(out, "document partner-framework  HEAD~1 → HEAD  (1 added, 1 removed, 2 modified, 1 renumbered)\n"));
  CHECK(contains(out, "modified partner-framework#7.p1\n    青云科技可能会改变本协议的条款，但会提前[-一个月-]{+两个月+}通知贵公司。\n"));
  CHECK(contains(out, "renumbered partner-framework#6 → partner-framework#7\n    [-六．-]{+七．+} 市场营销基金和推广计划\n"));
  CHECK(contains(out, "modified partner-framework#8.p8 → partner-framework#9.p8  (consequential: cross-reference to a renumbered unit)\n"));
  CHECK(contains(out, "[-第八部分-]{+第九部分+}"));
  // An added unit is marked line by line, so that every line closes its marker.
  CHECK(contains(out, "added partner-framework#6\n    {+六． 数据安全与个人信息保护+}\n    {+贵公司发现数据泄露的，应当在二十四小时内书面通知青云科技。+}\n"));
  CHECK(contains(out, "removed partner-framework#8.3\n    [-3. 业务计划；-]\n"));
  CHECK_FALSE(contains(out, "\x1b["));
}

TEST_CASE("text redline in colour: deletions red, insertions green, markers kept", "[redline]") {
  std::string out = redline::render_text({sample_diff()}, labels, {.color = true, .language = Language::En});
  CHECK(contains(out, "\x1b[31m[-一个月-]\x1b[m\x1b[32m{+两个月+}\x1b[m"));
  CHECK(contains(out, "\x1b[36mmodified partner-framework#7.p1\x1b[m"));
  CHECK(contains(out, "\x1b[1mdocument partner-framework"));
  std::string one = redline::render_change_text(modified_notice(), {.color = false, .language = Language::En});
  CHECK(one == "modified partner-framework#7.p1\n    青云科技可能会改变本协议的条款，但会提前[-一个月-]{+两个月+}通知贵公司。\n");
}

TEST_CASE("stat: counts per document in a fixed order, then the total", "[redline]") {
  DocumentDiff other = end_user_terms({modified_notice()});
  std::string text = redline::render_stat_text({sample_diff(), other}, {.language = Language::En});
  CHECK(text == "partner-framework: 1 added, 1 removed, 2 modified, 1 renumbered\n"
                "end-user-terms: 1 modified\n"
                "2 documents changed: 1 added, 1 removed, 3 modified, 1 renumbered\n");
  nlohmann::json j = redline::render_stat_json({sample_diff(), other}, labels);
  CHECK(j["documents"][0]["doc"] == "partner-framework");
  CHECK(j["documents"][0]["stat"]["modified"] == 2);
  CHECK(j["documents"][1]["stat"]["total"] == 1);
  CHECK(j["stat"]["modified"] == 3);
  CHECK(j["stat"]["total"] == 6);
  CHECK(redline::describe({}, Language::En) == "no changes");
}

TEST_CASE("json redline: from, to, documents as diff::to_json writes them, and the counts", "[redline]") {
  nlohmann::json j = redline::render_json({sample_diff()}, labels);
  std::vector<std::string> keys;
  for (auto& [key, value] : j.items()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"documents", "from", "stat", "to"});
  CHECK(j["from"] == labels.from);
  CHECK(j["to"] == labels.to);
  REQUIRE(j["documents"].size() == 1);
  CHECK(j["documents"][0] == to_json(sample_diff()));
  CHECK(j["stat"] == nlohmann::json{{"modified", 2}, {"added", 1}, {"removed", 1}, {"moved", 0}, {"renumbered", 1}, {"split", 0}, {"merged", 0}, {"total", 5}});
}

TEST_CASE("markdown redline: summary table first, refs in headings, <del>/<ins>, contract text escaped", "[redline]") {
  DocumentDiff d = sample_diff();
  d.changes.push_back(hostile_text());
  std::string md = redline::render_markdown({d}, labels, Language::En);
  auto table = md.find("| document | added | removed | modified | moved | renumbered | total |");
  auto first_change = md.find("### ");
  REQUIRE(table != std::string::npos);
  CHECK(table < first_change);
  CHECK(contains(md, "| [partner\\-framework](#partner-framework) | 1 | 1 | 3 | 0 | 1 | 6 |"));
  CHECK(contains(md, "### modified `partner-framework#7.p1`\n\n> 青云科技可能会改变本协议的条款，但会提前<del>一个月</del><ins>两个月</ins>通知贵公司。\n"));
  CHECK(contains(md, "### renumbered `partner-framework#6` → `partner-framework#7`"));
  CHECK(contains(md, "*consequential: cross-reference to a renumbered unit*"));
  // Each line of an added unit is its own paragraph of the quote.
  CHECK(contains(md, "> <ins>六． 数据安全与个人信息保护</ins>\n>\n> <ins>贵公司发现数据泄露的"));
  CHECK(contains(md, "> 1\\. 甲方 &amp; <del>乙方 &lt;b&gt;</del><ins>丙方</ins> &lt;script&gt;alert(1\\)&lt;/script&gt; \\*重要\\* \\[附件\\]"));
  CHECK_FALSE(contains(md, "<script>"));
  CHECK(redline::render_stat_markdown({d}, labels).find("### ") == std::string::npos);
}

TEST_CASE("html redline: one self-contained page, every text escaped, an anchor per clause", "[redline]") {
  DocumentDiff d = sample_diff();
  d.changes.push_back(hostile_text());
  std::string html = redline::render_html({d}, labels);
  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"zh-CN\">", 0) == 0);
  CHECK(contains(html, "<meta charset=\"utf-8\">"));
  CHECK(contains(html, "<style>"));
  for (const char* external : {"<script", "<link", "src=", "http://", "https://", "@import"}) CHECK_FALSE(contains(html, external));
  CHECK(contains(html, "1. 甲方 &amp; <del>乙方 &lt;b&gt;</del><ins>丙方</ins> &lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK(contains(html, "id=\"partner-framework-7.p1\""));
  CHECK(contains(html, "href=\"#partner-framework-7.p1\""));
  // The added part 六 and the part renumbered to 七 have their own anchors; the
  // old ref of a renumbering is shown beside the new one.
  CHECK(contains(html, "id=\"partner-framework-6\""));
  CHECK(contains(html, "id=\"partner-framework-7\""));
  CHECK(contains(html, "<span class=\"ref old\">partner-framework#6</span><span>→</span><a class=\"ref\" href=\"#partner-framework-7\">partner-framework#7</a>"));
  CHECK(contains(html, "<del>六．</del><ins>七．</ins> 市场营销基金和推广计划"));
  CHECK(contains(html, "class=\"change modified consequential\""));
  // Two changes with one ref (a removal and an addition at the same number) keep unique ids.
  DocumentDiff twice;
  twice.doc = "partner-framework";
  twice.changes = {added_part(), added_part()};
  std::string page = redline::render_html({twice}, labels);
  CHECK(contains(page, "id=\"partner-framework-6\""));
  CHECK(contains(page, "id=\"partner-framework-6-2\""));
  CHECK(contains(redline::render_stat_html({d}, labels), "<td class=\"n\">6</td>"));
}

TEST_CASE("redlines speak Chinese by default: kind labels, counts, title and summary", "[redline][lang]") {
  DocumentDiff other = end_user_terms({modified_notice()});
  std::string text = redline::render_text({sample_diff()}, labels);
  CHECK(contains(text, "文档 partner-framework  HEAD~1 → HEAD（新增 1 处、删除 1 处、修改 2 处、重新编号 1 处）\n"));
  CHECK(contains(text, "修改 partner-framework#7.p1\n    青云科技可能会改变本协议的条款，但会提前[-一个月-]{+两个月+}通知贵公司。\n"));
  CHECK(contains(text, "重新编号 partner-framework#6 → partner-framework#7\n"));
  CHECK(contains(text, "修改 partner-framework#8.p8 → partner-framework#9.p8  （连带修改：所引用的单元已重新编号）\n"));
  CHECK(contains(text, "新增 partner-framework#6\n"));
  CHECK(contains(text, "删除 partner-framework#8.3\n"));
  for (const char* english : {"document ", "modified", "renumbered", "added", "removed", "consequential"}) CHECK_FALSE(contains(text, english));
  CHECK(redline::render_stat_text({sample_diff(), other}) ==
        "partner-framework: 新增 1 处、删除 1 处、修改 2 处、重新编号 1 处\n"
        "end-user-terms: 修改 1 处\n"
        "共 2 份文档有修改：新增 1 处、删除 1 处、修改 3 处、重新编号 1 处\n");
  CHECK(redline::describe({}) == "无变化");
  // The colours stay where they were: the kind label is the coloured header.
  CHECK(contains(redline::render_text({sample_diff()}, labels, {.color = true}), "\x1b[36m修改 partner-framework#7.p1\x1b[m"));

  std::string md = redline::render_markdown({sample_diff(), other}, labels);
  CHECK(md.rfind("# 修订对照\n\n**原** `HEAD~1 (7acae7bde53e)` **现** `HEAD (5741e0ce84a6)`\n", 0) == 0);
  CHECK(contains(md, "| 文档 | 新增 | 删除 | 修改 | 移动 | 重新编号 | 合计 |"));
  CHECK(contains(md, "| **合计** | 1 | 1 | 3 | 0 | 1 | 6 |"));
  CHECK(contains(md, "### 重新编号 `partner-framework#6` → `partner-framework#7`"));
  CHECK(contains(md, "*连带修改：所引用的单元已重新编号*"));

  DocumentDiff unchanged = end_user_terms({});
  std::string html = redline::render_html({sample_diff(), unchanged}, labels);
  CHECK(contains(html, "<title>修订对照：HEAD~1 (7acae7bde53e) → HEAD (5741e0ce84a6)</title>"));
  CHECK(contains(html, "<h1>修订对照</h1>\n<p class=\"labels\">原 <code>HEAD~1 (7acae7bde53e)</code> 现 <code>HEAD (5741e0ce84a6)</code></p>"));
  CHECK(contains(html, "<h2>概览</h2>"));
  CHECK(contains(html, "<th>文档</th><th>新增</th><th>删除</th><th>修改</th><th>移动</th><th>重新编号</th><th>合计</th>"));
  CHECK(contains(html, "<td>合计</td>"));
  // The CSS class keeps the kind's name; the label reads in Chinese.
  CHECK(contains(html, "class=\"change renumbered\""));
  CHECK(contains(html, "<span class=\"kind\">重新编号</span>"));
  CHECK(contains(html, "<p>无变化。</p>"));
  for (const char* english : {">Redline<", "Summary", ">document<", ">modified<", "No changes", "consequential:"}) CHECK_FALSE(contains(html, english));
}

TEST_CASE("redlines in English with Language::En, contract text untouched", "[redline][lang]") {
  DocumentDiff unchanged = end_user_terms({});
  std::string html = redline::render_html({sample_diff(), unchanged}, labels, Language::En);
  CHECK(contains(html, "<title>Redline: HEAD~1 (7acae7bde53e) → HEAD (5741e0ce84a6)</title>"));
  CHECK(contains(html, "<h1>Redline</h1>\n<p class=\"labels\">from <code>HEAD~1 (7acae7bde53e)</code> to <code>HEAD (5741e0ce84a6)</code></p>"));
  CHECK(contains(html, "<h2>Summary</h2>"));
  CHECK(contains(html, "<th>document</th><th>added</th><th>removed</th><th>modified</th><th>moved</th><th>renumbered</th><th>total</th>"));
  CHECK(contains(html, "<span class=\"kind\">renumbered</span>"));
  CHECK(contains(html, "<p>No changes.</p>"));
  CHECK(contains(html, "青云科技可能会改变本协议的条款，但会提前<del>一个月</del><ins>两个月</ins>通知贵公司。"));
  for (const char* chinese : {"修订对照", "概览", "重新编号</span>", "无变化"}) CHECK_FALSE(contains(html, chinese));
  CHECK(redline::render_stat_markdown({sample_diff()}, labels, Language::En).rfind("# Redline\n\n**from** `HEAD~1 (7acae7bde53e)` **to** ", 0) == 0);
  CHECK(redline::absent_label(Language::En) == "(absent)");
  CHECK(redline::absent_label(Language::Zh) == "（不存在）");
}

TEST_CASE("anchors and escapes", "[redline]") {
  CHECK(redline::anchor_of("partner-framework#9.p1") == "partner-framework-9.p1");
  CHECK(redline::anchor_of("samples/a b.md#1") == "samples/a_b.md-1");
  CHECK(redline::anchor_of("") == "clause");
  CHECK(redline::escape_html("<a href='x'>&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
  CHECK(redline::escape_markdown("1. 价格_以*美元*计 | 10.5%") == "1\\. 价格\\_以\\*美元\\*计 \\| 10\\.5%");
}

TEST_CASE("a real revision of the agreement renders in every format", "[redline]") {
  Document before = parse_document(agreement(), "before.md");
  Document after = parse_document(with_new_part_six(agreement()), "after.md");
  DocumentDiff d = compare(before, after, segmenter());
  std::string text = redline::render_text({d}, labels, {.language = Language::En});
  CHECK(contains(text, "renumbered partner-framework#6 → partner-framework#7\n    [-六．-]{+七．+} 市场营销基金和推广计划\n"));
  CHECK(contains(text, "最多 [-10 万人民币-]{+20 万人民币+}的实际直接损失"));
  CHECK(contains(text, "(consequential: cross-reference to a renumbered unit)"));
  CHECK(contains(redline::render_html({d}, labels), "<del>10 万人民币</del><ins>20 万人民币</ins>"));
  CHECK(redline::render_stat_text({d}, {.language = Language::En}) == "partner-framework: 1 added, 2 modified, 6 renumbered\n1 document changed: 1 added, 2 modified, 6 renumbered\n");
}

TEST_CASE("clause history follows a clause back through its own and its part's renumbering", "[redline][history]") {
  std::string v1 = agreement();
  std::string v2 = with_new_part_six(v1);
  std::string v3 = v2;
  replace(v3, "披露方提供信息，但不做任何保证。", "披露方提供信息，但不做任何明示或者默示的保证。");
  std::vector<Document> versions = {parse_document(v1, "v1.md"), parse_document(v2, "v2.md"), parse_document(v3, "v3.md")};

  // 8.p6 became 9.p6 in v2 only because part 八 became 九; v3 rewrote it.
  auto steps = redline::clause_history(versions, "9.p6", segmenter());
  REQUIRE(steps.size() == 2);
  CHECK(steps[0].version == 2);
  CHECK(steps[0].ref == "partner-framework#9.p6");
  CHECK(steps[0].change.kind == ChangeKind::Modified);
  INFO(redline::render_change_text(steps[0].change));
  CHECK(contains(redline::render_change_text(steps[0].change), "披露方提供信息，但不做任何{+明示或者默示的+}保证。"));
  CHECK(steps[1].version == 0);
  CHECK(steps[1].ref == "partner-framework#8.p6");
  CHECK(steps[1].change.kind == ChangeKind::Added);
  CHECK(steps[1].change.after->text == "披露方提供信息，但不做任何保证。");

  // 10.p1 (the liability cap) was modified in v2 as 9.p1 → 10.p1.
  auto cap = redline::clause_history(versions, "10.p1", segmenter());
  REQUIRE(cap.size() == 2);
  CHECK(cap[0].version == 1);
  CHECK(cap[0].change.before->ref == "partner-framework#9.p1");
  CHECK(cap[0].change.after->ref == "partner-framework#10.p1");
  CHECK(cap[1].ref == "partner-framework#9.p1");

  CHECK_THROWS_AS(redline::clause_history(versions, "99.p1", segmenter()), Error);
}
