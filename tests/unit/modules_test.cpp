// lexgit's optional modules (src/modules): poppler, GMime, libcurl and
// cpp-httplib are loaded by the commands that need them, not by every command.
#include <catch2/catch.hpp>

#include "support.hpp"

using namespace lexgit::test;

namespace {

const std::filesystem::path kOffice = source_dir() / "tests/data/office";

// The shared objects the dynamic loader opened for a lexgit command, by its own account.
std::string loaded_by(const std::string& env, const std::string& args) {
  Run r = sh("LD_DEBUG=files " + env + " " + std::string(LEXGIT_CLI) + " " + args);
  return r.err;
}

}  // namespace

TEST_CASE("the lexgit program does not link poppler, GMime, libcurl or cpp-httplib", "[modules]") {
  Run r = sh("ldd " + std::string(LEXGIT_CLI));
  REQUIRE(r.status == 0);
  for (const char* library : {"libpoppler", "libgmime", "libcurl", "libcpp-httplib", "libglib", "libnss3"}) {
    INFO(library);
    CHECK_FALSE(contains(r.out, library));
  }
}

TEST_CASE("a command loads only the modules it needs: none for words, the PDF module for a PDF import", "[modules][import]") {
  std::string words = loaded_by("", "words 甲方应当在三十日内书面通知乙方");
  CHECK(contains(words, "libicuuc"));
  for (const char* module : {"lexgit-pdf.so", "lexgit-mail.so", "lexgit-smtp.so", "lexgit-http.so", "libpoppler"}) {
    INFO(module);
    CHECK_FALSE(contains(words, module));
  }
  TempDir dir;
  std::string imported = loaded_by("", "import " + quote(kOffice / "agreement.pdf") +
                                           " --id partner-framework --kind agreement --published 2025-01-01 -o " + quote(dir.path / "a.md"));
  CHECK(contains(imported, "lexgit-pdf.so"));
  CHECK(contains(imported, "libpoppler"));
  CHECK_FALSE(contains(imported, "lexgit-mail.so"));
  CHECK(std::filesystem::exists(dir.path / "a.md"));
}

TEST_CASE("a missing module is an error naming the file and where it was looked for, and nothing is written", "[modules][import]") {
  TempDir empty, out;
  Run r = sh("LEXGIT_MODULE_DIR=" + quote(empty.path) + " " + std::string(LEXGIT_CLI) + " import " + quote(kOffice / "agreement.pdf") +
             " --id partner-framework --kind agreement --published 2025-01-01 -o " + quote(out.path / "a.md"));
  CHECK(r.status == 1);
  CHECK(contains(r.err, "lexgit-pdf.so is missing"));
  CHECK(contains(r.err, (empty.path / "lexgit-pdf.so").string()));
  CHECK(contains(r.err, "LEXGIT_MODULE_DIR"));
  CHECK_FALSE(std::filesystem::exists(out.path / "a.md"));
  // A Word file needs no module: it imports from the same place.
  Run docx = sh("LEXGIT_MODULE_DIR=" + quote(empty.path) + " " + std::string(LEXGIT_CLI) + " import " + quote(kOffice / "agreement.docx") +
                " --id partner-framework --kind agreement --published 2025-01-01 -o " + quote(out.path / "b.md"));
  CHECK(docx.status == 0);
  CHECK(std::filesystem::exists(out.path / "b.md"));
}
