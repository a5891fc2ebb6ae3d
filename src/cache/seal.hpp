// What proves a cached value whole. Every value the cache stores carries the
// format version of the encoder that wrote it, its length and a checksum over
// its key and bytes, so that a value cut short, overwritten, copied under
// another key or written by another encoder is a miss, not a wrong answer.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace lexgit::cache {

// FNV-1a over the parts, each followed by its length (so "ab"+"c" ≠ "a"+"bc").
std::uint64_t checksum(std::initializer_list<std::string_view> parts);
std::string checksum_hex(std::initializer_list<std::string_view> parts);

// "lexgit <format> <length> <checksum>\n" followed by the value.
std::string seal(int format, std::string_view key, std::string_view value);
// The value inside `stored` when it was sealed whole, by `format`, for `key`.
std::optional<std::string_view> unseal(int format, std::string_view key, std::string_view stored);

}  // namespace lexgit::cache
