// lexgit's one error type: a code (which decides the exit status), a message,
// and where in the user's input the problem is.
#pragma once

#include <stdexcept>
#include <string>

namespace lexgit {

enum class ErrorCode {
  Usage,     // the command line is wrong                    -> exit 2
  BadInput,  // a document, file or value is invalid         -> exit 3
  NotFound,  // a document, clause, file or revision is absent -> exit 3
  Conflict,  // someone else changed the same thing first     -> exit 4
  Internal,  // a library failed in a way the user cannot fix -> exit 1
};

struct Location {
  std::string file;  // empty when the problem is not in a file
  int line = 0;      // 1-based; 0 when unknown
};

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message, Location where = {})
      : std::runtime_error(message), code_(code), where_(std::move(where)) {}

  ErrorCode code() const noexcept { return code_; }
  const Location& where() const noexcept { return where_; }
  std::string message() const { return what(); }

  // "file:line: message", or just the message when there is no location.
  std::string describe() const {
    if (where_.file.empty()) return message();
    std::string s = where_.file;
    if (where_.line > 0) s += ":" + std::to_string(where_.line);
    return s + ": " + message();
  }

  int exit_status() const noexcept {
    switch (code_) {
      case ErrorCode::Usage: return 2;
      case ErrorCode::BadInput:
      case ErrorCode::NotFound: return 3;
      case ErrorCode::Conflict: return 4;
      case ErrorCode::Internal: return 1;
    }
    return 1;
  }

 private:
  ErrorCode code_;
  Location where_;
};

}  // namespace lexgit
