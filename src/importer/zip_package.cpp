#include "importer/zip_package.hpp"

#include <zip.h>

#include <array>

#include "lexgit/error.hpp"

namespace lexgit::importer {
namespace {

struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

std::string mib(std::uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

}  // namespace

void ZipPackage::Closer::operator()(zip* archive) const { zip_discard(archive); }

ZipPackage::ZipPackage(std::string_view bytes, const std::string& path, ZipLimits limits)
    : path_(path), limits_(limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) throw Error(ErrorCode::Internal, "libzip could not read a buffer: " + std::string(zip_error_strerror(&error)));
  // ZIP_CHECKCONS: a truncated file fails here rather than half-way through a part.
  archive_.reset(zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error));
  if (!archive_) {
    zip_source_free(source);
    std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    refuse("not a complete zip package (" + why + "); the file is damaged or truncated");
  }
  zip_error_fini(&error);
  std::uint64_t total = 0;
  zip_int64_t n = zip_get_num_entries(archive_.get(), 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    if (zip_stat_index(archive_.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0) continue;
    total += st.size;
    if (st.size > limits_.ratio_floor && st.size > limits_.max_ratio * std::max<zip_uint64_t>(st.comp_size, 1))
      refuse(std::string("part ") + st.name + " expands " + std::to_string(st.size / std::max<zip_uint64_t>(st.comp_size, 1)) +
             " times its compressed size (the limit is " + std::to_string(limits_.max_ratio) + "): refused as a zip bomb");
  }
  if (total > limits_.max_total)
    refuse("its parts expand to " + mib(total) + ", past the limit of " + mib(limits_.max_total) + ": refused as a zip bomb");
}

ZipPackage::~ZipPackage() = default;
ZipPackage::ZipPackage(ZipPackage&&) noexcept = default;
ZipPackage& ZipPackage::operator=(ZipPackage&&) noexcept = default;

void ZipPackage::refuse(const std::string& problem) const { throw Error(ErrorCode::BadInput, problem, {path_, 0}); }

std::optional<std::string> ZipPackage::read(const std::string& name) {
  zip_stat_t st;
  if (zip_stat(archive_.get(), name.c_str(), 0, &st) != 0) return std::nullopt;
  std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen(archive_.get(), name.c_str(), 0));
  if (!file) refuse("cannot read part " + name + ": " + zip_strerror(archive_.get()));
  std::string out;
  std::array<char, 64 * 1024> buf;
  for (;;) {
    zip_int64_t got = zip_fread(file.get(), buf.data(), buf.size());
    if (got < 0) refuse("part " + name + " is damaged: " + zip_file_strerror(file.get()));
    if (got == 0) break;
    inflated_ += static_cast<std::uint64_t>(got);
    out.append(buf.data(), static_cast<std::size_t>(got));
    // The declared sizes were checked on opening; the inflated bytes are what counts.
    if (inflated_ > limits_.max_total || out.size() > st.size)
      refuse("part " + name + " expands past its declared size or the limit of " + mib(limits_.max_total) +
             ": refused as a zip bomb");
  }
  return out;
}

}  // namespace lexgit::importer
