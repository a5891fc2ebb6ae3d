// Redline speed: diff::compare on the framework agreement against a revised
// copy, and on two revisions of about a megabyte built from the agreement.
//
//   lexgit_bench_diff generate AGREEMENT.md OUTDIR [KB]   writes OUTDIR/before.md and OUTDIR/after.md
//   lexgit_bench_diff time BEFORE.md AFTER.md BIG_BEFORE.md BIG_AFTER.md [RUNS]
//   lexgit_bench_diff json BEFORE.md AFTER.md             what `lexgit diff --format json` does, in process
//
// The generated pair repeats the agreement's eleven parts with continuing
// numbering (一 … 六百六十), each part's reference to itself (此部分（第八部分）)
// following its number. The second revision inserts a part, deletes one,
// raises some liability caps, shortens some termination notices, lengthens
// some change notices, rewrites some items and drops some paragraphs: a few
// per cent of the clauses, and every part between the insertion and the
// deletion renumbered.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lexgit/diff.hpp"
#include "lexgit/document.hpp"
#include "lexgit/error.hpp"
#include "lexgit/text.hpp"

namespace {

using Clock = std::chrono::steady_clock;
namespace diff = lexgit::diff;
namespace text = lexgit::text;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// 1 → 一, 10 → 十, 11 → 十一, 110 → 一百一十, 105 → 一百零五, up to 9999.
std::string chinese(int n) {
  static const char* digit[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  static const char* unit[] = {"", "十", "百", "千"};
  int d[4] = {n % 10, n / 10 % 10, n / 100 % 10, n / 1000 % 10};
  int top = n >= 1000 ? 3 : n >= 100 ? 2 : n >= 10 ? 1 : 0;
  std::string s;
  bool zero = false;
  for (int i = top; i >= 0; --i) {
    if (d[i] == 0) {
      zero = true;
      continue;
    }
    if (zero && !s.empty()) s += digit[0];
    zero = false;
    if (!(i == 1 && d[i] == 1 && top == 1)) s += digit[d[i]];
    s += unit[i];
  }
  return s;
}

struct Part {
  std::string title;  // after the number: "业务合作伙伴权益资格"
  std::string body;   // everything after the heading line, "{SELF}" where the part names itself
};

struct Source {
  std::string head;  // front matter (without its closing), title, preamble, group heading
  std::string front_rest;
  std::vector<Part> parts;
};

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

bool replace_once(std::string& s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  if (at == std::string::npos) return false;
  s.replace(at, from.size(), to);
  return true;
}

// The agreement cut at its part headings (### 一． …).
Source split(const std::string& agreement) {
  Source src;
  std::size_t at = agreement.find("\n### ");
  if (at == std::string::npos) throw lexgit::Error(lexgit::ErrorCode::BadInput, "no part headings (### 一． …) in the agreement");
  src.head = agreement.substr(0, at + 1);
  while (at != std::string::npos) {
    std::size_t line_end = agreement.find('\n', at + 1);
    std::size_t next = agreement.find("\n### ", line_end);
    std::string heading = agreement.substr(at + 5, line_end - at - 5);
    auto mark = heading.find("． ");
    Part p;
    p.title = heading.substr(mark + std::string("． ").size());
    p.body = agreement.substr(line_end, (next == std::string::npos ? agreement.size() : next + 1) - line_end);
    p.body = replace_all(p.body, "此部分（第八部分）", "此部分（{SELF}）");
    src.parts.push_back(std::move(p));
    at = next;
  }
  return src;
}

std::string render(const Source& src, const std::vector<Part>& parts, const std::string& published) {
  std::string s = src.head;
  replace_once(s, "published: 2025-01-01", "published: " + published);
  replace_once(s, "effective: 2025-01-01", "effective: " + published);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::string number = chinese(static_cast<int>(i) + 1);
    s += "### " + number + "． " + parts[i].title;
    s += replace_all(parts[i].body, "{SELF}", "第" + number + "部分");
    if (s.back() != '\n') s += '\n';
  }
  return s;
}

const Part kInserted = {
    "数据安全与个人信息保护",
    "\n\n双方应当遵守《中华人民共和国数据安全法》《中华人民共和国个人信息保护法》等法律法规，在履行本协议过程中依法处理最终用户的数据和个人信息。\n\n"
    "贵公司发现数据泄露或者其他安全事件的，应当在二十四小时内书面通知青云科技，并配合青云科技采取补救措施。\n\n"};

int generate(const std::string& agreement_path, const std::filesystem::path& out, int kb) {
  Source src = split(lexgit::read_file(agreement_path));
  std::size_t part_bytes = 0;
  for (const Part& p : src.parts) part_bytes += p.title.size() + p.body.size() + 16;
  int copies = std::max(1, static_cast<int>(static_cast<std::size_t>(kb) * 1024 / part_bytes));

  std::vector<Part> before, after;
  int edited = 0;
  for (int k = 0; k < copies; ++k) {
    for (std::size_t i = 0; i < src.parts.size(); ++i) {
      const Part& p = src.parts[i];
      before.push_back(p);
      if (k == copies / 6 && i == 5) after.push_back(kInserted), ++edited;  // a part inserted before a 六
      if (k == copies * 2 / 3 && i == 3) { ++edited; continue; }           // a part deleted
      Part q = p;
      if (k % 7 == 3) edited += replace_once(q.body, "最多 10 万人民币", "最多 20 万人民币");
      if (k % 5 == 1)
        edited += replace_once(q.body, "应提前三十日向对方发出书面通知，本协议在对方收到书面通知三十日后终止",
                               "应提前十五日向对方发出书面通知，本协议在对方收到书面通知十五日后终止");
      if (k % 9 == 4) edited += replace_once(q.body, "但会提前一个月通知贵公司", "但会提前两个月通知贵公司");
      if (k % 11 == 6)
        edited += replace_once(q.body, "3. 如果青云科技为贵公司提供销售线索，贵公司将依照青云科技的书面要求向青云科技报告贵公司基于该销售线索的活动结果；",
                               "3. 青云科技为贵公司提供销售线索的，贵公司应当每季度向青云科技书面报告该销售线索的跟进情况和成交结果；");
      if (k % 13 == 8) edited += replace_once(q.body, "\n\n双方可另行签署附件保密信息交换协议以进一步对保密条款进行约定\n", "\n");
      after.push_back(std::move(q));
    }
  }
  std::filesystem::create_directories(out);
  std::string b = render(src, before, "2025-01-01"), a = render(src, after, "2026-01-10");
  std::ofstream(out / "before.md", std::ios::binary) << b;
  std::ofstream(out / "after.md", std::ios::binary) << a;
  std::printf("generated %s/{before,after}.md: %d copies of the agreement's %zu parts, %.2f MB and %.2f MB, %d edits\n",
              out.c_str(), copies, src.parts.size(), b.size() / 1048576.0, a.size() / 1048576.0, edited);
  return 0;
}

struct Timed {
  double median_ms;
  int runs;
  diff::Stat stat;
};

Timed time_compare(const lexgit::Document& a, const lexgit::Document& b, const text::Segmenter& seg, int runs) {
  std::vector<double> ms;
  diff::Stat stat;
  for (int i = 0; i < runs; ++i) {
    auto start = Clock::now();
    diff::DocumentDiff d = diff::compare(a, b, seg);
    ms.push_back(ms_since(start));
    stat = d.stat();
  }
  return {median(ms), runs, stat};
}

std::string describe(const diff::Stat& s) {
  return std::to_string(s.modified) + " modified, " + std::to_string(s.added) + " added, " + std::to_string(s.removed) +
         " removed, " + std::to_string(s.moved) + " moved, " + std::to_string(s.renumbered) + " renumbered";
}

int time_all(const std::string& small_before, const std::string& small_after, const std::string& big_before,
             const std::string& big_after, int runs) {
  text::Segmenter seg;
  lexgit::Document a = lexgit::load_document(small_before), b = lexgit::load_document(small_after);
  diff::compare(a, b, seg);  // warm-up
  Timed small = time_compare(a, b, seg, runs);
  std::printf("agreement vs edited copy: compare %.2f ms (median of %d) (target <= 10 ms) [%s]\n", small.median_ms,
              small.runs, describe(small.stat).c_str());

  auto start = Clock::now();
  lexgit::Document ba = lexgit::load_document(big_before);
  double parse_ms = ms_since(start);
  lexgit::Document bb = lexgit::load_document(big_after);
  Timed big = time_compare(ba, bb, seg, std::max(3, runs / 40));
  std::printf("1 MB pair: compare %.1f ms (median of %d), parse %.1f ms per file [%zu clauses; %s]\n", big.median_ms,
              big.runs, parse_ms, ba.all_clauses().size(), describe(big.stat).c_str());
  return 0;
}

// Parse both files from disk, compare, print the JSON: `lexgit diff --format json` in process.
int json(const std::string& before, const std::string& after) {
  text::Segmenter seg;
  lexgit::Document a = lexgit::load_document(before), b = lexgit::load_document(after);
  diff::DocumentDiff d = diff::compare(a, b, seg);
  d.before_label = before, d.after_label = after;
  std::string out = diff::to_json(d).dump();
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fputc('\n', stdout);
  return 0;
}

int usage() {
  std::fprintf(stderr,
               "usage: lexgit_bench_diff generate AGREEMENT.md OUTDIR [KB]\n"
               "       lexgit_bench_diff time BEFORE.md AFTER.md BIG_BEFORE.md BIG_AFTER.md [RUNS]\n"
               "       lexgit_bench_diff json BEFORE.md AFTER.md\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() >= 3 && args[0] == "generate") return generate(args[1], std::filesystem::path(args[2]), args.size() > 3 ? std::stoi(args[3]) : 1024);
    if (args.size() >= 5 && args[0] == "time") return time_all(args[1], args[2], args[3], args[4], args.size() > 5 ? std::stoi(args[5]) : 200);
    if (args.size() == 3 && args[0] == "json") return json(args[1], args[2]);
    return usage();
  } catch (const lexgit::Error& e) {
    std::fprintf(stderr, "lexgit_bench_diff: %s\n", e.what());
    return 3;
  }
}
