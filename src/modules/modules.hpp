// lexgit's optional modules. The code that needs a large library only some
// commands use — poppler (PDF import), GMime (notice e-mail), libcurl (SMTP)
// and cpp-httplib (lexgit serve) — is built as lexgit-NAME.so and loaded by
// the first call that needs it. Linked into the program, those libraries and
// the sixty others they bring were loaded and relocated by every command,
// `lexgit --help` included: most of a process's start.
//
// A module shares no symbols with lexgit. It exports one table of functions,
// lexgit_module_NAME, whose types are the plain structs of its header
// (src/*/NAME_module.hpp), and reports failures as values.
#pragma once

#include <string>

namespace lexgit::modules {

// The table module NAME exports, loaded once per process. Looked for in
// $LEXGIT_MODULE_DIR alone when it is set; else next to the running program,
// in ../lib/lexgit from it, and in the build tree lexgit was built in. Error(Internal) naming the file
// and every place looked when it is missing, does not load, or was built for
// another version of its table.
const void* entry(const std::string& name, int version);

template <typename Table>
const Table& load(const std::string& name) {
  return *static_cast<const Table*>(entry(name, Table::kVersion));
}

}  // namespace lexgit::modules

// What a module defines: its table, exported under the name lexgit looks for.
#define LEXGIT_MODULE(NAME, TABLE) \
  extern "C" __attribute__((visibility("default"))) const void* lexgit_module_##NAME() { return &(TABLE); }
