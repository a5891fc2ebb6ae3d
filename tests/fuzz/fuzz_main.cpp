// One libFuzzer binary per target: LEXGIT_FUZZ_TARGET names the entry function
// (tests/fuzz/entries.cpp) this binary fuzzes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const lexgit::fuzz::Target& target = lexgit::fuzz::target(LEXGIT_FUZZ_TARGET);
  target.run(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
