#include "modules/modules.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "lexgit/error.hpp"

namespace lexgit::modules {
namespace fs = std::filesystem;
namespace {

// A loaded module, closed at exit. RTLD_NODELETE keeps its code mapped after
// dlclose: a library it brought may still run an exit handler.
struct Close {
  void operator()(void* handle) const { dlclose(handle); }
};
using Library = std::unique_ptr<void, Close>;

// Each module's first word is its table's version (see the tables' kVersion).
struct Table {
  int version;
};

std::vector<fs::path> search_path() {
  if (const char* dir = std::getenv("LEXGIT_MODULE_DIR"); dir && *dir) return {dir};
  std::vector<fs::path> dirs;
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    dirs.push_back(self.parent_path());
    dirs.push_back(self.parent_path().parent_path() / "lib" / "lexgit");
  }
#ifdef LEXGIT_MODULE_BUILD_DIR
  dirs.emplace_back(LEXGIT_MODULE_BUILD_DIR);  // the tests, fuzzers and benchmarks, run from the build tree
#endif
  return dirs;
}

Library open_module(const std::string& file) {
  std::string looked;
  for (const fs::path& dir : search_path()) {
    fs::path candidate = dir / file;
    looked += "\n  " + candidate.string();
    std::error_code ec;
    if (!fs::exists(candidate, ec)) continue;
    dlerror();
    Library library(dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE));
    if (!library) {
      const char* why = dlerror();
      throw Error(ErrorCode::Internal, "lexgit's module " + candidate.string() + " does not load: " + (why ? why : "unknown reason"));
    }
    return library;
  }
  throw Error(ErrorCode::Internal, "lexgit's module " + file + " is missing; it belongs next to the lexgit program (looked in:" + looked +
                                       "). Reinstall lexgit, or set LEXGIT_MODULE_DIR to the directory that holds it");
}

}  // namespace

const void* entry(const std::string& name, int version) {
  static std::mutex mutex;
  static std::map<std::string, std::pair<Library, const void*>> loaded;
  std::lock_guard lock(mutex);
  if (auto it = loaded.find(name); it != loaded.end()) return it->second.second;
  const std::string file = "lexgit-" + name + ".so";
  Library library = open_module(file);
  const std::string symbol = "lexgit_module_" + name;
  auto* get = reinterpret_cast<const void* (*)()>(dlsym(library.get(), symbol.c_str()));
  if (!get) throw Error(ErrorCode::Internal, "lexgit's module " + file + " does not define " + symbol + "; reinstall lexgit");
  const void* table = get();
  int found = static_cast<const Table*>(table)->version;
  if (found != version)
    throw Error(ErrorCode::Internal, "lexgit's module " + file + " was built for another lexgit (table version " + std::to_string(found) +
                                         ", this program needs " + std::to_string(version) + "); reinstall lexgit");
  return loaded.emplace(name, std::make_pair(std::move(library), table)).first->second.second;
}

}  // namespace lexgit::modules
