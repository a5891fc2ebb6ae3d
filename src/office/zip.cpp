#include "office/zip.hpp"

#include <memory>

#include <zip.h>

#include "lexgit/error.hpp"

namespace lexgit::office {
namespace {

// 1 January 2000, 00:00 UTC: an entry's time says nothing about the document,
// and a fixed one keeps the output reproducible.
constexpr time_t kEntryTime = 946684800;

struct SourceFree {
  void operator()(zip_source_t* s) const { zip_source_free(s); }
};
struct ArchiveDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using SourcePtr = std::unique_ptr<zip_source_t, SourceFree>;
using ArchivePtr = std::unique_ptr<zip_t, ArchiveDiscard>;

[[noreturn]] void fail(const std::string& what, zip_error_t* error) {
  std::string message = "zip: " + what + ": " + zip_error_strerror(error);
  zip_error_fini(error);
  throw Error(ErrorCode::Internal, message);
}

[[noreturn]] void fail(const std::string& what, zip_t* archive) {
  throw Error(ErrorCode::Internal, "zip: " + what + ": " + zip_strerror(archive));
}

void add_entry(zip_t* archive, const ZipEntry& entry) {
  zip_source_t* data = zip_source_buffer(archive, entry.contents.data(), entry.contents.size(), 0);
  if (!data) fail("cannot add " + entry.name, archive);
  zip_int64_t index = zip_file_add(archive, entry.name.c_str(), data, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
  if (index < 0) {
    zip_source_free(data);  // not taken over by the archive
    fail("cannot add " + entry.name, archive);
  }
  if (zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index), kEntryTime, 0) < 0) fail("cannot date " + entry.name, archive);
}

// What zip_close wrote into the buffer source.
std::string read_all(zip_source_t* source) {
  if (zip_source_open(source) < 0) fail("cannot read the archive back", zip_source_error(source));
  std::string out;
  char buffer[1 << 14];
  zip_int64_t n;
  while ((n = zip_source_read(source, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(n));
  zip_source_close(source);
  if (n < 0) fail("cannot read the archive back", zip_source_error(source));
  return out;
}

}  // namespace

std::string zip_archive(const std::vector<ZipEntry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  SourcePtr buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!buffer) fail("cannot create the archive", &error);
  zip_source_keep(buffer.get());  // the archive releases it on close; we still read it
  ArchivePtr archive(zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error));
  if (!archive) {
    zip_source_free(buffer.get());  // the reference the archive did not take
    fail("cannot create the archive", &error);
  }
  zip_error_fini(&error);
  for (const ZipEntry& entry : entries) add_entry(archive.get(), entry);
  if (zip_close(archive.get()) < 0) fail("cannot write the archive", archive.get());
  archive.release();  // closed: nothing left to discard
  return read_all(buffer.get());
}

}  // namespace lexgit::office
