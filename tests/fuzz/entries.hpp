// The entry functions of lexgit's fuzz targets, one per input surface. The
// libFuzzer binaries (tests/fuzz/fuzz_main.cpp) and the regression test of the
// normal suite (tests/unit/fuzz_regression_test.cpp) call the same function, so
// an input that once crashed a fuzzer is replayed exactly in every build.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace lexgit::fuzz {

struct Target {
  std::string_view name;
  // Feeds one input through the surface. lexgit::Error (bad input, refused) is
  // the expected answer to most inputs and is swallowed; anything else — another
  // exception, a crash, a sanitizer report, a hang — is a finding.
  // scripts/fuzz gives each target its -max_len.
  void (*run)(std::string_view bytes);
};

std::span<const Target> targets();
// The target of this name; throws std::invalid_argument for an unknown one.
const Target& target(std::string_view name);

}  // namespace lexgit::fuzz
