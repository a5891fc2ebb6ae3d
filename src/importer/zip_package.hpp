// A zip package (an Office Open XML file) read from memory through libzip,
// with a guard against zip bombs: a part may not expand past a total budget
// or far past its compressed size. The limits are checked against the sizes
// the archive declares when it is opened, and enforced again while a part is
// inflated, since a forged archive can declare sizes it does not keep to.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct zip;

namespace lexgit::importer {

struct ZipLimits {
  std::uint64_t max_total = 64ull << 20;  // all parts together, uncompressed: 64 MiB
  std::uint64_t max_ratio = 100;          // uncompressed / compressed, for a part over 1 MiB
  std::uint64_t ratio_floor = 1ull << 20; // smaller parts may compress better than that
};

class ZipPackage {
 public:
  // Throws Error(BadInput) naming `path` when the bytes are not a complete zip
  // archive or its declared sizes pass `limits`. `bytes` must outlive the package.
  ZipPackage(std::string_view bytes, const std::string& path, ZipLimits limits = {});
  ~ZipPackage();
  ZipPackage(ZipPackage&&) noexcept;
  ZipPackage& operator=(ZipPackage&&) noexcept;

  // The part's bytes; nullopt when the package has no such part.
  std::optional<std::string> read(const std::string& name);

 private:
  struct Closer {
    void operator()(zip* archive) const;
  };
  std::unique_ptr<zip, Closer> archive_;
  std::string path_;
  ZipLimits limits_;
  std::uint64_t inflated_ = 0;  // bytes read so far, every part counted

  [[noreturn]] void refuse(const std::string& problem) const;
};

}  // namespace lexgit::importer
