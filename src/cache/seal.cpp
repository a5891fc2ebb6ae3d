#include "cache/seal.hpp"

#include <charconv>

namespace lexgit::cache {
namespace {

constexpr std::string_view kMagic = "lexgit ";

void mix(std::uint64_t& h, std::string_view bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
}

// Reads a decimal (or hex) number ended by `end` from the front of `s`.
template <typename T>
std::optional<T> take_number(std::string_view& s, char end, int base = 10) {
  T value{};
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value, base);
  if (ec != std::errc() || ptr == s.data() || ptr == s.data() + s.size() || *ptr != end) return std::nullopt;
  s.remove_prefix(static_cast<std::size_t>(ptr - s.data()) + 1);
  return value;
}

}  // namespace

std::uint64_t checksum(std::initializer_list<std::string_view> parts) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (std::string_view p : parts) {
    mix(h, p);
    std::string length = std::to_string(p.size());
    mix(h, length);
  }
  return h;
}

std::string checksum_hex(std::initializer_list<std::string_view> parts) {
  char buf[17];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, checksum(parts), 16);
  return std::string(buf, end);
}

std::string seal(int format, std::string_view key, std::string_view value) {
  std::string format_text = std::to_string(format);
  std::string out;
  out.reserve(value.size() + 48);
  out.append(kMagic).append(format_text).append(" ").append(std::to_string(value.size())).append(" ");
  out.append(checksum_hex({format_text, key, value})).append("\n").append(value);
  return out;
}

std::optional<std::string_view> unseal(int format, std::string_view key, std::string_view stored) {
  if (!stored.starts_with(kMagic)) return std::nullopt;
  stored.remove_prefix(kMagic.size());
  auto found_format = take_number<int>(stored, ' ');
  auto length = take_number<std::size_t>(stored, ' ');
  auto sum = take_number<std::uint64_t>(stored, '\n', 16);
  if (!found_format || *found_format != format || !length || !sum || stored.size() != *length) return std::nullopt;
  if (checksum({std::to_string(format), key, stored}) != *sum) return std::nullopt;
  return stored;
}

}  // namespace lexgit::cache
