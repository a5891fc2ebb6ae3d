// Every input a fuzz target once crashed or hung on (tests/fuzz/regressions/TARGET/),
// fed through the same entry function as the fuzzer, in every build: a finding
// fixed stays fixed. Under the sanitizer build a memory error fails here too.
#include <catch2/catch.hpp>

#include <filesystem>

#include "entries.hpp"
#include "support.hpp"

TEST_CASE("the fuzz targets' regression inputs are read or refused cleanly", "[fuzz]") {
  const std::filesystem::path root = lexgit::test::source_dir() / "tests/fuzz/regressions";
  REQUIRE(std::filesystem::is_directory(root));
  for (const auto& dir : std::filesystem::directory_iterator(root)) {
    const lexgit::fuzz::Target& target = lexgit::fuzz::target(dir.path().filename().string());
    for (const auto& input : std::filesystem::directory_iterator(dir.path())) {
      INFO(target.name << ": " << input.path().filename().string());
      std::string bytes = lexgit::read_file(input.path());
      CHECK_NOTHROW(target.run(bytes));
    }
  }
}
