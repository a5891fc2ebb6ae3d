// Shared helpers for lexgit's tests.
#pragma once

#include <array>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "lexgit/document.hpp"
#include "lexgit/store.hpp"
#include "lexgit/text.hpp"

namespace lexgit::test {

using lexgit::read_file;

inline std::filesystem::path source_dir() { return LEXGIT_SOURCE_DIR; }

// A file of the bundled corpus, by its path under corpus/.
inline std::string corpus_file(const std::string& rel) { return read_file(source_dir() / "corpus" / rel); }

// (id, number, heading, text) of every unit, groups included, depth first:
// what two documents must share to be the same clause tree.
inline void shape(const std::vector<Clause>& units, std::vector<std::string>& out) {
  for (const Clause& c : units) {
    out.push_back(c.id + "|" + c.number + "|" + c.heading + "|" + c.text);
    shape(c.children, out);
  }
}

inline std::vector<std::string> shape_of(const Document& d) {
  std::vector<std::string> out;
  shape(d.clauses, out);
  return out;
}

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

// A .docx read back as Word's readers see it: tests/docx/read_docx.py (python-docx)
// prints its paragraphs, runs with their tracking, tables, comments and properties.
inline std::string read_docx_json(const std::filesystem::path& docx) {
  TempDir tmp;
  std::string out = (tmp.path / "docx.json").string(), err = (tmp.path / "stderr").string();
  std::string cmd = "/usr/bin/python3 '" + (source_dir() / "tests/docx/read_docx.py").string() + "' '" + docx.string() + "' >" + out + " 2>" + err;
  int status = std::system(cmd.c_str());
  INFO(read_file(err));
  REQUIRE(status == 0);
  return read_file(out);
}

// The bundled framework agreement, as a lexgit document's source.
// Tokens joined by '|', the notation of tests/data/gold-segmentation.txt.
inline std::string joined(const std::vector<text::Token>& tokens) {
  std::string out;
  for (const text::Token& t : tokens) {
    if (!out.empty()) out += '|';
    out += t.text;
  }
  return out;
}

inline std::string agreement() { return read_file(source_dir() / "corpus/agreement/partner-framework.md"); }

// Replaces the first `from` in `s`; the test fails when `from` is not there.
inline void replace(std::string& s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  s.replace(at, from.size(), to);
}

// The agreement's text with a part inserted before part 六, whose heading is
// `### 六． TITLE` and whose paragraphs are `body`: parts 六–十一 become 七–十二
// (the cross-references are left to the caller).
inline std::string with_part_before_six(std::string s, const std::string& title, const std::string& body) {
  const char* parts[][2] = {{"### 十一． ", "### 十二． "}, {"### 十． ", "### 十一． "}, {"### 九． ", "### 十． "},
                            {"### 八． ", "### 九． "},   {"### 七． ", "### 八． "},   {"### 六． ", "### 七． "}};
  for (auto& p : parts) replace(s, p[0], p[1]);
  replace(s, "### 七． 市场营销基金和推广计划", "### 六． " + title + "\n\n" + body + "\n\n### 七． 市场营销基金和推广计划");
  return s;
}

// One segmenter for a test binary: building one loads the lexicon.
inline const text::Segmenter& segmenter() {
  static const text::Segmenter s;
  return s;
}

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A path quoted for the shell.
inline std::string quote(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

// "-C DIR " for running lexgit in a temporary repository.
inline std::string in(const TempDir& dir) { return "-C " + quote(dir.path) + " "; }

// Runs git in `dir` (output, both streams, into `out`); its exit status.
// Whoever owns the repository (a test may give it to another user).
inline int git(const TempDir& dir, const std::string& args, std::string* out = nullptr) {
  TempDir scratch;  // outside the work tree, so that git status does not see it
  std::string file = (scratch.path / "out").string();
  int rc = std::system(("git -c safe.directory='*' -C " + quote(dir.path) + " " + args + " >" + file + " 2>&1").c_str());
  if (out) *out = read_file(file);
  return WEXITSTATUS(rc);
}

// `git status --porcelain` in `dir` (with `options`, e.g. --untracked-files=all):
// empty when the index and the work tree agree with HEAD.
inline std::string git_status(const TempDir& dir, const std::string& options = "") {
  std::string out;
  git(dir, "status --porcelain" + (options.empty() ? std::string() : " " + options), &out);
  return out;
}

// A new repository whose first commit is `config` as .lexgit.yaml ("通知设置"),
// also written to the work tree.
inline void init_with_settings(const std::filesystem::path& dir, const std::string& config, const std::string& author) {
  Repository repo = Repository::init(dir);
  Repository::CommitRequest settings;
  settings.files[".lexgit.yaml"] = config;
  settings.message = "通知设置";
  settings.author = author;
  repo.commit(settings);
  write_file(dir / ".lexgit.yaml", config);
}

// The commit HEAD names in `dir`.
inline std::string git_head(const TempDir& dir) {
  std::string out;
  git(dir, "rev-parse HEAD", &out);
  return out.substr(0, out.find('\n'));
}

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

// Runs a shell command; its stdout and stderr are captured.
inline Run sh(const std::string& command) {
  TempDir scratch;
  std::string out = (scratch.path / "out").string(), err = (scratch.path / "err").string();
  int raw = std::system((command + " >" + out + " 2>" + err + " </dev/null").c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read_file(out), read_file(err)};
}

// A loopback port nobody listens on now (git daemon cannot take port 0).
inline int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t size = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size);
  ::close(fd);
  return ntohs(addr.sin_port);
}

inline bool accepts(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

// git daemon serving the repositories under `root` read-write on loopback
// (git://127.0.0.1:PORT/NAME.git); stopped (by its pid) at the end.
struct GitDaemon {
  int port = 0;
  pid_t pid = 0;

  explicit GitDaemon(const std::filesystem::path& root) {
    std::filesystem::path pid_file = root / "daemon.pid";
    for (int attempt = 0; attempt < 5 && pid == 0; ++attempt) {
      port = free_port();
      Run r = sh("git daemon --detach --reuseaddr --listen=127.0.0.1 --port=" + std::to_string(port) +
                 " --export-all --enable=receive-pack --base-path=" + quote(root) + " --pid-file=" + quote(pid_file) + " " + quote(root));
      if (r.status != 0) continue;
      for (int wait = 0; wait < 100 && !accepts(port); ++wait) std::this_thread::sleep_for(std::chrono::milliseconds(20));
      if (accepts(port)) pid = std::stoi(read_file(pid_file));
    }
    REQUIRE(pid > 0);
  }
  ~GitDaemon() {
    if (pid > 0) ::kill(pid, SIGTERM);
  }
  GitDaemon(const GitDaemon&) = delete;
  GitDaemon& operator=(const GitDaemon&) = delete;

  std::string url(const std::string& name) const { return "git://127.0.0.1:" + std::to_string(port) + "/" + name; }
};

}  // namespace lexgit::test
