// A zip archive built in memory, the container of Office documents (.docx):
// written with libzip, so that a caller writes the bytes out in one piece or
// not at all.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace lexgit::office {

// One file of the archive: its name inside it and its bytes.
struct ZipEntry {
  std::string name;
  std::string contents;
};

// The archive's bytes, entries deflated in the order given. Every entry gets
// the same fixed modification time, so the same entries give the same bytes.
// Error(Internal) when libzip fails.
std::string zip_archive(const std::vector<ZipEntry>& entries);

}  // namespace lexgit::office
