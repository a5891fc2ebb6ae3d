// One side of a comparison: a revision, the versions in force on a date, or a file.
#include "lexgit/docset.hpp"
#include "lexgit/suggest.hpp"

namespace lexgit {
namespace fs = std::filesystem;
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Four digits and a date separator: someone meant a date (a revision such as a
// tag is never written so).
bool written_like_a_date(std::string_view s) {
  if (s.size() < 6 || !is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[2]) || !is_digit(s[3])) return false;
  std::string_view rest = s.substr(4);
  return rest.starts_with("-") || rest.starts_with("/") || rest.starts_with(".") || rest.starts_with("年");
}

}  // namespace

Error not_a_date(std::string_view arg) {
  return Error(ErrorCode::Usage, "'" + std::string(arg) + "' is not a date: write a calendar day such as 2026-01-31 or 2026年1月31日");
}

text::Date named_date(std::string_view value, std::string_view name) {
  auto d = text::parse_date(value);
  if (!d) {
    Error e = not_a_date(value);
    throw Error(e.code(), std::string(name) + ": " + e.what());
  }
  return *d;
}

std::optional<text::Date> date_argument(std::string_view arg) {
  if (auto d = text::parse_date(arg)) return d;
  if (written_like_a_date(arg)) throw not_a_date(arg);
  return std::nullopt;
}

Side Side::open(const fs::path& dir, const std::string& arg) {
  Side side;
  fs::path file = fs::path(arg).is_absolute() || dir == "." ? fs::path(arg) : dir / arg;
  if (fs::is_regular_file(file)) {
    side.file_ = load_document(file);
    side.file_->require_valid();
    side.label_ = arg;
    return side;
  }
  if (auto date = date_argument(arg)) {
    side.set_.emplace(DocumentSet::open(dir, Selection{.rev = std::nullopt, .at = date}));
    side.label_ = "in force on " + text::format_iso(*date);
    side.date_ = date;
  } else {
    if (!Repository::discover(dir))
      throw Error(ErrorCode::NotFound, "no file '" + arg + "', and revisions need a git repository (this is not one)");
    side.set_.emplace(DocumentSet::open(dir, Selection{.rev = arg, .at = std::nullopt}));
    side.label_ = arg + " (" + side.set_->tip().substr(0, 12) + ")";
  }
  for (const Revision& r : side.set_->entries()) side.entries_.emplace(r.doc, r);
  return side;
}

Side Side::of_document(Document document, std::string label) {
  document.require_valid();
  Side side;
  side.file_ = std::move(document);
  side.label_ = std::move(label);
  return side;
}

std::vector<std::string> documents_to_compare(const Side& a, const Side& b, const std::vector<std::string>& asked) {
  if (a.is_file() || b.is_file()) return {a.is_file() ? a.file().meta.id : b.file().meta.id};
  if (!asked.empty()) {
    std::set<std::string> known = a.ids();
    known.merge(b.ids());
    for (const std::string& id : asked)
      if (!a.has(id) && !b.has(id))
        throw Error(ErrorCode::NotFound, "no document '" + id + "' in " + a.label() + " or " + b.label() +
                                             text::did_you_mean(id, {known.begin(), known.end()}));
    return asked;
  }
  std::set<std::string> ids = a.ids();
  for (const std::string& id : b.ids()) ids.insert(id);
  std::vector<std::string> out;
  for (const std::string& id : ids)
    if (!(a.has(id) && b.has(id) && a.blob(id) == b.blob(id))) out.push_back(id);
  return out;
}

std::string Side::label(Language language) const {
  return date_ && language == Language::Zh ? text::format_zh_cn(*date_) + "有效的版本" : label_;
}

bool Side::has(const std::string& id) const { return file_ ? file_->meta.id == id : entries_.count(id) > 0; }

std::set<std::string> Side::ids() const {
  std::set<std::string> out;
  if (file_) out.insert(file_->meta.id);
  for (const auto& [id, r] : entries_) out.insert(id);
  return out;
}

std::string Side::blob(const std::string& id) const {
  auto it = entries_.find(id);
  return it == entries_.end() ? "" : it->second.blob;
}

std::optional<Revision> Side::revision(const std::string& id) const {
  auto it = entries_.find(id);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

Document Side::load(const std::string& id) {
  if (file_) return *file_;
  auto it = entries_.find(id);
  if (it == entries_.end()) {
    Document absent;
    absent.meta.id = id;
    return absent;
  }
  return set_->load(it->second);
}

std::vector<std::string> Side::take_warnings() { return set_ ? set_->take_warnings() : std::vector<std::string>{}; }

}  // namespace lexgit
