// Revisions through time: ordering and the version in force on a date.
#include <catch2/catch.hpp>

#include "lexgit/versions.hpp"

using namespace lexgit;

namespace {
Revision rev(std::size_t sequence, text::Date published, text::Date effective, Status status = Status::InForce) {
  Revision r;
  r.doc = "rebate-policy-online";
  r.commit = "c" + std::to_string(sequence);
  r.blob = "b" + std::to_string(sequence);
  r.sequence = sequence;
  r.meta.published = published;
  r.meta.effective = effective;
  r.meta.status = status;
  return r;
}
}  // namespace

TEST_CASE("the version in force is the latest effective on or before the date", "[versions]") {
  std::vector<Revision> revs = {rev(0, {2025, 4, 1}, {2025, 4, 1}), rev(1, {2025, 9, 1}, {2025, 10, 1})};
  CHECK_FALSE(version_in_force(revs, {2025, 3, 31}));           // before the first: did not exist
  CHECK(version_in_force(revs, {2025, 4, 1})->commit == "c0");   // effective that day
  CHECK(version_in_force(revs, {2025, 9, 30})->commit == "c0");  // published, not yet effective: not retroactive
  CHECK(version_in_force(revs, {2025, 10, 1})->commit == "c1");
}

TEST_CASE("a back-filled revision committed later takes its place by date, not by commit", "[versions]") {
  // Committed in the order 2026 version, then the 2025-06 version that was missing.
  std::vector<Revision> revs = {rev(0, {2025, 1, 1}, {2025, 1, 1}), rev(1, {2026, 1, 1}, {2026, 1, 1}),
                                rev(2, {2025, 6, 1}, {2025, 6, 1})};
  CHECK(version_in_force(revs, {2025, 7, 1})->commit == "c2");
  CHECK(version_in_force(revs, {2026, 2, 1})->commit == "c1");
  sort_as_versions(revs);
  CHECK(revs[0].commit == "c0");
  CHECK(revs[1].commit == "c2");
  CHECK(revs[2].commit == "c1");
}

TEST_CASE("drafts never apply, and a withdrawn revision ends the document, and removal ends it", "[versions]") {
  std::vector<Revision> revs = {rev(0, {2025, 1, 1}, {2025, 1, 1}), rev(1, {2025, 3, 1}, {2025, 3, 1}, Status::Draft),
                                rev(2, {2025, 5, 1}, {2025, 6, 1}, Status::Withdrawn)};
  CHECK(version_in_force(revs, {2025, 4, 1})->commit == "c0");
  CHECK(version_in_force(revs, {2025, 5, 31})->commit == "c0");
  CHECK_FALSE(version_in_force(revs, {2025, 6, 1}));
  std::vector<Revision> gone = {rev(0, {2025, 1, 1}, {2025, 1, 1})};
  gone.push_back(rev(1, {2025, 1, 1}, {2025, 1, 1}));
  gone.back().removed = true;
  CHECK_FALSE(version_in_force(gone, {2025, 2, 1}));
}

TEST_CASE("same dates: commit order decides", "[versions]") {
  std::vector<Revision> revs = {rev(0, {2025, 1, 1}, {2025, 1, 1}), rev(1, {2025, 1, 1}, {2025, 1, 1})};
  CHECK(version_in_force(revs, {2025, 1, 1})->commit == "c1");
}

#include "versions/serialize.hpp"

TEST_CASE("revision lists survive the cache's compact form, odd characters included", "[versions][cache]") {
  std::vector<Revision> list = {rev(0, {2025, 4, 1}, {2025, 4, 1}), rev(1, {2025, 9, 1}, {2025, 10, 1}, Status::Withdrawn)};
  list[0].meta.id = list[0].doc;
  list[0].meta.title = "青云合作伙伴返利政策";
  list[0].meta.doc_class = "partner-rebate-policy";
  list[0].meta.medium = Medium::Paper;
  list[0].meta.channel = Channel::Signed;
  list[0].path = "normative/rebate-policy-online.md";
  list[1].removed = true;
  list[1].meta.title = std::string("含\x1f分隔符的标题");  // falls back to JSON
  list[1].meta.extra = {{"owner", "渠道管理部"}};
  auto back = serialize::revisions(serialize::revisions(list));
  REQUIRE(back.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(back[i].doc == list[i].doc);
    CHECK(back[i].path == list[i].path);
    CHECK(back[i].commit == list[i].commit);
    CHECK(back[i].blob == list[i].blob);
    CHECK(back[i].sequence == list[i].sequence);
    CHECK(back[i].removed == list[i].removed);
    CHECK(render_front_matter(back[i].meta) == render_front_matter(list[i].meta));
  }
  CHECK(serialize::revisions(std::vector<Revision>{}).empty());
}
