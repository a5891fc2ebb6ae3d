// The fuzz targets' entry functions: each reads bytes the way a lexgit command
// reads the file or argument a user hands it.
#include "entries.hpp"

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "document/front_matter.hpp"
#include "lexgit/check.hpp"
#include "lexgit/config.hpp"
#include "lexgit/diff.hpp"
#include "lexgit/document.hpp"
#include "lexgit/error.hpp"
#include "lexgit/importer.hpp"
#include "lexgit/period.hpp"
#include "lexgit/redline.hpp"
#include "lexgit/text.hpp"

namespace lexgit::fuzz {
namespace {

// Runs `body`; a refusal (Error other than Internal) is a correct answer to bad
// input. Internal errors and every other exception escape: a user would see
// "internal error" for a file they handed lexgit.
template <typename Body>
void refusals_allowed(Body&& body) {
  try {
    body();
  } catch (const Error& e) {
    if (e.code() == ErrorCode::Internal) throw;
  }
}

const text::Segmenter& segmenter() {
  static const text::Segmenter s;
  return s;
}

// What `lexgit check` and `lexgit outline --format json` do with a file.
void document(std::string_view bytes) {
  refusals_allowed([&] {
    Document doc = parse_document(bytes, "fuzz.md");
    check_document(doc);
    for (const Clause* c : doc.all_clauses()) cite(doc, c->id);
    for (const Clause& c : doc.clauses) to_json(c).dump();
  });
}

ImportOptions import_options() {
  ImportOptions options;
  options.meta.id = "fuzz";
  options.meta.kind = DocKind::Agreement;
  options.meta.published = {2026, 1, 31};
  return options;
}

// `lexgit import` of a file, then what check makes of the result.
void import_and_parse(std::string_view bytes) {
  refusals_allowed([&] {
    std::string markdown = import_document(bytes, import_options(), "fuzz");
    check_document(parse_document(markdown, "fuzz.md"));
  });
}

bool starts_with(std::string_view bytes, std::string_view magic) { return bytes.substr(0, magic.size()) == magic; }

// The importer tells formats apart by their first bytes; each import target
// keeps to its own format so its coverage stays there.
void text_import(std::string_view bytes) {
  if (starts_with(bytes, "%PDF") || starts_with(bytes, "PK\x03\x04")) return;
  refusals_allowed([&] { text::is_valid_utf8(decode_text(bytes, "fuzz.txt").text); });
  import_and_parse(bytes);
}

void docx_import(std::string_view bytes) {
  if (starts_with(bytes, "PK\x03\x04")) import_and_parse(bytes);
}

void pdf_import(std::string_view bytes) {
  if (starts_with(bytes, "%PDF")) import_and_parse(bytes);
}

void front_matter_reader(std::string_view bytes) {
  if (!text::is_valid_utf8(bytes)) return;  // parse_document refuses other bytes before splitting
  std::vector<Diagnostic> diagnostics;
  front_matter::Split split = front_matter::split(bytes);
  if (split.found) render_front_matter(front_matter::read(split.yaml, "fuzz.md", diagnostics));
}

// The text layer, chosen by the first byte; the rest is the text (valid UTF-8,
// as every caller guarantees after decoding).
void text_layer(std::string_view bytes) {
  if (bytes.empty()) return;
  unsigned char which = static_cast<unsigned char>(bytes[0]) % 6;
  std::string_view s = bytes.substr(1);
  if (!text::is_valid_utf8(s)) return;
  switch (which) {
    case 0:
      if (auto n = text::read_numeral(s); n && n->value >= 0) text::chinese_numeral(n->value);
      break;
    case 1:
      text::parse_duration(s);
      text::find_durations(s);
      break;
    case 2:
      if (auto d = text::parse_date(s)) text::format_iso(*d);
      parse_iso_date(s);
      break;
    case 3:
      segmenter().words(s);
      break;
    case 4:
      text::defined_terms(s);
      text::squeeze_cjk_spacing(s);
      text::display_width(text::fold_width(s));
      break;
    case 5:
      looks_like_citation(s);
      parse_reference(s);
      break;
  }
}

// Two documents in one input: split at the first line "====", else in the middle
// (on a code point boundary, as a file would be).
std::pair<std::string_view, std::string_view> split_in_two(std::string_view bytes) {
  constexpr std::string_view kSeparator = "\n====\n";
  if (std::size_t at = bytes.find(kSeparator); at != std::string_view::npos)
    return {bytes.substr(0, at + 1), bytes.substr(at + kSeparator.size())};
  std::size_t middle = bytes.size() / 2;
  while (middle < bytes.size() && (static_cast<unsigned char>(bytes[middle]) & 0xC0) == 0x80) ++middle;
  return {bytes.substr(0, middle), bytes.substr(middle)};
}

// `lexgit diff` of two files in every format.
void document_diff(std::string_view bytes) {
  auto [before_bytes, after_bytes] = split_in_two(bytes);
  refusals_allowed([&] {
    Document before = parse_document(before_bytes, "before.md");
    Document after = parse_document(after_bytes, "after.md");
    if (before.has_errors() || after.has_errors()) return;  // diff refuses documents check rejects
    std::vector<diff::DocumentDiff> diffs{diff::compare(before, after, segmenter())};
    redline::Labels labels{"before.md", "after.md"};
    redline::render_text(diffs, labels);
    redline::render_html(diffs, labels);
    redline::render_markdown(diffs, labels);
    redline::render_json(diffs, labels).dump();
  });
}

// A repository's calendar/YYYY.yaml, then the questions `lexgit holidays` asks of it.
void calendar_reader(std::string_view bytes) {
  refusals_allowed([&] {
    period::Calendar calendar;
    calendar.load_year(bytes, "calendar/fuzz.yaml");
    for (int year = 1900; year <= 2200; ++year)
      if (calendar.has_year(year))
        for (const period::Calendar::Day& d : calendar.special_days(year)) calendar.describe(d.day);
  });
}

void config_reader(std::string_view bytes) {
  refusals_allowed([&] { config::check(bytes, ".lexgit.yaml"); });
}

// `lexgit period --start DATE --length LENGTH`: "DATE|LENGTH", or only a length
// counted from 2026-01-31.
void period_calculator(std::string_view bytes) {
  if (!text::is_valid_utf8(bytes)) return;
  text::Date start{2026, 1, 31};
  std::string_view length = bytes;
  if (std::size_t bar = bytes.find('|'); bar != std::string_view::npos) {
    auto date = text::parse_date(bytes.substr(0, bar));
    if (!date) return;
    start = *date;
    length = bytes.substr(bar + 1);
  }
  auto duration = text::parse_duration(length);
  if (!duration) return;
  refusals_allowed([&] { period::to_json(period::compute(start, *duration)).dump(); });
}

constexpr Target kTargets[] = {
    {"document", document},
    {"text_import", text_import},
    {"docx_import", docx_import},
    {"pdf_import", pdf_import},
    {"front_matter", front_matter_reader},
    {"text", text_layer},
    {"diff", document_diff},
    {"calendar", calendar_reader},
    {"config", config_reader},
    {"period", period_calculator},
};

}  // namespace

std::span<const Target> targets() { return kTargets; }

const Target& target(std::string_view name) {
  for (const Target& t : kTargets)
    if (t.name == name) return t;
  throw std::invalid_argument("no fuzz target named " + std::string(name));
}

}  // namespace lexgit::fuzz
