// Shared helpers for lexgit's tests.
#pragma once

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>

#include "lexgit/document.hpp"

namespace lexgit::test {

using lexgit::read_file;

inline std::filesystem::path source_dir() { return LEXGIT_SOURCE_DIR; }

inline void write_file(const std::filesystem::path& p, const std::string& contents) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << contents;
}

// A fresh directory under the system temp dir, removed when the test ends.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char tmpl[] = "/tmp/lexgit-test-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

struct Run {
  int status = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs the lexgit binary with `args` (a shell-quoted string).
inline Run run_cli(const std::string& args) {
  TempDir tmp;
  std::string err_file = (tmp.path / "stderr").string();
  std::string cmd = std::string(LEXGIT_CLI) + " " + args + " 2>" + err_file + " </dev/null";
  Run r;
  FILE* pipe = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  int raw = pclose(pipe);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.err = read_file(err_file);
  return r;
}

// A path quoted for the shell.
inline std::string quote(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

// "-C DIR " for running lexgit in a temporary repository.
inline std::string in(const TempDir& dir) { return "-C " + quote(dir.path) + " "; }

inline std::string strip_whitespace(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') continue;
    if (s.compare(i, 3, "\u3000") == 0) { i += 2; continue; }
    out.push_back(s[i]);
  }
  return out;
}

}  // namespace lexgit::test
